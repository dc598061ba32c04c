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

/**
 * The normalized form of one interval given by its bounds, or null when it
 * holds no value: integer bounds rounded inward for integer sets, unbounded
 * ends exclusive. Taking the bounds one by one rather than as a tuple keeps
 * the most frequent case (intersecting two one-interval cells, which every
 * product of boxes does) free of intermediate arrays.
 */
function normalizedPiece(lo: number | null, hi: number | null, loIncl: boolean, hiIncl: boolean, integers: boolean): Interval | null {
  if (integers) {
    if (lo !== null) lo = loIncl ? Math.ceil(lo) : Math.floor(lo) + 1;
    if (hi !== null) hi = hiIncl ? Math.floor(hi) : Math.ceil(hi) - 1;
    loIncl = lo !== null;
    hiIncl = hi !== null;
  }
  if (lo !== null && hi !== null && (lo > hi || (lo === hi && !(loIncl && hiIncl)))) return null;
  return [lo, hi, lo !== null && loIncl, hi !== null && hiIncl];
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

export function normalizeIntervals(intervals: readonly IntervalIn[], integers: boolean): Interval[] {
  if (intervals.length === 1) {
    // One interval needs no sorting or merging (the usual case).
    const only = intervals[0]!;
    const piece = normalizedPiece(only[0], only[1], only[2], only[3], integers);
    return piece === null ? [] : [piece];
  }
  const pieces: Interval[] = [];
  for (let i = 0; i < intervals.length; i++) {
    const interval = intervals[i]!;
    const piece = normalizedPiece(interval[0], interval[1], interval[2], interval[3], integers);
    if (piece !== null) pieces.push(piece);
  }
  pieces.sort(compareStarts);
  const merged: Interval[] = [];
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i]!;
    const last = merged[merged.length - 1];
    if (last !== undefined && joins(last, piece, integers)) {
      // The later of the two upper ends.
      const lastHi = last[1];
      const pieceHi = piece[1];
      if (lastHi === null || pieceHi === null) merged[merged.length - 1] = [last[0], null, last[2], false];
      else if (lastHi !== pieceHi) merged[merged.length - 1] = lastHi > pieceHi ? [last[0], lastHi, last[2], last[3]] : [last[0], pieceHi, last[2], piece[3]];
      else merged[merged.length - 1] = [last[0], lastHi, last[2], last[3] || piece[3]];
    } else {
      merged.push(piece);
    }
  }
  return merged;
}

/** The intersection of two intervals (the later start, the earlier end), normalized; null when empty. */
function intersectPair(x: IntervalIn, y: IntervalIn, integers: boolean): Interval | null {
  const start = compareStarts(x, y) >= 0 ? x : y;
  // The interval whose end comes first, or null when both end at the same bound.
  const end = x[1] === null ? y : y[1] === null ? x : x[1] !== y[1] ? (x[1] < y[1] ? x : y) : null;
  return end === null ? normalizedPiece(start[0], x[1], start[2], x[3] && y[3], integers) : normalizedPiece(start[0], end[1], start[2], end[3], integers);
}

export function intersectIntervals(a: readonly IntervalIn[], b: readonly IntervalIn[], integers: boolean): Interval[] {
  // Two one-interval sets (most cells) need no sorting or merging.
  if (a.length === 1 && b.length === 1) {
    const piece = intersectPair(a[0]!, b[0]!, integers);
    return piece === null ? [] : [piece];
  }
  const pieces: Interval[] = [];
  for (let i = 0; i < a.length; i++) {
    for (let j = 0; j < b.length; j++) {
      const piece = intersectPair(a[i]!, b[j]!, integers);
      if (piece !== null) pieces.push(piece);
    }
  }
  return normalizeIntervals(pieces, integers);
}

export function complementIntervals(a: readonly IntervalIn[], integers: boolean): Interval[] {
  return complementOfNormalized(normalizeIntervals(a, integers), integers);
}

/**
 * The complement of a set already normalized (a cell's, by the cell's
 * invariant), without normalizing it again: its gaps come out normalized
 * as they are, since the set's intervals are sorted, non-empty and do not
 * touch, so each gap is non-empty and no two gaps touch. Subtracting one
 * number cell from another builds this complement every time.
 */
export function complementOfNormalized(set: readonly Interval[], integers: boolean): Interval[] {
  const gaps: Interval[] = [];
  let from: number | null = null;
  let fromIncl = false;
  for (let i = 0; i < set.length; i++) {
    const interval = set[i]!;
    const lo = interval[0];
    const hi = interval[1];
    const loIncl = interval[2];
    const hiIncl = interval[3];
    if (lo !== null) gaps.push(integers ? [from, lo - 1, from !== null, true] : [from, lo, from !== null && fromIncl, !loIncl]);
    if (hi === null) return gaps;
    from = integers ? hi + 1 : hi;
    fromIncl = integers ? true : !hiIncl;
  }
  gaps.push([from, null, from !== null && fromIncl, false]);
  return gaps;
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
