/**
 * Golden output of `scn check` in every format on one fixture with an
 * analysis error and a warning that carry witnesses, a hygiene warning and a
 * note. `UPDATE_GOLDENS=1` rewrites the goldens; review them as diffs.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import ajvDraft04 from "ajv-draft-04";
import { expectGolden } from "../../../test/support/golden.js";
import { scn } from "./harness.js";

const require = createRequire(import.meta.url);
// ajv-draft-04 is CommonJS: Node's default import is its module.exports, the
// class itself, which also carries itself as `default`. TypeScript types that
// import as the whole module (NodeNext), so the class is read from `default`.
const AjvDraft04 = ajvDraft04.default;
const HERE = fileURLToPath(new URL(".", import.meta.url));
const FIXTURE = "fixtures/formats/offers.scn";

function golden(name: string, actual: string): void {
  expectGolden(`${HERE}golden/${name}`, actual, { testFile: "packages/cli/test/formats.test.ts" });
}

describe.each([
  ["pretty", "check.pretty.txt"],
  ["json", "check.json"],
  ["sarif", "check.sarif"],
  ["github", "check.github.txt"],
])("scn check --format %s", (format, file) => {
  it("matches its golden file and exits 1 on the error", async () => {
    const run = await scn(["check", "--format", format, "--today", "2027-01-01", FIXTURE], HERE);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(1);
    golden(file, run.stdout);
  });
});

describe("the machine formats carry witnesses and pass their schemas", () => {
  it("json: valid against the published schema, with witnesses", async () => {
    const run = await scn(["check", "--format", "json", "--today", "2027-01-01", FIXTURE], HERE);
    const document = JSON.parse(run.stdout);
    const schema = JSON.parse(readFileSync(`${HERE}../../language/schema/diagnostics.schema.json`, "utf8"));
    expect(new Ajv2020({ strict: true }).validate(schema, document)).toBe(true);
    const codes = document.diagnostics.map((d: { code: string }) => d.code);
    expect(new Set(document.diagnostics.map((d: { severity: string }) => d.severity))).toEqual(new Set(["error", "warning", "info"]));
    expect(document.diagnostics.filter((d: { witness?: unknown }) => d.witness !== undefined).length).toBeGreaterThanOrEqual(2);
    expect(codes).toContain("SCN4001");
  });

  it("sarif: valid against the official OASIS schema, with witnesses in properties", async () => {
    const run = await scn(["check", "--format", "sarif", "--today", "2027-01-01", FIXTURE], HERE);
    const log = JSON.parse(run.stdout);
    const schema = JSON.parse(readFileSync(require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"), "utf8"));
    const validate = new AjvDraft04({ strict: false, validateFormats: false, unicodeRegExp: false }).compile(schema);
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    const results = log.runs[0].results as { properties?: { witness?: unknown }; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[];
    expect(results.some((r) => r.properties?.witness !== undefined)).toBe(true);
    for (const r of results) expect(r.locations[0]!.physicalLocation.artifactLocation.uri).toBe(FIXTURE);
    for (const rule of log.runs[0].tool.driver.rules) {
      expect(rule.shortDescription.text).not.toBe("");
      expect(rule.fullDescription.text).not.toBe("");
      expect(rule.help.text).not.toBe("");
    }
  });

  it("github: errors first, witnesses inline", async () => {
    const run = await scn(["check", "--format", "github", "--today", "2027-01-01", FIXTURE], HERE);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^::error /);
    expect(lines.at(-1)).toMatch(/^::notice /);
    expect(run.stdout).toContain("witness: {");
  });
});
