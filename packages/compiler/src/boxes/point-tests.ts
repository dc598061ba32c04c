/**
 * The cells of a list of boxes compiled for point queries: whether a box
 * holds a point, decided on the point's value on each column
 * (docs/analysis.md#keeping-each-step-cheap).
 *
 * A point query of a union index tests the point against every box of the
 * leaves it visits, and the point search asks thousands of them. Asked of
 * the boxes themselves, each test walked the box's map, looked its column's
 * domain up and dispatched on the cell's kind by name; here every box's
 * cells are laid out once, in flat typed arrays, as what `cellHoldsValue`
 * needs to know of them: whether absent is in, a sorted list of values (or
 * the answer when the list is empty or every value of the domain), and
 * interval bounds as numbers with their inclusive and unbounded flags.
 *
 * Invariant: `holds` answers exactly what `boxWithin(point, box)` answers
 * for a point whose values are `values`: `cellHoldsValue` on each column
 * where the point has a value, and `cellWithin` with the point's cell where
 * it has none (a list cell, or several values).
 */
import type { Box } from "./box.js";
import { ABSENT_VALUE, cellWithin, fullCell, isAllValues, pointValue, sortedHas, type Cell, type ColumnDomain, type Scalar } from "./cell.js";
import type { ColumnTable } from "./column-table.js";

/** A point's value on one column, as `pointValue` gives it. */
export type PointValue = Scalar | typeof ABSENT_VALUE | undefined;

/** What a test does with a present value. */
const NEVER = 0;
const ALWAYS = 1;
/** The value is in the test's sorted `scalars`. */
const AMONG = 2;
/** The value is not in the test's sorted `scalars`. */
const NOT_AMONG = 3;
/** The value lies in one of the test's intervals. */
export const IN_RANGES = 4;
/** Lists hold no single value: asking is an internal error, as `cellHoldsValue` says. */
const LISTS = 5;

/** Flags of an interval's bounds. */
const LOW_INCLUSIVE = 1;
const HIGH_INCLUSIVE = 2;
export const LOW_UNBOUNDED = 4;
export const HIGH_UNBOUNDED = 8;

/**
 * A point as a point query reads it: its cell on each column. A box is
 * one; the point search passes its own point, cells kept by column in an
 * array (point-search.ts), so that it builds a map only for the point it
 * returns (docs/analysis.md#keeping-each-step-cheap).
 */
export interface PointCells {
  get(column: number): Cell | undefined;
}

/** The value of `point` on each column, by column (see `pointValue`): read once per query rather than once per box. */
export function pointValues(point: Box): PointValue[] {
  const values: PointValue[] = [];
  point.forEach((cell, column) => {
    values[column] = pointValue(cell);
  });
  return values;
}

/** The tests laid out by box; the typed arrays are read by the index's guard too (point-guard.ts), never written after construction. */
export class PointTests {
  /** The tests of box `b` are `boxStart[b]` to `boxStart[b + 1]`. */
  readonly boxStart: Int32Array;
  readonly column: Int32Array;
  readonly kind: Uint8Array;
  readonly absent: Uint8Array;
  /** For ranges on an integer column: the answer for a value that is not an integer (which no such cell holds, so it lies within any non-empty one). */
  private readonly nonInteger: Uint8Array;
  private readonly scalars: (readonly Scalar[])[];
  /** The intervals of test `t` are `rangeStart[t]` to `rangeStart[t + 1]`, each with its bounds at `2i` and `2i + 1` of `bounds`. */
  readonly rangeStart: Int32Array;
  readonly bounds: Float64Array;
  readonly flags: Uint8Array;
  /** Each test's cell and domain, for points without a value on its column. */
  private readonly cells: Cell[];
  private readonly domains: ColumnDomain[];

  constructor(columns: ColumnTable, boxes: readonly Box[]) {
    // Counted first, so that the typed arrays are filled in place: pushing
    // every test into plain arrays and copying them cost more than the
    // tests of the queries on pruning's index of 60,000 rows.
    // Cells are visited with `forEach` and one function per pass, not
    // `for ... of` over each box, which allocates a result per cell before
    // V8 optimizes it (docs/optimizer.md#loops-v8-compiles-while-they-run).
    let tests = 0;
    let intervals = 0;
    const count = (cell: Cell): void => {
      if (cell.values.kind === "ranges") intervals += cell.values.intervals.length;
    };
    for (let b = 0; b < boxes.length; b++) {
      const box = boxes[b]!;
      tests += box.size;
      box.forEach(count);
    }
    const boxStart = (this.boxStart = new Int32Array(boxes.length + 1));
    const column = (this.column = new Int32Array(tests));
    const kind = (this.kind = new Uint8Array(tests));
    const absent = (this.absent = new Uint8Array(tests));
    const nonInteger = (this.nonInteger = new Uint8Array(tests));
    const rangeStart = (this.rangeStart = new Int32Array(tests + 1));
    const bounds = (this.bounds = new Float64Array(2 * intervals));
    const flags = (this.flags = new Uint8Array(intervals));
    const scalars: (readonly Scalar[])[] = (this.scalars = new Array<readonly Scalar[]>(tests));
    const cells: Cell[] = (this.cells = new Array<Cell>(tests));
    const domains: ColumnDomain[] = (this.domains = new Array<ColumnDomain>(tests));
    const none: readonly Scalar[] = [];
    let t = 0;
    let r = 0;
    const layOut = (cell: Cell, c: number): void => {
      const domain = columns.domain(c);
      const values = cell.values;
      column[t] = c;
      absent[t] = cell.absent ? 1 : 0;
      rangeStart[t] = r;
      cells[t] = cell;
      domains[t] = domain;
      let list = none;
      let integral = 0;
      switch (values.kind) {
        case "finite":
          kind[t] = values.values.length === 0 ? NEVER : isAllValues(domain, values) ? ALWAYS : AMONG;
          list = values.values;
          break;
        case "cofinite":
          kind[t] = NOT_AMONG;
          list = values.values;
          break;
        case "ranges":
          kind[t] = IN_RANGES;
          integral = values.intervals.length > 0 ? 1 : 0;
          for (let i = 0; i < values.intervals.length; i++) {
            const interval = values.intervals[i]!;
            const lo = interval[0];
            const hi = interval[1];
            const loIncl = interval[2];
            const hiIncl = interval[3];
            bounds[2 * r] = lo ?? 0;
            bounds[2 * r + 1] = hi ?? 0;
            flags[r] = (loIncl ? LOW_INCLUSIVE : 0) | (hiIncl ? HIGH_INCLUSIVE : 0) | (lo === null ? LOW_UNBOUNDED : 0) | (hi === null ? HIGH_UNBOUNDED : 0);
            r++;
          }
          break;
        case "lists":
          kind[t] = LISTS;
          break;
      }
      scalars[t] = list;
      // Only integer columns answer a non-integer by the cell's emptiness; 2 marks the others.
      nonInteger[t] = values.kind === "ranges" && domain.kind === "int" ? integral : 2;
      t++;
    };
    for (let b = 0; b < boxes.length; b++) {
      boxStart[b] = t;
      boxes[b]!.forEach(layOut);
    }
    boxStart[boxes.length] = t;
    rangeStart[t] = r;
  }

  /** Whether the box at `position` holds `point`, whose value on each column is `values[column]`. */
  holds(position: number, point: PointCells, values: readonly PointValue[]): boolean {
    const end = this.boxStart[position + 1]!;
    for (let t = this.boxStart[position]!; t < end; t++) {
      const c = this.column[t]!;
      const value = values[c];
      if (value === undefined) {
        const domain = this.domains[t]!;
        if (!cellWithin(domain, point.get(c) ?? fullCell(domain), this.cells[t]!)) return false;
      } else if (value === ABSENT_VALUE) {
        if (this.absent[t] === 0) return false;
      } else if (!this.holdsValue(t, value)) {
        return false;
      }
    }
    return true;
  }

  /** `cellHoldsValue` for test `t`'s cell and a present value. */
  private holdsValue(t: number, value: Scalar): boolean {
    switch (this.kind[t]) {
      case NEVER:
        return false;
      case ALWAYS:
        return true;
      case AMONG:
        return sortedHas(this.scalars[t]!, value);
      case NOT_AMONG:
        return !sortedHas(this.scalars[t]!, value);
      case IN_RANGES: {
        const v = value as number;
        const nonInteger = this.nonInteger[t]!;
        if (nonInteger !== 2 && !Number.isInteger(v)) return nonInteger === 1;
        const end = this.rangeStart[t + 1]!;
        for (let i = this.rangeStart[t]!; i < end; i++) {
          const f = this.flags[i]!;
          const lo = this.bounds[2 * i]!;
          const hi = this.bounds[2 * i + 1]!;
          if ((f & LOW_UNBOUNDED || v > lo || (v === lo && f & LOW_INCLUSIVE)) && (f & HIGH_UNBOUNDED || v < hi || (v === hi && f & HIGH_INCLUSIVE))) return true;
        }
        return false;
      }
      default:
        throw new Error("internal: a list cell holds no single value");
    }
  }
}
