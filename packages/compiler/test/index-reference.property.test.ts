/**
 * The index builder against the builder as it was before its fast paths
 * (test/support/index-reference/): every change to plan search, cell
 * counting, region memoization and node assembly must pick exactly the same
 * index, so both build random tables and their indexes and statistics must
 * be equal byte for byte.
 */
import { describe, it } from "vitest";
import fc from "fast-check";
import type { Column, Row } from "@scn/runtime";
import { decisionArbitrary } from "./support/random-table.js";
import { expectSameIndex, pooledRow, type TestPools } from "./support/pooled-table.js";

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
          expectSameIndex(decision.columns, rows, { leafRows, ...(maxNodes === undefined ? {} : { maxNodes }) });
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
      { path: "kind", type: "enum", values: WIDE.members },
      { path: "segment", type: "string" },
      { path: "days", type: "int" },
      { path: "score", type: "number" },
      { path: "tags", type: "list", element: "string" },
      { path: "member", type: "bool" },
    ];
    const rowArbitrary = pooledRow(columns, WIDE, 9);
    fc.assert(
      fc.property(fc.array(rowArbitrary, { minLength: 1, maxLength: 300 }), fc.constantFrom(1, 3), fc.option(fc.integer({ min: 2, max: 400 }), { nil: undefined }), (rows, leafRows, maxNodes) => {
        expectSameIndex(columns, rows, { leafRows, ...(maxNodes === undefined ? {} : { maxNodes }) });
      }),
      { numRuns: 120 },
    );
  });
});

/** Wider pools than random-table's: 12 kinds, 10 segments, 12 day bounds. */
const WIDE: TestPools = {
  members: Array.from({ length: 12 }, (_, i) => `k${i}`),
  strings: Array.from({ length: 10 }, (_, i) => `s${i}`),
  ints: [-3, 0, 1, 2, 4, 7, 10, 14, 30, 60, 90, 365],
  numbers: [-1.5, 0, 0.25, 0.5, 1, 2.5, 10],
  elements: ["a", "b", "c", "d", "e"],
  boundFreq: 4,
  maxValues: 5,
  numericEqWeight: 1,
  numericNotIn: false,
};
