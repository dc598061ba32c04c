import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Row, UnaryTest } from "@scn/runtime";
import type { Box } from "../src/boxes/box.js";
import type { Cell, Scalar } from "../src/boxes/cell.js";
import type { ColumnTable } from "../src/boxes/column-table.js";
import { cellAlternatives, type Alternative } from "../src/lower/cell-tests.js";
import { buildRows, emitColumns, type RowStep } from "../src/lower/rows.js";
import { arbitraryBoxSpec, buildBox, COLUMNS, STRINGS, table } from "./arbitrary/boxes.js";
import { program } from "./arbitrary/builders.js";
import { referenceBuildRows } from "./support/reference-rows.js";

const PROGRAM = program({ context: [], scenarios: [] });
const LIST = COLUMNS.findIndex((c) => c.type === "list");

/** The rows of one box as lowering built them before rows.ts: a map per row, copied for each alternative of a cell. */
function referenceBoxRows(columns: ColumnTable, box: Box): Map<number, Alternative>[] {
  let rows: Map<number, Alternative>[] = [new Map()];
  for (const [column, cell] of [...box].sort((a, b) => a[0] - b[0])) {
    const alternatives = cellAlternatives(columns.domain(column), cell);
    const [only] = alternatives;
    if (alternatives.length === 1 && only !== undefined) {
      if (only.length > 0) for (const row of rows) row.set(column, only);
      continue;
    }
    rows = rows.flatMap((row) => alternatives.map((alt) => (alt.length === 0 ? row : new Map(row).set(column, alt))));
  }
  return rows;
}

/** buildRows as lowering did it before rows.ts: every row built, then the literals read back from the rows, then the tests placed. */
function reference(columns: ColumnTable, steps: readonly RowStep[]): { columns: unknown; rows: Row[] } {
  const pending: { outcome: number; tests: Map<number, Alternative>; src: readonly [number, number, number] }[] = [];
  for (const step of steps) for (const box of step.boxes) for (const tests of referenceBoxRows(columns, box)) pending.push({ outcome: step.outcome, tests, src: step.src });
  const used = new Map<number, Set<Scalar | null>>();
  for (const row of pending) {
    for (const [column, alt] of row.tests) {
      const literals = used.get(column) ?? new Set();
      for (const placed of alt) literals.add(placed.literal);
      used.set(column, literals);
    }
  }
  const emitted = emitColumns(PROGRAM, columns, used);
  const rows = pending.map((row): Row => {
    const tests: { [column: string]: UnaryTest } = {};
    for (const [column, alt] of row.tests) for (const placed of alt) tests[String(emitted.place(column, placed.literal))] = placed.test;
    return { outcome: row.outcome, tests, src: [row.src[0], row.src[1], row.src[2]] };
  });
  return { columns: emitted.columns, rows };
}

/** A cell no value is in: a box with it has no rows. */
const EMPTY: Cell = { absent: false, values: { kind: "finite", values: [] } };

/**
 * Steps of boxes, where later boxes often reuse an earlier box's cell
 * objects (as the boxes of one scenario share its situation's), with a
 * cell of their own added, and sometimes hold an empty cell.
 */
const arbitrarySteps = fc
  .record({
    specs: fc.array(fc.record({ spec: arbitraryBoxSpec, extendsEarlier: fc.option(fc.nat(), { nil: null }), empty: fc.boolean(), outcome: fc.nat(3) }), { minLength: 1, maxLength: 8 }),
    literalOrder: fc.shuffledSubarray(STRINGS, { minLength: STRINGS.length }),
    perStep: fc.integer({ min: 1, max: 3 }),
  })
  .map(({ specs, literalOrder, perStep }) => {
    const columns = table();
    for (const literal of literalOrder) columns.noteListLiteral(LIST, literal);
    const boxes: { box: Box; outcome: number }[] = [];
    for (const { spec, extendsEarlier, empty, outcome } of specs) {
      const own = buildBox(columns, spec);
      if (own === null) continue;
      const box = new Map(extendsEarlier !== null && boxes.length > 0 ? boxes[extendsEarlier % boxes.length]!.box : []);
      // The new box's cells over the earlier one's, so cell objects are shared and columns come in any order.
      own.forEach((cell, column) => box.set(column, cell));
      if (empty) box.set(0, EMPTY);
      boxes.push({ box, outcome });
    }
    const steps: RowStep[] = [];
    for (let i = 0; i < boxes.length; i += perStep) {
      const group = boxes.slice(i, i + perStep);
      steps.push({ boxes: group.map((g) => g.box), outcome: group[0]!.outcome, src: [0, i + 1, 1] });
    }
    return { columns, steps };
  });

describe("buildRows", () => {
  it("gives the rows and columns of the map-based construction it replaced", () => {
    fc.assert(
      fc.property(arbitrarySteps, ({ columns, steps }) => {
        const built = buildRows(PROGRAM, columns, steps);
        const expected = reference(columns, steps);
        expect(built.columns).toEqual(expected.columns);
        expect(built.rows).toEqual(expected.rows);
      }),
      { numRuns: 400 },
    );
  });

  it("gives the rows of the builder it replaced, with the same test objects shared between the same places", () => {
    // Each test as the place (row and bundle column) where its object was first met, so two builds compare by which tests share an object.
    const sharing = (rows: readonly Row[]): string[] => {
      const first = new Map<UnaryTest, string>();
      const places: string[] = [];
      rows.forEach((row, r) => {
        for (const [column, test] of Object.entries(row.tests)) {
          const place = `${r}:${column}`;
          if (!first.has(test)) first.set(test, place);
          places.push(`${place}=${first.get(test)!}`);
        }
      });
      return places;
    };
    fc.assert(
      fc.property(arbitrarySteps, ({ columns, steps }) => {
        const built = buildRows(PROGRAM, columns, steps);
        const previous = referenceBuildRows(PROGRAM, columns, steps);
        expect(built.columns).toEqual(previous.columns);
        expect(built.rows).toEqual(previous.rows);
        expect(sharing(built.rows)).toEqual(sharing(previous.rows));
      }),
      { numRuns: 400 },
    );
  });

  it("gives tests with the same text one object, across cells and columns, except tests whose text hides -0 or a non-finite number", () => {
    fc.assert(
      fc.property(arbitrarySteps, ({ columns, steps }) => {
        const byText = new Map<string, UnaryTest>();
        for (const row of buildRows(PROGRAM, columns, steps).rows) {
          for (const test of Object.values(row.tests)) {
            const text = JSON.stringify(test);
            const seen = byText.get(text);
            if (seen === undefined) byText.set(text, test);
            else expect(seen).toBe(test);
          }
        }
      }),
      { numRuns: 200 },
    );
    // Cells on -0 and 0 (and on two non-finite bounds) are different cells with the same text: their tests stay apart.
    const numeric = COLUMNS.findIndex((c) => c.type === "number");
    const table2 = table();
    const cellAt = (value: number): Cell => ({ absent: false, values: { kind: "finite", values: [value] } });
    const rangeTo = (hi: number): Cell => ({ absent: false, values: { kind: "ranges", intervals: [[null, hi, false, false]] } });
    const rows = buildRows(PROGRAM, table2, [
      { boxes: [new Map([[numeric, cellAt(-0)]]), new Map([[numeric, cellAt(0)]]), new Map([[numeric, rangeTo(Infinity)]]), new Map([[numeric, rangeTo(Number.NaN)]])], outcome: 0, src: [0, 1, 1] },
    ]).rows;
    const [minusZero, zero, infinite, notANumber] = rows.map((row) => Object.values(row.tests)[0] as { eq?: number; range?: unknown });
    expect(Object.is(minusZero!.eq, -0)).toBe(true);
    expect(Object.is(zero!.eq, 0)).toBe(true);
    expect(infinite).not.toBe(notANumber);
    expect(infinite).toEqual({ range: [[null, Infinity, false, false]] });
  });

  it("makes each cell's alternatives once, so rows of boxes that share a cell share its tests", () => {
    const columns = table();
    const cell: Cell = { absent: true, values: { kind: "finite", values: [true] } };
    const first = new Map([[0, cell]]);
    const second = new Map(first);
    const rows = buildRows(PROGRAM, columns, [{ boxes: [first, second], outcome: 0, src: [0, 1, 1] }]).rows;
    // Two alternatives (absent, or true) per box: four rows, the first and third, and second and fourth, on one test object each.
    expect(rows.map((row) => row.tests["0"])).toEqual([{ present: false }, { bool: true }, { present: false }, { bool: true }]);
    expect(rows[0]!.tests["0"]).toBe(rows[2]!.tests["0"]);
    expect(rows[1]!.tests["0"]).toBe(rows[3]!.tests["0"]);
  });
});
