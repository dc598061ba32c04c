/**
 * The generated declarations type-check under `strict`, describe what the
 * module exports, and make wrong uses (unknown decisions, rule ids that do not
 * exist, unnarrowed outputs) compile errors.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import ts from "typescript";
import { compiledProgram } from "./support/compile.js";
import { emitDts } from "../src/emit/dts.js";
import { arbitraryProgram } from "./arbitrary/index.js";
import { bundleOfTables } from "./support/table-bundle.js";
import type { Bundle } from "@scn/runtime";
import type { LoweredDecision } from "../src/lower/lowered.js";

/**
 * Type-checks each usage file against its declarations, all in one
 * TypeScript program (loading the standard library once), and returns the
 * diagnostics of each case as text.
 */
function typeCheck(cases: readonly { declarations: string; usage: string }[]): string[][] {
  const root = mkdtempSync(join(tmpdir(), "scn-dts-"));
  const usages = cases.map((c, i) => {
    const directory = join(root, `case${i}`);
    mkdirSync(directory);
    writeFileSync(join(directory, "scenarios.d.ts"), c.declarations);
    writeFileSync(join(directory, "use.ts"), c.usage);
    return join(directory, "use.ts");
  });
  const program = ts.createProgram(usages, {
    strict: true,
    noEmit: true,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    target: ts.ScriptTarget.ES2022,
    lib: ["lib.es2022.d.ts"],
    types: [],
  });
  const diagnostics = ts.getPreEmitDiagnostics(program);
  return usages.map((_, i) =>
    diagnostics
      .filter((d) => d.file === undefined || d.file.fileName.includes(`case${i}/`))
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n")),
  );
}

const table: LoweredDecision = {
  name: "store_returns",
  title: "Store returns",
  default: { action: "manager_review" },
  columns: [{ path: "order.channel", type: "enum", values: ["online", "store"] }],
  outcomes: [
    { rule: "online/within", scenario: "online", pathway: "within", variation: null, output: { action: "express" }, metrics: [] },
    { rule: "online/within/loyal", scenario: "online", pathway: "within", variation: "loyal", output: { action: "goodwill" }, metrics: [] },
  ],
  rows: [
    { outcome: 0, tests: { "0": { eq: "online" } }, src: [0, 1, 1] },
    { outcome: 1, tests: { "0": { eq: "store" } }, src: [0, 2, 1] },
  ],
};

describe("the .d.ts", () => {
  it("narrows answers by reason and rejects wrong decisions and rule ids", () => {
    const built = bundleOfTables([table], [{ name: "personalization", path: "consent" }]);
    // The bundle's decisions are read-only, so the output schema (which a
    // lowered table does not carry) goes into a copy of the decision.
    const bundle: Bundle = {
      ...built,
      decisions: {
        ...built.decisions,
        store_returns: {
          ...built.decisions["store_returns"]!,
          output: {
            type: "object",
            properties: { action: { type: "string", enum: ["express", "goodwill", "manager_review"] }, offer: { type: "string" } },
            required: ["action"],
            additionalProperties: false,
          },
        },
      },
    };
    const dts = emitDts(bundle);
    expect(dts).toContain('export type StoreReturnsRule = "online/within" | "online/within/loyal";');
    const usage = `
      import { decide, store_returns, validateContext, type StoreReturnsOutput, type StoreReturnsRule, type Context } from "./scenarios";
      declare const context: Context;
      const answer = decide("store_returns", context);
      if (answer.reason === "scenario") {
        const rule: StoreReturnsRule = answer.rule;
        const action: "express" | "goodwill" | "manager_review" = answer.output.action;
        const offer: string | undefined = answer.output.offer;
        void rule; void action; void offer;
      } else {
        const reason: "default" = answer.reason;
        const output: Readonly<StoreReturnsOutput> = answer.output;
        void reason; void output;
      }
      const consent: boolean = store_returns(context).consent.personalization;
      const problems: { path: string; message: string }[] = validateContext({});
      void consent; void problems;
      // @ts-expect-error an unknown decision
      decide("store_return", context);
      // @ts-expect-error a rule id the decision does not have
      const wrong: StoreReturnsRule = "online/outside";
      // @ts-expect-error the output may be the default's; without narrowing the rule may be null
      const unnarrowed: StoreReturnsRule = answer.rule;
      void wrong; void unnarrowed;
    `;
    expect(typeCheck([{ declarations: dts, usage }])).toEqual([[]]);
  });

  it("type-checks for random programs", () => {
    const cases = fc.sample(arbitraryProgram(), { numRuns: 12, seed: 11 }).map((program) => {
      const { bundle } = compiledProgram(program);
      const names = Object.keys(bundle.decisions);
      const usage = `
        import { decide, bundle, type Context, type Answer } from "./scenarios";
        declare const context: Context;
        ${names.map((name, i) => `export const a${i}: Answer<${JSON.stringify(name)}> = decide(${JSON.stringify(name)}, context);`).join("\n")}
        export const hash: string = bundle.hash;
      `;
      return { declarations: emitDts(bundle), usage };
    });
    expect(typeCheck(cases)).toEqual(cases.map(() => []));
  });
});
