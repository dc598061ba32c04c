/**
 * Random contexts for a program's schema. Valid contexts satisfy the strict
 * validator (types, ranges, required fields, no extra keys); lenient contexts
 * add what callers really send: missing and `null` values, wrong types
 * (4.5 for an `int`, a non-member for an enum, a bad list element), and
 * hostile keys such as `__proto__` and `constructor` as plain data.
 *
 * Invariant: values come from the same pools as the literals of generated
 * conditions, so conditions hold and fail often.
 */
import fc from "fast-check";
import type { CheckedField, CheckedProgram, CheckedType } from "@scn/language";
import { ENUM_MEMBERS, INT_POOL, NUMBER_POOL, STRING_POOL } from "./schema.js";

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

function withinRange(type: { min?: number; max?: number }, pool: readonly number[]): number[] {
  const fitting = pool.filter((v) => (type.min === undefined || v >= type.min) && (type.max === undefined || v <= type.max));
  return fitting.length > 0 ? fitting : [type.min ?? type.max ?? 0];
}

function validValue(type: CheckedType): fc.Arbitrary<Json> {
  switch (type.kind) {
    case "bool":
      return fc.boolean();
    case "int":
      return fc.constantFrom(...withinRange(type, INT_POOL));
    case "number":
      return fc.constantFrom(...withinRange(type, [...NUMBER_POOL, ...INT_POOL]));
    case "string":
      return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...STRING_POOL) }, { weight: 1, arbitrary: fc.string({ maxLength: 3 }) });
    case "enum":
      return fc.constantFrom(...type.members);
    case "list":
      return fc.array(type.element.kind === "string" ? fc.constantFrom("x", "y", "z") : validValue(type.element), { maxLength: 3 });
    case "record":
      return validRecord(type.fields);
  }
}

/** Builds an object with own data properties only, so a `__proto__` key stays a key. */
function objectOf(entries: readonly (readonly [string, Json | undefined])[]): { [key: string]: Json } {
  const result: { [key: string]: Json } = {};
  for (const [key, value] of entries) {
    if (value !== undefined) Object.defineProperty(result, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return result;
}

function validRecord(fields: readonly CheckedField[]): fc.Arbitrary<{ [key: string]: Json }> {
  const entries = fields.map((field) => {
    const value = validValue(field.type);
    const maybe = field.optional ? fc.option(value, { nil: undefined, freq: 3 }) : value;
    return maybe.map((v) => [field.name, v] as const);
  });
  return fc.tuple(...entries).map(objectOf);
}

/** A context the strict validator accepts. */
export function arbitraryValidContext(program: CheckedProgram): fc.Arbitrary<{ [key: string]: Json }> {
  return validRecord(program.context);
}

const WRONG_VALUES: readonly Json[] = [null, "junk", 4.5, true, 0, [], [1, "x"], {}, ENUM_MEMBERS[3]!];

function lenientValue(type: CheckedType): fc.Arbitrary<Json | undefined> {
  const good: fc.Arbitrary<Json | undefined> = type.kind === "record" ? lenientRecord(type.fields) : validValue(type);
  return fc.oneof(
    { weight: 6, arbitrary: good },
    { weight: 1, arbitrary: fc.constantFrom(...WRONG_VALUES) },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
}

function lenientRecord(fields: readonly CheckedField[]): fc.Arbitrary<{ [key: string]: Json }> {
  const entries = fields.map((field) => lenientValue(field.type).map((v) => [field.name, v] as const));
  const hostile = fc.subarray([
    ["__proto__", { polluted: true }],
    ["constructor", { prototype: { polluted: true } }],
    ["toString", "not a function"],
  ] as const);
  return fc.tuple(fc.tuple(...entries), hostile).map(([own, extra]) => objectOf([...own, ...extra]));
}

/** Any context a caller might send, valid or not, including non-objects. */
export function arbitraryContext(program: CheckedProgram): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 4, arbitrary: arbitraryValidContext(program) },
    { weight: 6, arbitrary: lenientRecord(program.context) },
    { weight: 1, arbitrary: fc.constantFrom<unknown>(null, undefined, [], "context", 42) },
  );
}
