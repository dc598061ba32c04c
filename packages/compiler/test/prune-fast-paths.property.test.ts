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
import type { Box } from "../src/boxes/box.js";
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

describe("pruning with the point guard and dropped rows", () => {
  it("keeps the same rows and hands on the same points as without them, on tables wider than the narrow scan", () => {
    let dropped = 0;
    fc.assert(
      fc.property(decisionArbitrary, fc.constantFrom(0, 400), (decision, minimumOpen) => {
        const expected = new Map<number, Box>();
        // The same loop over an index with the point guard off and no row ever dropped.
        const before = pruneUnreachableRows(decision, {
          minimumOpen,
          index: { leafSize: 8, windowScan: 32, pointGuard: false },
          dropPruned: false,
          reached: (row, piece) => expected.set(row, piece),
        });
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
