/**
 * JSON Schemas (2020-12) for a program's context and for each decision's
 * output, built from the checker's typed fields.
 *
 * Invariant: the schemas use only the keyword subset the runtime's validator
 * understands (`type`, `enum`, `minimum`/`maximum`, `properties`, `required`,
 * `additionalProperties`, `items`), so the runtime, the generated validator
 * and ajv all accept exactly the same values. Records are closed
 * (`additionalProperties: false`); `int` is `integer`; declared ranges become
 * `minimum`/`maximum`; optional fields are not `required`, and in a context
 * they may also be `null` because the language treats `null` as absent.
 */
import type { CheckedField, CheckedType } from "@scn/language";
import type { JsonValue } from "@scn/runtime";

type Schema = { [key: string]: JsonValue };

export const JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema";

/** The schema of the whole context: the merged `context` blocks as one record. */
export function contextSchema(fields: readonly CheckedField[]): Schema {
  return { $schema: JSON_SCHEMA_DIALECT, ...recordSchema(fields, true) };
}

/** The schema of one decision's merged output. */
export function outputSchema(fields: readonly CheckedField[]): Schema {
  return { $schema: JSON_SCHEMA_DIALECT, ...recordSchema(fields, false) };
}

function recordSchema(fields: readonly CheckedField[], nullableOptionals: boolean): Schema {
  // Object.fromEntries defines own properties, so a field called `__proto__`
  // stays an ordinary key instead of changing the object's prototype.
  const properties = Object.fromEntries(
    fields.map((field) => [field.name, fieldSchema(field.type, field.optional && nullableOptionals, nullableOptionals)]),
  );
  return {
    type: "object",
    properties,
    required: fields.filter((field) => !field.optional).map((field) => field.name),
    additionalProperties: false,
  };
}

function fieldSchema(type: CheckedType, nullable: boolean, nullableOptionals: boolean): Schema {
  const schema = typeSchema(type, nullableOptionals);
  if (!nullable) return schema;
  const name = schema["type"];
  const withNull: Schema = { ...schema, type: [name as string, "null"] };
  const members = schema["enum"];
  if (Array.isArray(members)) withNull["enum"] = [...members, null];
  return withNull;
}

function typeSchema(type: CheckedType, nullableOptionals: boolean): Schema {
  switch (type.kind) {
    case "bool":
      return { type: "boolean" };
    case "int":
    case "number": {
      const schema: Schema = { type: type.kind === "int" ? "integer" : "number" };
      // Beyond ±(2^53 - 1) doubles skip integers, so decisions treat such an
      // `int` as wrongly typed (docs/runtime.md, "Numbers"); strict
      // validation rejects it by these bounds.
      const safe = type.kind === "int" ? Number.MAX_SAFE_INTEGER : undefined;
      const min = type.min ?? (safe === undefined ? undefined : -safe);
      const max = type.max ?? safe;
      if (min !== undefined) schema["minimum"] = min;
      if (max !== undefined) schema["maximum"] = max;
      return schema;
    }
    case "string":
      return { type: "string" };
    case "enum":
      return { type: "string", enum: [...type.members] };
    case "list":
      return { type: "array", items: typeSchema(type.element, nullableOptionals) };
    case "record":
      return recordSchema(type.fields, nullableOptionals);
  }
}
