import { describe, expect, it } from "vitest";
import { CATALOG, type Diagnostic } from "@scn/language";
import { compile } from "@scn/compiler";

const ANALYSIS_DIAGNOSTICS = CATALOG.filter((entry) => entry.code.startsWith("SCN3"));

/** Splits a catalog example into files at `// file: NAME.scn` lines. */
function files(example: string): { path: string; text: string }[] {
  const parts = example.split(/^\/\/ file: (.+)$/m);
  if (parts.length === 1) return [{ path: "example.scn", text: example }];
  const result: { path: string; text: string }[] = [];
  for (let i = 1; i < parts.length; i += 2) result.push({ path: parts[i]!.trim(), text: parts[i + 1]! });
  return result;
}

const notable = (d: Diagnostic) => d.severity !== "info";

describe("every analysis catalog example produces its own code", () => {
  it("lists the analysis codes", () => {
    expect(ANALYSIS_DIAGNOSTICS.map((e) => e.code)).toEqual(["SCN3001", "SCN3002", "SCN3003", "SCN3004", "SCN3005", "SCN3006", "SCN3007", "SCN3008"]);
  });

  it.each(ANALYSIS_DIAGNOSTICS.map((entry) => [entry.code, entry] as const))("%s", (code, entry) => {
    const checked = compile(files(entry.example), { today: "2026-01-01", stopAfter: "check" });
    expect(checked.diagnostics.filter(notable)).toEqual([]);
    const findings = compile(files(entry.example), { today: "2026-01-01", stopAfter: "analyze" }).diagnostics.filter((d) => !checked.diagnostics.includes(d));
    expect(findings.map((d) => d.code)).toContain(code);
    // No other error or warning; infos are allowed only when the entry is itself an info.
    const others = findings.filter((d) => d.code !== code && (notable(d) || entry.severity === "info"));
    expect(others).toEqual([]);
    for (const d of findings.filter((f) => f.code === code)) expect(d.severity).toBe(entry.severity);
  });
});
