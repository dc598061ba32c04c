/**
 * Boxes: products of per-column cells, the shape every condition of the
 * tabular language takes once `or` is expanded (docs/analysis.md#why-it-can-be-exact-every-rule-is-a-box). A box maps a
 * column index to its cell; a column it does not mention is unconstrained.
 *
 * Invariant: boxes handed out by this module are canonical: every cell they
 * hold is non-empty and not full (a full cell is simply left out), so the
 * empty map is "every context" and a box is never empty. Intersections that
 * come out empty are returned as `null`; differences as lists of pairwise
 * disjoint boxes.
 */
import { cellWithin, cellsMeet, intersectCells, isEmptyCell, isFullCell, subtractCells, fullCell, type Cell } from "./cell.js";
import type { ColumnTable } from "./column-table.js";

export type Box = ReadonlyMap<number, Cell>;

export const EVERYTHING: Box = new Map();

/** A box constraining one column, or null when the cell is empty. */
export function boxOf(columns: ColumnTable, column: number, cell: Cell): Box | null {
  if (isEmptyCell(cell)) return null;
  return isFullCell(columns.domain(column), cell) ? EVERYTHING : new Map([[column, cell]]);
}

/**
 * A copy of `box` to change. Copied cell by cell rather than by
 * `new Map(box)`, whose constructor walks the box through the iterator
 * protocol and allocates an entry array and a result object per cell: box
 * copies were a fifth of what analysis and pruning allocate
 * (docs/analysis.md#keeping-each-step-cheap). The copy keeps the box's order.
 */
export function copyBox(box: Box): Map<number, Cell> {
  const copy = new Map<number, Cell>();
  box.forEach(setInto, copy);
  return copy;
}

/** `copyBox`'s callback, a plain function with the copy as `this`, so that no closure is made per copy. */
function setInto(this: Map<number, Cell>, cell: Cell, column: number): void {
  this.set(column, cell);
}

/**
 * Adds each column `box` holds a cell on to `columns`, in the box's order.
 * By `forEach` with a plain function: the union index and the growing
 * union do this for every box of a list, mostly before V8 optimizes them,
 * and unoptimized `for ... of` over `box.keys()` allocates a result per
 * column (docs/optimizer.md#loops-v8-compiles-while-they-run).
 */
export function addColumns(box: Box, columns: Set<number>): void {
  box.forEach(addColumn, columns);
}

function addColumn(this: Set<number>, _cell: Cell, column: number): void {
  this.add(column);
}

export function cellAt(columns: ColumnTable, box: Box, column: number): Cell {
  return box.get(column) ?? fullCell(columns.domain(column));
}

export function intersectBoxes(columns: ColumnTable, a: Box, b: Box): Box | null {
  // No destructuring or entry arrays here, nor in the other tests below:
  // most of the box algebra runs before V8 optimizes it, and in unoptimized
  // code each destructured pair and each `[key, value]` entry of a map is an
  // allocation (docs/analysis.md#keeping-each-step-cheap).
  const small = a.size <= b.size ? a : b;
  const large = small === a ? b : a;
  if (small.size === 0) return large;
  // Cells are intersected before anything is allocated: most pairs asked about are disjoint.
  let changedColumns: number[] | null = null;
  let changedCells: Cell[] | null = null;
  for (const column of small.keys()) {
    const cell = small.get(column)!;
    const other = large.get(column);
    if (other === undefined) {
      (changedColumns ??= []).push(column);
      (changedCells ??= []).push(cell);
      continue;
    }
    const both = intersectCells(columns.domain(column), cell, other);
    if (isEmptyCell(both)) return null;
    (changedColumns ??= []).push(column);
    (changedCells ??= []).push(both);
  }
  const result = copyBox(large);
  if (changedColumns !== null) for (let k = 0; k < changedColumns.length; k++) result.set(changedColumns[k]!, changedCells![k]!);
  return result;
}

/** `a` minus `b` as pairwise disjoint boxes (empty when `b` covers `a`). */
export function subtractBox(columns: ColumnTable, a: Box, b: Box): Box[] {
  if (!boxesMeet(columns, a, b)) return [a];
  return subtractMeeting(columns, a, b);
}

/** `subtractBox` of two boxes known to meet. */
function subtractMeeting(columns: ColumnTable, a: Box, b: Box): Box[] {
  const pieces: Box[] = [];
  // `a` narrowed to `b` on the columns done so far, copied only when first
  // narrowed: a box inside `b` (most boxes asked about in a proof of
  // coverage) is then subtracted without any copy, and the last column's
  // narrowing, which no piece would hold, is not made.
  let current: Map<number, Cell> | null = null;
  const order = ascendingColumns(b);
  for (let k = 0; k < order.length; k++) {
    const column = order[k]!;
    const domain = columns.domain(column);
    const mine = (current ?? a).get(column);
    const theirs = b.get(column)!;
    // A cell inside `b`'s leaves no piece and is its own intersection with it
    // (the same canonical cell): nothing to build. Pinned boxes asked about
    // pieces of their own key meet this on the key's column at every step.
    if (mine !== undefined && cellWithin(domain, mine, theirs)) continue;
    for (const rest of subtractCells(domain, mine ?? fullCell(domain), theirs)) {
      const piece = copyBox(current ?? a);
      if (isFullCell(domain, rest)) piece.delete(column);
      else piece.set(column, rest);
      pieces.push(piece);
    }
    // Later pieces lie inside `b` on this column, which keeps them disjoint from earlier ones.
    if (k < order.length - 1) (current ??= copyBox(a)).set(column, intersectCells(domain, mine ?? fullCell(domain), theirs));
  }
  return pieces;
}

/**
 * The columns of `box` in ascending order, in one array that every call
 * reuses: `subtractBox` walks them and calls nothing that asks for them
 * again, and spreading and sorting each subtracted box's columns anew was
 * a thirtieth of what pruning `wide` 10,000 allocated
 * (docs/analysis.md#keeping-each-step-cheap). Sorted by insertion: a box
 * has a few columns, often in order already.
 */
function ascendingColumns(box: Box): readonly number[] {
  const order = ASCENDING;
  order.length = 0;
  box.forEach(pushColumn, order);
  for (let i = 1; i < order.length; i++) {
    const column = order[i]!;
    let j = i - 1;
    for (; j >= 0 && order[j]! > column; j--) order[j + 1] = order[j]!;
    order[j + 1] = column;
  }
  return order;
}

const ASCENDING: number[] = [];

function pushColumn(this: number[], _cell: Cell, column: number): void {
  this.push(column);
}

/**
 * `a` minus the union of `others`, as disjoint boxes; null when the
 * intermediate result grows past `budget` boxes (the caller then gives up on
 * exactness in a safe direction).
 */
export function subtractUnion(columns: ColumnTable, a: Box, others: readonly Box[], budget: number): Box[] | null {
  let remaining: Box[] = [a];
  for (let o = 0; o < others.length; o++) {
    const other = others[o]!;
    // A loop rather than `flatMap` over `subtractBox`: a piece the box
    // misses is kept as it is, without the one-box list `subtractBox`
    // returns for it (most pieces miss most boxes), and no list is made
    // when no piece meets the box. The pieces and their order are those
    // of the `flatMap`. Pruning's growing union asks this of every row
    // pinned to a few keys (growing-union.ts, `byRemainder`).
    let next: Box[] | null = null;
    for (let r = 0; r < remaining.length; r++) {
      const box = remaining[r]!;
      if (!boxesMeet(columns, box, other)) {
        if (next !== null) next.push(box);
        continue;
      }
      if (next === null) next = remaining.slice(0, r);
      const pieces = subtractMeeting(columns, box, other);
      for (let k = 0; k < pieces.length; k++) next.push(pieces[k]!);
    }
    if (next !== null) remaining = next;
    if (remaining.length === 0) return remaining;
    if (remaining.length > budget) return null;
  }
  return remaining;
}

/**
 * Whether `a` is a subset of `b`: every column `b` constrains holds `a`'s
 * cell inside its own. Only `a`'s cells are read, so `a` may be any point
 * that gives them (point-tests.ts's `PointCells`).
 */
export function boxWithin(columns: ColumnTable, a: Pick<Box, "get">, b: Box): boolean {
  for (const column of b.keys()) {
    const domain = columns.domain(column);
    if (!cellWithin(domain, a.get(column) ?? fullCell(domain), b.get(column)!)) return false;
  }
  return true;
}

/** Whether two boxes share a context, without building their intersection. */
export function boxesMeet(columns: ColumnTable, a: Box, b: Box): boolean {
  const small = a.size <= b.size ? a : b;
  const large = small === a ? b : a;
  for (const column of small.keys()) {
    const other = large.get(column);
    if (other !== undefined && !cellsMeet(columns.domain(column), small.get(column)!, other)) return false;
  }
  return true;
}

/** Intersection of two unions of boxes (a DNF product), empty boxes dropped. */
export function intersectUnions(columns: ColumnTable, a: readonly Box[], b: readonly Box[], limit: number): Box[] {
  const result: Box[] = [];
  for (const x of a) {
    for (const y of b) {
      const both = intersectBoxes(columns, x, y);
      if (both === null) continue;
      result.push(both);
      if (result.length > limit) throw new BoxLimitExceeded(limit);
    }
  }
  return result;
}

/** Raised when a union of boxes grows past the configured limit; callers turn it into a diagnostic. */
export class BoxLimitExceeded extends Error {
  constructor(readonly limit: number) {
    super(`more than ${limit} boxes in one condition`);
  }
}
