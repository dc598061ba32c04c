/**
 * One column space for two versions of a decision. Columns are matched by
 * context path, so a column that only one version tests is simply a column
 * the other version never constrains. A path whose type changed is unified
 * when one domain can hold both: an enum whose members changed becomes an
 * enum of every member, an enum that became a string (or back) becomes a
 * string. Values outside a version's own type count as absent for that
 * version (docs/language.md#117-absent-values-wrong-types-and-strict-mode), and `widenCell` says so in the unified domain.
 *
 * Invariant: for every context value v of a path and every test t of either
 * version on that path, t holds on v in that version exactly when v lies in
 * `widenCell(atomCell(ownDomain, t))` in the unified domain. Type changes
 * that no single domain can express (int to number, a list's element type,
 * bool to string…) are reported as incompatible, never approximated.
 */
import { canonicalJson } from "../bundle/canonical-json.js";
import type { Column } from "@scn/runtime";
import { columnDomain, sortedScalars, type Cell, type ColumnDomain } from "../boxes/cell.js";
import { ColumnTable } from "../boxes/column-table.js";
import type { CheckedType } from "@scn/language";

export interface UnifiedColumns {
  /** One column per path; index i of `table` is `columns[i]`. */
  readonly table: ColumnTable;
  readonly columns: readonly Column[];
}

export type UnifyResult = { readonly ok: true; readonly value: UnifiedColumns } | { readonly ok: false; readonly reason: string };

/** A column's type as text, for messages: `int`, `enum { a, b }`, `list<string>`. */
export function columnTypeText(column: Column): string {
  if (column.type === "enum") return `enum { ${(column.values ?? []).join(", ")} }`;
  if (column.type === "list") return `list<${column.element === "enum" ? `enum { ${(column.values ?? []).join(", ")} }` : (column.element ?? "string")}>`;
  return column.type;
}

function sameMembers(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  const x = sortedScalars(a ?? []);
  const y = sortedScalars(b ?? []);
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

/** The one column type holding both, or null when there is none. */
function unifyPair(a: Column, b: Column): Column | null {
  const base = { path: a.path, ...(a.consent || b.consent ? { consent: true } : {}) };
  if (a.type === b.type && a.type !== "enum" && a.type !== "list") return { ...base, type: a.type };
  if (a.type === "list" && b.type === "list") {
    if (a.element !== b.element) return null;
    if (a.element === "enum" && !sameMembers(a.values, b.values)) return null;
    return { ...base, type: "list", ...(a.element ? { element: a.element } : {}), ...(a.values ? { values: a.values } : {}) };
  }
  if (a.type === "enum" && b.type === "enum") {
    const members = [...(a.values ?? [])];
    for (const m of b.values ?? []) if (!members.includes(m)) members.push(m);
    return { ...base, type: "enum", values: members };
  }
  const kinds = new Set([a.type, b.type]);
  if (kinds.size === 2 && kinds.has("enum") && kinds.has("string")) return { ...base, type: "string" };
  return null;
}

function bundleType(column: Column): CheckedType {
  const scalar = (kind: Column["type"]): CheckedType => (kind === "enum" ? { kind: "enum", members: column.values ?? [] } : ({ kind } as CheckedType));
  return column.type === "list" ? { kind: "list", element: scalar(column.element ?? "string") } : scalar(column.type);
}

/** The domain a version's own column gives its path. */
export function ownDomain(column: Column): ColumnDomain {
  return columnDomain(bundleType(column), column.path);
}

export function unifyColumns(before: readonly Column[], after: readonly Column[]): UnifyResult {
  const byPath = new Map<string, Column>();
  // An arm column that only one version has (a split added, or its
  // experiment stopped) is also compared on samples.
  const armKey = (column: Column) => canonicalJson([column.path, column.experiment ?? null, column.values ?? null]);
  const armsBefore = new Set(before.filter((c) => c.experiment !== undefined).map(armKey));
  const armsAfter = new Set(after.filter((c) => c.experiment !== undefined).map(armKey));
  const lone = [...before, ...after].find((c) => c.experiment !== undefined && !(armsBefore.has(armKey(c)) && armsAfter.has(armKey(c))));
  if (lone?.experiment !== undefined) {
    return { ok: false, reason: `\`${lone.path}\` is assigned to the arms of \`${lone.experiment.name}\` in only one version, which the exact comparison does not model` };
  }
  for (const column of [...before, ...after]) {
    const known = byPath.get(column.path);
    if (known === undefined) {
      byPath.set(column.path, column);
      continue;
    }
    // Boxes of arm names stand for the units that hash into them only while
    // both versions assign alike; otherwise the tables are compared on
    // sampled contexts, whose units the runtimes assign (docs/experiments.md).
    if (canonicalJson(known.experiment ?? null) !== canonicalJson(column.experiment ?? null)) {
      return { ok: false, reason: `\`${column.path}\` is assigned to arms differently in the two versions, which the exact comparison does not model` };
    }
    const unified = unifyPair(known, column);
    if (unified === null) return { ok: false, reason: `\`${column.path}\` changed type from ${columnTypeText(known)} to ${columnTypeText(column)}` };
    byPath.set(column.path, unified);
  }
  const columns = [...byPath.values()];
  const table = ColumnTable.forBundleColumns(columns);
  for (const column of columns) {
    table.indexOf(column.path);
    // A witness writes a unit that hashes into the arm its box asks for (contexts/witness.ts).
    if (column.experiment !== undefined) {
      const { seed, ranges, unit } = column.experiment;
      table.armColumns.set(column.path, { unitPath: column.path, unitMayBeAbsent: true, seed, ranges, unit: unit === "int" ? "int" : "string", arms: column.values ?? [] });
    }
  }
  return { ok: true, value: { table, columns } };
}

/**
 * A cell of a version's own domain, moved into the unified domain: where the
 * cell admits absent values, it also admits every unified value the version's
 * type does not have, since that version reads such a value as absent.
 */
export function widenCell(own: ColumnDomain, unified: ColumnDomain, cell: Cell): Cell {
  if (own.kind !== "enum" || !cell.absent) return cell;
  const held = cell.values.kind === "finite" ? (cell.values.values as string[]) : [];
  if (unified.kind === "enum") {
    const foreign = unified.members.filter((m) => !own.members.includes(m));
    return { absent: true, values: { kind: "finite", values: sortedScalars([...held, ...foreign]) } };
  }
  if (unified.kind === "string") {
    // Every string but the members this cell leaves out.
    return { absent: true, values: { kind: "cofinite", values: sortedScalars(own.members.filter((m) => !held.includes(m))) } };
  }
  return cell;
}
