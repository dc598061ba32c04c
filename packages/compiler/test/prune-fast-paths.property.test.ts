/**
 * Pruning's fast paths in the union index against the same pruning loop on
 * an index without them (docs/optimizer.md#1-prune-unreachable-rows): the
 * point guard (boxes/point-guard.ts), which sets a box aside by the hull of
 * its intervals on one number column, and `UnionIndex.drop`, which takes
 * dropped rows out of the leaves as point queries meet them. Both only run
 * on windows wider than the index's narrow scan (32 positions), so the
 * tables here have 40 to 160 rows, drawn from small pools so that rows
 * cover one another and many are dropped, with bounds at the guard's hull
 * ends (inclusive and exclusive), zero signs, non-integer bounds on an
 * integer column and absent values. The kept rows and the points handed
 * to the conformance vectors must be the very same.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Column, Interval, Row, UnaryTest } from "@scn/runtime";
import { EVERYTHING, type Box } from "../src/boxes/box.js";
import { ColumnTable } from "../src/boxes/column-table.js";
import { COVERAGE_BUDGET, indexedCovered, indexedCoverage, type Coverage } from "../src/boxes/coverage.js";
import { findUncoveredPoint } from "../src/boxes/point-search.js";
import { GrowingUnion } from "../src/boxes/growing-union.js";
import { rowBox } from "../src/boxes/row-box.js";
import { UnionIndex } from "../src/boxes/union-index.js";
import type { LoweredDecision } from "../src/lower/lowered.js";
import { pruneUnreachableRows } from "../src/optimize/prune.js";

const COLUMNS: Column[] = [
  { path: "days", type: "int" },
  { path: "score", type: "number" },
  { path: "kind", type: "enum", values: ["1", "01", "__proto__"] },
  { path: "flag", type: "bool" },
];
const INT_BOUNDS = [-0, 0, 1, 2, 0.5, 2.5, 10];
const NUMBER_BOUNDS = [-0, 0, 0.5, 1, 1e-9];

function interval(points: readonly number[]): fc.Arbitrary<Interval> {
  const bound = fc.option(fc.constantFrom(...points), { nil: null, freq: 4 });
  return fc.tuple(bound, bound, fc.boolean(), fc.boolean()).map(([a, b, li, hi]): Interval => (a !== null && b !== null && a > b ? [b, a, li, hi] : [a, b, li, hi]));
}

function numberTest(points: readonly number[]): fc.Arbitrary<UnaryTest> {
  return fc.oneof(
    { arbitrary: fc.array(interval(points), { minLength: 1, maxLength: 2 }).map((range): UnaryTest => ({ range })), weight: 5 },
    { arbitrary: fc.constantFrom(...points).map((eq): UnaryTest => ({ eq })), weight: 1 },
    { arbitrary: fc.uniqueArray(fc.constantFrom(...points), { minLength: 1, maxLength: 2 }).map((notIn): UnaryTest => ({ notIn })), weight: 1 },
    { arbitrary: fc.boolean().map((present): UnaryTest => ({ present })), weight: 1 },
  );
}

const TESTS: fc.Arbitrary<UnaryTest>[] = [
  numberTest(INT_BOUNDS),
  numberTest(NUMBER_BOUNDS),
  fc.oneof(fc.constantFrom("1", "01", "__proto__").map((eq): UnaryTest => ({ eq })), fc.boolean().map((present): UnaryTest => ({ present }))),
  fc.boolean().map((bool): UnaryTest => ({ bool })),
];

const rowArbitrary: fc.Arbitrary<Row> = fc
  .tuple(fc.nat({ max: 3 }), ...TESTS.map((test, c) => fc.option(test, { nil: undefined, freq: c < 2 ? 5 : 2 })))
  .map(([outcome, ...tests]) => ({ outcome, tests: Object.fromEntries(tests.flatMap((test, i) => (test === undefined ? [] : [[String(i), test] as const]))), src: [0, 1, 1] }));

const decisionArbitrary: fc.Arbitrary<LoweredDecision> = fc.array(rowArbitrary, { minLength: 40, maxLength: 160 }).map((rows) => ({
  name: "d",
  title: null,
  default: null,
  columns: COLUMNS,
  outcomes: [0, 1, 2, 3].map((i) => ({ rule: `s${i}/p`, scenario: `s${i}`, pathway: "p", variation: null, output: { n: i }, metrics: [] })),
  rows,
}));

/** pruneUnreachableRows' loop (optimize/prune.ts) over an index with the point guard off and no row ever dropped. */
function pruneWithoutFastPaths(decision: LoweredDecision, minimumOpen: number, reached: (row: number, piece: Box) => void): LoweredDecision {
  const table = ColumnTable.forBundleColumns(decision.columns);
  const boxes = decision.rows.map((row) => rowBox(table, decision.columns, row));
  const satisfiable = boxes.filter((b): b is Box => b !== null);
  const index = UnionIndex.over(table, satisfiable, { leafSize: 8, windowScan: 32, pointGuard: false });
  const growing = GrowingUnion.over(table, index, [EVERYTHING], { minimumOpen });
  const kept = new Uint8Array(satisfiable.length);
  const alive = (position: number) => kept[position] === 1;
  const coverage = (box: Box, end: number) => indexedCoverage(table, box, index, { end, alive }, COVERAGE_BUDGET, growing);
  const covered = (box: Box, end: number) => indexedCovered(table, box, index, { end, alive }, COVERAGE_BUDGET, growing);
  const reachingPoint = (box: Box, end: number): Coverage | null => {
    const window = { end, alive };
    if (growing.coveredByOpen(box, window)) return { kind: "covered" };
    const point = findUncoveredPoint(table, box, index, window);
    return point === null ? null : { kind: "uncovered", piece: point };
  };
  const laterCovered = new Map<number, boolean>();
  const holders: number[] = [];
  const ask = (box: Box, here: number): Coverage | null => {
    holders.length = 0;
    for (let holder = index.dominatorOf(here); holder > (holders.length === 0 ? here : (holders[holders.length - 1] as number)); holder = index.dominatorOf(holder)) holders.push(holder);
    if (laterCovered.get(here) === true || holders.some((holder) => laterCovered.get(holder) === true)) return null;
    let answer: Coverage | null = null;
    if (holders.some((holder) => laterCovered.get(holder) === undefined)) {
      answer = reachingPoint(box, here);
      if (answer?.kind === "covered") return null;
      if (answer === null) {
        for (let k = holders.length - 1; k >= 0; k--) {
          const holder = holders[k] as number;
          if (laterCovered.get(holder) !== undefined) continue;
          const known = covered(satisfiable[holder]!, here);
          laterCovered.set(holder, known);
          if (known) return null;
        }
      } else for (const holder of holders) laterCovered.set(holder, false);
    }
    answer ??= coverage(box, here);
    return answer.kind === "covered" ? null : answer;
  };
  const rows: Row[] = [];
  let position = 0;
  decision.rows.forEach((row, i) => {
    const box = boxes[i]!;
    if (box === null) return;
    const here = position++;
    const answer = ask(box, here);
    if (answer === null) return;
    if (answer.kind === "uncovered") reached(i, answer.piece);
    kept[here] = 1;
    rows.push(row);
  });
  return { ...decision, rows };
}

describe("pruning with the point guard and dropped rows", () => {
  it("keeps the same rows and hands on the same points as without them, on tables wider than the narrow scan", () => {
    let dropped = 0;
    fc.assert(
      fc.property(decisionArbitrary, fc.constantFrom(0, 400), (decision, minimumOpen) => {
        const expected = new Map<number, Box>();
        const before = pruneWithoutFastPaths(decision, minimumOpen, (row, piece) => expected.set(row, piece));
        const found = new Map<number, Box>();
        const after = pruneUnreachableRows(decision, { minimumOpen, reached: (row, piece) => found.set(row, piece) });
        expect(after.rows.length).toBe(before.rows.length);
        expect(after.rows.every((row, k) => row === before.rows[k])).toBe(true);
        expect([...found]).toEqual([...expected]);
        dropped += decision.rows.length - after.rows.length;
      }),
      { numRuns: 150 },
    );
    // The tables must drop rows, or `drop` is never exercised.
    expect(dropped).toBeGreaterThan(0);
  });
});
