/**
 * Random decision tables whose tests draw their literals from fixed pools,
 * for the tests that hold the index builder to its reference
 * (index-reference/): the pools decide what a test stresses (many values
 * per column, or literals that are hard on keys and hashes), while the
 * shape of a test and of a row, and the comparison itself, stay one.
 */
import { expect } from "vitest";
import fc from "fast-check";
import type { Column, Interval, Row, UnaryTest } from "@scn/runtime";
import { buildIndex } from "../../src/optimize/index/dag.js";
import { buildIndex as referenceBuildIndex } from "./index-reference/dag.js";
import { canonicalJson } from "../../src/bundle/canonical-json.js";

/** Where a pooled test takes its literals, and how its kinds are weighted. */
export interface TestPools {
  /** An enum column's members and a string column's values. */
  readonly members: readonly string[];
  readonly strings: readonly string[];
  readonly ints: readonly number[];
  readonly numbers: readonly number[];
  /** A list column's elements. */
  readonly elements: readonly string[];
  /** fast-check's `freq` for an open bound: one bound in `boundFreq` is open. */
  readonly boundFreq: number;
  /** The most values an `in` or `notIn` on a string column lists. */
  readonly maxValues: number;
  /** The weight of `eq` among a numeric column's tests (ranges weigh 4). */
  readonly numericEqWeight: number;
  /** Whether a numeric column also gets `notIn` tests. */
  readonly numericNotIn: boolean;
}

function pooledInterval(points: readonly number[], boundFreq: number): fc.Arbitrary<Interval> {
  const bound = fc.option(fc.constantFrom(...points), { nil: null, freq: boundFreq });
  return fc.tuple(bound, bound, fc.boolean(), fc.boolean()).map(([a, b, li, hi]): Interval => (a !== null && b !== null && a > b ? [b, a, li, hi] : [a, b, li, hi]));
}

/** One test on `column` over the pools' literals. */
export function pooledTest(column: Column, pools: TestPools): fc.Arbitrary<UnaryTest> {
  const present = fc.boolean().map((p): UnaryTest => ({ present: p }));
  switch (column.type) {
    case "enum":
    case "string": {
      const value = fc.constantFrom(...(column.type === "enum" ? pools.members : pools.strings));
      const values = fc.uniqueArray(value, { minLength: 1, maxLength: pools.maxValues });
      return fc.oneof(
        { arbitrary: value.map((v): UnaryTest => ({ eq: v })), weight: 4 },
        { arbitrary: values.map((v): UnaryTest => ({ in: v })), weight: 2 },
        { arbitrary: values.map((v): UnaryTest => ({ notIn: v })), weight: 1 },
        { arbitrary: present, weight: 1 },
      );
    }
    case "bool":
      return fc.oneof(fc.boolean().map((b): UnaryTest => ({ bool: b })), present);
    case "int":
    case "number": {
      const points = column.type === "int" ? pools.ints : pools.numbers;
      const kinds = [
        { arbitrary: fc.array(pooledInterval(points, pools.boundFreq), { minLength: 1, maxLength: 2 }).map((range): UnaryTest => ({ range })), weight: 4 },
        { arbitrary: fc.constantFrom(...points).map((v): UnaryTest => ({ eq: v })), weight: pools.numericEqWeight },
        { arbitrary: fc.uniqueArray(fc.constantFrom(...points), { minLength: 1, maxLength: 3 }).map((v): UnaryTest => ({ in: v })), weight: 1 },
      ];
      if (pools.numericNotIn) kinds.push({ arbitrary: fc.uniqueArray(fc.constantFrom(...points), { minLength: 1, maxLength: 2 }).map((v): UnaryTest => ({ notIn: v })), weight: 1 });
      return fc.oneof(...kinds, { arbitrary: present, weight: 1 });
    }
    default: {
      const value = fc.constantFrom(...pools.elements);
      return fc.oneof(value.map((v): UnaryTest => ({ contains: v })), value.map((v): UnaryTest => ({ notContains: v })), present);
    }
  }
}

/** A row testing each column with probability 2/3, its outcome at most `maxOutcome`. */
export function pooledRow(columns: readonly Column[], pools: TestPools, maxOutcome: number): fc.Arbitrary<Row> {
  return fc
    .tuple(fc.nat({ max: maxOutcome }), ...columns.map((column) => fc.option(pooledTest(column, pools), { nil: undefined, freq: 2 })))
    .map(([outcome, ...tests]): Row => ({
      outcome,
      tests: Object.fromEntries(tests.flatMap((test, i) => (test === undefined ? [] : [[String(i), test] as const]))),
      src: [0, 1, 1],
    }));
}

/** Requires the builder and its reference to give the same index, byte for byte, and the same statistics. */
export function expectSameIndex(columns: readonly Column[], rows: readonly Row[], options: { readonly leafRows: number; readonly maxNodes?: number }): void {
  const built = buildIndex(columns, rows, options);
  const reference = referenceBuildIndex(columns, rows, options);
  expect(canonicalJson(built.index)).toBe(canonicalJson(reference.index));
  expect(built.stats).toEqual(reference.stats);
}
