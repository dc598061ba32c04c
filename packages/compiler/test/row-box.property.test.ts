import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Column, Row, UnaryTest } from "@scn/runtime";
import type { Box } from "../src/boxes/box.js";
import { atomCell, intersectCells, isEmptyCell, isFullCell, type Cell } from "../src/boxes/cell.js";
import type { ColumnTable } from "../src/boxes/column-table.js";
import { rowBox } from "../src/boxes/row-box.js";
import { COLUMNS, TESTS, table } from "./arbitrary/boxes.js";

/** rowBox as it read each test by entry and dropped full cells in a for...of over the box, before it went by key. */
function reference(columns: ColumnTable, bundleColumns: readonly Column[], row: Row): Box | null {
  const box = new Map<number, Cell>();
  for (const [key, test] of Object.entries(row.tests)) {
    const column = bundleColumns[Number(key)]!;
    const index = columns.indexOf(column.path);
    const domain = columns.domain(index);
    const known = box.get(index);
    const cell = known === undefined ? atomCell(domain, test) : intersectCells(domain, known, atomCell(domain, test));
    if (isEmptyCell(cell)) return null;
    box.set(index, cell);
  }
  for (const [index, cell] of box) if (isFullCell(columns.domain(index), cell)) box.delete(index);
  return box;
}

// The list path twice, as a list column spread over two bundle columns is: their tests meet on one box column.
const BUNDLE_COLUMNS: Column[] = [...COLUMNS, COLUMNS[COLUMNS.length - 1]!];
const testOf = (column: number): fc.Arbitrary<UnaryTest> => TESTS[Math.min(column, TESTS.length - 1)]!;

/** A row testing a random set of the bundle columns, each with a test from `testFor(column)`. */
const rowOf = (testFor: (column: number) => fc.Arbitrary<UnaryTest>): fc.Arbitrary<Row> =>
  fc
    .uniqueArray(fc.integer({ min: 0, max: BUNDLE_COLUMNS.length - 1 }), { maxLength: BUNDLE_COLUMNS.length })
    .chain((keys) => fc.tuple(...keys.map((k) => testFor(k).map((test) => [String(k), test] as const))))
    .map((entries): Row => ({ outcome: 0, tests: Object.fromEntries(entries), src: [0, 1, 1] }));
const arbitraryRow = rowOf(testOf);

/** rowBox on `columns` gives `row` the box the reference reading gives it, cell for cell and in its order. */
function expectReferenceBox(columns: ColumnTable, row: Row): void {
  const built = rowBox(columns, BUNDLE_COLUMNS, row);
  const expected = reference(columns, BUNDLE_COLUMNS, row);
  expect(built === null).toBe(expected === null);
  if (built !== null && expected !== null) {
    expect([...built.keys()]).toEqual([...expected.keys()]);
    expect([...built.values()]).toEqual([...expected.values()]);
  }
}

describe("rowBox", () => {
  it("builds the box the entry-by-entry reading built, cell for cell and in its order", () => {
    fc.assert(
      fc.property(arbitraryRow, (row) => expectReferenceBox(table(), row)),
      { numRuns: 3000 },
    );
  });

  // Rows of one table share one atom cell per column and test text; the
  // texts write -0 as 0 and non-finite numbers as null, so tests naming
  // those must not share (docs/optimizer.md#1-prune-unreachable-rows).
  const HOSTILE: UnaryTest[] = [
    { eq: -0 },
    { eq: 0 },
    { in: [-0, 2] },
    { in: [0, 2] },
    { range: [[-0, 3, true, false]] },
    { range: [[0, 3, true, false]] },
    { range: [[null, -0, false, true]] },
    { eq: Number.POSITIVE_INFINITY },
    { eq: Number.NEGATIVE_INFINITY },
    { range: [[Number.NEGATIVE_INFINITY, 1, false, true]] },
    { range: [[null, 1, false, true]] },
    { notIn: [-0] },
    { notIn: [0] },
  ];
  const pooledRow = rowOf((k) => (k === 3 || k === 4 ? fc.oneof(testOf(k), fc.constantFrom(...HOSTILE)) : testOf(k)));

  it("gives every row of one table the box its own cells give, with atom cells shared by test text, zero signs and infinities apart", () => {
    fc.assert(
      fc.property(fc.array(pooledRow, { minLength: 1, maxLength: 40 }), (rows) => {
        const columns = table();
        for (const row of rows) expectReferenceBox(columns, row);
      }),
      { numRuns: 1000 },
    );
  });

  // Lowering gives equal tests one object, and rowBox finds a test's cell
  // by its object first: the same object on another column (a presence
  // test on any column, a number test on an int and on a number column,
  // whose cells differ) must still get that column's cell, and the same
  // table read through another list of bundle columns must place each
  // test on that list's column.
  const SHARED: UnaryTest[] = [
    { present: true },
    { present: false },
    { eq: 0 },
    { eq: -0 },
    { eq: 0.5 },
    { range: [[0.5, 2, false, false]] },
    { range: [[null, 1.5, false, true]] },
    { in: [1, 2.5] },
    { notIn: [0] },
    { eq: Number.POSITIVE_INFINITY },
  ];
  const sharedTestOf = (k: number): fc.Arbitrary<UnaryTest> => (k === 3 || k === 4 ? fc.constantFrom(...SHARED) : fc.oneof(testOf(k), fc.constantFrom(SHARED[0]!, SHARED[1]!)));
  const sharedRow = rowOf(sharedTestOf);
  // The bundle columns in another order: the row's keys name this list's columns.
  const REVERSED: Column[] = [...BUNDLE_COLUMNS].reverse();

  it("gives a test object met before on another column, or through another list of columns, that column's cell", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(sharedRow, fc.boolean()), { minLength: 1, maxLength: 40 }), (rows) => {
        const columns = table();
        for (const [drawn, reversed] of rows) {
          const bundle = reversed ? REVERSED : BUNDLE_COLUMNS;
          // The same tests on the same columns, named by their place in the reversed list.
          const row: Row = reversed ? { ...drawn, tests: Object.fromEntries(Object.entries(drawn.tests).map(([k, test]) => [String(BUNDLE_COLUMNS.length - 1 - Number(k)), test])) } : drawn;
          const built = rowBox(columns, bundle, row);
          const expected = reference(columns, bundle, row);
          expect(built === null).toBe(expected === null);
          if (built !== null && expected !== null) {
            expect([...built.keys()]).toEqual([...expected.keys()]);
            expect([...built.values()]).toEqual([...expected.values()]);
          }
        }
      }),
      { numRuns: 1000 },
    );
  });
});
