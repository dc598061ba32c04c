/**
 * The installed command loads chevrotain only for a file with a lexical or
 * syntax error (docs/cli.md, "Start-up"): the bundle keeps it in
 * `syntax-route.js`, which the parse requires when a text has an error.
 * These run the installed bin with a preloaded probe that reports, at exit,
 * whether that file was required, and hold its diagnostics for files with
 * errors to the in-process command's, which has chevrotain from the start.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { spawnSync } from "node:child_process";
import { scn } from "./harness.js";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const BIN = join(ROOT, "packages/cli/bin/scn.js");

/** Preloaded with `--require`: prints on exit how many modules named syntax-route.js were required. */
const PROBE = `process.on("exit", () => process.stderr.write("syntax-route loaded: " + Object.keys(require.cache).filter((path) => path.endsWith("syntax-route.js")).length + "\\n"));\n`;

let tmp: string;
let probe: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "scn-start-up-"));
  probe = join(tmp, "probe.cjs");
  writeFileSync(probe, PROBE);
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Runs the installed bin with the probe: its output, and whether it loaded chevrotain's route. */
function run(args: readonly string[], cwd: string): { code: number | null; stdout: string; stderr: string; loaded: boolean } {
  const result = spawnSync(process.execPath, ["--require", probe, BIN, ...args], { cwd, encoding: "utf8", timeout: 60_000 });
  const loaded = /syntax-route loaded: (\d+)\n$/.exec(result.stderr);
  expect(loaded, result.stderr).not.toBeNull();
  return { code: result.status, stdout: result.stdout, stderr: result.stderr.slice(0, loaded?.index ?? 0), loaded: Number(loaded?.[1]) > 0 };
}

describe("chevrotain at start-up", () => {
  it("is not loaded by a check, a build or a test of programs without syntax errors", () => {
    // The retail example has rule ids (`expect d = a/b`), comments and every kind of declaration.
    cpSync(join(ROOT, "examples/retail"), join(tmp, "retail"), { recursive: true });
    for (const args of [["check", "retail"], ["test", "retail"], ["build", "retail"]]) {
      const result = run([...args, "--today", "2026-12-04"], tmp);
      expect(result.code, `${args.join(" ")}: ${result.stderr}`).toBe(0);
      expect(result.loaded, args.join(" ")).toBe(false);
    }
  });

  it("is loaded for files with lexical and syntax errors, which get the diagnostics of the in-process command", async () => {
    const syntax = join(ROOT, "test/corpus/syntax");
    // Out-of-range numbers, invalid dates and escapes, and nesting past the limit are found without chevrotain.
    const withoutChevrotain = readdirSync(syntax)
      .filter((name) => /^SCN10(0[2367]|10)-.*\.scn$/.test(name))
      .map((name) => join(syntax, name));
    expect(withoutChevrotain.length).toBeGreaterThan(3);
    for (const [paths, loads] of [[[syntax], true], [withoutChevrotain, false]] as const) {
      const args = ["check", "--format", "json", "--today", "2026-12-04", ...paths];
      const installed = run(args, ROOT);
      expect({ code: installed.code, stdout: installed.stdout, stderr: installed.stderr }).toEqual(await scn(args, ROOT));
      expect(installed.code).toBe(1);
      expect(installed.loaded).toBe(loads);
    }
  });
});
