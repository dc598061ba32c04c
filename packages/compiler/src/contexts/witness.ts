/**
 * Witnesses: a concrete context inside a box, built so that the strict
 * validator accepts it. Each column gets a point of its cell (absent when the
 * cell allows it, which keeps witnesses short); every other required field
 * gets a plain valid value of its type; optional records appear only when a
 * field under them has a value.
 *
 * Invariant: given a non-empty box that lies inside the valid contexts
 * (valid-contexts.ts), the context returned is valid and every column reads
 * back the chosen point, so the box's condition holds on it.
 */
import type { CheckedField, CheckedType } from "@scn/language";
import type { JsonValue } from "@scn/runtime";
import { cellAt, type Box } from "../boxes/box.js";
import { isEmptyValues, type ValueSet } from "../boxes/cell.js";
import type { ColumnTable } from "../boxes/column-table.js";

type JsonRecord = { [key: string]: JsonValue };

function pointOfRanges(values: Extract<ValueSet, { kind: "ranges" }>): number {
  for (const [lo, hi, loIncl, hiIncl] of values.intervals) {
    const above = lo === null || lo < 0 || (lo === 0 && loIncl);
    const below = hi === null || hi > 0 || (hi === 0 && hiIncl);
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

/** A plain valid value for a required field that no column constrains. */
function plainValue(type: CheckedType): JsonValue {
  switch (type.kind) {
    case "bool":
      return false;
    case "int":
    case "number":
      return type.min !== undefined && type.min > 0 ? type.min : type.max !== undefined && type.max < 0 ? type.max : 0;
    case "string":
      return "";
    case "enum":
      return type.members[0] ?? "";
    case "list":
      return [];
    case "record":
      return {};
  }
}

function setKey(record: JsonRecord, key: string, value: JsonValue): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}

export function witnessContext(context: readonly CheckedField[], columns: ColumnTable, box: Box): JsonRecord {
  const chosen = new Map<string, JsonValue>();
  columns.paths.forEach((path, column) => {
    const cell = cellAt(columns, box, column);
    if (!cell.absent && !isEmptyValues(cell.values)) chosen.set(path, pointOf(cell.values));
  });
  const hasValueUnder = (prefix: string) => [...chosen.keys()].some((path) => path.startsWith(prefix));

  const build = (fields: readonly CheckedField[], prefix: string): JsonRecord => {
    const record: JsonRecord = {};
    for (const field of fields) {
      const path = prefix + field.name;
      if (field.type.kind === "record") {
        if (!field.optional || hasValueUnder(`${path}.`)) setKey(record, field.name, build(field.type.fields, `${path}.`));
      } else if (chosen.has(path)) {
        setKey(record, field.name, chosen.get(path)!);
      } else if (!field.optional && !columns.paths.includes(path)) {
        setKey(record, field.name, plainValue(field.type));
      }
    }
    return record;
  };
  return build(context, "");
}
