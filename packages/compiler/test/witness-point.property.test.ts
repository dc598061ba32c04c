/**
 * The point a witness takes in a number cell (contexts/witness.ts,
 * pointOfRanges): the intervals are read by index, and the point must be the
 * one the plain reading of each interval's bounds gives, inside the set
 * whenever the set is not empty.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Interval } from "@scn/runtime";
import { normalizeIntervals } from "../src/boxes/intervals.js";
import { pointOfRanges } from "../src/contexts/witness.js";

const BOUNDS = [-3, -2, -1, -0.5, 0, 0.5, 1, 2, 3] as const;
const interval = fc
  .tuple(fc.option(fc.constantFrom(...BOUNDS), { nil: null }), fc.option(fc.constantFrom(...BOUNDS), { nil: null }), fc.boolean(), fc.boolean())
  .map(([lo, hi, a, b]): Interval => [lo, hi, a, b]);

/** The point as it was chosen before, each interval destructured by `for … of`. */
function reference(intervals: readonly Interval[]): number {
  for (const [lo, hi, loIncl, hiIncl] of intervals) {
    const above = lo === null || lo < 0 || (lo === 0 && loIncl);
    const below = hi === null || hi > 0 || (hi === 0 && hiIncl);
    if (above && below) return 0;
  }
  const [lo, hi, loIncl, hiIncl] = intervals[0]!;
  if (lo !== null && loIncl) return lo;
  if (lo === null) return hiIncl ? hi! : hi! - 1;
  if (hi === null) return lo + 1;
  return hiIncl ? hi : (lo + hi) / 2;
}

function holds(intervals: readonly Interval[], x: number): boolean {
  return intervals.some(([lo, hi, loIncl, hiIncl]) => (lo === null || lo < x || (lo === x && loIncl)) && (hi === null || x < hi || (x === hi && hiIncl)));
}

describe("a witness's number", () => {
  it.each([false, true])("is the reference's point, inside the set (integers: %s)", (integers) => {
    fc.assert(
      fc.property(fc.array(interval, { minLength: 1, maxLength: 4 }), (raw) => {
        const intervals = normalizeIntervals(raw, integers);
        if (intervals.length === 0) return;
        const point = pointOfRanges({ kind: "ranges", intervals });
        expect(Object.is(point, reference(intervals))).toBe(true);
        expect(holds(intervals, point)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});
