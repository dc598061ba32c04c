import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { findConfigFile, loadConfigFile } from "../src/config.js";
import { expandGlobs, globToRegExp } from "../src/glob.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "scn-config-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function writeConfig(value: unknown): string {
  const file = join(dir, "scn.config.json");
  writeFileSync(file, typeof value === "string" ? value : JSON.stringify(value));
  return file;
}

describe("globs", () => {
  it.each([
    ["scenarios/**/*.scn", "scenarios/a.scn", true],
    ["scenarios/**/*.scn", "scenarios/x/y/a.scn", true],
    ["scenarios/**/*.scn", "other/a.scn", false],
    ["*.scn", "a.scn", true],
    ["*.scn", "x/a.scn", false],
    ["a?.scn", "ab.scn", true],
    ["a.scn", "aXscn", false],
  ])("%s matches %s: %s", (pattern, path, expected) => {
    expect(globToRegExp(pattern).test(path)).toBe(expected);
  });

  it("expands patterns relative to a root, sorted", () => {
    mkdirSync(join(dir, "s", "deep"), { recursive: true });
    writeFileSync(join(dir, "s", "b.scn"), "");
    writeFileSync(join(dir, "s", "deep", "a.scn"), "");
    writeFileSync(join(dir, "s", "notes.txt"), "");
    expect(expandGlobs(dir, ["s/**/*.scn"])).toEqual(["s/b.scn", "s/deep/a.scn"]);
  });
});

describe("scn.config.json", () => {
  it("is found by walking up from a subdirectory", () => {
    const file = writeConfig({ sources: ["**/*.scn"] });
    mkdirSync(join(dir, "a", "b"), { recursive: true });
    expect(findConfigFile(join(dir, "a", "b"))).toBe(file);
  });

  it("loads every setting, resolving diagnostic names to codes", () => {
    const file = writeConfig({ sources: ["s/**/*.scn"], outDir: "out", targets: ["json", "js"], today: "2027-01-02", severity: {} });
    const result = loadConfigFile(file);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.config).toMatchObject({ sources: ["s/**/*.scn"], outDir: "out", targets: ["json", "js"], today: "2027-01-02", root: dir });
    }
  });

  it.each([
    [{ sources: "x.scn" }, "at `sources`: expected array"],
    [{ targets: ["json", "wasm"] }, 'at `targets.1`: "wasm" is not allowed; use one of "json", "js", "cjs", "dts", "vectors"'],
    [{ outdir: "x" }, "at `(top level)`: unknown key `outdir`"],
    [{ severity: { "SCN0000": "off" } }, "at `severity.SCN0000`: no diagnostic has this code or name"],
    [{ severity: { "unused-thing": "loud" } }, 'at `severity.unused-thing`: "loud" is not allowed; use one of "error", "warning", "info", "off"'],
    [{ today: "tomorrow" }, "at `today`: does not match the expected form (YYYY-MM-DD)"],
    // These two take the compiled validator's runtime helpers (deep equality, string length).
    [{ targets: ["json", "json"] }, "at `targets`: must NOT have duplicate items"],
    [{ outDir: "" }, "at `outDir`: must NOT have fewer than 1 characters"],
    ["{ not json", "it is not valid JSON"],
  ])("rejects %j naming the path and what is allowed", (value, message) => {
    const result = loadConfigFile(writeConfig(value));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(message);
  });
});

describe("the config schema", () => {
  // The validator is compiled from the schema ahead of time, so the schema
  // itself is checked here rather than when a command starts.
  it("is a valid JSON Schema 2020-12 under ajv's strict mode", () => {
    const schema = JSON.parse(readFileSync(new URL("../schema/scn.config.schema.json", import.meta.url), "utf8")) as object;
    const ajv = new Ajv2020({ strict: true });
    expect(ajv.validateSchema(schema), JSON.stringify(ajv.errors)).toBe(true);
    expect(() => ajv.compile(schema)).not.toThrow();
  });

  it("is what src/config-validator.ts was compiled from (run packages/cli/scripts/config-validator.mjs when it changes)", async () => {
    const { configValidatorSource, VALIDATOR_FILE } = await import("../scripts/config-validator.mjs");
    expect(readFileSync(VALIDATOR_FILE, "utf8")).toBe(configValidatorSource());
  });
});
