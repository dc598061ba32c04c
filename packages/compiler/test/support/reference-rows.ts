/**
 * lower/rows.ts's `buildRows` as it was before it built rows in two passes
 * (each row under construction a columns array and an alternatives array,
 * copied per alternative of a cell with several). The two-pass builder
 * must give exactly these rows, in this order, on these columns, with the
 * same test objects shared between the same places.
 */
import type { CheckedProgram } from "@scn/language";
import type { Column, Row, UnaryTest } from "@scn/runtime";
import type { Cell } from "../../src/boxes/cell.js";
import type { ColumnTable } from "../../src/boxes/column-table.js";
import { testTextIsExact } from "../../src/boxes/test-algebra.js";
import { cellAlternatives, type Alternative, type PlacedTest } from "../../src/lower/cell-tests.js";
import { emitColumns, type RowStep, type UsedLiterals } from "../../src/lower/rows.js";

/** A row before its tests are placed on columns: its tested columns, ascending, and each one's alternative. */
interface PendingRow {
  readonly outcome: number;
  readonly columns: number[];
  readonly alternatives: Alternative[];
  readonly src: readonly [number, number, number];
}

export function referenceBuildRows(program: CheckedProgram, columns: ColumnTable, steps: readonly RowStep[]): { columns: Column[]; rows: Row[] } {
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

