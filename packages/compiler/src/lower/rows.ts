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
 * Here no row exists before its final form (see buildRows), the
 * literals each column is tested with are gathered per box rather than
 * per row, and a cell's alternatives are made once per cell object: the
 * boxes of one scenario share the cells of its situation, so their rows
 * also share test objects, which merging rows compares by identity first
 * (optimize/merge-rows.ts).
 *
 * Invariant: the rows, their order, their tests and the columns are those
 * of the product described above, exactly; a reference test
 * (test/lower-rows.property.test.ts) holds this module to the map-based
 * construction it replaced, and to the one-pass builder that replaced
 * that (test/support/reference-rows.ts).
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

/** The literals each column is tested with (null for the path's own tests), by column. */
export type UsedLiterals = Map<number, Set<Scalar | null>>;

/**
 * The rows of `steps`, in order (each step's boxes in order, each box's
 * rows as the product of its cells' alternatives), and the bundle columns
 * their tests are placed on.
 *
 * Two passes, so that no row exists before its final form: the first
 * finds each box's tested columns and its cells' alternatives (kept for
 * the whole decision in a few typed arrays, not per row) and the literals
 * the boxes that have rows use, which fix the bundle columns; the second
 * walks each box's product with one counter per column and writes each
 * row's tests straight onto their bundle columns. Rows held first as a
 * columns array and an alternatives array each, grown per column and
 * copied per alternative, and placed afterwards, made the first read of
 * the rows allocate 137 MB at `wide` 10,000 instead of 112 MB
 * (docs/cli.md#what-a-build-allocates).
 */
export function buildRows(program: CheckedProgram, columns: ColumnTable, steps: readonly RowStep[]): { columns: Column[]; rows: Row[] } {
  const used: UsedLiterals = new Map();
  // Each cell's alternatives, made once per cell object, are numbered in
  // the order they are made: the plan below holds their numbers.
  const alternativesById: Alternative[][] = [];
  const idByCell: Map<Cell, number>[] = [];
  const placedByText = new Map<string, PlacedTest>();
  const alternativesOf = (column: number, cell: Cell): number => {
    let known = idByCell[column];
    if (known === undefined) idByCell[column] = known = new Map();
    let id = known.get(cell);
    if (id === undefined) {
      id = alternativesById.length;
      known.set(cell, id);
      alternativesById.push(shareTests(placedByText, cellAlternatives(columns.domain(column), cell)));
    }
    return id;
  };
  // Pass one. Box k (counting only boxes with rows) tests the columns
  // planColumns[boxStart[k]] … planColumns[boxStart[k + 1] - 1], ascending,
  // with its cells' alternatives numbered at the same places of
  // planAlternatives; its rows belong to step boxStep[k]. A box has rows
  // unless a cell has no alternative. The plan is sized from the boxes up
  // front, in typed arrays, so that it is four allocations rather than
  // arrays grown (and copied) a cell at a time.
  let cellCount = 0;
  let boxCount = 0;
  for (let s = 0; s < steps.length; s++) {
    const boxes = steps[s]!.boxes;
    boxCount += boxes.length;
    for (let b = 0; b < boxes.length; b++) cellCount += boxes[b]!.size;
  }
  const planColumns = new Int32Array(cellCount);
  const planAlternatives = new Int32Array(cellCount);
  const boxStart = new Int32Array(boxCount + 1);
  const boxStep = new Int32Array(boxCount);
  // 1 for a box with exactly one row (most boxes), which pass two builds without counters.
  const boxSingle = new Uint8Array(boxCount);
  let planned = 0;
  let boxesWithRows = 0;
  let rowCount = 0;
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
      const start = planned;
      let count = 1;
      for (let c = 0; c < tested.length; c++) {
        const column = tested[c]!;
        // Every cell's alternatives are made here, in this order, even in a box without rows, so tests are shared as before.
        const id = alternativesOf(column, box.get(column)!);
        count *= alternativesById[id]!.length;
        planColumns[planned] = column;
        planAlternatives[planned++] = id;
      }
      if (count === 0) {
        planned = start;
        continue;
      }
      boxStart[boxesWithRows] = start;
      boxSingle[boxesWithRows] = count === 1 ? 1 : 0;
      boxStep[boxesWithRows++] = s;
      rowCount += count;
      // Every alternative of every cell is in some row of a box that has rows: its literals are used.
      for (let c = start; c < planned; c++) {
        const column = planColumns[c]!;
        const alternatives = alternativesById[planAlternatives[c]!]!;
        let literals = used.get(column);
        for (let a = 0; a < alternatives.length; a++) {
          const alternative = alternatives[a]!;
          for (let p = 0; p < alternative.length; p++) {
            if (literals === undefined) used.set(column, (literals = new Set()));
            literals.add(alternative[p]!.literal);
          }
        }
      }
    }
  }
  boxStart[boxesWithRows] = planned;
  const emitted = emitColumns(program, columns, used);
  // Pass two: each box's rows in the product's order, the last column's
  // alternative varying fastest (choice[c - start] is the alternative of
  // the box's column at plan place c).
  const rows: Row[] = new Array<Row>(rowCount);
  let r = 0;
  const choice: number[] = [];
  // One box's rows, in a function of its own: a small function is compiled
  // sooner than the loop of a large one, and at 1,000 scenarios this runs
  // mostly before V8 has optimized it (see above).
  const placeTests = (start: number, end: number, single: boolean): { [column: string]: UnaryTest } => {
    const tests: { [column: string]: UnaryTest } = {};
    for (let c = start; c < end; c++) {
      const column = planColumns[c]!;
      const alternative = alternativesById[planAlternatives[c]!]![single ? 0 : choice[c - start]!]!;
      for (let p = 0; p < alternative.length; p++) {
        const placed = alternative[p]!;
        tests[String(emitted.place(column, placed.literal))] = placed.test;
      }
    }
    return tests;
  };
  for (let k = 0; k < boxesWithRows; k++) {
    const step = steps[boxStep[k]!]!;
    const start = boxStart[k]!;
    const end = boxStart[k + 1]!;
    if (boxSingle[k] === 1) {
      rows[r++] = { outcome: step.outcome, tests: placeTests(start, end, true), src: [step.src[0], step.src[1], step.src[2]] };
      continue;
    }
    choice.length = 0;
    for (let c = start; c < end; c++) choice.push(0);
    for (;;) {
      rows[r++] = { outcome: step.outcome, tests: placeTests(start, end, false), src: [step.src[0], step.src[1], step.src[2]] };
      let c = end - 1;
      while (c >= start && ++choice[c - start]! === alternativesById[planAlternatives[c]!]!.length) choice[c-- - start] = 0;
      if (c < start) break;
    }
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
