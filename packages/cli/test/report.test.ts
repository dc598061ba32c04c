import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Ajv2020 } from "ajv/dist/2020.js";
import { scn } from "./harness.js";

const root = new URL("../../../", import.meta.url).pathname;
const out = mkdtempSync(join(tmpdir(), "scn-report-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe("scn report", () => {
  it("writes index.html and a report.json that matches its schema, one program per config", async () => {
    const run = await scn(["report", "examples/", "-o", out, "--today", "2026-12-03"], root);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("3 programs, 17 scenarios");
    const report = JSON.parse(readFileSync(join(out, "report.json"), "utf8"));
    const schema = JSON.parse(readFileSync(join(root, "packages/report/schema/report.schema.json"), "utf8"));
    expect(new Ajv2020({ strict: true }).validate(schema, report)).toBe(true);
    expect(report.programs.map((p: { name: string }) => p.name)).toEqual(["airline", "retail", "telecom"]);
    expect(report.today).toBe("2026-12-03");
    const html = readFileSync(join(out, "index.html"), "utf8");
    expect(html).toContain("Return an online purchase in a store");
  });

  it("still reports a program with errors: its findings, no decision tables, and a note", async () => {
    const dir = mkdtempSync(join(tmpdir(), "scn-report-broken-"));
    writeFileSync(
      join(dir, "broken.scn"),
      'context { visit: { channel: enum { web, store } } }\ndecision greet { output { text: string } }\nscenario s "Web" for greet {\n  owner "web"\n  situation visit.channel == webb\n  goal "g"\n  pathway p otherwise { text: "hi" }\n}\n',
    );
    const run = await scn(["report", dir, "-o", join(dir, "site")], root);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("has errors");
    const report = JSON.parse(readFileSync(join(dir, "site", "report.json"), "utf8"));
    rmSync(dir, { recursive: true, force: true });
    expect(report.programs[0].ok).toBe(false);
    expect(report.programs[0].findings.some((f: { severity: string; line: number }) => f.severity === "error" && f.line === 5)).toBe(true);
    expect(report.programs[0].decisions[0].table).toBeNull();
  });

  it("refuses a path with no .scn files", async () => {
    const run = await scn(["report", "docs/", "-o", join(out, "none")], root);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("no .scn files found");
  });
});
