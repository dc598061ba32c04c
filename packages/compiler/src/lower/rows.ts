/**
 * Building a lowered decision's rows from the boxes lowering recorded
 * (lower.ts): each box becomes the product of its cells' alternatives
 * (cell-tests.ts), by ascending column, and each alternative's tests are
 * placed on the bundle's columns (one per tested path, one per element
 * literal of a list path).
 *
 * Why a module of its own, written this way: lowering builds the rows
 * once per build, when the optimizer first reads them, and at 1,000
 * scenarios of the benchmark's programs this runs mostly before V8 has
 * optimized it, where every `for … of` over a map allocates an iterator
 * result and every spread an array. A row kept as a map from column to
 * alternative, copied for each alternative and read back twice (once for
 * the columns' literals, once for the tests), was 40 MB of short-lived
 * allocation at `overlap` 1,000 (docs/cli.md#what-a-build-allocates).
 * Here a row under construction is two parallel arrays (its columns in
 * ascending order and their alternatives), the literals each column is
 * tested with are gathered per box rather than per row, and a cell's
 * alternatives are made once per cell object: the boxes of one scenario
 * share the cells of its situation, so their rows also share test
 * objects, which merging rows compares by identity first (optimize/merge-rows.ts).
 *
 * Invariant: the rows, their order, their tests and the columns are those
 * of the product described above, exactly; a reference test
 * (test/lower-rows.property.test.ts) holds this module to the map-based
 * construction it replaced.
 */
import type { CheckedProgram } from "@scn/language";
import type { Column, Row, UnaryTest } from "@scn/runtime";
import type { Box } from "../boxes/box.js";
import type { Cell, Scalar } from "../boxes/cell.js";
import { isArmPath, type ColumnTable } from "../boxes/column-table.js";
import { experimentRanges, findExperiment, unitType } from "../semantics/experiments.js";
import { testTextIsExact } from "../boxes/test-algebra.js";
import { cellAlternatives, type Alternative, type PlacedTest } from "./cell-tests.js";

/** The boxes of one step of lowering, all with the same outcome and source. */
export interface RowStep {
  readonly boxes: readonly Box[];
  readonly outcome: number;
  readonly src: readonly [number, number, number];
}

/** A row before its tests are placed on columns: its tested columns, ascending, and each one's alternative. */
interface PendingRow {
  readonly outcome: number;
  readonly columns: number[];
  readonly alternatives: Alternative[];
  readonly src: readonly [number, number, number];
}

/** The literals each column is tested with (null for the path's own tests), by column. */
export type UsedLiterals = Map<number, Set<Scalar | null>>;

/**
 * The rows of `steps`, in order (each step's boxes in order, each box's
 * rows as the product of its cells' alternatives), and the bundle columns
 * their tests are placed on.
 */
export function buildRows(program: CheckedProgram, columns: ColumnTable, steps: readonly RowStep[]): { columns: Column[]; rows: Row[] } {
  const pending: PendingRow[] = [];
  const used: UsedLiterals = new Map();
  const alternativesByCell: Map<Cell, Alternative[]>[] = [];
  const placedByText = new Map<string, PlacedTest>();
  const alternativesOf = (column: number, cell: Cell): Alternative[] => {
    let known = alternativesByCell[column];
    if (known === undefined) alternativesByCell[column] = known = new Map();
    let alternatives = known.get(cell);
    if (alternatives === undefined) known.set(cell, (alternatives = shareTests(placedByText, cellAlternatives(columns.domain(column), cell))));
    return alternatives;
  };
  const tested: number[] = [];
  for (let s = 0; s < steps.length; s++) {
    const step = steps[s]!;
    for (let b = 0; b < step.boxes.length; b++) {
      const box = step.boxes[b]!;
      tested.length = 0;
      // `forEach` rather than `for … of` or a spread (see above).
      box.forEach((_cell, column) => {
        tested.push(column);
      });
      sortAscending(tested);
      let rows: PendingRow[] = [{ outcome: step.outcome, columns: [], alternatives: [], src: step.src }];
      for (let c = 0; c < tested.length; c++) {
        const column = tested[c]!;
        const alternatives = alternativesOf(column, box.get(column)!);
        const only = alternatives[0];
        if (alternatives.length === 1 && only !== undefined) {
          // Most cells have exactly one alternative, added to every row so far in place.
          if (only.length > 0) {
            for (let r = 0; r < rows.length; r++) {
              rows[r]!.columns.push(column);
              rows[r]!.alternatives.push(only);
            }
          }
          continue;
        }
        const product: PendingRow[] = [];
        for (let r = 0; r < rows.length; r++) {
          const row = rows[r]!;
          for (let a = 0; a < alternatives.length; a++) {
            const alternative = alternatives[a]!;
            product.push(alternative.length === 0 ? row : { outcome: row.outcome, columns: [...row.columns, column], alternatives: [...row.alternatives, alternative], src: row.src });
          }
        }
        rows = product;
      }
      if (rows.length === 0) continue;
      // Every alternative of every cell is in some row of a box that has rows: its literals are used.
      for (let c = 0; c < tested.length; c++) {
        const column = tested[c]!;
        const alternatives = alternativesOf(column, box.get(column)!);
        let literals = used.get(column);
        for (let a = 0; a < alternatives.length; a++) {
          const alternative = alternatives[a]!;
          for (let p = 0; p < alternative.length; p++) {
            if (literals === undefined) used.set(column, (literals = new Set()));
            literals.add(alternative[p]!.literal);
          }
        }
      }
      for (let r = 0; r < rows.length; r++) pending.push(rows[r]!);
    }
  }
  const emitted = emitColumns(program, columns, used);
  const rows: Row[] = new Array<Row>(pending.length);
  for (let r = 0; r < pending.length; r++) {
    const row = pending[r]!;
    const tests: { [column: string]: UnaryTest } = {};
    for (let c = 0; c < row.columns.length; c++) {
      const column = row.columns[c]!;
      const alternative = row.alternatives[c]!;
      for (let p = 0; p < alternative.length; p++) {
        const placed = alternative[p]!;
        tests[String(emitted.place(column, placed.literal))] = placed.test;
      }
    }
    rows[r] = { outcome: row.outcome, tests, src: [row.src[0], row.src[1], row.src[2]] };
  }
  return { columns: emitted.columns, rows };
}

/**
 * `alternatives`, fresh from cellAlternatives, with each test that has the
 * text of one met before replaced, in place, by that one's object (and its
 * placing): by the test's text alone, since a test's literal (its list
 * element, or none) follows from it. A decision's cells are mostly objects
 * of their own with few texts among their tests (`wide` 1,000: 35,095
 * tests in 31,901 objects, 1,109 distinct texts), so rows then share one
 * test object per text: pruning, the index builder, row merging and the
 * bundle's encoder find a test they have met by its object
 * (boxes/row-box.ts, optimize/index/region.ts, optimize/merge-rows.ts) and
 * work its canonical text out once per object rather than once per cell
 * (docs/optimizer.md#1-prune-unreachable-rows).
 * A text that writes -0 as 0 or a non-finite number as null does not tell
 * its test apart (testTextIsExact), so such a test keeps its own object.
 */
function shareTests(byText: Map<string, PlacedTest>, alternatives: Alternative[]): Alternative[] {
  for (let a = 0; a < alternatives.length; a++) {
    const alternative = alternatives[a] as PlacedTest[];
    for (let p = 0; p < alternative.length; p++) {
      const placed = alternative[p]!;
      if (!testTextIsExact(placed.test)) continue;
      const text = JSON.stringify(placed.test);
      const known = byText.get(text);
      if (known === undefined) byText.set(text, placed);
      else alternative[p] = known;
    }
  }
  return alternatives;
}

/** Sorts a few numbers in place, ascending (a box's columns are mostly in order already). */
function sortAscending(numbers: number[]): void {
  for (let i = 1; i < numbers.length; i++) {
    const value = numbers[i]!;
    let j = i - 1;
    while (j >= 0 && numbers[j]! > value) {
      numbers[j + 1] = numbers[j]!;
      j--;
    }
    numbers[j + 1] = value;
  }
}

/**
 * Bundle columns: one per tested path, and one per element literal for list
 * paths; `place` gives the bundle column of a test on `column` with
 * `literal`. `used` holds the literals each tested column is tested with.
 */
export function emitColumns(program: CheckedProgram, columns: ColumnTable, used: UsedLiterals): { columns: Column[]; place: (column: number, literal: Scalar | null) => number } {
  const emitted: Column[] = [];
  // Column index → element literal (null for the path's own tests) → bundle column.
  const slots = new Map<number, Map<Scalar | null, number>>();
  columns.paths.forEach((path, column) => {
    const literals = used.get(column);
    if (!literals) return;
    const domain = columns.domain(column);
    // Built field by field (a column's keys keep this order in every artifact).
    const base: { -readonly [K in keyof Column]: Column[K] } = { path, type: domain.kind };
    if (domain.kind === "enum") base.values = [...domain.members];
    if (domain.kind === "list") {
      const element = domain.element.kind;
      if (element === "list" || element === "record") throw new Error(`internal: list \`${path}\` of ${element}`);
      base.element = element;
      // Enum members travel in `values` for lists of enums too: the runtime needs them to type elements.
      if (domain.element.kind === "enum") base.values = [...domain.element.members];
    }
    if (columns.consentPaths.has(path)) base.consent = true;
    if (isArmPath(path)) {
      // The arm column is computed from the unit: the bundle names the
      // experiment and carries what any walker needs to assign the arm.
      const experiment = findExperiment(program, path.slice(1));
      base.path = experiment.unit;
      base.experiment = {
        name: experiment.name,
        seed: experiment.seed,
        ranges: experimentRanges(experiment).map(([start, end]) => [start, end]),
        unit: unitType(program, experiment),
      };
    }
    // A list path gets one column per element literal it is tested with;
    // presence tests (literal null) share the first of them.
    const literalsInOrder = domain.kind === "list" ? columns.listLiterals[column]!.filter((v) => literals.has(v)) : [];
    const slotLiterals: (Scalar | null)[] = literalsInOrder.length > 0 ? literalsInOrder : [null];
    const byLiteral = new Map<Scalar | null, number>();
    for (const literal of slotLiterals) {
      byLiteral.set(literal, emitted.length);
      emitted.push({ ...base });
    }
    if (!byLiteral.has(null)) byLiteral.set(null, byLiteral.get(slotLiterals[0]!)!);
    slots.set(column, byLiteral);
  });
  const place = (column: number, literal: Scalar | null) => {
    const slot = slots.get(column)?.get(literal);
    if (slot === undefined) throw new Error(`internal: no column for ${columns.paths[column]}`);
    return slot;
  };
  return { columns: emitted, place };
}
