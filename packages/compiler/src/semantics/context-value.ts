/**
 * Reads values out of an untrusted context. Contexts come from callers and may
 * be hostile: keys such as `__proto__` or `constructor` are plain data, and a
 * lookup never walks a prototype chain.
 *
 * Invariant: `readTyped` returns `ABSENT` for every value that the language
 * treats as absent (docs/language.md#117-absent-values-wrong-types-and-strict-mode): a missing key, `null`, and a value of
 * the wrong type for the field (an `int` field holding a non-integer, an
 * `enum` field holding a string that is not a member, a non-finite number, a
 * list with an element of the wrong type, a record that lacks a required
 * field). These are the same rules the runtime applies to bundle columns.
 */
import type { CheckedField, CheckedType } from "@scn/language";

export const ABSENT: unique symbol = Symbol("absent");
export type Absent = typeof ABSENT;

/** A well-typed value: a scalar, a list (any array), or a record (a plain object). */
export type TypedValue = string | number | boolean | readonly unknown[] | { readonly [key: string]: unknown };

function isRecordValue(value: unknown): value is { readonly [key: string]: unknown } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Each path's keys, split once: the interpreter reads the same few paths
 * millions of times when it answers the vectors of a large program.
 */
const KEYS = new Map<string, readonly string[]>();

function keysOf(path: string): readonly string[] {
  let keys = KEYS.get(path);
  if (keys === undefined) {
    keys = path.split(".");
    // Paths come from checked programs, so there are few; the bound only guards a long-lived process.
    if (KEYS.size > 10_000) KEYS.clear();
    KEYS.set(path, keys);
  }
  return keys;
}

/**
 * The raw value at a dot-joined path, reading own properties only; a step
 * that throws (a throwing getter, a revoked Proxy) makes the value absent,
 * as in the runtime (docs/runtime.md).
 */
export function readPath(context: unknown, path: string): unknown {
  let current: unknown = context;
  for (const key of keysOf(path)) {
    try {
      if (!isRecordValue(current) || !Object.prototype.hasOwnProperty.call(current, key)) return undefined;
      current = current[key];
    } catch {
      return undefined;
    }
  }
  return current;
}

/**
 * Enums longer than this are looked up in a set of their members; shorter
 * ones by a scan of the list, which costs less than hashing the string.
 */
const SCANNED_MEMBERS = 16;

/** Each long enum's members as a set, keyed by the members' list, which the checked type holds once. */
const MEMBER_SETS = new WeakMap<readonly string[], ReadonlySet<string>>();

/**
 * Whether `value` is one of `members`. The interpreter reads the category
 * of every witness it confirms and of every vector it answers, and on the
 * benchmark's 10,000-scenario programs the category enum has 1,250
 * members: a scan of the list per read was a scan of hundreds of strings
 * (docs/analysis.md#keeping-each-step-cheap).
 */
function isMember(members: readonly string[], value: string): boolean {
  if (members.length <= SCANNED_MEMBERS) return members.includes(value);
  let set = MEMBER_SETS.get(members);
  if (set === undefined) MEMBER_SETS.set(members, (set = new Set(members)));
  return set.has(value);
}

/** Whether a raw value has the declared type (null and undefined never do). */
export function hasType(type: CheckedType, value: unknown): boolean {
  switch (type.kind) {
    case "bool":
      return typeof value === "boolean";
    case "int":
      // Beyond 2^53 - 1 doubles skip integers, so such a number is not a usable int (docs/runtime.md).
      return Number.isSafeInteger(value);
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "string":
      return typeof value === "string";
    case "enum":
      return typeof value === "string" && isMember(type.members, value);
    case "list": {
      const element = type.element;
      return Array.isArray(value) && value.every((item) => hasType(element, item));
    }
    case "record":
      return isRecordValue(value) && recordHasFields(type.fields, value);
  }
}

function fieldPresent(field: CheckedField, record: { readonly [key: string]: unknown }): boolean {
  return Object.prototype.hasOwnProperty.call(record, field.name) && hasType(field.type, record[field.name]);
}

/**
 * A record counts as present when it holds every required field with its
 * type; a record whose fields are all optional counts as present when it
 * holds at least one of them. Either way the record's presence is a condition
 * on its leaf fields, which is what lets a bundle, whose columns are leaves,
 * test it.
 */
function recordHasFields(fields: readonly CheckedField[], value: { readonly [key: string]: unknown }): boolean {
  const required = fields.filter((f) => !f.optional);
  if (required.length > 0) return required.every((f) => fieldPresent(f, value));
  return fields.some((f) => fieldPresent(f, value));
}

/** The value at `path` if it has the declared type, else `ABSENT`. */
export function readTyped(context: unknown, path: string, type: CheckedType): TypedValue | Absent {
  const value = readPath(context, path);
  return hasType(type, value) ? (value as TypedValue) : ABSENT;
}
