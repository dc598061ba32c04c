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

export function cellAt(columns: ColumnTable, box: Box, column: number): Cell {
  return box.get(column) ?? fullCell(columns.domain(column));
}

export function intersectBoxes(columns: ColumnTable, a: Box, b: Box): Box | null {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  if (small.size === 0) return large;
  // Cells are intersected before anything is allocated: most pairs asked about are disjoint.
  const changed: [number, Cell][] = [];
  for (const [column, cell] of small) {
    const other = large.get(column);
    if (!other) {
      changed.push([column, cell]);
      continue;
    }
    const both = intersectCells(columns.domain(column), cell, other);
    if (isEmptyCell(both)) return null;
    changed.push([column, both]);
  }
  const result = new Map(large);
  for (const [column, cell] of changed) result.set(column, cell);
  return result;
}

/** `a` minus `b` as pairwise disjoint boxes (empty when `b` covers `a`). */
export function subtractBox(columns: ColumnTable, a: Box, b: Box): Box[] {
  if (!boxesMeet(columns, a, b)) return [a];
  const pieces: Box[] = [];
  const current = new Map(a);
  for (const column of [...b.keys()].sort((x, y) => x - y)) {
    const domain = columns.domain(column);
    const mine = current.get(column);
    const theirs = b.get(column)!;
    // A cell inside `b`'s leaves no piece and is its own intersection with it
    // (the same canonical cell): nothing to build. Pinned boxes asked about
    // pieces of their own key meet this on the key's column at every step.
    if (mine !== undefined && cellWithin(domain, mine, theirs)) continue;
    for (const rest of subtractCells(domain, mine ?? fullCell(domain), theirs)) {
      const piece = new Map(current);
      if (isFullCell(domain, rest)) piece.delete(column);
      else piece.set(column, rest);
      pieces.push(piece);
    }
    // Later pieces lie inside `b` on this column, which keeps them disjoint from earlier ones.
    current.set(column, intersectCells(domain, mine ?? fullCell(domain), theirs));
  }
  return pieces;
}

/**
 * `a` minus the union of `others`, as disjoint boxes; null when the
 * intermediate result grows past `budget` boxes (the caller then gives up on
 * exactness in a safe direction).
 */
export function subtractUnion(columns: ColumnTable, a: Box, others: readonly Box[], budget: number): Box[] | null {
  let remaining: Box[] = [a];
  for (const other of others) {
    remaining = remaining.flatMap((box) => subtractBox(columns, box, other));
    if (remaining.length === 0) return remaining;
    if (remaining.length > budget) return null;
  }
  return remaining;
}

/** Whether `a` is a subset of `b`: every column `b` constrains holds `a`'s cell inside its own. */
export function boxWithin(columns: ColumnTable, a: Box, b: Box): boolean {
  for (const [column, cell] of b) {
    if (!cellWithin(columns.domain(column), cellAt(columns, a, column), cell)) return false;
  }
  return true;
}

/** Whether two boxes share a context, without building their intersection. */
export function boxesMeet(columns: ColumnTable, a: Box, b: Box): boolean {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const [column, cell] of small) {
    const other = large.get(column);
    if (other && !cellsMeet(columns.domain(column), cell, other)) return false;
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
