/**
 * No source text can inject code into the generated module: decision,
 * scenario, enum and output strings full of quotes, backslashes, `${`,
 * `</script>`, `<!--`, `*\/` and line separators come back from the imported
 * module exactly as written, and never appear raw in the source.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { Column } from "@scn/runtime";
import { emitCjs, emitJs, decisionExportNames } from "../src/emit/js.js";
import { emitDts } from "../src/emit/dts.js";
import type { LoweredDecision } from "../src/lower/lowered.js";
import { bundleOfTables, importModule } from "./support/table-bundle.js";

const NASTY = ['"', "'", "`", "\\", "${", "</script>", "<!--", "-->", "*/", "/*", "\u2028", "\u2029", "\n", "\r", "__proto__", "constructor", "\u0000", "\ud800", "x"];
const nasty = fc.array(fc.oneof(fc.constantFrom(...NASTY), fc.string({ maxLength: 3 })), { minLength: 1, maxLength: 5 }).map((parts) => parts.join(""));

function decisionWith(name: string, member: string, scenario: string, message: string, key: string): LoweredDecision {
  const column: Column = { path: "pick", type: "enum", values: [member, "other"] };
  return {
    name,
    title: message,
    default: { [key]: message },
    columns: [column],
    outcomes: [{ rule: `${scenario}/p`, scenario, pathway: "p", variation: null, output: Object.fromEntries([[key, message]]), metrics: [] }],
    rows: [{ outcome: 0, tests: { "0": { eq: member } }, src: [0, 1, 1] }],
  };
}

describe("injection", () => {
  it("returns hostile strings exactly and keeps them out of code", async () => {
    await fc.assert(
      fc.asyncProperty(nasty, nasty, nasty, nasty, nasty, async (name, member, scenario, message, key) => {
        fc.pre(member !== "other");
        const bundle = bundleOfTables([decisionWith(name, member, scenario, message, key)], [{ name: key, path: "gate" }]);
        const source = emitJs(bundle);
        expect(source).not.toContain("</script");
        expect(source).not.toContain("<!--");
        expect(source).not.toMatch(/[\u2028\u2029]/);
        for (const module of [await importModule(source), await importModule(emitCjs(bundle), ".cjs")]) {
          const hit = module.decide(name, { pick: member, gate: true });
          expect(hit.decision).toBe(name);
          expect(hit.scenario).toBe(scenario);
          expect(hit.rule).toBe(`${scenario}/p`);
          expect(Object.keys(hit.output!)).toEqual([key]);
          expect(hit.output![key]).toBe(message);
          expect(Object.getOwnPropertyDescriptor(hit.consent, key)?.value).toBe(true);
          const miss = module.decide(name, { pick: "other" });
          expect(miss.reason).toBe("default");
          expect(Object.getOwnPropertyDescriptor(miss.output!, key)?.value).toBe(message);
          const exported = module[decisionExportNames(bundle).get(name)!] as (context: unknown) => unknown;
          expect(exported({ pick: member })).toEqual(module.decide(name, { pick: member }));
        }
        const dts = emitDts(bundle);
        expect(dts).not.toMatch(/[\u2028\u2029]/);
        expect(dts).not.toContain("</script");
      }),
      { numRuns: 60 },
    );
  });

  it("never lets a decision name shadow what the module itself uses", async () => {
    const names = ["Object", "Array", "Map", "JSON", "decide", "bundle", "validateContext", "default", "delete", "constructor", "$read", "1st"];
    const bundle = bundleOfTables(names.map((name) => decisionWith(name, "m", "s", "hello", "message")));
    const module = await importModule(emitJs(bundle));
    const exports = decisionExportNames(bundle);
    for (const name of names) {
      expect(module.decide(name, { pick: "m" }).output).toEqual({ message: "hello" });
      const exportName = exports.get(name)!;
      expect(exportName).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
      expect(typeof module[exportName]).toBe("function");
    }
    expect(new Set(exports.values()).size).toBe(names.length);
    expect(typeof module.validateContext).toBe("function");
  });
});
