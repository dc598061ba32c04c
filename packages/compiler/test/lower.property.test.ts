import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { interpret, pruneUnreachableRows } from "@scn/compiler";
import { loweredDecisions } from "./support/compile.js";
import { lowerDecision } from "../src/lower/lower.js";
import { arbitraryContext, arbitraryProgram } from "./arbitrary/index.js";
import { evaluateRows } from "./arbitrary/rows.js";

const summary = (a: { reason: string; rule: string | null; output: unknown; metrics: readonly string[] }) => ({
  reason: a.reason,
  rule: a.rule,
  output: a.output,
  metrics: a.metrics,
});

const programWithContexts = arbitraryProgram().chain((program) => fc.tuple(fc.constant(program), fc.array(arbitraryContext(program), { minLength: 1, maxLength: 25 })));

describe("lowered rows agree with the reference interpreter", () => {
  it("first-hit evaluation of the rows gives interpret's answer", () => {
    fc.assert(
      fc.property(programWithContexts, ([program, contexts]) => {
        const lowered = loweredDecisions(program);
        for (const decision of lowered) {
          for (const context of contexts) {
            expect(summary(evaluateRows(decision, context))).toEqual(summary(interpret(program, decision.name, context)));
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it("pruning unreachable rows keeps every answer", () => {
    fc.assert(
      fc.property(programWithContexts, ([program, contexts]) => {
        for (const decision of loweredDecisions(program)) {
          const pruned = pruneUnreachableRows(decision);
          expect(pruned.rows.length).toBeLessThanOrEqual(decision.rows.length);
          // Asking the union so far from the first row prunes exactly the same rows.
          expect(pruneUnreachableRows(decision, { minimumOpen: 0 }).rows).toEqual(pruned.rows);
          for (const context of contexts) expect(summary(evaluateRows(pruned, context))).toEqual(summary(interpret(program, decision.name, context)));
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("the row limit", () => {
  it("is found while lowering counts rows, exactly when the rows built would pass it", () => {
    fc.assert(
      fc.property(arbitraryProgram(), (program) => {
        for (const decision of program.decisions) {
          const lowered = lowerDecision(program, decision.name);
          if (lowered.value === null) continue;
          // Rows are built when first read; the count decided the limit before.
          const rows = lowered.value.rows.length;
          expect(lowerDecision(program, decision.name, { rows }).value).not.toBeNull();
          if (rows > 0) {
            const past = lowerDecision(program, decision.name, { rows: rows - 1 });
            expect(past.value).toBeNull();
            expect(past.diagnostics.map((d) => d.code)).toEqual(["SCN3007"]);
            expect(past.diagnostics[0]!.message).toContain(`more than ${rows - 1} rows`);
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
