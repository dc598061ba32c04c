/**
 * The optimizer's contract, end to end (docs/optimizer.md): on random well-typed
 * programs and random (often hostile) contexts, every evaluator agrees with
 * the reference interpreter for every decision:
 *   interpret ≡ lowered rows ≡ optimized rows ≡ optimized rows through the
 *   index ≡ the JSON runtime on the bundle ≡ the generated JS module.
 * About one random program in six gets an index with `union` nodes (rows
 * that ignore a column indexed apart from rows that dispatch on it); the
 * test fails if none did, so the node is always covered.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { loadBundle } from "@scn/runtime";
import { compiledProgram, loweredDecisions } from "./support/compile.js";
import { emitJs } from "../src/emit/js.js";
import { interpret } from "../src/semantics/interpret.js";
import { arbitraryContext, arbitraryProgram } from "./arbitrary/index.js";
import { evaluateRows } from "./arbitrary/rows.js";
import { importModule } from "./support/table-bundle.js";
import { firstHit, indexedHit } from "./support/table-evaluator.js";

describe("differential: every evaluator agrees with the interpreter", () => {
  it("on random programs and contexts", async () => {
    const cases = arbitraryProgram({ experiments: true }).chain((program) => fc.tuple(fc.constant(program), fc.array(arbitraryContext(program), { minLength: 1, maxLength: 12 })));
    let withUnion = 0;
    await fc.assert(
      fc.asyncProperty(cases, async ([program, contexts]) => {
        const { bundle } = compiledProgram(program);
        if (Object.values(bundle.decisions).some((table) => table.index.nodes.some((node) => "union" in node))) withUnion++;
        const lowered = loweredDecisions(program);
        const runtime = loadBundle(JSON.parse(JSON.stringify(bundle)));
        const module = await importModule(emitJs(bundle));
        for (const context of contexts) {
          for (const decision of program.decisions) {
            const expected = interpret(program, decision.name, context);
            const rows = evaluateRows(lowered.find((d) => d.name === decision.name)!, context);
            expect({ reason: rows.reason, rule: rows.rule, output: rows.output }).toEqual({
              reason: expected.reason,
              rule: expected.rule,
              output: expected.output,
            });
            const table = bundle.decisions[decision.name]!;
            const hit = firstHit(table.columns, table.rows, context);
            const rule = hit < 0 ? null : table.outcomes[table.rows[hit]!.outcome]!.rule;
            expect(rule).toBe(expected.rule);
            expect(indexedHit(table.columns, table.rows, table.index, context).row).toBe(hit);
            expect(runtime.decide(decision.name, context)).toEqual(expected);
            expect(module.decide(decision.name, context)).toEqual(expected);
          }
        }
      }),
      { numRuns: 150 },
    );
    expect(withUnion).toBeGreaterThan(0);
  });
});
