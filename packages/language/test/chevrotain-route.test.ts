// Chevrotain is loaded only for a text with a lexical or syntax error
// (route-slot.ts). The package's entry point installs it from the start, and
// test files share their modules, so this runs the built parse (dist/) in a
// process of its own, without the entry point, as the command line's bundle
// has it: with a loader that counts its calls, then one that requires the
// route as the bundle's does. No file without an error may call the loader,
// and a file with one gets exactly the diagnostics and tree of the entry
// point, which has chevrotain from the start.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseFile } from "@scn/language";
import { scnFiles } from "./support/mutated-sources.js";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const DIST = join(ROOT, "packages/language/dist");
const SYNTAX = join(ROOT, "test/corpus/syntax");

/**
 * Parses each file given (paths in argv) with the built parse-file.js and
 * prints, per file, whether it asked for chevrotain (the loader refuses, so
 * such a parse throws); with `--load`, the loader requires the route
 * instead and each parse result is printed.
 */
const SCRIPT = `
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
const dist = process.argv[1];
const load = process.argv[2] === "--load";
const paths = process.argv.slice(3);
const { parseFile } = await import(dist + "/parse-file.js");
const slot = await import(dist + "/route-slot.js");
let asked = 0;
slot.setChevrotainRouteLoader(() => {
  asked += 1;
  if (load) return createRequire(dist + "/")("./chevrotain-route.js");
  throw new Error("chevrotain asked for");
});
const results = paths.map((path) => {
  const before = asked;
  try {
    const parsed = parseFile(readFileSync(path, "utf8"), path);
    return { asked: asked > before, parsed: load ? parsed : null };
  } catch (error) {
    if (error.message !== "chevrotain asked for") throw error;
    return { asked: true, parsed: null };
  }
});
const chevrotain = await import("chevrotain");
const { TOKENS_IN_ORDER } = await import(dist + "/lexer.js");
process.stdout.write(JSON.stringify({ results, loaded: slot.isChevrotainRouteLoaded(), numbers: TOKENS_IN_ORDER.map((type) => type.tokenTypeIdx ?? null), eof: chevrotain.EOF.tokenTypeIdx }));
`;

interface Run {
  readonly results: { readonly asked: boolean; readonly parsed: unknown }[];
  readonly loaded: boolean;
  readonly numbers: (number | null)[];
  readonly eof: number;
}

function parseApart(paths: readonly string[], load: boolean): Run {
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", SCRIPT, DIST, load ? "--load" : "--refuse", ...paths], {
    cwd: join(ROOT, "packages/language"),
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
    timeout: 60_000,
  });
  expect(run.stderr).toBe("");
  return JSON.parse(run.stdout) as Run;
}

describe("chevrotain's route", () => {
  it("is not loaded for any file of the repository without a lexical or syntax error", () => {
    const paths = ["examples", "packages", "test", "docs"]
      .flatMap((dir) => scnFiles(join(ROOT, dir)))
      .filter((path) => !parseFile(readFileSync(path, "utf8"), path).diagnostics.some((d) => d.code.startsWith("SCN1")));
    // Rule ids (`expect d = a/b`), comments and every construct of the examples among them.
    expect(paths.length).toBeGreaterThan(100);
    const run = parseApart(paths, false);
    expect(run.results.filter((result) => result.asked)).toEqual([]);
    expect(run.loaded).toBe(false);
    // Chevrotain has not seen the token types, so they have no number of its yet.
    expect(run.numbers.every((n) => n === null)).toBe(true);
  });

  it("is loaded for a file with a syntax error, and gives the diagnostics and tree of the entry point", () => {
    const names = readdirSync(SYNTAX).filter((name) => name.endsWith(".scn")).sort();
    const paths = names.map((name) => join(SYNTAX, name));
    const refused = parseApart(paths, false);
    // Out-of-range numbers, invalid dates and escapes, and nesting past the limit are found without chevrotain.
    const withoutChevrotain = /^SCN10(0[2367]|10)-/;
    expect(refused.results.map((result) => result.asked)).toEqual(names.map((name) => !withoutChevrotain.test(name)));

    const loaded = parseApart(paths, true);
    expect(loaded.loaded).toBe(true);
    for (const [i, path] of paths.entries()) {
      expect(loaded.results[i]?.parsed, path).toEqual(JSON.parse(JSON.stringify(parseFile(readFileSync(path, "utf8"), path))));
    }
    // Chevrotain numbers the types in the order lexer.ts makes them, as its createToken did when lexer.ts called it.
    const first = loaded.numbers[0] as number;
    expect(first).toBeGreaterThan(loaded.eof);
    expect(loaded.numbers).toEqual(loaded.numbers.map((_, i) => first + i));
  });
});
