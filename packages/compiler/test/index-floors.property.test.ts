/**
 * Plan choice's first pass over a region (plans.ts, pendingTestsByColumn
 * and floorsInto; docs/optimizer.md#4-build-the-index): the tests still to
 * check per column, each candidate's open tests (which `settled` reads)
 * counted on the way, and every pending column's floor found in one more
 * pass for all columns at once. Held here to their definitions, read off
 * the rows: a test is open where the region's done columns do not settle
 * it, and a column's floor is the number of candidates that do not test
 * it before the first candidate whose tests on the other columns are all
 * settled.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { Column, Row, UnaryTest } from "@scn/runtime";
import { floorsInto, pendingTestsByColumn } from "../src/optimize/index/plans.js";
import { IndexTable, type Region } from "../src/optimize/index/region.js";

const columns: readonly Column[] = [
  { name: "a", type: "int" },
  { name: "b", type: "bool" },
  { name: "c", type: "int" },
  { name: "d", type: "string" },
] as unknown as readonly Column[];

const test: fc.Arbitrary<UnaryTest> = fc.oneof(
  fc.integer({ min: 0, max: 3 }).map((v): UnaryTest => ({ eq: v })),
  fc.boolean().map((present): UnaryTest => ({ present })),
);

/** A row testing each column with probability one half (some test nothing, and so always match). */
const row: fc.Arbitrary<Row> = fc
  .array(fc.option(test, { nil: undefined }), { minLength: columns.length, maxLength: columns.length })
  .map((tests): Row => ({ outcome: 0, tests: Object.fromEntries(tests.flatMap((t, c) => (t === undefined ? [] : [[String(c), t]]))), src: [0, 1, 1] }) as unknown as Row);

describe("plan choice's pass over a region", () => {
  it("finds the pending columns, each candidate's open tests and every pending column's floor as their definitions give them", () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 40 }), fc.subarray([0, 1, 2, 3]), fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }), (rows, done, only) => {
        const table = new IndexTable(columns, rows);
        // Every other row, so that candidates skip rows as a region's do.
        const candidates = rows.map((_, r) => r).filter((r) => r % 2 === 0 || rows.length < 4);
        const region: Region = { candidates, done: new Set(done), facts: new Map() };
        const open = (r: number): number[] => Object.keys((rows[r] as Row).tests).map(Number).filter((c) => !region.done.has(c));
        const count = pendingTestsByColumn(table, region, only);
        const pending = [...table.pendingColumns.subarray(0, count)];
        const expectedPending = columns.map((_, c) => c).filter((c) => !region.done.has(c) && (only === undefined || c === only) && candidates.some((r) => (rows[r] as Row).tests[String(c)] !== undefined));
        expect(pending).toEqual(expectedPending);
        for (const r of candidates) {
          const left = open(r);
          for (let c = -1; c < columns.length; c++) expect(table.settled(region, r, c)).toBe(left.length === 0 || (left.length === 1 && left[0] === c));
        }
        const floors = new Int32Array(columns.length);
        floorsInto(table, region, count, floors);
        pending.forEach((column, k) => {
          let floor = 0;
          for (const r of candidates) {
            const left = open(r).filter((c) => c !== column);
            if (left.length === 0) break;
            if ((rows[r] as Row).tests[String(column)] === undefined) floor++;
          }
          expect(floors[k]).toBe(floor);
        });
      }),
      { numRuns: 500 },
    );
  });
});
