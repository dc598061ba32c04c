/**
 * Describes a set of regions for people, in the language's own condition
 * syntax (`order.channel in [online, app] and order.days_since_delivery in
 * 31..45`): for each column, the union of the regions' cells, and the column
 * is left out when that union is every value. The description is the
 * tightest box containing the regions, so it may also contain customers
 * whose answer did not change; the witness shows one that did.
 *
 * Clauses a reader gains nothing from are left out (see describeRegions).
 *
 * Invariant: every context in one of the regions satisfies the description.
 */
import type { Interval } from "@scn/runtime";
import { cellAt, type Box } from "../boxes/box.js";
import { cellWithin, isAllValues, isEmptyValues, isFullCell, sortedScalars, type Cell, type ColumnDomain, type Scalar, type ValueSet } from "../boxes/cell.js";
import type { ColumnTable } from "../boxes/column-table.js";
import { canonicalJson } from "../bundle/canonical-json.js";
import { normalizeIntervals } from "../boxes/intervals.js";

/** The union of two value sets, or null when one unary description cannot hold it (lists). */
function unionValues(domain: ColumnDomain, a: ValueSet, b: ValueSet): ValueSet | null {
  if (a.kind === "finite" && b.kind === "finite") return { kind: "finite", values: sortedScalars([...a.values, ...b.values]) };
  if (a.kind === "cofinite" && b.kind === "finite") return unionValues(domain, b, a);
  if (a.kind === "finite" && b.kind === "cofinite") return { kind: "cofinite", values: b.values.filter((v) => !a.values.includes(v)) };
  if (a.kind === "cofinite" && b.kind === "cofinite") return { kind: "cofinite", values: a.values.filter((v) => b.values.includes(v)) };
  if (a.kind === "ranges" && b.kind === "ranges") return { kind: "ranges", intervals: normalizeIntervals([...a.intervals, ...b.intervals], domain.kind === "int") };
  if (a.kind === "lists" && b.kind === "lists") {
    if (a.conj === null) return b;
    if (b.conj === null) return a;
    // The conjunction both sides imply: the elements both require and both forbid.
    const req = a.conj.req.filter((v) => b.conj!.req.includes(v));
    const forb = a.conj.forb.filter((v) => b.conj!.forb.includes(v));
    return { kind: "lists", conj: { req, forb } };
  }
  return null;
}

function unionCells(domain: ColumnDomain, a: Cell, b: Cell): Cell | null {
  const values = unionValues(domain, a.values, b.values);
  return values === null ? null : { absent: a.absent || b.absent, values };
}

function literal(domain: ColumnDomain, value: Scalar): string {
  if (typeof value === "string") return domain.kind === "enum" || (domain.kind === "list" && domain.element.kind === "enum") ? value : JSON.stringify(value);
  return String(value);
}

function listOf(domain: ColumnDomain, values: readonly Scalar[]): string {
  return `[${values.map((v) => literal(domain, v)).join(", ")}]`;
}

function intervalText(path: string, [lo, hi, loIncl, hiIncl]: Interval): string {
  if (lo !== null && hi !== null) {
    if (lo === hi) return `${path} == ${lo}`;
    if (loIncl && hiIncl) return `${path} in ${lo}..${hi}`;
    return `${path} ${loIncl ? ">=" : ">"} ${lo} and ${path} ${hiIncl ? "<=" : "<"} ${hi}`;
  }
  if (lo !== null) return `${path} ${loIncl ? ">=" : ">"} ${lo}`;
  if (hi !== null) return `${path} ${hiIncl ? "<=" : "<"} ${hi}`;
  return `${path} is present`;
}

function valuesText(path: string, domain: ColumnDomain, values: ValueSet): string {
  switch (values.kind) {
    case "finite": {
      const [only] = values.values;
      if (values.values.length === 1 && typeof only === "boolean") return only ? path : `not ${path}`;
      return values.values.length === 1 && only !== undefined ? `${path} == ${literal(domain, only)}` : `${path} in ${listOf(domain, values.values)}`;
    }
    case "cofinite":
      return values.values.length === 0 ? `${path} is present` : `${path} not in ${listOf(domain, values.values)}`;
    case "ranges": {
      const parts = values.intervals.map((interval) => intervalText(path, interval));
      return parts.length === 1 ? parts[0]! : `(${parts.join(" or ")})`;
    }
    case "lists": {
      const { req, forb } = values.conj!;
      const parts = [...req.map((v) => `${path} contains ${literal(domain, v)}`), ...forb.map((v) => `${path} not contains ${literal(domain, v)}`)];
      return parts.length === 0 ? `${path} is present` : parts.join(" and ");
    }
  }
}

function cellText(path: string, domain: ColumnDomain, cell: Cell): string {
  if (isEmptyValues(cell.values)) return `${path} is not present`;
  // A bool read on its own is false when absent (docs/language.md, §11.7),
  // so "false or absent" is exactly `not x`.
  if (cell.absent && domain.kind === "bool" && cell.values.kind === "finite" && cell.values.values.length === 1 && cell.values.values[0] === false) return `not ${path}`;
  const values = valuesText(path, domain, cell.values);
  if (!cell.absent) return values;
  return `(${values} or ${path} is not present)`;
}

/**
 * Leaves out numeric bounds the schema already imposes, so that `x in 0.6..1`
 * for a `number(0..1)` field reads `x >= 0.6`.
 */
function withinAllowed(hull: Cell, allowed: Cell): Cell {
  if (hull.values.kind !== "ranges" || allowed.values.kind !== "ranges") return hull;
  const first = allowed.values.intervals[0];
  const last = allowed.values.intervals[allowed.values.intervals.length - 1];
  if (first === undefined || last === undefined) return hull;
  const intervals = hull.values.intervals.map(([lo, hi, loIncl, hiIncl]): Interval => {
    const lowAtMin = lo !== null && lo === first[0] && loIncl === first[2];
    const highAtMax = hi !== null && hi === last[1] && hiIncl === last[3];
    return [lowAtMin ? null : lo, highAtMax ? null : hi, lowAtMin ? false : loIncl, highAtMax ? false : hiIncl];
  });
  return { absent: hull.absent, values: { kind: "ranges", intervals } };
}

/** The union of the regions' cells on one column; null when no single cell holds it. */
function hullOf(columns: ColumnTable, regions: readonly Box[], column: number): Cell | null {
  const domain = columns.domain(column);
  let hull: Cell | null = null;
  for (const box of regions) {
    const cell = cellAt(columns, box, column);
    hull = hull === null ? cell : unionCells(domain, hull, cell);
    if (hull === null) return null;
  }
  return hull;
}

/**
 * The description of the union of `regions`; `everyone` when it constrains
 * nothing. A column is left out when the description would not help a
 * reader: when the regions allow every value of it (whether or not it may
 * be absent: `x in [false, true]` says nothing worth reading), when they
 * allow every value that `baseline` (the contexts worth describing, e.g.
 * the valid ones) allows, so the description does not repeat what the
 * context schema already says, or when one of the `implied` sets of boxes
 * (the rows of the rule answering before, or after) lies within it on that
 * column, so the description does not repeat the conditions of the rules
 * the change is between. Leaving a column out only widens the description,
 * so every context of the regions still satisfies it.
 */
export function describeRegions(columns: ColumnTable, regions: readonly Box[], baseline: readonly Box[] | null = null, implied: readonly (readonly Box[])[] = []): string {
  const described = clauses(columns, regions, baseline, implied);
  // When the rules' own conditions are all there is to say (the same rule
  // answers with new values), they are said after all: `everyone` would hide
  // who is concerned.
  const parts = described.length === 0 && implied.length > 0 ? clauses(columns, regions, baseline, []) : described;
  return parts.length === 0 ? "everyone" : parts.join(" and ");
}

function clauses(columns: ColumnTable, regions: readonly Box[], baseline: readonly Box[] | null, implied: readonly (readonly Box[])[]): string[] {
  const parts: string[] = [];
  for (let column = 0; column < columns.paths.length; column++) {
    const domain = columns.domain(column);
    const hull = hullOf(columns, regions, column);
    if (hull === null || isFullCell(domain, hull) || isAllValues(domain, hull.values)) continue;
    const allowed = baseline === null || baseline.length === 0 ? null : hullOf(columns, baseline, column);
    if (allowed !== null && canonicalJson(unionCells(domain, hull, allowed)) === canonicalJson(hull)) continue;
    if (implied.some((rows) => rows.length > 0 && rows.every((row) => cellWithin(domain, cellAt(columns, row, column), hull)))) continue;
    const shown = allowed === null ? hull : withinAllowed(hull, allowed);
    if (shown.values.kind === "ranges" && shown.values.intervals.length === 1 && shown.values.intervals[0]![0] === null && shown.values.intervals[0]![1] === null) continue;
    parts.push(cellText(columns.paths[column]!, domain, shown));
  }
  return parts;
}
