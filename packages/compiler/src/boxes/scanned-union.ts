/**
 * The questions a coverage search asks of a union of boxes, and their plain
 * answer for a short list: which boxes may meet a box, which box contains a
 * point, which literals the boxes name. A long union answers the same
 * questions through an index (union-index.ts); a short one, such as a
 * scenario's earlier pathways, is cheaper to scan than to index.
 *
 * Invariant: answers are exact over the window's boxes (candidates may only
 * add boxes that do not meet the query), in list order.
 */
import { boxWithin, boxesMeet, type Box } from "./box.js";
import type { Scalar } from "./cell.js";
import type { ColumnTable } from "./column-table.js";
import type { PointCells, PointValue } from "./point-tests.js";

/** Which boxes of the list a question is about: those from `start` and before `end` that `alive` accepts. */
export interface IndexWindow {
  readonly start?: number;
  readonly end?: number;
  readonly alive?: (position: number) => boolean;
}

export interface SearchableUnion {
  readonly boxes: readonly Box[];
  /** Columns any box constrains, ascending. */
  readonly columnsUsed: readonly number[];
  /** Every literal the boxes name on `column` (finite and co-finite values, list elements). */
  literals(column: number): readonly Scalar[];
  namesLiteral(column: number, value: Scalar): boolean;
  /** Boxes in the window that may intersect `box`, in list order. */
  candidates(box: Box, window?: IndexWindow): Box[];
  /**
   * The candidates for `box`, possibly less boxes that other boxes of the
   * window contain (same union); all of them when they are `keepAllUpTo` or fewer.
   */
  maximalCandidates(box: Box, window?: IndexWindow, keepAllUpTo?: number): Box[];
  /**
   * The position of a box in the window that contains `point` (which pins
   * every column of `columnsUsed`), or null; `values`, when given, are
   * `pointValues(point)`, kept by a caller that moves the point. A point
   * that is not a box comes with its values.
   */
  containing(point: Box, window?: IndexWindow, values?: readonly PointValue[]): number | null;
  containing(point: PointCells, window: IndexWindow, values: readonly PointValue[]): number | null;
}

/** The literals a cell names, the values a point must be told apart from. */
export function cellLiterals(box: Box, column: number): Scalar[] {
  const values = box.get(column)?.values;
  if (!values) return [];
  if (values.kind === "finite" || values.kind === "cofinite") return [...values.values];
  if (values.kind === "lists" && values.conj) return [...values.conj.req, ...values.conj.forb];
  return [];
}

export class ScannedUnion implements SearchableUnion {
  readonly columnsUsed: readonly number[];

  constructor(
    private readonly columns: ColumnTable,
    readonly boxes: readonly Box[],
  ) {
    const used = new Set<number>();
    for (const box of boxes) for (const column of box.keys()) used.add(column);
    this.columnsUsed = [...used].sort((a, b) => a - b);
  }

  literals(column: number): readonly Scalar[] {
    return [...new Set(this.boxes.flatMap((box) => cellLiterals(box, column)))];
  }

  namesLiteral(column: number, value: Scalar): boolean {
    return this.boxes.some((box) => cellLiterals(box, column).includes(value));
  }

  candidates(box: Box, window: IndexWindow = {}): Box[] {
    return this.inWindow(window).filter((other) => boxesMeet(this.columns, box, other));
  }

  maximalCandidates(box: Box, window: IndexWindow = {}): Box[] {
    return this.candidates(box, window);
  }

  containing(point: Box, window?: IndexWindow, values?: readonly PointValue[]): number | null;
  containing(point: PointCells, window: IndexWindow, values: readonly PointValue[]): number | null;
  containing(point: PointCells, window: IndexWindow = {}): number | null {
    const start = window.start ?? 0;
    const end = Math.min(window.end ?? this.boxes.length, this.boxes.length);
    for (let p = start; p < end; p++) if ((!window.alive || window.alive(p)) && boxWithin(this.columns, point, this.boxes[p]!)) return p;
    return null;
  }

  private inWindow(window: IndexWindow): Box[] {
    const start = window.start ?? 0;
    const end = Math.min(window.end ?? this.boxes.length, this.boxes.length);
    return this.boxes.slice(start, end).filter((_, k) => !window.alive || window.alive(start + k));
  }
}
