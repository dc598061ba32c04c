/**
 * The index builder against the builder as it was before its fast paths
 * (test/support/index-reference/): every change to plan search, cell
 * counting, region memoization and node assembly must pick exactly the same
 * index, so both build random tables and their indexes and statistics must
 * be equal byte for byte.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { Column, Interval, Row, UnaryTest } from "@scn/runtime";
import { buildIndex } from "../src/optimize/index/dag.js";
import { buildIndex as referenceBuildIndex } from "./support/index-reference/dag.js";
import { canonicalJson } from "../src/bundle/canonical-json.js";
import { decisionArbitrary } from "./support/random-table.js";

describe("the index builder against its reference", () => {
  it("builds the same index as the reference builder on random tables", () => {
    // Several copies of a random table, some rows of odd copies testing
    // nothing and some testing fewer columns, so that regions hold many
    // candidates (union parts, floors, memo hits and the counting by
    // difference arrays all come into play), under tight and loose budgets.
    fc.assert(
      fc.property(
        decisionArbitrary,
        fc.nat({ max: 6 }),
        fc.constantFrom(1, 2, 3),
        fc.option(fc.integer({ min: 2, max: 200 }), { nil: undefined }),
        (decision, copies, leafRows, maxNodes) => {
          const rows: Row[] = Array.from({ length: copies + 1 }, (_, copy) =>
            decision.rows.map((r, i) => {
              if (copy % 2 === 1 && i % 3 === 0) return { ...r, tests: {} };
              if (copy % 3 === 2 && i % 2 === 0) {
                const [first] = Object.keys(r.tests);
                if (first === undefined) return r;
                const { [first]: _dropped, ...tests } = r.tests;
                return { ...r, tests };
              }
              return r;
            }),
          ).flat();
          const options = { leafRows, ...(maxNodes === undefined ? {} : { maxNodes }) };
          const built = buildIndex(decision.columns, rows, options);
          const reference = referenceBuildIndex(decision.columns, rows, options);
          expect(canonicalJson(built.index)).toBe(canonicalJson(reference.index));
          expect(built.stats).toEqual(reference.stats);
        },
      ),
      { numRuns: 400 },
    );
  });

  it("builds the same index as the reference builder on larger tables with many values per column", () => {
    // Wider pools than random-table's, and up to 300 rows: switches and
    // splits of many cells, regions large enough to be counted by difference
    // arrays, and many distinct sets of tests per column.
    const columns: Column[] = [
      { path: "kind", type: "enum", values: KINDS },
      { path: "segment", type: "string" },
      { path: "days", type: "int" },
      { path: "score", type: "number" },
      { path: "tags", type: "list", element: "string" },
      { path: "member", type: "bool" },
    ];
    const rowArbitrary = fc
      .tuple(fc.nat({ max: 9 }), ...columns.map((column) => fc.option(wideTest(column), { nil: undefined, freq: 2 })))
      .map(([outcome, ...tests]): Row => ({
        outcome,
        tests: Object.fromEntries(tests.flatMap((test, i) => (test === undefined ? [] : [[String(i), test] as const]))),
        src: [0, 1, 1],
      }));
    fc.assert(
      fc.property(fc.array(rowArbitrary, { minLength: 1, maxLength: 300 }), fc.constantFrom(1, 3), fc.option(fc.integer({ min: 2, max: 400 }), { nil: undefined }), (rows, leafRows, maxNodes) => {
        const options = { leafRows, ...(maxNodes === undefined ? {} : { maxNodes }) };
        const built = buildIndex(columns, rows, options);
        const reference = referenceBuildIndex(columns, rows, options);
        expect(canonicalJson(built.index)).toBe(canonicalJson(reference.index));
        expect(built.stats).toEqual(reference.stats);
      }),
      { numRuns: 120 },
    );
  });
});

const KINDS = Array.from({ length: 12 }, (_, i) => `k${i}`);
const SEGMENTS = Array.from({ length: 10 }, (_, i) => `s${i}`);
const DAYS = [-3, 0, 1, 2, 4, 7, 10, 14, 30, 60, 90, 365];
const SCORES = [-1.5, 0, 0.25, 0.5, 1, 2.5, 10];
const TAGS = ["a", "b", "c", "d", "e"];

function wideInterval(points: readonly number[]): fc.Arbitrary<Interval> {
  const bound = fc.option(fc.constantFrom(...points), { nil: null, freq: 4 });
  return fc.tuple(bound, bound, fc.boolean(), fc.boolean()).map(([a, b, li, hi]): Interval => (a !== null && b !== null && a > b ? [b, a, li, hi] : [a, b, li, hi]));
}

function wideTest(column: Column): fc.Arbitrary<UnaryTest> {
  const present = fc.boolean().map((p): UnaryTest => ({ present: p }));
  switch (column.type) {
    case "enum":
    case "string": {
      const value = fc.constantFrom(...(column.type === "enum" ? KINDS : SEGMENTS));
      const values = fc.uniqueArray(value, { minLength: 1, maxLength: 5 });
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
      const points = column.type === "int" ? DAYS : SCORES;
      return fc.oneof(
        { arbitrary: fc.array(wideInterval(points), { minLength: 1, maxLength: 2 }).map((range): UnaryTest => ({ range })), weight: 4 },
        { arbitrary: fc.constantFrom(...points).map((v): UnaryTest => ({ eq: v })), weight: 1 },
        { arbitrary: fc.uniqueArray(fc.constantFrom(...points), { minLength: 1, maxLength: 3 }).map((v): UnaryTest => ({ in: v })), weight: 1 },
        { arbitrary: present, weight: 1 },
      );
    }
    default: {
      const value = fc.constantFrom(...TAGS);
      return fc.oneof(value.map((v): UnaryTest => ({ contains: v })), value.map((v): UnaryTest => ({ notContains: v })), present);
    }
  }
}
