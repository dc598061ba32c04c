/**
 * A cheap first test of a point query against each box of a union index,
 * made inline in the index's leaf scan before the box's full test
 * (docs/analysis.md#keeping-each-step-cheap).
 *
 * The index's leaves can hold many boxes that it could not split apart: on
 * the `wide` programs, the rows of a tier and region differ by number
 * ranges (a spend band), which no key tells apart, and a point query
 * tested about fifty boxes per leaf, nearly all of them only to find that
 * the point's value lies outside one of their ranges. The guard keeps, for
 * one number column (the one the most boxes constrain), the hull of each
 * box's intervals there and whether its cell admits absent, by position in
 * typed arrays, so most of those boxes are set aside by two comparisons
 * instead of a call that walks their tests.
 *
 * Invariant: `rejects` is true only for a box that does not hold the
 * point (its `PointTests.holds` is false): a value outside a cell's hull
 * lies in none of its intervals, and absent lies only in a cell that
 * admits it. A non-integer value on an integer column is never rejected,
 * since such a cell's answer for it is not decided by its bounds.
 */
import type { Box } from "./box.js";
import { ABSENT_VALUE } from "./cell.js";
import type { ColumnTable } from "./column-table.js";
import type { PointValue } from "./point-tests.js";

export class PointGuard {
  /** For each position, the least and greatest value its cell on the guard column may hold (the whole line when it leaves the column open). */
  private readonly low: Float64Array;
  private readonly high: Float64Array;
  /** For each position, 1 when its cell on the guard column leaves absent out. */
  private readonly noAbsent: Uint8Array;

  private constructor(
    /** The guard column, or -1 when no box constrains a number column. */
    readonly column: number,
    /** Whether the guard column holds integers (a non-integer value is then never rejected). */
    private readonly integral: boolean,
    boxes: readonly Box[],
  ) {
    this.low = new Float64Array(boxes.length).fill(-Infinity);
    this.high = new Float64Array(boxes.length).fill(Infinity);
    this.noAbsent = new Uint8Array(boxes.length);
    if (column < 0) return;
    for (let p = 0; p < boxes.length; p++) {
      const cell = boxes[p]!.get(column);
      if (cell === undefined) continue;
      if (!cell.absent) this.noAbsent[p] = 1;
      const values = cell.values;
      if (values.kind !== "ranges") continue;
      let low = Infinity;
      let high = -Infinity;
      for (let i = 0; i < values.intervals.length; i++) {
        const interval = values.intervals[i]!;
        low = Math.min(low, interval[0] ?? -Infinity);
        high = Math.max(high, interval[1] ?? Infinity);
      }
      this.low[p] = low;
      this.high[p] = high;
    }
  }

  /**
   * The guard of `boxes`: on the int or number column that the most boxes
   * constrain (ties to the lower column), so that it sets aside as many
   * boxes as one column can.
   */
  static over(columns: ColumnTable, boxes: readonly Box[]): PointGuard {
    const counts = new Map<number, number>();
    for (const box of boxes) {
      for (const column of box.keys()) {
        const kind = columns.domain(column).kind;
        if (kind === "int" || kind === "number") counts.set(column, (counts.get(column) ?? 0) + 1);
      }
    }
    let best = -1;
    let bestCount = 0;
    for (const [column, count] of counts) {
      if (count > bestCount || (count === bestCount && column < best)) {
        best = column;
        bestCount = count;
      }
    }
    return new PointGuard(best, best >= 0 && columns.domain(best).kind === "int", boxes);
  }

  /**
   * How a query reads the point's value on the guard column: a number the
   * bounds can decide, `ABSENT_VALUE`, or null when the guard can reject
   * nothing for this point (no guard column, no single value there, a
   * string, or a non-integer on an integer column).
   */
  reading(values: readonly PointValue[]): number | typeof ABSENT_VALUE | null {
    if (this.column < 0) return null;
    const value = values[this.column];
    if (value === ABSENT_VALUE) return value;
    if (typeof value !== "number" || (this.integral && !Number.isInteger(value))) return null;
    return value;
  }

  /** Whether the box at `position` surely does not hold a point whose guard reading is `reading`. */
  rejects(position: number, reading: number | typeof ABSENT_VALUE | null): boolean {
    if (reading === null) return false;
    if (reading === ABSENT_VALUE) return this.noAbsent[position] === 1;
    return reading < this.low[position]! || reading > this.high[position]!;
  }
}
