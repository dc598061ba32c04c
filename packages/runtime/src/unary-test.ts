/**
 * The unary tests of the bundle format, compiled once at load time into
 * predicates on a column's value.
 *
 * Meaning (docs/language.md#117-absent-values-wrong-types-and-strict-mode, lenient mode): a value is *present* when it is
 * neither absent nor `null` and has the column's type; anything else counts
 * as absent, and every test on an absent value is false except
 * `present: false`. "Has the column's type" means:
 * - `bool`: a boolean; `string`: a string;
 * - `number`: a finite number; `int`: a safe integer, |x| ≤ 2^53 - 1 (so
 *   4.5 and 1e300 are absent);
 * - `enum`: one of the column's `values` (an unknown member is absent);
 * - `list`: an array whose every element has the element type (one bad
 *   element makes the whole list absent).
 * Numeric ranges declared in the context (`int(0..23)`) are not part of the
 * column type: an out-of-range number is present and compared as is; only
 * strict mode rejects it.
 *
 * Invariant: a compiled predicate never throws, never allocates, and reads
 * nothing but the value it is given (a list is scanned once, linearly).
 */
import type { Column, ColumnType, Interval, Scalar, UnaryTest } from "./bundle.js";

export type Predicate = (value: unknown) => boolean;

/** A column's type, ready for membership checks. */
export interface ColumnKind {
  readonly type: ColumnType;
  readonly element: Exclude<ColumnType, "list"> | null;
  /** Enum members, for `enum` columns and lists of enums. */
  readonly members: ReadonlySet<string> | null;
}

export function columnKind(column: Column): ColumnKind {
  return {
    type: column.type,
    element: column.element ?? null,
    members: column.values === undefined ? null : new Set(column.values),
  };
}

/** Whether `value` is present and of the scalar type `type`. */
function isScalarOf(type: Exclude<ColumnType, "list">, members: ReadonlySet<string> | null, value: unknown): boolean {
  switch (type) {
    case "bool":
      return typeof value === "boolean";
    case "int":
      return Number.isSafeInteger(value);
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "string":
      return typeof value === "string";
    case "enum":
      return typeof value === "string" && members !== null && members.has(value);
  }
}

/** The presence predicate of a column: present, not null, and of its type. */
export function presenceOf(kind: ColumnKind): Predicate {
  const { type, element, members } = kind;
  // One specialised closure per scalar type keeps the hot path free of a type switch.
  switch (type) {
    case "bool":
      return (value) => typeof value === "boolean";
    case "int":
      return (value) => Number.isSafeInteger(value);
    case "number":
      return (value) => typeof value === "number" && Number.isFinite(value);
    case "string":
      return (value) => typeof value === "string";
    case "enum":
      return (value) => typeof value === "string" && members !== null && members.has(value);
  }
  const elementType = element ?? "string";
  return (value) => {
    if (!Array.isArray(value)) return false;
    for (let i = 0; i < value.length; i++) {
      if (!isScalarOf(elementType, members, value[i])) return false;
    }
    return true;
  };
}

/** The scalar type that a test's literals must have on this column. */
function literalType(kind: ColumnKind): Exclude<ColumnType, "list"> {
  return kind.type === "list" ? (kind.element ?? "string") : kind.type;
}

const NEVER: Predicate = () => false;

/**
 * Compiles `test` on a column of `kind` (`present` is the column's presence
 * predicate, passed in so that every test on a column shares one). Literals
 * that cannot be a present value of the column (an enum literal that is not
 * a member, 4.5 on an `int` column) can never be equal to one, so they are
 * dropped here.
 */
export function compileTest(kind: ColumnKind, test: UnaryTest, present: Predicate = presenceOf(kind)): Predicate {
  const scalar = literalType(kind);
  const fits = (literal: Scalar): boolean => isScalarOf(scalar, kind.members, literal);
  if ("present" in test) {
    const wanted = test.present;
    return wanted ? present : (value) => !present(value);
  }
  if ("eq" in test) {
    const literal = test.eq;
    return fits(literal) ? (value) => value === literal : NEVER;
  }
  if ("in" in test) {
    const literals = test.in.filter(fits);
    if (literals.length === 0) return NEVER;
    if (literals.length === 1) {
      const only = literals[0];
      return (value) => value === only;
    }
    const set = new Set<unknown>(literals);
    return (value) => set.has(value);
  }
  if ("notIn" in test) {
    const set = new Set<unknown>(test.notIn.filter(fits));
    return (value) => present(value) && !set.has(value);
  }
  if ("range" in test) return compileRange(present, test.range);
  if ("bool" in test) {
    const wanted = test.bool;
    return (value) => value === wanted;
  }
  if ("contains" in test) return compileContains(kind, test.contains, true);
  return compileContains(kind, test.notContains, false);
}

function compileRange(present: Predicate, intervals: readonly Interval[]): Predicate {
  const within = intervals.map(compileInterval);
  if (within.length === 1) {
    const only = within[0] as (value: number) => boolean;
    return (value) => present(value) && only(value as number);
  }
  return (value) => {
    if (!present(value)) return false;
    for (let i = 0; i < within.length; i++) {
      if ((within[i] as (value: number) => boolean)(value as number)) return true;
    }
    return false;
  };
}

function compileInterval([low, high, lowInclusive, highInclusive]: Interval): (value: number) => boolean {
  const lo = low ?? -Infinity;
  const hi = high ?? Infinity;
  if (lowInclusive && highInclusive) return (value) => value >= lo && value <= hi;
  if (lowInclusive) return (value) => value >= lo && value < hi;
  if (highInclusive) return (value) => value > lo && value <= hi;
  return (value) => value > lo && value < hi;
}

/**
 * `contains` / `notContains`: one pass that checks every element's type (a
 * bad element makes the list absent, so both tests are false) and looks for
 * the literal.
 */
function compileContains(kind: ColumnKind, literal: Scalar, wantFound: boolean): Predicate {
  const elementType = literalType(kind);
  const members = kind.members;
  return (value) => {
    if (!Array.isArray(value)) return false;
    let found = false;
    for (let i = 0; i < value.length; i++) {
      const element: unknown = value[i];
      if (!isScalarOf(elementType, members, element)) return false;
      if (element === literal) found = true;
    }
    return found === wantFound;
  };
}
