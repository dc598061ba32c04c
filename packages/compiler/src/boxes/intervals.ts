/**
 * Sets of numbers as unions of intervals, for `int` and `number` columns.
 * Conditions on numbers become such unions; the box algebra intersects,
 * complements and subtracts them exactly.
 *
 * Invariant: every function returns a normalized union: non-empty intervals,
 * sorted, pairwise disjoint and not touching (touching ones are merged). For
 * integer sets every finite bound is an integer and inclusive, so two integer
 * sets are equal exactly when their normalized forms are. Unbounded ends are
 * `null` with the inclusive flag `false`.
 */
import type { Interval } from "@scn/runtime";

/** Inputs may be the checked program's read-only tuples; outputs are bundle intervals. */
type IntervalIn = readonly [number | null, number | null, boolean, boolean];

export const EVERY_NUMBER: readonly Interval[] = [[null, null, false, false]];

function isEmptyInterval([lo, hi, loIncl, hiIncl]: IntervalIn): boolean {
  if (lo === null || hi === null) return false;
  return lo > hi || (lo === hi && !(loIncl && hiIncl));
}

function toIntegers([lo, hi, loIncl, hiIncl]: IntervalIn): Interval | null {
  const low = lo === null ? null : loIncl ? Math.ceil(lo) : Math.floor(lo) + 1;
  const high = hi === null ? null : hiIncl ? Math.floor(hi) : Math.ceil(hi) - 1;
  if (low !== null && high !== null && low > high) return null;
  return [low, high, low !== null, high !== null];
}

/** Orders intervals by where they start: unbounded first, then inclusive before exclusive. */
function compareStarts(a: IntervalIn, b: IntervalIn): number {
  if (a[0] === null || b[0] === null) return (a[0] === null ? 0 : 1) - (b[0] === null ? 0 : 1);
  if (a[0] !== b[0]) return a[0] - b[0];
  return (a[2] ? 0 : 1) - (b[2] ? 0 : 1);
}

/** Whether `next` (starting no earlier than `current`) overlaps or touches it. */
function joins(current: IntervalIn, next: IntervalIn, integers: boolean): boolean {
  const hi = current[1];
  const lo = next[0];
  if (hi === null || lo === null) return true;
  if (integers) return lo <= hi + 1;
  return lo < hi || (lo === hi && (current[3] || next[2]));
}

/** The later of two upper ends. */
function maxEnd(a: IntervalIn, b: IntervalIn): [number | null, boolean] {
  if (a[1] === null || b[1] === null) return [null, false];
  if (a[1] !== b[1]) return a[1] > b[1] ? [a[1], a[3]] : [b[1], b[3]];
  return [a[1], a[3] || b[3]];
}

/** The earlier of two upper ends. */
function minEnd(a: IntervalIn, b: IntervalIn): [number | null, boolean] {
  if (a[1] === null) return [b[1], b[3]];
  if (b[1] === null) return [a[1], a[3]];
  if (a[1] !== b[1]) return a[1] < b[1] ? [a[1], a[3]] : [b[1], b[3]];
  return [a[1], a[3] && b[3]];
}

export function normalizeIntervals(intervals: readonly IntervalIn[], integers: boolean): Interval[] {
  const pieces: Interval[] = [];
  for (const interval of intervals) {
    const piece: IntervalIn | null = integers ? toIntegers(interval) : interval;
    if (piece && !isEmptyInterval(piece)) pieces.push([piece[0], piece[1], piece[0] !== null && piece[2], piece[1] !== null && piece[3]]);
  }
  pieces.sort(compareStarts);
  const merged: Interval[] = [];
  for (const piece of pieces) {
    const last = merged[merged.length - 1];
    if (last && joins(last, piece, integers)) {
      const [hi, hiIncl] = maxEnd(last, piece);
      merged[merged.length - 1] = [last[0], hi, last[2], hiIncl];
    } else {
      merged.push(piece);
    }
  }
  return merged;
}

export function intersectIntervals(a: readonly IntervalIn[], b: readonly IntervalIn[], integers: boolean): Interval[] {
  const pieces: Interval[] = [];
  for (const x of a) {
    for (const y of b) {
      const start = compareStarts(x, y) >= 0 ? x : y;
      const [hi, hiIncl] = minEnd(x, y);
      pieces.push([start[0], hi, start[2], hiIncl]);
    }
  }
  return normalizeIntervals(pieces, integers);
}

export function complementIntervals(a: readonly IntervalIn[], integers: boolean): Interval[] {
  const set = normalizeIntervals(a, integers);
  const gaps: Interval[] = [];
  let from: number | null = null;
  let fromIncl = false;
  for (const [lo, hi, loIncl, hiIncl] of set) {
    if (lo !== null) gaps.push(integers ? [from, lo - 1, from !== null, true] : [from, lo, from !== null && fromIncl, !loIncl]);
    if (hi === null) return normalizeIntervals(gaps, integers);
    from = integers ? hi + 1 : hi;
    fromIncl = integers ? true : !hiIncl;
  }
  gaps.push([from, null, from !== null && fromIncl, false]);
  return normalizeIntervals(gaps, integers);
}

export function subtractIntervals(a: readonly IntervalIn[], b: readonly IntervalIn[], integers: boolean): Interval[] {
  return intersectIntervals(a, complementIntervals(b, integers), integers);
}

export function isEveryNumber(a: readonly IntervalIn[]): boolean {
  return a.length === 1 && a[0]![0] === null && a[0]![1] === null;
}

export function sameIntervals(a: readonly IntervalIn[], b: readonly IntervalIn[]): boolean {
  return a.length === b.length && a.every((x, i) => x.every((v, j) => v === b[i]![j]));
}
