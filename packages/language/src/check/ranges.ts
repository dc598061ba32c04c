/**
 * Range-aware truth of one numeric test: given the declared domain of a field
 * (`int(0..23)`), is a test such as `hour > 23` always false, or `hour >= 0`
 * always true? Integer domains are treated as sets of integers, so
 * `hour > 22` on `int(0..23)` is satisfiable by 23 alone and `hour < 24`
 * covers the whole domain.
 *
 * Invariant: the answer is exact for one atom over its field's declared
 * domain; anything involving several atoms is the analysis stage's job.
 */
import type { CheckedType, Interval, UnaryTest } from "../checked.js";

export type Truth = "always-true" | "always-false" | "depends";

interface Domain {
  readonly integer: boolean;
  readonly min: number;
  readonly max: number;
}

/** A closed interval over the domain after normalization (integers: closed integer bounds). */
interface Closed {
  readonly low: number;
  readonly high: number;
  readonly lowOpen: boolean;
  readonly highOpen: boolean;
}

export function numericTruth(test: UnaryTest, type: CheckedType): Truth {
  if (type.kind !== "int" && type.kind !== "number") return "depends";
  const domain: Domain = {
    integer: type.kind === "int",
    min: type.min ?? Number.NEGATIVE_INFINITY,
    max: type.max ?? Number.POSITIVE_INFINITY,
  };
  if ("eq" in test && typeof test.eq === "number") return truthOfIntervals([[test.eq, test.eq, true, true]], domain);
  if ("in" in test) return truthOfIntervals(numbersOf(test.in).map((v) => [v, v, true, true] as const), domain);
  if ("range" in test) return truthOfIntervals(test.range, domain);
  if ("notIn" in test) {
    // The complement of a point set: always false when the points cover the
    // whole domain, always true when none of them lies in it.
    const points = numbersOf(test.notIn);
    const inside = truthOfIntervals(points.map((v) => [v, v, true, true] as const), domain);
    if (inside === "always-false") return "always-true";
    if (inside === "always-true") return "always-false";
    return "depends";
  }
  return "depends";
}

function numbersOf(values: readonly (string | number | boolean)[]): number[] {
  return values.filter((value): value is number => typeof value === "number");
}

function truthOfIntervals(intervals: readonly Interval[], domain: Domain): Truth {
  const clipped: Closed[] = [];
  for (const interval of intervals) {
    const closed = clip(interval, domain);
    if (closed) clipped.push(closed);
  }
  if (clipped.length === 0) return "always-false";
  return covers(clipped, domain) ? "always-true" : "depends";
}

/** The part of `interval` inside the domain, or undefined when it is empty. */
function clip(interval: Interval, domain: Domain): Closed | undefined {
  let low = interval[0] ?? Number.NEGATIVE_INFINITY;
  let high = interval[1] ?? Number.POSITIVE_INFINITY;
  let lowOpen = interval[0] === null ? false : !interval[2];
  let highOpen = interval[1] === null ? false : !interval[3];
  if (domain.integer) {
    // Over integers an open or fractional bound moves to the next integer inside.
    if (Number.isFinite(low)) low = lowOpen && Number.isInteger(low) ? low + 1 : Math.ceil(low);
    if (Number.isFinite(high)) high = highOpen && Number.isInteger(high) ? high - 1 : Math.floor(high);
    lowOpen = false;
    highOpen = false;
  }
  if (low < domain.min) {
    low = domain.min;
    lowOpen = false;
  }
  if (high > domain.max) {
    high = domain.max;
    highOpen = false;
  }
  if (low > high || (low === high && (lowOpen || highOpen))) return undefined;
  return { low, high, lowOpen, highOpen };
}

/** Whether the union of the clipped intervals is the whole domain. */
function covers(intervals: Closed[], domain: Domain): boolean {
  const sorted = [...intervals].sort((a, b) => a.low - b.low || Number(a.lowOpen) - Number(b.lowOpen));
  const first = sorted[0];
  if (!first || first.low !== domain.min || first.lowOpen) return false;
  let reach = first.high;
  let reachOpen = first.highOpen;
  for (const next of sorted.slice(1)) {
    const touches = domain.integer ? next.low <= reach + 1 : next.low < reach || (next.low === reach && !(reachOpen && next.lowOpen));
    if (!touches) return false;
    if (next.high > reach || (next.high === reach && !next.highOpen)) {
      reach = next.high;
      reachOpen = next.highOpen;
    }
  }
  return reach === domain.max && !reachOpen;
}
