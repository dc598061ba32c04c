/**
 * The vectors' shortcut for row witnesses (docs/optimizer.md#conformance-witnesses):
 * the points pruning finds are carried through merging to the optimized
 * rows, and a walk of the index tells whether one still reaches its row.
 * Both are checked here against their definitions: the first row whose
 * tests all hold, over every row.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Column, Row } from "@scn/runtime";
import { buildIndex } from "../src/optimize/index/dag.js";
import { firstRowAt, reachesRow, rowHolds } from "../src/optimize/index/first-row.js";
import { optimizeDecision } from "../src/optimize/optimize.js";
import { representatives, type Probe } from "../src/boxes/test-algebra.js";
import { contextArbitrary, decisionArbitrary } from "./support/random-table.js";
import { readColumns } from "./support/table-evaluator.js";

/** The definition: the first row before `before` whose tests all hold. */
function firstHolding(rows: readonly Row[], values: readonly Probe[], before = rows.length): number {
  const first = rows.findIndex((row) => rowHolds(row, values));
  return first >= 0 && first < before ? first : -1;
}

/** Points of interest for a table: every column given one of its representative values for the tests on it. */
function pointArbitrary(columns: readonly Column[], rows: readonly Row[]): fc.Arbitrary<Probe[]> {
  return fc.tuple(
    ...columns.map((column, c) => {
      const tests = rows.flatMap((row) => (row.tests[String(c)] === undefined ? [] : [row.tests[String(c)]!]));
      return fc.constantFrom(...(representatives(column, tests) ?? [[] as Probe]));
    }),
  );
}

describe("the first row a point reaches, through the index", () => {
  it("is the first row whose tests hold, before any limit", () => {
    const cases = decisionArbitrary.chain((d) =>
      fc.tuple(
        fc.constant(d),
        fc.array(fc.oneof(pointArbitrary(d.columns, d.rows), contextArbitrary(d.columns).map((context) => readColumns(d.columns, context))), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 4 }),
        fc.nat({ max: 16 }),
      ),
    );
    fc.assert(
      fc.property(cases, ([decision, points, leafRows, before]) => {
        const { index } = buildIndex(decision.columns, decision.rows, { leafRows });
        for (const values of points) {
          expect(firstRowAt(decision.columns, decision.rows, index, values)).toBe(firstHolding(decision.rows, values));
          expect(firstRowAt(decision.columns, decision.rows, index, values, before)).toBe(firstHolding(decision.rows, values, before));
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("the points pruning found, carried to the optimized rows", () => {
  it("give each row candidates over its columns, and a candidate said to reach its row reaches it", () => {
    let reached = 0;
    let rowsSeen = 0;
    fc.assert(
      fc.property(decisionArbitrary, (lowered) => {
        const optimized = optimizeDecision(lowered, { reaching: true });
        const { columns, rows } = optimized.decision;
        const reaching = optimized.reaching!.points;
        expect(reaching.length).toBe(rows.length);
        rows.forEach((_, r) => {
          rowsSeen++;
          let found = false;
          for (const point of reaching[r]!) {
            expect(point.length).toBe(columns.length);
            const says = reachesRow(columns, rows, optimized.index, point, r);
            expect(says).toBe(firstHolding(rows, point) === r);
            found ||= says;
          }
          if (found) reached++;
        });
      }),
      { numRuns: 300 },
    );
    // Pruning keeps a row only when it finds a point reaching it (or runs out
    // of budget, which these tables never do), and merging rarely lets an
    // earlier row take that point: most rows need no search of their own.
    expect(reached / rowsSeen).toBeGreaterThan(0.9);
  });

  it("reach their row, every one, before the first merged row (exactBefore), where the vectors do not walk the index", () => {
    let exact = 0;
    let merged = 0;
    fc.assert(
      fc.property(decisionArbitrary, (lowered) => {
        const optimized = optimizeDecision(lowered, { reaching: true });
        const { rows } = optimized.decision;
        const { points, exactBefore } = optimized.reaching!;
        expect(exactBefore).toBeGreaterThanOrEqual(0);
        expect(exactBefore).toBeLessThanOrEqual(rows.length);
        if (exactBefore < rows.length) merged++;
        for (let r = 0; r < exactBefore; r++) {
          for (const point of points[r]!) {
            expect(firstHolding(rows, point)).toBe(r);
            exact++;
          }
        }
      }),
      { numRuns: 300 },
    );
    // Both kinds of table are met: some with a merged row, and points before it.
    expect(merged).toBeGreaterThan(0);
    expect(exact).toBeGreaterThan(0);
  });
});
