/**
 * The set of values one column may take in a box: a flag for "absent" (missing,
 * null or wrongly typed, which every test treats alike) and a set of well-typed
 * values. Value sets are finite sets (bool, enum, string), co-finite sets
 * (string), unions of intervals (int, number) or, for lists, a conjunction of
 * required and forbidden elements.
 *
 * Invariant: every operation is exact over the column's whole domain, absent
 * included; results are canonical (sorted, deduplicated, normalized), so equal
 * sets have equal representations and the output is deterministic.
 */
import type { CheckedType, UnaryTest } from "@scn/language";
import type { Interval } from "@scn/runtime";
import { EVERY_NUMBER, complementOfNormalized, intersectIntervals, isEveryNumber, normalizeIntervals } from "./intervals.js";

export type { Scalar } from "@scn/runtime";
import type { Scalar } from "@scn/runtime";

/** What a column holds, as far as the box algebra cares. */
export type ColumnDomain =
  | { readonly kind: "bool" }
  | { readonly kind: "enum"; readonly members: readonly string[] }
  | { readonly kind: "string" }
  | { readonly kind: "int" }
  | { readonly kind: "number" }
  | { readonly kind: "list"; readonly element: CheckedType };

export type ValueSet =
  | { readonly kind: "finite"; readonly values: readonly Scalar[] }
  | { readonly kind: "cofinite"; readonly values: readonly string[] }
  | { readonly kind: "ranges"; readonly intervals: readonly Interval[] }
  /** Lists holding every `req` element and no `forb` element; `conj` null is the empty set. */
  | { readonly kind: "lists"; readonly conj: { readonly req: readonly Scalar[]; readonly forb: readonly Scalar[] } | null };

export interface Cell {
  readonly absent: boolean;
  readonly values: ValueSet;
}

export function columnDomain(type: CheckedType, path: string): ColumnDomain {
  switch (type.kind) {
    case "bool":
    case "string":
    case "int":
    case "number":
      return { kind: type.kind };
    case "enum":
      return { kind: "enum", members: type.members };
    case "list":
      return { kind: "list", element: type.element };
    case "record":
      throw new Error(`internal: record path \`${path}\` cannot be a column (the bundle format has no record columns)`);
  }
}

function compareScalars(a: Scalar, b: Scalar): number {
  if (typeof a !== typeof b) return typeof a < typeof b ? -1 : 1;
  if (typeof a === "number") return a - (b as number);
  return a < b ? -1 : a > b ? 1 : 0;
}

export function sortedScalars<T extends Scalar>(values: Iterable<T>): T[] {
  // Most lists come sorted already (a row's `in` list, a cell's values): a
  // list each of whose values sorts strictly after the one before holds no
  // two equal values, so the set and the sort would return a copy of it,
  // except that a set turns -0 into 0. Building both was most of the cost
  // of turning rows into boxes for pruning
  // (docs/analysis.md#keeping-each-step-cheap).
  if (Array.isArray(values)) {
    const list: readonly T[] = values;
    let ascending = list.length === 0 || !Object.is(list[0], -0);
    for (let i = 1; ascending && i < list.length; i++) ascending = compareScalars(list[i - 1]!, list[i]!) < 0 && !Object.is(list[i], -0);
    if (ascending) return list.slice();
  }
  return [...new Set(values)].sort(compareScalars);
}

/**
 * Whether canonical (sorted) `values` hold `value`, by binary search: cells
 * of enum and string columns with many members (a category column of a
 * large program, or its complement) are compared in every coverage step.
 */
export function sortedHas(values: readonly Scalar[], value: Scalar): boolean {
  if (values.length < 8) return values.includes(value);
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const order = compareScalars(values[middle]!, value);
    if (order === 0) return true;
    if (order < 0) low = middle + 1;
    else high = middle;
  }
  return false;
}

/** Whether two sorted value lists share a value, looking the shorter one's values up in the longer. */
function sortedShare(a: readonly Scalar[], b: readonly Scalar[]): boolean {
  const short = a.length <= b.length ? a : b;
  const long = short === a ? b : a;
  for (let i = 0; i < short.length; i++) if (sortedHas(long, short[i]!)) return true;
  return false;
}

const isInteger = (domain: ColumnDomain) => domain.kind === "int";

export function allValues(domain: ColumnDomain): ValueSet {
  switch (domain.kind) {
    case "bool":
      return { kind: "finite", values: [false, true] };
    case "enum":
      return { kind: "finite", values: sortedScalars(domain.members) };
    case "string":
      return { kind: "cofinite", values: [] };
    case "int":
    case "number":
      return { kind: "ranges", intervals: EVERY_NUMBER };
    case "list":
      return { kind: "lists", conj: { req: [], forb: [] } };
  }
}

export function noValues(domain: ColumnDomain): ValueSet {
  if (domain.kind === "int" || domain.kind === "number") return { kind: "ranges", intervals: [] };
  if (domain.kind === "list") return { kind: "lists", conj: null };
  return { kind: "finite", values: [] };
}

/** Full cells are asked for in every coverage question (a box's unconstrained columns), so each domain's is built once. */
const FULL_CELLS = new WeakMap<ColumnDomain, Cell>();

export function fullCell(domain: ColumnDomain): Cell {
  let cell = FULL_CELLS.get(domain);
  if (!cell) FULL_CELLS.set(domain, (cell = { absent: true, values: allValues(domain) }));
  return cell;
}

export function isEmptyValues(values: ValueSet): boolean {
  switch (values.kind) {
    case "finite":
      return values.values.length === 0;
    case "cofinite":
      return false;
    case "ranges":
      return values.intervals.length === 0;
    case "lists":
      return values.conj === null;
  }
}

export function isAllValues(domain: ColumnDomain, values: ValueSet): boolean {
  switch (values.kind) {
    case "finite":
      return domain.kind === "bool" ? values.values.length === 2 : domain.kind === "enum" && values.values.length === domain.members.length;
    case "cofinite":
      return values.values.length === 0;
    case "ranges":
      return isEveryNumber(values.intervals);
    case "lists":
      return values.conj !== null && values.conj.req.length === 0 && values.conj.forb.length === 0;
  }
}

export function isEmptyCell(cell: Cell): boolean {
  return !cell.absent && isEmptyValues(cell.values);
}

export function isFullCell(domain: ColumnDomain, cell: Cell): boolean {
  return cell.absent && isAllValues(domain, cell.values);
}

/** The values of sorted `values` that sorted `other` holds (`among`) or does not hold, in order: a loop rather than `filter` with a closure, since every intersection of two cells of a category column runs it. */
function sortedFilter(values: readonly Scalar[], other: readonly Scalar[], among: boolean): Scalar[] {
  const kept: Scalar[] = [];
  for (let i = 0; i < values.length; i++) if (sortedHas(other, values[i]!) === among) kept.push(values[i]!);
  return kept;
}

/** Whether `other` holds every value of `values` (`among`) or none of them. */
function sortedEvery(values: readonly Scalar[], other: readonly Scalar[], among: boolean): boolean {
  for (let i = 0; i < values.length; i++) if (sortedHas(other, values[i]!) !== among) return false;
  return true;
}

function intersectValues(domain: ColumnDomain, a: ValueSet, b: ValueSet): ValueSet {
  if (a.kind === "finite" && b.kind === "finite") return { kind: "finite", values: sortedFilter(a.values, b.values, true) };
  if (a.kind === "finite" && b.kind === "cofinite") return { kind: "finite", values: sortedFilter(a.values, b.values, false) };
  if (a.kind === "cofinite" && b.kind === "finite") return intersectValues(domain, b, a);
  if (a.kind === "cofinite" && b.kind === "cofinite") return { kind: "cofinite", values: sortedScalars([...a.values, ...b.values]) };
  if (a.kind === "ranges" && b.kind === "ranges") return { kind: "ranges", intervals: intersectIntervals(a.intervals, b.intervals, isInteger(domain)) };
  if (a.kind === "lists" && b.kind === "lists") {
    if (a.conj === null || b.conj === null) return { kind: "lists", conj: null };
    const req = sortedScalars([...a.conj.req, ...b.conj.req]);
    const forb = sortedScalars([...a.conj.forb, ...b.conj.forb]);
    return { kind: "lists", conj: req.some((v) => forb.includes(v)) ? null : { req, forb } };
  }
  throw new Error(`internal: value sets of kinds ${a.kind} and ${b.kind} on one column`);
}

/** The complement of a value set among well-typed values, as disjoint pieces. */
function complementValues(domain: ColumnDomain, values: ValueSet): ValueSet[] {
  switch (values.kind) {
    case "finite":
      if (domain.kind === "string") return [{ kind: "cofinite", values: values.values as string[] }];
      return [{ kind: "finite", values: (fullCell(domain).values as { values: readonly Scalar[] }).values.filter((v) => !sortedHas(values.values, v)) }];
    case "cofinite":
      return [{ kind: "finite", values: values.values }];
    case "ranges":
      // A value set's intervals are normalized (the invariant above), so they are not normalized again.
      return [{ kind: "ranges", intervals: complementOfNormalized(values.intervals, isInteger(domain)) }];
    case "lists": {
      if (values.conj === null) return [allValues(domain)];
      // Lists that miss one required element (the first one they miss), then
      // lists that have every required element but some forbidden one.
      const { req, forb } = values.conj;
      const pieces: ValueSet[] = req.map((r, i) => ({ kind: "lists", conj: { req: req.slice(0, i), forb: [r] } }));
      forb.forEach((f, j) => pieces.push({ kind: "lists", conj: { req: sortedScalars([...req, f]), forb: forb.slice(0, j) } }));
      return pieces;
    }
  }
}

/**
 * Whether the interval from `lo` to `hi` holds a value: for integers, an
 * integer (bounds need not be integers here). Null bounds are unbounded.
 */
function holdsValue(lo: number | null, hi: number | null, loIncl: boolean, hiIncl: boolean, integers: boolean): boolean {
  if (lo === null || hi === null) return true;
  if (integers) return (loIncl ? Math.ceil(lo) : Math.floor(lo) + 1) <= (hiIncl ? Math.floor(hi) : Math.ceil(hi) - 1);
  return lo < hi || (lo === hi && loIncl && hiIncl);
}

/**
 * Whether two intervals share a value, compared bound by bound: the later
 * start against the earlier end. Bounds are read by index and nothing is
 * allocated, since this runs in every coverage question.
 */
function intervalPairMeets(x: Interval, y: Interval, integers: boolean): boolean {
  const xlo = x[0];
  const xhi = x[1];
  const ylo = y[0];
  const yhi = y[1];
  const lo = xlo === null ? ylo : ylo === null ? xlo : xlo > ylo ? xlo : ylo;
  const loIncl = xlo === null ? y[2] : ylo === null ? x[2] : xlo !== ylo ? (xlo > ylo ? x[2] : y[2]) : x[2] && y[2];
  const hi = xhi === null ? yhi : yhi === null ? xhi : xhi < yhi ? xhi : yhi;
  const hiIncl = xhi === null ? y[3] : yhi === null ? x[3] : xhi !== yhi ? (xhi < yhi ? x[3] : y[3]) : x[3] && y[3];
  return holdsValue(lo, hi, loIncl, hiIncl, integers);
}

function intervalsMeet(a: readonly Interval[], b: readonly Interval[], integers: boolean): boolean {
  for (let i = 0; i < a.length; i++) for (let j = 0; j < b.length; j++) if (intervalPairMeets(a[i]!, b[j]!, integers)) return true;
  return false;
}

/** Whether the values of interval `x` all lie in interval `y`. */
function intervalInside(x: Interval, y: Interval, integers: boolean): boolean {
  const lo = x[0];
  const hi = x[1];
  const loIncl = x[2];
  const hiIncl = x[3];
  if (!holdsValue(lo, hi, loIncl, hiIncl, integers)) return true;
  // For integers, compare the integer bounds of `x` (y's are integers already, being normalized).
  const low = integers && lo !== null ? (loIncl ? Math.ceil(lo) : Math.floor(lo) + 1) : lo;
  const high = integers && hi !== null ? (hiIncl ? Math.floor(hi) : Math.ceil(hi) - 1) : hi;
  const lowIncl = integers || loIncl;
  const highIncl = integers || hiIncl;
  const ylo = y[0];
  const yhi = y[1];
  const startsInside = ylo === null || (low !== null && (low > ylo || (low === ylo && (y[2] || !lowIncl))));
  const endsInside = yhi === null || (high !== null && (high < yhi || (high === yhi && (y[3] || !highIncl))));
  return startsInside && endsInside;
}

/**
 * Whether every value of `a` lies in `b`, for a normalized `b`: its
 * intervals are separated by gaps, so each interval of `a` inside the union
 * lies inside one of them.
 */
function intervalsWithin(a: readonly Interval[], b: readonly Interval[], integers: boolean): boolean {
  outer: for (let i = 0; i < a.length; i++) {
    for (let j = 0; j < b.length; j++) if (intervalInside(a[i]!, b[j]!, integers)) continue outer;
    return false;
  }
  return true;
}

/** Whether two cells share a value (or both admit absent), without building their intersection. */
export function cellsMeet(domain: ColumnDomain, a: Cell, b: Cell): boolean {
  if (a.absent && b.absent) return true;
  const x = a.values;
  const y = b.values;
  // Boxes share cells (a valid context's cell on every column it does not narrow), and a cell is never empty in a box.
  if (x === y && !isEmptyValues(x)) return true;
  // Number cells first, and one interval each without a loop: they are most of the cells compared.
  if (x.kind === "ranges" && y.kind === "ranges") {
    const a = x.intervals;
    const b = y.intervals;
    return a.length === 1 && b.length === 1 ? intervalPairMeets(a[0]!, b[0]!, isInteger(domain)) : intervalsMeet(a, b, isInteger(domain));
  }
  if (x.kind === "finite" && y.kind === "finite") return sortedShare(x.values, y.values);
  if (x.kind === "finite" && y.kind === "cofinite") return !sortedEvery(x.values, y.values, true);
  if (x.kind === "cofinite" && y.kind === "finite") return !sortedEvery(y.values, x.values, true);
  if (x.kind === "cofinite" && y.kind === "cofinite") return true;
  if (x.kind === "lists" && y.kind === "lists") return x.conj !== null && y.conj !== null && !sharesAny(x.conj.req, y.conj.forb) && !sharesAny(y.conj.req, x.conj.forb);
  throw new Error(`internal: value sets of kinds ${x.kind} and ${y.kind} on one column`);
}

/** The absent value, as `pointValue` and `cellHoldsValue` give and take it. */
export const ABSENT_VALUE: unique symbol = Symbol("absent");

/**
 * The one value a point's cell holds (`ABSENT_VALUE` for absent), or
 * undefined when the cell is not one plain value (a list cell, several
 * values): what `cellHoldsValue` takes.
 */
export function pointValue(cell: Cell): Scalar | typeof ABSENT_VALUE | undefined {
  const values = cell.values;
  if (cell.absent) return isEmptyValues(values) ? ABSENT_VALUE : undefined;
  if (values.kind === "finite") return values.values.length === 1 ? values.values[0] : undefined;
  if (values.kind !== "ranges" || values.intervals.length !== 1) return undefined;
  const only = values.intervals[0]!;
  const lo = only[0];
  return lo !== null && lo === only[1] && only[2] && only[3] ? lo : undefined;
}

/**
 * Whether the point cell whose `pointValue` is `value` lies in `cell`: what
 * `cellWithin` answers for it, decided on the value itself. A point query
 * asks it of every box it scans, so it builds nothing.
 */
export function cellHoldsValue(domain: ColumnDomain, cell: Cell, value: Scalar | typeof ABSENT_VALUE): boolean {
  if (value === ABSENT_VALUE) return cell.absent;
  const values = cell.values;
  switch (values.kind) {
    case "finite":
      return values.values.length > 0 && (isAllValues(domain, values) || sortedHas(values.values, value));
    case "cofinite":
      return !sortedHas(values.values, value);
    case "ranges": {
      const v = value as number;
      // A non-integer holds no value of an integer column: its cell is empty, so inside any cell with an interval.
      if (isInteger(domain) && !Number.isInteger(v)) return values.intervals.length > 0;
      const intervals = values.intervals;
      for (let i = 0; i < intervals.length; i++) {
        const interval = intervals[i]!;
        const lo = interval[0];
        const hi = interval[1];
        if ((lo === null || v > lo || (v === lo && interval[2])) && (hi === null || v < hi || (v === hi && interval[3]))) return true;
      }
      return false;
    }
    case "lists":
      throw new Error("internal: a list cell holds no single value");
  }
}

/*
 * The list cells' tests are loops in functions of their own, not `some` and
 * `every` with closures: a closure over the function's values makes V8
 * allocate a context on every call of the function that holds it, and
 * `cellWithin` and `cellsMeet` are called millions of times on other kinds
 * of cells (on `wide` 10,000, those contexts were a twentieth of what
 * pruning allocated; docs/analysis.md#keeping-each-step-cheap).
 */

/** Whether `a` and `b` share an element. */
function sharesAny(a: readonly Scalar[], b: readonly Scalar[]): boolean {
  for (let i = 0; i < a.length; i++) if (b.includes(a[i]!)) return true;
  return false;
}

/** Whether `all` holds every element of `some`. */
function includesAll(all: readonly Scalar[], some: readonly Scalar[]): boolean {
  for (let i = 0; i < some.length; i++) if (!all.includes(some[i]!)) return false;
  return true;
}

/** Whether every value of `a` (absent included) is in `b`. */
export function cellWithin(domain: ColumnDomain, a: Cell, b: Cell): boolean {
  if (a.absent && !b.absent) return false;
  const x = a.values;
  const y = b.values;
  // Shared cells first: comparing a long enum's values one by one was most of the cost of some questions.
  if (x === y || isEmptyValues(x)) return true;
  if (x.kind === "ranges" && y.kind === "ranges") return intervalsWithin(x.intervals, y.intervals, isInteger(domain));
  if (x.kind === "finite" && y.kind === "finite") return x.values.length <= y.values.length && (isAllValues(domain, y) || sortedEvery(x.values, y.values, true));
  if (x.kind === "finite" && y.kind === "cofinite") return sortedEvery(x.values, y.values, false);
  if (x.kind === "cofinite" && y.kind === "finite") return false;
  if (x.kind === "cofinite" && y.kind === "cofinite") return sortedEvery(y.values, x.values, true);
  // A satisfiable conjunction implies another exactly when it includes the other's literals.
  if (x.kind === "lists" && y.kind === "lists") return y.conj !== null && includesAll(x.conj!.req, y.conj.req) && includesAll(x.conj!.forb, y.conj.forb);
  throw new Error(`internal: value sets of kinds ${x.kind} and ${y.kind} on one column`);
}

export function intersectCells(domain: ColumnDomain, a: Cell, b: Cell): Cell {
  return { absent: a.absent && b.absent, values: intersectValues(domain, a.values, b.values) };
}

/** `a` minus `b`, as pairwise disjoint non-empty cells. */
export function subtractCells(domain: ColumnDomain, a: Cell, b: Cell): Cell[] {
  const absent = a.absent && !b.absent;
  const x = a.values;
  const y = b.values;
  if (x.kind === "finite" && y.kind === "finite") {
    // The values of `a` that `b` leaves out, without building the complement
    // of `b` in the whole domain first (a category enum's complement of one
    // key is every other member, built and searched for one question): the
    // same values in the same order, since `a`'s values are the domain's.
    const values = sortedFilter(x.values, y.values, false);
    if (values.length === 0) return absent ? [{ absent, values: noValues(domain) }] : [];
    return [{ absent, values: { kind: "finite", values } }];
  }
  return subtractCellsByComplement(domain, a, b);
}

/** `a` less `b` as the definition says: `a` meets each piece of the complement of `b`, and keeps absent when `b` does not. */
export function subtractCellsByComplement(domain: ColumnDomain, a: Cell, b: Cell): Cell[] {
  const pieces = complementValues(domain, b.values)
    .map((piece) => intersectValues(domain, a.values, piece))
    .filter((piece) => !isEmptyValues(piece));
  const absent = a.absent && !b.absent;
  if (pieces.length === 0) return absent ? [{ absent, values: noValues(domain) }] : [];
  return pieces.map((values, i) => ({ absent: i === 0 && absent, values }));
}

export function complementCell(domain: ColumnDomain, cell: Cell): Cell[] {
  return subtractCells(domain, fullCell(domain), cell);
}

/** Each enum domain's members as a set, built once: a category enum of a large program has over a thousand, and every `in` test looks its values up. */
const MEMBER_SETS = new WeakMap<readonly string[], ReadonlySet<string>>();

/** Keyed by the members' list, which the checked type holds once, rather than by the domain, which some callers build afresh. */
function memberSet(domain: Extract<ColumnDomain, { kind: "enum" }>): ReadonlySet<string> {
  let members = MEMBER_SETS.get(domain.members);
  if (!members) MEMBER_SETS.set(domain.members, (members = new Set(domain.members)));
  return members;
}

function fitsDomain(domain: ColumnDomain, value: Scalar): boolean {
  switch (domain.kind) {
    case "bool":
      return typeof value === "boolean";
    case "enum":
      return typeof value === "string" && memberSet(domain).has(value);
    case "string":
      return typeof value === "string";
    case "int":
      return Number.isInteger(value);
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "list":
      return false;
  }
}

function valuesOf(domain: ColumnDomain, literals: readonly Scalar[]): ValueSet {
  const fitting = literals.filter((v) => fitsDomain(domain, v));
  if (domain.kind === "int" || domain.kind === "number") {
    const points = fitting.map((v): Interval => [v as number, v as number, true, true]);
    return { kind: "ranges", intervals: normalizeIntervals(points, domain.kind === "int") };
  }
  if (domain.kind === "list") return noValues(domain);
  return { kind: "finite", values: sortedScalars(fitting) };
}

const present = (values: ValueSet): Cell => ({ absent: false, values });

/** The cell of one atom: the values on which `test` holds (never absent, except `present: false`). */
export function atomCell(domain: ColumnDomain, test: UnaryTest): Cell {
  if ("present" in test) return test.present ? present(allValues(domain)) : { absent: true, values: noValues(domain) };
  if ("eq" in test) {
    // The most common test by far, so it skips the general literal-list path (same result).
    const value = test.eq;
    if (!fitsDomain(domain, value)) return present(noValues(domain));
    if (domain.kind === "int" || domain.kind === "number") return present({ kind: "ranges", intervals: [[value as number, value as number, true, true]] });
    return present({ kind: "finite", values: [value] });
  }
  if ("in" in test) return present(valuesOf(domain, test.in));
  if ("notIn" in test) {
    const excluded = valuesOf(domain, test.notIn);
    return present(domain.kind === "list" ? noValues(domain) : complementValues(domain, excluded)[0]!);
  }
  if ("range" in test) {
    if (domain.kind !== "int" && domain.kind !== "number") return present(noValues(domain));
    return present({ kind: "ranges", intervals: normalizeIntervals(test.range, domain.kind === "int") });
  }
  if ("bool" in test) return present(valuesOf(domain.kind === "bool" ? domain : { kind: "string" }, domain.kind === "bool" ? [test.bool] : []));
  if (domain.kind !== "list") return present(noValues(domain));
  // A literal that cannot be an element of a well-typed list is never contained.
  const literal = "contains" in test ? test.contains : test.notContains;
  const fits = fitsDomain(columnDomain(domain.element, "element"), literal);
  if ("contains" in test) return present(fits ? { kind: "lists", conj: { req: [literal], forb: [] } } : noValues(domain));
  return present(fits ? { kind: "lists", conj: { req: [], forb: [literal] } } : allValues(domain));
}
