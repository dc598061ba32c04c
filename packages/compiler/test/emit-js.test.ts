import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { loadBundle, type Answer } from "@scn/runtime";
import { emitCjs, emitJs } from "../src/emit-js.js";
import type { LoweredDecision } from "../src/lowered.js";
import { contextArbitrary, decisionArbitrary } from "./support/random-table.js";
import { arbitraryContext, arbitraryProgram } from "./arbitrary/index.js";
import { compileProgram } from "../src/compile.js";
import { bundleOfTables, importModule } from "./support/table-bundle.js";
import { firstHit } from "./support/table-evaluator.js";

function expectedRule(decision: LoweredDecision, context: unknown): string | null {
  const row = firstHit(decision.columns, decision.rows, context);
  return row < 0 ? null : (decision.outcomes[decision.rows[row]!.outcome]?.rule ?? null);
}

const channel = { path: "order.channel", type: "enum" as const, values: ["online", "store", "app"] };
const days = { path: "order.days", type: "int" as const };
const sample: LoweredDecision = {
  name: "store_returns",
  title: "Store returns",
  default: { action: "manager_review" },
  columns: [channel, days],
  outcomes: [
    { rule: "s/within", scenario: "s", pathway: "within", variation: null, output: { action: "express" }, metrics: ["m"] },
    { rule: "s/outside", scenario: "s", pathway: "outside", variation: null, output: { action: "goodwill" }, metrics: ["m"] },
  ],
  rows: [
    { outcome: 0, tests: { "0": { eq: "online" }, "1": { range: [[null, 30, false, true]] } }, src: [0, 3, 3] },
    { outcome: 1, tests: { "0": { eq: "online" } }, src: [0, 9, 3] },
  ],
};

describe("the JS module", () => {
  it("answers like the runtime on a small table, and has no imports or eval", async () => {
    const bundle = bundleOfTables([sample], [{ name: "personalization", path: "customer.consent" }]);
    const source = emitJs(bundle);
    expect(source).not.toMatch(/^\s*import\s|import\(|\beval\(|\bFunction\(|\brequire\(/m);
    const module = await importModule(source);
    const runtime = loadBundle(bundle);
    for (const context of [
      { order: { channel: "online", days: 3 } },
      { order: { channel: "online", days: 45 } },
      { order: { channel: "store", days: 3 }, customer: { consent: true } },
      { order: { channel: "online" } },
      {},
      null,
      { order: JSON.parse('{"__proto__": {"channel": "online"}}') },
    ]) {
      const answer = module.decide("store_returns", context);
      expect(answer).toEqual(runtime.decide("store_returns", context));
      expect((module["store_returns"] as (c: unknown) => Answer)(context)).toEqual(answer);
    }
    expect(module.bundle).toEqual({ hash: bundle.hash, decisions: ["store_returns"] });
    expect(() => module.decide("nope", {})).toThrow(RangeError);
    expect(Object.isFrozen(module.decide("store_returns", {}).output)).toBe(true);
  });

  it("reads own properties only, never inherited ones", async () => {
    const module = await importModule(emitJs(bundleOfTables([sample])));
    const inherited = Object.create({ order: { channel: "online", days: 1 } });
    expect(module.decide("store_returns", inherited).reason).toBe("default");
    const getterless = { order: Object.create({ channel: "online" }, { days: { value: 1, enumerable: true } }) };
    expect(module.decide("store_returns", getterless).reason).toBe("default");
  });

  it("has a CommonJS variant with the same answers", async () => {
    const bundle = bundleOfTables([sample]);
    const esm = await importModule(emitJs(bundle));
    const cjs = await importModule(emitCjs(bundle), ".cjs");
    const context = { order: { channel: "online", days: 40 } };
    expect(cjs.decide("store_returns", context)).toEqual(esm.decide("store_returns", context));
    expect(cjs.bundle).toEqual(esm.bundle);
  });

  it("validates contexts exactly as the runtime does", async () => {
    const cases = arbitraryProgram().chain((program) => fc.tuple(fc.constant(program), fc.array(arbitraryContext(program), { minLength: 1, maxLength: 8 })));
    await fc.assert(
      fc.asyncProperty(cases, async ([program, contexts]) => {
        const { bundle } = compileProgram(program, { sources: program.files });
        const module = await importModule(emitJs(bundle));
        const runtime = loadBundle(bundle);
        for (const context of contexts) expect(module.validateContext(context)).toEqual(runtime.validateContext(context));
      }),
      { numRuns: 30 },
    );
  });

  it("gives the same answers as the lowered rows and the JSON runtime on random tables", async () => {
    const cases = decisionArbitrary.chain((decision) =>
      fc.tuple(fc.constant(decision), fc.array(contextArbitrary(decision.columns), { minLength: 1, maxLength: 20 })),
    );
    await fc.assert(
      fc.asyncProperty(cases, async ([lowered, contexts]) => {
        const bundle = bundleOfTables([lowered]);
        const module = await importModule(emitJs(bundle));
        const runtime = loadBundle(bundle);
        for (const context of contexts) {
          const fromModule = module.decide("d", context);
          expect(fromModule.rule).toBe(expectedRule(lowered, context));
          expect(fromModule).toEqual(runtime.decide("d", context));
        }
      }),
      { numRuns: 120 },
    );
  });
});
