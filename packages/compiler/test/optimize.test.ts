import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { Column, Row } from "@scn/runtime";
import { optimizeDecision } from "../src/optimize/optimize.js";
import { mergeRows } from "../src/optimize/merge-rows.js";
import { dropUntestedColumns } from "../src/optimize/drop-columns.js";
import type { LoweredDecision } from "../src/lower/lowered.js";
import { firstHit, indexedHit } from "./support/table-evaluator.js";
import { contextArbitrary, decisionArbitrary } from "./support/random-table.js";

/** The answer a table gives: the outcome's rule, or null when no row matches. */
function ruleOf(decision: LoweredDecision, row: number): string | null {
  return row < 0 ? null : (decision.outcomes[(decision.rows[row] as Row).outcome]?.rule ?? "missing outcome");
}

const channel: Column = { path: "order.channel", type: "enum", values: ["online", "store", "app"] };
const days: Column = { path: "order.days", type: "int" };
const unused: Column = { path: "visit.hour", type: "int" };

function table(rows: Row[], columns: Column[] = [channel, days, unused]): LoweredDecision {
  const outcomes = ["a", "b", "c"].map((s) => ({ rule: `${s}/p`, scenario: s, pathway: "p", variation: null, output: {}, metrics: [] }));
  return { name: "d", title: null, default: null, columns, outcomes, rows };
}

describe("merging rows", () => {
  it("merges adjacent rows with the same outcome that differ in one column", () => {
    const merged = mergeRows(
      table([
        { outcome: 0, tests: { "0": { eq: "online" }, "1": { range: [[0, 30, true, true]] } }, src: [0, 1, 1] },
        { outcome: 0, tests: { "0": { eq: "app" }, "1": { range: [[0, 30, true, true]] } }, src: [0, 2, 1] },
      ]),
    );
    expect(merged.rows).toEqual([{ outcome: 0, tests: { "0": { in: ["app", "online"] }, "1": { range: [[0, 30, true, true]] } }, src: [0, 1, 1] }]);
  });

  it("joins integer ranges that touch", () => {
    const merged = mergeRows(
      table([
        { outcome: 1, tests: { "1": { range: [[0, 5, true, true]] } }, src: [0, 1, 1] },
        { outcome: 1, tests: { "1": { range: [[5, 9, false, true]] } }, src: [0, 2, 1] },
      ]),
    );
    expect(merged.rows.map((r) => r.tests)).toEqual([{ "1": { range: [[0, 9, true, true]] } }]);
  });

  it("does not move a row across an overlapping row with another outcome", () => {
    const rows: Row[] = [
      { outcome: 0, tests: { "0": { eq: "online" } }, src: [0, 1, 1] },
      { outcome: 1, tests: { "1": { range: [[null, 10, false, true]] } }, src: [0, 2, 1] },
      { outcome: 0, tests: { "0": { eq: "app" } }, src: [0, 3, 1] },
    ];
    // `app` with days 5 hits row 1 (outcome b); placing the merged row first would answer a.
    // Placing it last would let row 1 steal `online` with days 5. So nothing merges.
    expect(mergeRows(table(rows)).rows).toHaveLength(3);
  });

  it("moves a row across a row that cannot overlap it", () => {
    const rows: Row[] = [
      { outcome: 0, tests: { "0": { eq: "online" } }, src: [0, 1, 1] },
      { outcome: 1, tests: { "0": { eq: "store" } }, src: [0, 2, 1] },
      { outcome: 0, tests: { "0": { eq: "app" } }, src: [0, 3, 1] },
    ];
    expect(mergeRows(table(rows)).rows.map((r) => r.tests)).toEqual([{ "0": { in: ["app", "online"] } }, { "0": { eq: "store" } }]);
  });

  it("drops a test that two rows cover together, absence included", () => {
    const rows: Row[] = [
      { outcome: 0, tests: { "0": { present: false }, "1": { eq: 3 } }, src: [0, 1, 1] },
      { outcome: 0, tests: { "0": { present: true }, "1": { eq: 3 } }, src: [0, 2, 1] },
    ];
    expect(mergeRows(table(rows)).rows.map((r) => r.tests)).toEqual([{ "1": { eq: 3 } }]);
  });
});

describe("dropping columns", () => {
  it("removes untested columns and renumbers tests", () => {
    const dropped = dropUntestedColumns(table([{ outcome: 0, tests: { "1": { eq: 3 } }, src: [0, 1, 1] }]));
    expect(dropped.columns).toEqual([days]);
    expect(dropped.rows[0]?.tests).toEqual({ "0": { eq: 3 } });
  });
});

describe("the optimizer keeps first-hit meaning", () => {
  it("lowered rows ≡ optimized rows ≡ optimized rows through the index, on random tables and hostile contexts", () => {
    const cases = decisionArbitrary.chain((decision) =>
      fc.tuple(fc.constant(decision), fc.array(contextArbitrary(decision.columns), { minLength: 1, maxLength: 25 })),
    );
    fc.assert(
      fc.property(cases, ([lowered, contexts]) => {
        const { decision, index } = optimizeDecision(lowered);
        for (const context of contexts) {
          const expected = ruleOf(lowered, firstHit(lowered.columns, lowered.rows, context));
          expect(ruleOf(decision, firstHit(decision.columns, decision.rows, context))).toBe(expected);
          expect(ruleOf(decision, indexedHit(decision.columns, decision.rows, index, context).row)).toBe(expected);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("never has more rows, columns or outcomes than it started with", () => {
    fc.assert(
      fc.property(decisionArbitrary, (lowered) => {
        const { decision, stats } = optimizeDecision(lowered);
        expect(stats.rowsBefore).toBe(lowered.rows.length);
        expect(decision.rows.length).toBeLessThanOrEqual(lowered.rows.length);
        expect(decision.columns.length).toBeLessThanOrEqual(lowered.columns.length);
        expect(decision.outcomes.length).toBeLessThanOrEqual(lowered.outcomes.length);
      }),
    );
  });
});
