/**
 * Reasoning about unary tests on one column without any context: which
 * values are worth trying, whether two tests can both hold, and the single
 * test (if any) that holds exactly where either of two tests holds. The
 * optimizer uses it to merge rows and the index builder to split columns.
 *
 * Invariant: `representatives(column, tests)` returns at least one value of
 * every class of the column's domain (`ABSENT` included) on which the given
 * tests are all constant, so a property of those tests that holds on every
 * representative holds on every context value. `unionTest` only returns a
 * test after checking it against the representatives; when no single test
 * is equivalent it returns null, never an approximation.
 */
import type { Column, Interval, Scalar, UnaryTest } from "@scn/runtime";
import { compareCodeUnits } from "../bundle/canonical-json.js";
import { ABSENT, type Absent, type TypedValue } from "../semantics/context-value.js";
import { evaluateUnaryTest } from "../semantics/unary-test.js";

export type Probe = TypedValue | Absent;

/** Above this many distinct list elements, list representatives are not enumerated. */
const MAX_LIST_ELEMENTS = 8;

const keys = new WeakMap<UnaryTest, string>();

/**
 * The canonical JSON of a test, cached per test object: tables compare the
 * same tests many times. A test is an object with one key whose value holds
 * only scalars and arrays, so JSON.stringify already writes it canonically
 * (there are no keys to sort), and much faster.
 */
export function testKey(test: UnaryTest): string {
  let key = keys.get(test);
  if (key === undefined) {
    key = JSON.stringify(test);
    keys.set(test, key);
  }
  return key;
}

/** Whether every number the test names is finite and not -0, so that its canonical text tells it apart from every other test. */
export function testTextIsExact(test: UnaryTest): boolean {
  if ("eq" in test) return exactLiteral(test.eq);
  if ("in" in test) return test.in.every(exactLiteral);
  if ("notIn" in test) return test.notIn.every(exactLiteral);
  if ("range" in test) return test.range.every((interval) => exactBound(interval[0]) && exactBound(interval[1]));
  if ("contains" in test) return exactLiteral(test.contains);
  if ("notContains" in test) return exactLiteral(test.notContains);
  return true;
}

function exactLiteral(value: unknown): boolean {
  return typeof value !== "number" || (Number.isFinite(value) && !Object.is(value, -0));
}

function exactBound(bound: number | null): boolean {
  return bound === null || exactLiteral(bound);
}

export function holds(test: UnaryTest, value: Probe): boolean {
  return evaluateUnaryTest(test, value);
}

/** The scalar literals a test mentions (list elements for list tests). */
export function literalsOf(test: UnaryTest): Scalar[] {
  if ("eq" in test) return [test.eq];
  if ("in" in test) return [...test.in];
  if ("notIn" in test) return [...test.notIn];
  if ("contains" in test) return [test.contains];
  if ("notContains" in test) return [test.notContains];
  if ("range" in test) return test.range.flatMap(([lo, hi]) => [lo, hi].filter((b): b is number => b !== null));
  return [];
}

/** Sorted distinct finite numbers a set of tests compares against. */
export function numericBounds(tests: readonly UnaryTest[]): number[] {
  const points = new Set<number>();
  for (const test of tests) for (const literal of literalsOf(test)) if (typeof literal === "number") points.add(literal);
  return [...points].sort((a, b) => a - b);
}

/**
 * Representative values of `column` for `tests`, or null for a list column
 * whose tests mention too many elements to enumerate their combinations.
 */
export function representatives(column: Column, tests: readonly UnaryTest[]): Probe[] | null {
  const literals = tests.flatMap(literalsOf);
  switch (column.type) {
    case "bool":
      return [ABSENT, false, true];
    case "enum":
      return [ABSENT, ...(column.values ?? [])];
    case "string":
      return [ABSENT, ...distinct(literals.filter((l): l is string => typeof l === "string")), freshString(literals)];
    case "int":
      return [ABSENT, ...integerRepresentatives(numericBounds(tests))];
    case "number":
      return [ABSENT, ...numberRepresentatives(numericBounds(tests))];
    case "list": {
      const elements = distinct(literals);
      if (elements.length > MAX_LIST_ELEMENTS) return null;
      return [ABSENT, ...subsets(elements)];
    }
  }
}

/** Whether some value of the column satisfies both tests (`undefined` = no test). */
export function testsOverlap(column: Column, a: UnaryTest | undefined, b: UnaryTest | undefined): boolean {
  if (a === undefined || b === undefined) return true;
  const probes = representatives(column, [a, b]);
  // Without representatives the answer is unknown; "they overlap" is the safe guess.
  if (probes === null) return true;
  return probes.some((value) => holds(a, value) && holds(b, value));
}

/**
 * The one test equivalent to `a or b` on this column, `undefined` when that is
 * "any value" (one side has no test), or null when no unary test expresses it.
 */
export function unionTest(column: Column, a: UnaryTest | undefined, b: UnaryTest | undefined): UnaryTest | undefined | null {
  if (a === undefined || b === undefined) return undefined;
  if (testKey(a) === testKey(b)) return a;
  // Together the two may accept every value, absence included (`present: false` or `present: true`).
  const own = representatives(column, [a, b]);
  if (own !== null && own.every((value) => holds(a, value) || holds(b, value))) return undefined;
  const candidate = proposeUnion(column, a, b);
  if (candidate === null) return null;
  const probes = representatives(column, [a, b, candidate]);
  if (probes === null) return null;
  const equivalent = probes.every((value) => holds(candidate, value) === (holds(a, value) || holds(b, value)));
  return equivalent ? candidate : null;
}

function proposeUnion(column: Column, a: UnaryTest, b: UnaryTest): UnaryTest | null {
  if ("present" in a && a.present) return a;
  if ("present" in b && b.present) return b;
  if (column.type === "int" || column.type === "number") {
    const intervals = [...asIntervals(a), ...asIntervals(b)];
    if (isPositive(a) && isPositive(b) && intervals.length > 0) {
      if (!("range" in a) && !("range" in b)) return inTest([...positives(a), ...positives(b)]);
      return { range: normalizeIntervals(intervals, column.type === "int") };
    }
  }
  if (isPositive(a) && isPositive(b) && !("range" in a) && !("range" in b)) return inTest([...positives(a), ...positives(b)]);
  if ("notIn" in a || "notIn" in b) {
    const excluded = (t: UnaryTest): Scalar[] | null => ("notIn" in t ? [...t.notIn] : null);
    const [na, nb] = [excluded(a), excluded(b)];
    if (na !== null && nb !== null) return notInTest(na.filter((v) => nb.includes(v)));
    const [negative, positive] = na !== null ? [na, b] : [nb as Scalar[], a];
    if (!isPositive(positive) || "range" in positive) return null;
    const kept = positives(positive);
    return notInTest(negative.filter((v) => !kept.includes(v)));
  }
  if ("bool" in a && "bool" in b) return { present: true };
  return null;
}

function isPositive(test: UnaryTest): test is { eq: Scalar } | { in: Scalar[] } | { range: Interval[] } {
  return "eq" in test || "in" in test || "range" in test;
}

function positives(test: UnaryTest): Scalar[] {
  if ("eq" in test) return [test.eq];
  if ("in" in test) return [...test.in];
  return [];
}

function asIntervals(test: UnaryTest): Interval[] {
  if ("range" in test) return test.range.map((i) => [...i] as Interval);
  return positives(test)
    .filter((v): v is number => typeof v === "number")
    .map((v) => [v, v, true, true]);
}

function inTest(values: Scalar[]): UnaryTest {
  const sorted = sortScalars(values);
  return sorted.length === 1 ? { eq: sorted[0] as Scalar } : { in: sorted };
}

function notInTest(values: Scalar[]): UnaryTest {
  return values.length === 0 ? { present: true } : { notIn: sortScalars(values) };
}

/** Distinct scalars in a fixed order: false before true, numbers ascending, strings by code unit. */
export function sortScalars(values: readonly Scalar[]): Scalar[] {
  const rank = (v: Scalar) => (typeof v === "boolean" ? 0 : typeof v === "number" ? 1 : 2);
  return distinct(values).sort((x, y) => {
    if (rank(x) !== rank(y)) return rank(x) - rank(y);
    if (typeof x === "string") return compareCodeUnits(x, y as string);
    return Number(x) - Number(y);
  });
}

/**
 * Sorted, non-overlapping intervals covering the same numbers. On an `int`
 * column, bounds become inclusive integers first, so that `0..5` and `6..9`
 * join into `0..9`; an interval with no integer inside is dropped.
 */
export function normalizeIntervals(intervals: readonly Interval[], integers: boolean): Interval[] {
  let work = intervals.map((i) => [...i] as Interval);
  if (integers) work = work.map(toIntegerInterval).filter((i): i is Interval => i !== null);
  work.sort(compareIntervals);
  const result: Interval[] = [];
  for (const next of work) {
    const last = result[result.length - 1];
    if (last !== undefined && touches(last, next, integers)) {
      result[result.length - 1] = joinIntervals(last, next);
    } else {
      result.push(next);
    }
  }
  return result;
}

function toIntegerInterval([lo, hi, loIncl, hiIncl]: Interval): Interval | null {
  const low = lo === null ? null : loIncl ? Math.ceil(lo) : Math.floor(lo) + 1;
  const high = hi === null ? null : hiIncl ? Math.floor(hi) : Math.ceil(hi) - 1;
  if (low !== null && high !== null && low > high) return null;
  return [low, high, low !== null, high !== null];
}

function compareIntervals(a: Interval, b: Interval): number {
  if (a[0] === b[0]) return a[2] === b[2] ? 0 : a[2] ? -1 : 1;
  if (a[0] === null) return -1;
  if (b[0] === null) return 1;
  return a[0] - b[0];
}

/** Whether `next` (starting at or after `last`) overlaps or abuts `last`. */
function touches(last: Interval, next: Interval, integers: boolean): boolean {
  const [, high, , highIncl] = last;
  const [low, , lowIncl] = next;
  if (high === null || low === null) return true;
  if (low < high) return true;
  if (low === high) return highIncl || lowIncl;
  return integers && highIncl && lowIncl && low === high + 1;
}

function joinIntervals(last: Interval, next: Interval): Interval {
  const [lo, hi, loIncl, hiIncl] = last;
  const [, nextHi, , nextHiIncl] = next;
  if (hi === null || nextHi === null) return [lo, null, loIncl, false];
  if (nextHi > hi) return [lo, nextHi, loIncl, nextHiIncl];
  if (nextHi === hi) return [lo, hi, loIncl, hiIncl || nextHiIncl];
  return last;
}

function distinct<T extends Scalar>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

function freshString(literals: readonly Scalar[]): string {
  let fresh = "\u0000";
  while (literals.includes(fresh)) fresh += "\u0000";
  return fresh;
}

/** Integers covering every class between and around the bounds. */
function integerRepresentatives(bounds: readonly number[]): number[] {
  if (bounds.length === 0) return [0];
  const values = new Set<number>();
  for (const b of bounds) for (const v of [Math.floor(b) - 1, Math.floor(b), Math.ceil(b), Math.ceil(b) + 1]) values.add(v);
  return [...values].sort((a, b) => a - b);
}

/** Each bound, a point strictly between each pair of neighbours, and one beyond each end. */
function numberRepresentatives(bounds: readonly number[]): number[] {
  if (bounds.length === 0) return [0];
  const values: number[] = [(bounds[0] as number) - 1];
  bounds.forEach((b, i) => {
    values.push(b);
    const next = bounds[i + 1];
    values.push(next === undefined ? b + 1 : b / 2 + next / 2);
  });
  return values;
}

function subsets(elements: readonly Scalar[]): Scalar[][] {
  let result: Scalar[][] = [[]];
  for (const element of elements) result = result.flatMap((s) => [s, [...s, element]]);
  return result;
}
