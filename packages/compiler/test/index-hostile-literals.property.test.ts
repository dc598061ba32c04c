/**
 * The index builder's fast paths against its reference builder
 * (test/support/index-reference/) on literals the other reference tests never
 * draw: zero signs, fractional and huge bounds that a split node's numeric
 * hash truncates to the same 32-bit integer (0, 0.25, 0.5, 2^32 + 1 and 1
 * hash alike, so only the number-by-number comparison tells their nodes
 * apart), enum members that read as numbers, and strings holding U+0000 or
 * naming Object.prototype's properties (docs/optimizer.md#4-build-the-index).
 */
import { describe, it } from "vitest";
import fc from "fast-check";
import type { Column } from "@scn/runtime";
import { expectSameIndex, pooledRow, type TestPools } from "./support/pooled-table.js";

const POOLS: TestPools = {
  members: ["1", "01", "10", "1.0", "__proto__", "constructor", "\u0000", ""],
  strings: ["", "\u0000", "a\u0000", "a", "__proto__", "constructor", "toString", "10", "9"],
  ints: [-0, 0, 1, -1, 2 ** 31 - 1, 2 ** 31, 2 ** 32 + 1, -(2 ** 31)],
  numbers: [-0, 0, 0.25, 0.5, 1, 1e-300, 2 ** 32 + 1, 2 ** 32 + 0.5],
  elements: ["__proto__", "\u0000", "", "a=true;b"],
  boundFreq: 5,
  maxValues: 4,
  numericEqWeight: 2,
  numericNotIn: true,
};

const COLUMNS: Column[] = [
  { path: "kind", type: "enum", values: POOLS.members },
  { path: "name", type: "string" },
  { path: "days", type: "int" },
  { path: "score", type: "number" },
  { path: "tags", type: "list", element: "string" },
  { path: "flag", type: "bool" },
];

const rowArbitrary = pooledRow(COLUMNS, POOLS, 5);

describe("the index builder against its reference, on hostile literals", () => {
  it("builds the same index and statistics with zero signs, truncating bounds, number-like members and prototype names", () => {
    fc.assert(
      fc.property(fc.array(rowArbitrary, { minLength: 1, maxLength: 120 }), fc.constantFrom(1, 2, 3), fc.option(fc.integer({ min: 2, max: 300 }), { nil: undefined }), (rows, leafRows, maxNodes) => {
        expectSameIndex(COLUMNS, rows, { leafRows, ...(maxNodes === undefined ? {} : { maxNodes }) });
      }),
      { numRuns: 250 },
    );
  });
});
