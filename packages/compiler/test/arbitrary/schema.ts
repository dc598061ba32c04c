/**
 * Random context schemas: a handful of leaf fields of every column type
 * (bool, int and number with and without ranges, string, enum, lists), some
 * optional, some `personal`, and an optional nested record, so that record
 * presence and absent values get exercised.
 *
 * Invariant: field names are unique per record, and literals used later by
 * conditions and contexts come from the small pools below, so that random
 * conditions overlap and random contexts hit them often.
 */
import fc from "fast-check";
import type { CheckedField, CheckedType } from "@scn/language";
import { spanAtLine } from "./spans.js";

export const ENUM_MEMBERS = ["a", "b", "c", "d"] as const;
export const STRING_POOL = ["x", "y", "z", "__proto__"] as const;
export const INT_POOL = [-1, 0, 1, 2, 3, 5, 10, 11] as const;
export const NUMBER_POOL = [-0.5, 0, 0.5, 1, 2.5, 10] as const;

const leafType: fc.Arbitrary<CheckedType> = fc.oneof(
  fc.constant<CheckedType>({ kind: "bool" }),
  fc.constant<CheckedType>({ kind: "int" }),
  fc.constant<CheckedType>({ kind: "int", min: 0, max: 10 }),
  fc.constant<CheckedType>({ kind: "number" }),
  fc.constant<CheckedType>({ kind: "number", min: 0, max: 10 }),
  fc.constant<CheckedType>({ kind: "string" }),
  fc.integer({ min: 2, max: 4 }).map<CheckedType>((n) => ({ kind: "enum", members: ENUM_MEMBERS.slice(0, n) })),
  fc.constant<CheckedType>({ kind: "list", element: { kind: "string" } }),
  fc.constant<CheckedType>({ kind: "list", element: { kind: "enum", members: ["a", "b", "c"] } }),
  fc.constant<CheckedType>({ kind: "list", element: { kind: "int" } }),
);

function leafField(name: string, allowPersonal: boolean): fc.Arbitrary<CheckedField> {
  return fc.record({ type: leafType, optional: fc.boolean(), personal: allowPersonal ? fc.boolean() : fc.constant(false) }).map((f) => ({
    name,
    ...f,
    span: spanAtLine(0),
  }));
}

/** A record field with 1–3 leaves (names `<name>_0`…), optional or not. */
function recordField(name: string, allowPersonal: boolean): fc.Arbitrary<CheckedField> {
  return fc
    .record({
      optional: fc.boolean(),
      leaves: fc.integer({ min: 1, max: 3 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => leafField(`${name}_${i}`, allowPersonal)))),
    })
    .map(({ optional, leaves }) => ({
      name,
      type: { kind: "record", fields: leaves },
      optional,
      personal: false,
      span: spanAtLine(0),
    }));
}

/** The consent record: `consent.ok`, a bool gate, optional or not. */
export const consentField: fc.Arbitrary<CheckedField> = fc.boolean().map((optional) => ({
  name: "consent",
  type: { kind: "record", fields: [{ name: "ok", type: { kind: "bool" }, optional, personal: false, span: spanAtLine(0) }] },
  optional: false,
  personal: false,
  span: spanAtLine(0),
}));

export interface SchemaOptions {
  /** Allow `personal` leaves (only sensible with a consent gate). */
  readonly personal: boolean;
}

export function arbitrarySchema(options: SchemaOptions): fc.Arbitrary<CheckedField[]> {
  return fc
    .record({
      leaves: fc.integer({ min: 2, max: 5 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => leafField(`f${i}`, options.personal)))),
      record: fc.option(recordField("r", options.personal), { nil: undefined }),
    })
    .map(({ leaves, record }) => (record ? [...leaves, record] : leaves));
}

/** Every leaf path of a schema with its field, records flattened. */
export function leafPaths(fields: readonly CheckedField[], prefix = ""): { path: string; field: CheckedField }[] {
  return fields.flatMap((field) => {
    const path = prefix + field.name;
    return field.type.kind === "record" ? leafPaths(field.type.fields, `${path}.`) : [{ path, field }];
  });
}

/** Every record path (for `is present` on records). */
export function recordPaths(fields: readonly CheckedField[], prefix = ""): string[] {
  return fields.flatMap((field) => {
    const path = prefix + field.name;
    return field.type.kind === "record" ? [path, ...recordPaths(field.type.fields, `${path}.`)] : [];
  });
}
