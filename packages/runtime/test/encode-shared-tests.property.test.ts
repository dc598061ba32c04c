/**
 * encodeTable answers a test it has seen by the object itself, per column
 * (the compiler's rows share their test objects). The encoding must be the
 * one the tests' text alone gives: a table whose rows share test objects,
 * within a column and across columns, encodes exactly as the same table
 * with every test a fresh copy.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { encodeTable, type TableModel, type UnaryTest } from "@scn/runtime";

const scalar = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constantFrom("a", "b", "1"));
const unaryTest: fc.Arbitrary<UnaryTest> = fc.oneof(
  scalar.map((eq) => ({ eq })),
  fc.array(scalar, { minLength: 1, maxLength: 3 }).map((values) => ({ in: values })),
  fc.boolean().map((present) => ({ present })),
);

/** A table of rows drawing their tests, by position, from one pool of objects shared by every column. */
const sharedTable = fc
  .record({
    pool: fc.array(unaryTest, { minLength: 1, maxLength: 5 }),
    rows: fc.array(fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.nat()), { maxLength: 4 }), { minLength: 1, maxLength: 12 }),
  })
  .map(({ pool, rows }): TableModel => ({
    columns: [0, 1, 2, 3].map(() => ({ type: "string" })),
    rows: rows.map((cells, outcome) => ({ outcome, tests: Object.fromEntries(cells.map(([column, pick]) => [String(column), pool[pick % pool.length]!])) })),
    index: { root: 0, nodes: [{ rows: rows.map((_, r) => r) }] },
  }));

const copied = (table: TableModel): TableModel => ({ ...table, rows: table.rows.map((row) => ({ ...row, tests: JSON.parse(JSON.stringify(row.tests)) as Record<string, UnaryTest> })) });

describe("encodeTable with shared test objects", () => {
  test("encodes as the same table with every test a fresh copy", () => {
    fc.assert(
      fc.property(sharedTable, (table) => {
        expect(encodeTable(table)).toEqual(encodeTable(copied(table)));
      }),
      { numRuns: 300 },
    );
  });

  test("one object in two columns is two tests, each with its own column", () => {
    const shared: UnaryTest = { eq: "a" };
    const table: TableModel = { columns: [{ type: "string" }, { type: "string" }], rows: [{ outcome: 0, tests: { "0": shared, "1": shared } }], index: { root: 0, nodes: [{ rows: [0] }] } };
    const encoded = encodeTable(table);
    expect(encoded.rowTests).toEqual([0, 1]);
    expect(encoded.tests.length).toBe(8);
    expect(encodeTable(table)).toEqual(encodeTable(copied(table)));
  });
});
