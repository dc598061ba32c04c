// The diagnostic catalog is consistent, documented, and honest: every entry
// has a unique code and name, docs/diagnostics.md is generated from it and
// up to date, and every entry's example produces exactly its own code.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CATALOG, exampleSources, type CatalogEntry, type Diagnostic } from "@scn/language";
import { compile } from "@scn/compiler";
// The generator is plain JavaScript so that it runs with `node` alone.
import { DOC_PATH, renderDiagnosticsDoc } from "../../../scripts/gen-diagnostics-doc.mjs";

const TODAY = "2026-06-01";

/** Everything the toolchain reports for a program: syntax, checker, and (on a clean check) analysis. */
function diagnose(entry: CatalogEntry): readonly Diagnostic[] {
  return compile(exampleSources(entry), { today: TODAY, stopAfter: "analyze" }).diagnostics;
}

describe("catalog", () => {
  it("has unique, well-formed codes and names", () => {
    const codes = CATALOG.map((entry) => entry.code);
    const names = CATALOG.map((entry) => entry.name);
    expect(new Set(codes).size).toBe(codes.length);
    expect(new Set(names).size).toBe(names.length);
    for (const entry of CATALOG) {
      expect(entry.code).toMatch(/^SCN[1-4]\d{3}$/);
      expect(entry.name).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(["error", "warning", "info"]).toContain(entry.severity);
      expect(entry.summary.trim()).not.toBe("");
      expect(entry.example.trim()).not.toBe("");
    }
  });

  it.each(CATALOG.map((entry) => [entry.code, entry.name, entry] as const))("%s %s: its example reports it and no other error or warning", (code, _name, entry) => {
    const diagnostics = diagnose(entry);
    expect(diagnostics.map((diagnostic) => diagnostic.code)).toContain(code);
    const others = diagnostics.filter((diagnostic) => diagnostic.code !== code && diagnostic.severity !== "info");
    expect(others.map((diagnostic) => `${diagnostic.code} ${diagnostic.message}`)).toEqual([]);
  });

  it("docs/diagnostics.md is generated from the catalog and up to date", () => {
    const committed = readFileSync(DOC_PATH, "utf8");
    // If this fails: run `npx tsc -b tsconfig.build.json && node scripts/gen-diagnostics-doc.mjs`.
    expect(committed).toBe(renderDiagnosticsDoc(CATALOG));
  });

  it("documents every code with its summary and example", () => {
    const committed = readFileSync(DOC_PATH, "utf8");
    for (const entry of CATALOG) {
      expect(committed).toContain(`### ${entry.code}`);
      expect(committed).toContain(entry.summary);
      // Very long examples (the file-size limit's) are shown by their start.
      const example = entry.example.trimEnd();
      expect(committed).toContain(example.length <= 4000 ? example : example.slice(0, 80));
    }
  });
});
