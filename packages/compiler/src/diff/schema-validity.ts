/**
 * The contexts a bundle's context schema accepts, as a union of boxes over
 * the unified columns of a diff: each column's own values (enum members,
 * declared ranges, required or not) and the one link between columns that
 * validity imposes: an optional record is either absent, and then so is
 * every field under it, or present, and then so is every field it requires.
 * A path the schema does not declare must be absent (records are closed).
 *
 * The diff intersects change regions with these boxes so that a witness is a
 * context the new version's strict mode accepts whenever such a context
 * exists in the region.
 *
 * Invariant: restricted to the columns, a context the schema accepts lies in
 * one of the boxes, and every point of the boxes (with plain values for the
 * fields no column reads) is accepted. Null is returned when the union grows
 * past `limit` boxes: the caller then does without the preference.
 */
import type { DecisionTable, Interval, SchemaNode } from "@scn/runtime";
import { BoxLimitExceeded, boxOf, intersectUnions, type Box } from "../boxes/box.js";
import { allValues, noValues, sortedScalars, type Cell, type ColumnDomain, type Scalar, type ValueSet } from "../boxes/cell.js";
import type { ColumnTable } from "../boxes/column-table.js";
import { normalizeIntervals } from "../boxes/intervals.js";
import { literalsOf } from "../boxes/test-algebra.js";
import { fieldChain, type FieldStep } from "./context-fields.js";

function numericRange(node: SchemaNode, integers: boolean): Interval[] {
  const lo = node.minimum ?? node.exclusiveMinimum;
  const hi = node.maximum ?? node.exclusiveMaximum;
  return normalizeIntervals([[lo, hi, node.minimum !== null, node.maximum !== null]], integers);
}

function accepts(node: SchemaNode, value: Scalar): boolean {
  if (node.enum !== null && !node.enum.includes(value)) return false;
  if (typeof value !== "number") return true;
  const [lo, hi] = [node.minimum, node.maximum];
  if (lo !== null && value < lo) return false;
  if (hi !== null && value > hi) return false;
  if (node.exclusiveMinimum !== null && value <= node.exclusiveMinimum) return false;
  if (node.exclusiveMaximum !== null && value >= node.exclusiveMaximum) return false;
  return !(node.types ?? []).includes("integer") || (node.types ?? []).includes("number") || Number.isInteger(value);
}

/** The values the schema's leaf accepts, in the unified domain. */
function leafValues(domain: ColumnDomain, node: SchemaNode, listLiterals: readonly Scalar[]): ValueSet {
  switch (domain.kind) {
    case "bool":
      return allValues(domain);
    case "enum":
    case "string": {
      if (node.enum === null) return allValues(domain);
      const members = node.enum.filter((m): m is string => typeof m === "string");
      return { kind: "finite", values: sortedScalars(domain.kind === "enum" ? members.filter((m) => domain.members.includes(m)) : members) };
    }
    case "int":
    case "number":
      return { kind: "ranges", intervals: numericRange(node, domain.kind === "int") };
    case "list": {
      // Lists holding an element the items schema rejects are invalid; only the tested literals matter.
      const items = node.items;
      const forb = items === null ? [] : listLiterals.filter((v) => !accepts(items, v));
      return { kind: "lists", conj: { req: [], forb: sortedScalars(forb) } };
    }
  }
}

function columnCell(domain: ColumnDomain, chain: readonly FieldStep[] | null, listLiterals: readonly Scalar[]): Cell {
  if (chain === null) return { absent: true, values: noValues(domain) };
  const leaf = chain[chain.length - 1]!;
  return { absent: chain.some((step) => !step.required), values: leafValues(domain, leaf.node, listLiterals) };
}

/** Literals each unified list column is tested with in either version. */
export function listLiteralsByPath(tables: readonly DecisionTable[]): Map<string, Scalar[]> {
  const found = new Map<string, Scalar[]>();
  for (const table of tables) {
    for (const row of table.rows) {
      for (const [key, test] of Object.entries(row.tests)) {
        const column = table.columns[Number(key)]!;
        if (column.type !== "list") continue;
        found.set(column.path, sortedScalars([...(found.get(column.path) ?? []), ...literalsOf(test)]));
      }
    }
  }
  return found;
}

interface RecordGroup {
  readonly all: number[];
  readonly required: number[];
}

export function schemaBoxes(root: SchemaNode, columns: ColumnTable, listLiterals: ReadonlyMap<string, readonly Scalar[]>, limit: number): Box[] | null {
  const base = new Map<number, Cell>();
  const groups = new Map<string, RecordGroup>();
  for (let column = 0; column < columns.paths.length; column++) {
    const path = columns.paths[column]!;
    const chain = fieldChain(root, path);
    const box = boxOf(columns, column, columnCell(columns.domain(column), chain, listLiterals.get(path) ?? []));
    if (box === null) return [];
    for (const [c, cell] of box) base.set(c, cell);
    chain?.forEach((step, k) => {
      if (step.required || k === chain.length - 1) return;
      const key = chain.slice(0, k + 1).map((s) => s.name).join(".");
      const group = groups.get(key) ?? { all: [], required: [] };
      group.all.push(column);
      if (chain.slice(k + 1).every((s) => s.required)) group.required.push(column);
      groups.set(key, group);
    });
  }
  let valid: Box[] = [base];
  try {
    for (const group of [...groups.values()].filter((g) => g.required.length > 0)) {
      const present = new Map<number, Cell>();
      for (const c of group.required) present.set(c, { absent: false, values: allValues(columns.domain(c)) });
      const absent = new Map<number, Cell>();
      for (const c of group.all) absent.set(c, { absent: true, values: noValues(columns.domain(c)) });
      valid = intersectUnions(columns, valid, [present, absent], limit);
    }
  } catch (error) {
    if (error instanceof BoxLimitExceeded) return null;
    throw error;
  }
  return valid;
}
