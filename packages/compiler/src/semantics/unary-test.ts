/**
 * The meaning of one unary test on one context value (docs/bundle-format.md#unary-tests-and-absent-values), shared by
 * the reference interpreter and the witness checks.
 *
 * Invariant: on `ABSENT` (missing, null or wrongly typed) every test is false
 * except `present: false`; `notIn` and `notContains` are atoms too, so they are
 * false on an absent value rather than true.
 */
import type { Interval, Scalar, UnaryTest } from "@scn/runtime";
import { ABSENT, type Absent, type TypedValue } from "./context-value.js";


function isScalar(value: TypedValue): value is Scalar {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean";
}

export function inInterval(x: number, [lo, hi, loIncl, hiIncl]: Interval): boolean {
  if (lo !== null && (x < lo || (x === lo && !loIncl))) return false;
  if (hi !== null && (x > hi || (x === hi && !hiIncl))) return false;
  return true;
}

/**
 * Whether `x` lies in one of `intervals`, as a loop: `some` with a closure
 * made a function object per test of every row the vectors' walks and the
 * interpreter try (docs/bundle-format.md#unary-tests-and-absent-values).
 */
function inSomeInterval(x: number, intervals: readonly Interval[]): boolean {
  for (let i = 0; i < intervals.length; i++) if (inInterval(x, intervals[i] as Interval)) return true;
  return false;
}

export function evaluateUnaryTest(test: UnaryTest, value: TypedValue | Absent): boolean {
  if ("present" in test) return (value !== ABSENT) === test.present;
  if (value === ABSENT) return false;
  if ("eq" in test) return isScalar(value) && value === test.eq;
  if ("in" in test) return isScalar(value) && test.in.includes(value);
  if ("notIn" in test) return isScalar(value) && !test.notIn.includes(value);
  if ("range" in test) return typeof value === "number" && inSomeInterval(value, test.range);
  if ("bool" in test) return value === test.bool;
  if ("contains" in test) return Array.isArray(value) && value.includes(test.contains);
  return Array.isArray(value) && !value.includes(test.notContains);
}
