/**
 * Which columns each box of a list holds a cell on, and on which of them
 * its cell is narrower than the column's whole domain, as bit sets: a cheap
 * first answer to "may box `a` lie within box `b`?".
 *
 * A box holds every value on a column it leaves out, and the whole domain
 * lies within a cell only when the cell is the whole domain (what
 * `cellWithin` answers for the full cell). So `a` lies within `b` only if
 * `a` holds a cell on every column where `b`'s cell is narrower. A union
 * index asks whether each box lies within each of its neighbours in the
 * list (to find the boxes others hold), and most pairs of a program's
 * rows or claims differ in the columns they test, which this tells from
 * a few machine words instead of comparing cells.
 *
 * Invariant: `mayLieWithin(a, b)` is false only when `boxWithin(a, b)` is.
 */
import type { Box } from "./box.js";
import { cellWithin, fullCell, type Cell } from "./cell.js";
import type { ColumnTable } from "./column-table.js";

export class ColumnShapes {
  /** Words of bits per box. */
  private readonly words: number;
  /** For box `b`, words `b * words` on: the columns it holds a cell on. */
  private readonly held: Int32Array;
  /** For box `b`, words `b * words` on: the columns whose cell the whole domain does not lie within. */
  private readonly narrowed: Int32Array;

  constructor(columns: ColumnTable, boxes: readonly Box[]) {
    // Cells are visited with `forEach` and one function per pass, not
    // `for ... of` over each box's keys, which allocates a result per cell
    // before V8 optimizes it (docs/optimizer.md#loops-v8-compiles-while-they-run).
    let width = 0;
    const widen = (_cell: Cell, column: number): void => {
      if (column >= width) width = column + 1;
    };
    for (let b = 0; b < boxes.length; b++) boxes[b]!.forEach(widen);
    const words = (this.words = Math.max(1, Math.ceil(width / 32)));
    const held = (this.held = new Int32Array(boxes.length * words));
    const narrowed = (this.narrowed = new Int32Array(boxes.length * words));
    let b = 0;
    const mark = (cell: Cell, column: number): void => {
      const word = b * words + (column >>> 5);
      const bit = 1 << (column & 31);
      held[word]! |= bit;
      const domain = columns.domain(column);
      if (!cellWithin(domain, fullCell(domain), cell)) narrowed[word]! |= bit;
    };
    for (b = 0; b < boxes.length; b++) boxes[b]!.forEach(mark);
  }

  /** False only when box `a` cannot lie within box `b`: `b` narrows a column that `a` leaves out. */
  mayLieWithin(a: number, b: number): boolean {
    const words = this.words;
    for (let w = 0; w < words; w++) if ((this.narrowed[b * words + w]! & ~this.held[a * words + w]!) !== 0) return false;
    return true;
  }
}
