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
import { ABSENT_VALUE } from "./cell.js";
import type { ColumnTable } from "./column-table.js";
import { HIGH_UNBOUNDED, IN_RANGES, LOW_UNBOUNDED, type PointTests, type PointValue } from "./point-tests.js";

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
    tests: PointTests,
    size: number,
  ) {
    this.low = new Float64Array(size).fill(-Infinity);
    this.high = new Float64Array(size).fill(Infinity);
    this.noAbsent = new Uint8Array(size);
    if (column < 0) return;
    // Read off the point tests' own layout: the same cells, already flat.
    const { boxStart, kind, absent, rangeStart, bounds, flags } = tests;
    for (let p = 0; p < size; p++) {
      const end = boxStart[p + 1]!;
      for (let t = boxStart[p]!; t < end; t++) {
        if (tests.column[t] !== column) continue;
        if (absent[t] === 0) this.noAbsent[p] = 1;
        if (kind[t] === IN_RANGES) {
          let low = Infinity;
          let high = -Infinity;
          for (let i = rangeStart[t]!; i < rangeStart[t + 1]!; i++) {
            const f = flags[i]!;
            low = Math.min(low, f & LOW_UNBOUNDED ? -Infinity : bounds[2 * i]!);
            high = Math.max(high, f & HIGH_UNBOUNDED ? Infinity : bounds[2 * i + 1]!);
          }
          this.low[p] = low;
          this.high[p] = high;
        }
        break;
      }
    }
  }

  /**
   * The guard of the boxes whose tests are `tests`: on the int or number
   * column that the most boxes constrain (ties to the lower column), so
   * that it sets aside as many boxes as one column can.
   *
   * A union index keeps a second guard, on another column (`except` is the
   * first guard's), chosen by a score that counts twice each cell whose
   * hull is bounded on both sides: such a cell (a band, `spend in
   * 1250..3250`) sets aside points on either side, where a one-sided one
   * (`age >= 21`) sets aside about half of them. On `wide` 10,000 the
   * boxes that passed the first guard failed their tests on the spend
   * band more than on every other column together, and a second pair of
   * comparisons is cheaper than those tests.
   */
  static over(columns: ColumnTable, tests: PointTests, except = -1): PointGuard {
    const size = tests.boxStart.length - 1;
    const scores = new Int32Array(columns.domains.length);
    const { column, kind, rangeStart, flags } = tests;
    for (let t = 0; t < column.length; t++) {
      scores[column[t]!]!++;
      if (except < 0 || kind[t] !== IN_RANGES || rangeStart[t + 1] === rangeStart[t]) continue;
      // Normalized intervals are sorted: the hull runs from the first one's low to the last one's high.
      if (!(flags[rangeStart[t]!]! & LOW_UNBOUNDED) && !(flags[rangeStart[t + 1]! - 1]! & HIGH_UNBOUNDED)) scores[column[t]!]!++;
    }
    let best = -1;
    let bestScore = 0;
    for (let c = 0; c < scores.length; c++) {
      const domainKind = columns.domain(c).kind;
      if ((domainKind === "int" || domainKind === "number") && c !== except && scores[c]! > bestScore) {
        best = c;
        bestScore = scores[c]!;
      }
    }
    return new PointGuard(best, best >= 0 && columns.domain(best).kind === "int", tests, size);
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
