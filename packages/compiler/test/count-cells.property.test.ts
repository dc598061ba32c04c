/**
 * countCells (optimize/index/cells.ts) counts a large region's cells
 * through difference arrays and a small one cell by cell
 * (countCellsDirectly). Random tables rarely make a region large enough
 * for the first way (candidates times cells above 4,096), so neither the
 * index builder's tests nor its reference comparison reach it; this holds
 * it to the direct count on regions that are large by construction, with
 * runs that span several cells, cells without a value, and candidates
 * that do not test the column or have every test known to hold.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { Column, Row, UnaryTest } from "@scn/runtime";
import { holds, type Probe } from "../src/boxes/test-algebra.js";
import { countCells, countCellsDirectly, partition, type CellsWhere, type Runs } from "../src/optimize/index/cells.js";
import { IndexTable, regionAt, type Region } from "../src/optimize/index/region.js";
import { ABSENT } from "../src/semantics/context-value.js";

const columns: readonly Column[] = [
  { name: "a", type: "int" },
  { name: "b", type: "bool" },
  { name: "c", type: "int" },
] as unknown as readonly Column[];

const point = fc.integer({ min: 0, max: 40 });

/** A test on the int column 0 or 2: one or two ranges, an `eq`, an `in` or presence. */
const intTest: fc.Arbitrary<UnaryTest> = fc.oneof(
  { arbitrary: fc.tuple(point, point, fc.boolean(), fc.boolean()).map(([a, b, li, hi]): UnaryTest => ({ range: [[Math.min(a, b), Math.max(a, b), li, hi]] })), weight: 4 },
  { arbitrary: fc.tuple(point, point).map(([a, b]): UnaryTest => ({ range: [[null, Math.min(a, b), true, false], [Math.max(a, b) + 1, null, true, true]] })), weight: 1 },
  { arbitrary: point.map((v): UnaryTest => ({ eq: v })), weight: 2 },
  { arbitrary: fc.uniqueArray(point, { minLength: 1, maxLength: 3 }).map((v): UnaryTest => ({ in: v })), weight: 1 },
  { arbitrary: fc.boolean().map((p): UnaryTest => ({ present: p })), weight: 1 },
);

/** A row that tests each column with probability 3/4, or (one in `settledFreq`) tests nothing, so it always matches. */
const row = (settledFreq: number): fc.Arbitrary<Row> =>
  fc.oneof(
    { arbitrary: fc.constant<Row>({ outcome: 0, tests: {}, src: [0, 1, 1] } as unknown as Row), weight: 1 },
    {
      arbitrary: fc
        .tuple(
          fc.option(intTest, { nil: undefined, freq: 3 }),
          fc.option(fc.boolean().map((b): UnaryTest => ({ bool: b })), { nil: undefined, freq: 3 }),
          fc.option(intTest, { nil: undefined, freq: 3 }),
        )
        .map(([a, b, c]): Row => ({
          outcome: 0,
          tests: Object.fromEntries(([["0", a], ["1", b], ["2", c]] as const).filter(([, t]) => t !== undefined)),
          src: [0, 1, 1],
        }) as unknown as Row),
      weight: settledFreq,
    },
  );

/** The cells of `probes` where a test holds, as runs of neighbouring cells (so that one run spans several). */
const spanningRuns = (probes: readonly (Probe | null)[]): CellsWhere => (test) => {
  const runs: Runs = [];
  probes.forEach((probe, i) => {
    if (probe === null || !holds(test, probe)) return;
    if (runs.length > 0 && runs[runs.length - 1] === i - 1) runs[runs.length - 1] = i;
    else runs.push(i, i);
  });
  return runs;
};

describe("countCells on large regions", () => {
  it("counts what countCellsDirectly counts", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }).chain((settledFreq) => fc.array(row(settledFreq), { minLength: 120, maxLength: 260 })),
        fc.uniqueArray(point, { minLength: 40, maxLength: 41 }),
        fc.array(fc.boolean(), { minLength: 41, maxLength: 41 }),
        fc.constantFrom(0, 2),
        fc.subarray([0, 1, 2]),
        fc.boolean(),
        (rows, values, nulls, column, done, named) => {
          // Cells in ascending order of their probe values, some without a value, and the absent cell last.
          const probes: (Probe | null)[] = [...values].sort((x, y) => x - y).map((v, i) => (nulls[i] === true && i % 5 === 0 ? null : v));
          probes.push(ABSENT);
          const table = new IndexTable(columns, rows);
          const region: Region = { candidates: rows.map((_, i) => i), done: new Set(done), facts: new Map() };
          expect(region.candidates.length * probes.length).toBeGreaterThan(4096);
          const cellsWhere: CellsWhere = named ? spanningRuns(probes) : () => null;
          // Counted after a count on the other column, so that the table's scratch (IndexTable.largeCountsScratch) holds that count's sums and closed cells.
          countCells(table, region, 2 - column, probes, cellsWhere);
          const large = countCells(table, region, column, probes, cellsWhere);
          const direct = countCellsDirectly(table, region, column, probes, cellsWhere, table.nextRunsMark());
          expect(large).toEqual(direct);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe("partition", () => {
  it("makes each cell's list at the length countCells counts, filled with the candidates that can reach the cell", () => {
    // partition makes its lists at the counted lengths and fills them in
    // place, so a count that differs leaves holes or overflows; the lists
    // are compared with the definition: in order, the candidates whose
    // test on the column holds at the cell's probe (or that do not test
    // it), up to the first one whose tests all hold there.
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }).chain((settledFreq) => fc.array(row(settledFreq), { minLength: 1, maxLength: 260 })),
        fc.uniqueArray(point, { minLength: 1, maxLength: 41 }),
        fc.array(fc.boolean(), { minLength: 41, maxLength: 41 }),
        fc.constantFrom(0, 2),
        fc.subarray([1, 2]),
        fc.boolean(),
        (rows, values, nulls, column, done, named) => {
          const probes: (Probe | null)[] = [...values].sort((x, y) => x - y).map((v, i) => (nulls[i] === true && i % 5 === 0 ? null : v));
          probes.push(ABSENT);
          const table = new IndexTable(columns, rows);
          const region: Region = { candidates: rows.map((_, i) => i), done: new Set(done.filter((c) => c !== column)), facts: new Map() };
          const cellsWhere: CellsWhere = named ? spanningRuns(probes) : () => null;
          const { sizes } = countCells(table, region, column, probes, cellsWhere);
          const children = partition(table, region, column, probes, cellsWhere, table.nextRunsMark(), sizes);
          const settledBut = (r: number): boolean => Object.keys((rows[r] as Row).tests).every((key) => Number(key) === column || region.done.has(Number(key)));
          probes.forEach((probe, cell) => {
            const expected: number[] = [];
            if (probe !== null) {
              for (const r of region.candidates) {
                const test = (rows[r] as Row).tests[String(column)];
                if (test !== undefined && !holds(test, probe)) continue;
                expected.push(r);
                if (settledBut(r)) break;
              }
            }
            const list = regionAt(children, cell).candidates;
            expect(children.starts[cell + 1]! - children.starts[cell]!).toBe(sizes[cell]);
            expect(Object.keys(list).length).toBe(list.length);
            expect([...list]).toEqual(expected);
          });
        },
      ),
      { numRuns: 200 },
    );
  });
});
