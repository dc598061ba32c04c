/**
 * The valid contexts, as a union of boxes over a decision's columns: what the
 * strict validator accepts, seen through the columns analysis cares about.
 * Analysis findings are about valid contexts, so that a required field is
 * never "absent", an `int(0..23)` never holds 24, and every witness is a
 * context the validator accepts.
 *
 * Besides each column's own domain (required or not, declared range), it
 * captures the one dependency between columns that validity imposes: an
 * optional record is either absent, and then so is every field under it, or
 * present, and then so is every field it requires.
 *
 * Invariant: a context is valid (restricted to the table's columns) exactly
 * when its column values lie in one of the returned boxes.
 */
import type { CheckedField, CheckedProgram, CheckedType } from "@scn/language";
import { boxOf, intersectUnions, type Box } from "../boxes/box.js";
import { allValues, noValues, type Cell, type Scalar } from "../boxes/cell.js";
import type { ColumnTable } from "../boxes/column-table.js";
import { requireField } from "../semantics/context-paths.js";
import { normalizeIntervals } from "../boxes/intervals.js";

function declaredRange(type: CheckedType): { min?: number; max?: number } {
  return type.kind === "int" || type.kind === "number" ? type : {};
}

function outsideRange(type: CheckedType, literal: Scalar): boolean {
  const { min, max } = declaredRange(type);
  return typeof literal === "number" && ((min !== undefined && literal < min) || (max !== undefined && literal > max));
}

/** The cell of one column in a valid context, ignoring other columns. */
function columnCell(columns: ColumnTable, column: number, field: CheckedField, mayBeAbsent: boolean): Cell {
  const domain = columns.domain(column);
  const type = field.type;
  if (domain.kind === "int" || domain.kind === "number") {
    const { min, max } = declaredRange(type);
    const intervals = normalizeIntervals([[min ?? null, max ?? null, min !== undefined, max !== undefined]], domain.kind === "int");
    return { absent: mayBeAbsent, values: { kind: "ranges", intervals } };
  }
  if (domain.kind === "list") {
    // Elements outside the element type's declared range cannot be in a valid list.
    const forb = columns.listLiterals[column]!.filter((v) => outsideRange(domain.element, v));
    return { absent: mayBeAbsent, values: { kind: "lists", conj: { req: [], forb } } };
  }
  return { absent: mayBeAbsent, values: allValues(domain) };
}

interface RecordGroup {
  /** Columns under the record. */
  readonly all: number[];
  /** Columns the record requires (no optional field between it and them). */
  readonly required: number[];
}

export function validContextBoxes(program: CheckedProgram, columns: ColumnTable, limit: number): Box[] {
  const base = new Map<number, Cell>();
  const groups = new Map<string, RecordGroup>();
  let satisfiable = true;
  columns.paths.forEach((path, column) => {
    const { field, ancestors } = requireField(program.context, path);
    const chain = [...ancestors, field];
    const cell = columnCell(columns, column, field, chain.some((f) => f.optional));
    const box = boxOf(columns, column, cell);
    // An empty cell (a declared range with no value of the column's type) leaves no valid context at all.
    if (box === null) satisfiable = false;
    else for (const [c, v] of box) base.set(c, v);
    ancestors.forEach((record, k) => {
      if (!record.optional) return;
      const key = chain.slice(0, k + 1).map((f) => f.name).join(".");
      const group = groups.get(key) ?? { all: [], required: [] };
      group.all.push(column);
      if (chain.slice(k + 1).every((f) => !f.optional)) group.required.push(column);
      groups.set(key, group);
    });
  });
  if (!satisfiable) return [];
  let valid: Box[] = [base];
  for (const group of [...groups.values()].filter((g) => g.required.length > 0)) {
    const present = new Map<number, Cell>();
    for (const c of group.required) present.set(c, { absent: false, values: allValues(columns.domain(c)) });
    const absent = new Map<number, Cell>();
    for (const c of group.all) absent.set(c, { absent: true, values: noValues(columns.domain(c)) });
    valid = intersectUnions(columns, valid, [present, absent], limit);
  }
  return valid;
}
