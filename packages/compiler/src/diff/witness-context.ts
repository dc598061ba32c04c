/**
 * Turns a point of a box over the unified columns into a concrete context:
 * each column gets a value of its cell (a present one when the cell has any,
 * because a witness that shows the customer's fields says more than one that
 * leaves them out), fields no column reads get a plain value when the new
 * schema requires them, and optional records appear only when a field under
 * them has a value.
 *
 * Invariant: every column of the returned context reads back as a point of
 * the box's cell (absent exactly when no present value was chosen), so the
 * box's condition holds on it; when the box lies inside the new schema's
 * boxes (schema-validity.ts), the context is valid against that schema.
 */
import type { JsonValue, SchemaNode } from "@scn/runtime";
import { cellAt, type Box } from "../boxes/box.js";
import { isEmptyValues, type ValueSet } from "../boxes/cell.js";
import type { ColumnTable } from "../boxes/column-table.js";
import { freshString } from "../contexts/witness.js";
import { isRecordNode, plainValue, setOwn } from "./context-fields.js";
import type { JsonObject } from "./diff-model.js";

function pointOfRanges(values: Extract<ValueSet, { kind: "ranges" }>, integers: boolean): number {
  for (const [lo, hi, loIncl, hiIncl] of values.intervals) {
    const above = lo === null || lo < 0 || (lo === 0 && loIncl);
    const below = hi === null || hi > 0 || (hi === 0 && hiIncl);
    if (above && below) return 0;
  }
  const [lo, hi, loIncl] = values.intervals[0]!;
  if (lo !== null && loIncl) return lo;
  // Integer intervals are normalized to inclusive bounds, so only numbers reach the exclusive cases.
  if (lo === null) return hi! - 1;
  if (hi === null) return lo + 1;
  return integers ? hi : (lo + hi) / 2;
}


function pointOf(values: ValueSet, integers: boolean): JsonValue {
  switch (values.kind) {
    case "finite":
      return values.values[0]!;
    case "cofinite":
      return freshString(values.values);
    case "ranges":
      return pointOfRanges(values, integers);
    case "lists":
      return [...values.conj!.req];
  }
}

/** The value chosen for each column of the box (absent columns are left out). */
export function boxPoint(columns: ColumnTable, box: Box): Map<string, JsonValue> {
  const chosen = new Map<string, JsonValue>();
  columns.paths.forEach((path, column) => {
    const cell = cellAt(columns, box, column);
    if (!isEmptyValues(cell.values)) chosen.set(path, pointOf(cell.values, columns.domain(column).kind === "int"));
  });
  return chosen;
}

/**
 * A context holding `values` at their paths, completed from `schema` (null:
 * no completion). `tested` lists the paths whose absence is meaningful, which
 * are never filled in.
 */
export function contextFrom(values: ReadonlyMap<string, JsonValue>, tested: readonly string[], schema: SchemaNode | null): JsonObject {
  const hasValueUnder = (prefix: string) => [...values.keys()].some((path) => path.startsWith(prefix));
  const build = (node: SchemaNode, prefix: string): JsonObject => {
    const record: JsonObject = {};
    for (const [name, child] of node.properties) {
      const path = prefix + name;
      const required = node.required.includes(name);
      if (isRecordNode(child) && child.properties.length > 0) {
        if (required || hasValueUnder(`${path}.`)) setOwn(record, name, build(child, `${path}.`));
      } else if (required && !tested.includes(path) && !values.has(path)) {
        setOwn(record, name, plainValue(child));
      }
    }
    return record;
  };
  const context = schema === null ? {} : build(schema, "");
  for (const [path, value] of values) place(context, path.split("."), value);
  return context;
}

function place(record: JsonObject, keys: readonly string[], value: JsonValue): void {
  const [first, ...rest] = keys;
  if (first === undefined) return;
  if (rest.length === 0) {
    setOwn(record, first, value);
    return;
  }
  const existing = Object.prototype.hasOwnProperty.call(record, first) ? record[first] : undefined;
  const next: JsonObject = typeof existing === "object" && existing !== null && !Array.isArray(existing) ? existing : {};
  setOwn(record, first, next);
  place(next, rest, value);
}
