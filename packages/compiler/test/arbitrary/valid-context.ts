/**
 * A strict context validator for tests, written from the language reference
 * independently of the runtime's: every required field present with its type
 * and within its declared range, optional fields absent, `null` or valid, and
 * no keys the schema does not declare.
 */
import type { CheckedField, CheckedType } from "@scn/language";

function inRange(type: { min?: number; max?: number }, value: number): boolean {
  return (type.min === undefined || value >= type.min) && (type.max === undefined || value <= type.max);
}

export function isValidValue(type: CheckedType, value: unknown): boolean {
  switch (type.kind) {
    case "bool":
      return typeof value === "boolean";
    case "int":
      return typeof value === "number" && Number.isInteger(value) && inRange(type, value);
    case "number":
      return typeof value === "number" && Number.isFinite(value) && inRange(type, value);
    case "string":
      return typeof value === "string";
    case "enum":
      return typeof value === "string" && type.members.includes(value);
    case "list":
      return Array.isArray(value) && value.every((item) => isValidValue(type.element, item));
    case "record":
      return isValidRecord(type.fields, value);
  }
}

function isValidRecord(fields: readonly CheckedField[], value: unknown): boolean {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const record = value as { [key: string]: unknown };
  if (Object.keys(record).some((key) => !fields.some((f) => f.name === key))) return false;
  return fields.every((field) => {
    const has = Object.prototype.hasOwnProperty.call(record, field.name) && record[field.name] !== null;
    if (!has) return field.optional;
    return isValidValue(field.type, record[field.name]);
  });
}

export function isValidContext(context: readonly CheckedField[], value: unknown): boolean {
  return isValidRecord(context, value);
}
