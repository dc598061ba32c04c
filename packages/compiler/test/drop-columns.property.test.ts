/**
 * Dropping untested columns and unused outcomes returns the table as it is
 * when nothing is dropped (docs/optimizer.md#3-drop-untested-columns); both
 * are checked against the plain renumbering, which rebuilds every row.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Row, UnaryTest } from "@scn/runtime";
import type { LoweredDecision } from "../src/lower/lowered.js";
import { dropUntestedColumns, dropUnusedOutcomes } from "../src/optimize/drop-columns.js";
import { decisionArbitrary } from "./support/random-table.js";

/** Keeps the columns some row tests and renumbers every row's tests, in order. */
function plainColumns(decision: LoweredDecision): LoweredDecision {
  const kept = decision.columns.map((_, c) => decision.rows.some((row) => String(c) in row.tests));
  const number = (c: number) => kept.slice(0, c).filter(Boolean).length;
  const rows: Row[] = decision.rows.map((row) => {
    const tests: { [column: string]: UnaryTest } = {};
    for (const [key, test] of Object.entries(row.tests)) tests[String(number(Number(key)))] = test;
    return { outcome: row.outcome, tests, src: row.src };
  });
  return { ...decision, columns: decision.columns.filter((_, c) => kept[c]), rows };
}

/** Keeps the outcomes some row refers to and renumbers every row's outcome, in order. */
function plainOutcomes(decision: LoweredDecision): LoweredDecision {
  const kept = decision.outcomes.map((_, o) => decision.rows.some((row) => row.outcome === o));
  const number = (o: number) => kept.slice(0, o).filter(Boolean).length;
  return { ...decision, outcomes: decision.outcomes.filter((_, o) => kept[o]), rows: decision.rows.map((row) => ({ ...row, outcome: number(row.outcome) })) };
}

describe("dropping columns and outcomes", () => {
  it("gives the plain renumbering, and the table itself when nothing is dropped", () => {
    fc.assert(
      fc.property(decisionArbitrary, (decision) => {
        const columns = dropUntestedColumns(decision);
        expect(columns).toEqual(plainColumns(decision));
        expect(columns === decision).toBe(columns.columns.length === decision.columns.length);
        const outcomes = dropUnusedOutcomes(decision);
        expect(outcomes).toEqual(plainOutcomes(decision));
        expect(outcomes === decision).toBe(outcomes.outcomes.length === decision.outcomes.length);
      }),
      { numRuns: 500 },
    );
  });
});
