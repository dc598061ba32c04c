/**
 * The index builder's fast paths against its reference builder
 * (test/support/index-reference/) on literals the other reference tests never
 * draw: zero signs, fractional and huge bounds that a split node's numeric
 * hash truncates to the same 32-bit integer (0, 0.25, 0.5, 2^32 + 1 and 1
 * hash alike, so only the number-by-number comparison tells their nodes
 * apart), enum members that read as numbers, and strings holding U+0000 or
 * naming Object.prototype's properties (docs/optimizer.md#4-build-the-index).
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { Column, Interval, Row, UnaryTest } from "@scn/runtime";
import { buildIndex } from "../src/optimize/index/dag.js";
import { buildIndex as referenceBuildIndex } from "./support/index-reference/dag.js";
import { canonicalJson } from "../src/bundle/canonical-json.js";

const MEMBERS = ["1", "01", "10", "1.0", "__proto__", "constructor", "\u0000", ""];
const STRINGS = ["", "\u0000", "a\u0000", "a", "__proto__", "constructor", "toString", "10", "9"];
const INTS = [-0, 0, 1, -1, 2 ** 31 - 1, 2 ** 31, 2 ** 32 + 1, -(2 ** 31)];
const NUMBERS = [-0, 0, 0.25, 0.5, 1, 1e-300, 2 ** 32 + 1, 2 ** 32 + 0.5];
const ELEMENTS = ["__proto__", "\u0000", "", "a=true;b"];

const COLUMNS: Column[] = [
  { path: "kind", type: "enum", values: MEMBERS },
  { path: "name", type: "string" },
  { path: "days", type: "int" },
  { path: "score", type: "number" },
  { path: "tags", type: "list", element: "string" },
  { path: "flag", type: "bool" },
];

function interval(points: readonly number[]): fc.Arbitrary<Interval> {
  const bound = fc.option(fc.constantFrom(...points), { nil: null, freq: 5 });
  return fc.tuple(bound, bound, fc.boolean(), fc.boolean()).map(([a, b, li, hi]): Interval => (a !== null && b !== null && a > b ? [b, a, li, hi] : [a, b, li, hi]));
}

function hostileTest(column: Column): fc.Arbitrary<UnaryTest> {
  const present = fc.boolean().map((p): UnaryTest => ({ present: p }));
  switch (column.type) {
    case "enum":
    case "string": {
      const value = fc.constantFrom(...(column.type === "enum" ? MEMBERS : STRINGS));
      const values = fc.uniqueArray(value, { minLength: 1, maxLength: 4 });
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
      const points = column.type === "int" ? INTS : NUMBERS;
      return fc.oneof(
        { arbitrary: fc.array(interval(points), { minLength: 1, maxLength: 2 }).map((range): UnaryTest => ({ range })), weight: 4 },
        { arbitrary: fc.constantFrom(...points).map((v): UnaryTest => ({ eq: v })), weight: 2 },
        { arbitrary: fc.uniqueArray(fc.constantFrom(...points), { minLength: 1, maxLength: 3 }).map((v): UnaryTest => ({ in: v })), weight: 1 },
        { arbitrary: fc.uniqueArray(fc.constantFrom(...points), { minLength: 1, maxLength: 2 }).map((v): UnaryTest => ({ notIn: v })), weight: 1 },
        { arbitrary: present, weight: 1 },
      );
    }
    default: {
      const value = fc.constantFrom(...ELEMENTS);
      return fc.oneof(value.map((v): UnaryTest => ({ contains: v })), value.map((v): UnaryTest => ({ notContains: v })), present);
    }
  }
}

const rowArbitrary = fc
  .tuple(fc.nat({ max: 5 }), ...COLUMNS.map((column) => fc.option(hostileTest(column), { nil: undefined, freq: 2 })))
  .map(([outcome, ...tests]): Row => ({
    outcome,
    tests: Object.fromEntries(tests.flatMap((test, i) => (test === undefined ? [] : [[String(i), test] as const]))),
    src: [0, 1, 1],
  }));

describe("the index builder against its reference, on hostile literals", () => {
  it("builds the same index and statistics with zero signs, truncating bounds, number-like members and prototype names", () => {
    fc.assert(
      fc.property(fc.array(rowArbitrary, { minLength: 1, maxLength: 120 }), fc.constantFrom(1, 2, 3), fc.option(fc.integer({ min: 2, max: 300 }), { nil: undefined }), (rows, leafRows, maxNodes) => {
        const options = { leafRows, ...(maxNodes === undefined ? {} : { maxNodes }) };
        const built = buildIndex(COLUMNS, rows, options);
        const reference = referenceBuildIndex(COLUMNS, rows, options);
        expect(canonicalJson(built.index)).toBe(canonicalJson(reference.index));
        expect(built.stats).toEqual(reference.stats);
      }),
      { numRuns: 250 },
    );
  });
});
