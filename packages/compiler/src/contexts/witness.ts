/**
 * Witnesses: a concrete context inside a box. Each column gets a point of its
 * cell; every other required field gets the plain value of its shape
 * (context-shape.ts); optional records appear only when a field under them
 * has a value. Analysis and the semantic diff both build their witnesses
 * here, from a shape read from the checked fields or from a bundle's schema.
 *
 * Invariant: every column of the returned context reads back as the chosen
 * point of the box's cell, so the box's condition holds on it; when the box
 * lies inside the valid contexts of the shape (valid-contexts.ts), the
 * context is valid.
 */
import type { JsonValue } from "@scn/runtime";
import { isJsonObject } from "../semantics/json-object.js";
import { cellAt, type Box } from "../boxes/box.js";
import { isEmptyValues, type ValueSet } from "../boxes/cell.js";
import type { ArmColumn, ColumnTable } from "../boxes/column-table.js";
import { unitInArm } from "../semantics/experiments.js";
import { setOwn, type ContextShape } from "./context-shape.js";

type JsonRecord = { [key: string]: JsonValue };

/**
 * A number of the ranges: 0 when an interval holds it, else a point of the
 * first interval. The intervals are read by index: witnesses are built for
 * every box analysis reports, mostly before V8 optimizes this, and
 * unoptimized, `for … of` with destructuring allocates an iterator result
 * per interval and runs the array iterator protocol for each tuple.
 */
export function pointOfRanges(values: Extract<ValueSet, { kind: "ranges" }>): number {
  const intervals = values.intervals;
  for (let i = 0; i < intervals.length; i++) {
    const interval = intervals[i]!;
    const lo = interval[0];
    const hi = interval[1];
    const above = lo === null || lo < 0 || (lo === 0 && interval[2]);
    const below = hi === null || hi > 0 || (hi === 0 && interval[3]);
    if (above && below) return 0;
  }
  const [lo, hi, loIncl, hiIncl] = values.intervals[0]!;
  if (lo !== null && loIncl) return lo;
  if (lo === null) return hiIncl ? hi! : hi! - 1;
  if (hi === null) return lo + 1;
  return hiIncl ? hi : (lo + hi) / 2;
}

/** A readable string none of `excluded` is (`other`, `other2`, …), for a witness value outside every listed one. */
export function freshString(excluded: readonly string[]): string {
  for (let i = 1; ; i++) {
    const candidate = i === 1 ? "other" : `other${i}`;
    if (!excluded.includes(candidate)) return candidate;
  }
}

function pointOf(values: ValueSet): JsonValue {
  switch (values.kind) {
    case "finite":
      return values.values[0]!;
    case "cofinite":
      return freshString(values.values);
    case "ranges":
      return pointOfRanges(values);
    case "lists":
      return [...values.conj!.req];
  }
}

/** A unit value in `arm` (null: one that is not enrolled), or null to leave an optional unit absent. */
function armUnit(column: ArmColumn, arm: string | null): JsonValue | null {
  if (arm === null) return column.unitMayBeAbsent ? null : column.unit === "int" ? 0 : "";
  return unitInArm(column, column.arms.indexOf(arm));
}

/**
 * The value chosen for each column of the box, by path; a column left out is
 * absent. `prefer` says what to choose when the cell allows both: `absent`
 * keeps witnesses short (analysis), `present` shows the fields a change
 * depends on (the diff).
 */
export function boxPoint(columns: ColumnTable, box: Box, prefer: "absent" | "present"): Map<string, JsonValue> {
  const chosen = new Map<string, JsonValue>();
  columns.paths.forEach((path, column) => {
    const cell = cellAt(columns, box, column);
    const arm = columns.armColumns.get(path);
    if (arm !== undefined) {
      // An arm column is not a field: the witness gets a unit that really
      // hashes into the arm the box asks for, or one that enrolls nobody.
      const unit = armUnit(arm, cell.absent || isEmptyValues(cell.values) ? null : (pointOf(cell.values) as string));
      if (unit !== null) chosen.set(arm.unitPath, unit);
      return;
    }
    if (prefer === "absent" && cell.absent) return;
    if (!isEmptyValues(cell.values)) chosen.set(path, pointOf(cell.values));
  });
  return chosen;
}

/**
 * A context holding `values` at their paths, completed from `shape` (null:
 * no completion). `tested` lists the paths whose absence is meaningful, which
 * are never filled in. Fields come in the shape's order; a value at a path
 * the shape does not declare is added after them.
 */
export function contextFrom(values: ReadonlyMap<string, JsonValue>, tested: readonly string[], shape: ContextShape | null): JsonRecord {
  const placed = new Set<string>();
  const hasValueUnder = (prefix: string) => [...values.keys()].some((path) => path.startsWith(prefix));
  const build = (fields: ContextShape, prefix: string): JsonRecord => {
    const record: JsonRecord = {};
    for (const field of fields) {
      const path = prefix + field.name;
      if (field.fields !== null) {
        if (field.required || hasValueUnder(`${path}.`)) setOwn(record, field.name, build(field.fields, `${path}.`));
      } else if (values.has(path)) {
        setOwn(record, field.name, values.get(path)!);
        placed.add(path);
      } else if (field.required && !tested.includes(path)) {
        setOwn(record, field.name, field.plain);
      }
    }
    return record;
  };
  const context = shape === null ? {} : build(shape, "");
  for (const [path, value] of values) if (!placed.has(path)) place(context, path.split("."), value);
  return context;
}

function place(record: JsonRecord, keys: readonly string[], value: JsonValue): void {
  const [first, ...rest] = keys;
  if (first === undefined) return;
  if (rest.length === 0) {
    setOwn(record, first, value);
    return;
  }
  const existing = Object.prototype.hasOwnProperty.call(record, first) ? record[first] : undefined;
  const next: JsonRecord = isJsonObject(existing) ? (existing as JsonRecord) : {};
  setOwn(record, first, next);
  place(next, rest, value);
}

/** The analysis witness of a box: short (absent wherever allowed) and completed from the program's shape. */
export function witnessContext(shape: ContextShape, columns: ColumnTable, box: Box): JsonRecord {
  return contextFrom(boxPoint(columns, box, "absent"), columns.paths, shape);
}
