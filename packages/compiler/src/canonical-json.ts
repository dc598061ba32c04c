/**
 * Canonical JSON: the one serialization every emitted artifact uses, so that
 * the same content always gives the same bytes and the same hash.
 *
 * Invariant: object keys are written in ascending UTF-16 code unit order at
 * every depth, numbers use JavaScript's shortest round-trip form (`-0` is
 * written `0`), and nothing depends on the order in which keys were inserted.
 * Properties set to `undefined` are omitted; any other value JSON cannot
 * represent (functions, non-finite numbers, `undefined` in an array) is a bug
 * in the caller, so it throws instead of being silently changed.
 */
import { createHash } from "node:crypto";

type Json = string | number | boolean | null | readonly Json[] | { readonly [key: string]: Json };

/** Compact canonical JSON (no whitespace): the form that is hashed. */
export function canonicalJson(value: unknown): string {
  return write(value, null, "");
}

/**
 * Canonical JSON indented by two spaces, with a trailing newline: the form
 * written to disk, so that artifacts diff readably. Short arrays of scalars
 * stay on one line to keep row tests and intervals compact.
 */
export function prettyCanonicalJson(value: unknown): string {
  return `${write(value, "  ", "")}\n`;
}

/** `sha256:` followed by the lowercase hex digest of the compact canonical JSON of `value`. */
export function contentHash(value: unknown): string {
  return `sha256:${createHash("sha256").update(canonicalJson(value), "utf8").digest("hex")}`;
}

const INLINE_ARRAY_LIMIT = 80;

function write(value: unknown, indent: string | null, current: string): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "boolean":
      return value ? "true" : "false";
    case "number":
      if (!Number.isFinite(value)) throw new TypeError(`canonical JSON cannot represent the number ${String(value)}`);
      return JSON.stringify(value);
    case "object":
      return Array.isArray(value) ? writeArray(value, indent, current) : writeObject(value as { [key: string]: Json }, indent, current);
    default:
      throw new TypeError(`canonical JSON cannot represent a value of type ${typeof value}`);
  }
}

function writeArray(items: readonly unknown[], indent: string | null, current: string): string {
  if (items.length === 0) return "[]";
  if (indent === null) return `[${items.map((item) => write(item, null, "")).join(",")}]`;
  const scalars = items.every((item) => item === null || typeof item !== "object");
  if (scalars) {
    const inline = `[${items.map((item) => write(item, null, "")).join(", ")}]`;
    if (inline.length <= INLINE_ARRAY_LIMIT) return inline;
  }
  const inner = current + indent;
  return `[\n${items.map((item) => inner + write(item, indent, inner)).join(",\n")}\n${current}]`;
}

function writeObject(object: { readonly [key: string]: unknown }, indent: string | null, current: string): string {
  // A property whose value is `undefined` is an optional field left unset, so
  // it is omitted, as JSON.stringify does.
  const keys = Object.keys(object).filter((key) => object[key] !== undefined).sort(compareCodeUnits);
  if (keys.length === 0) return "{}";
  if (indent === null) return `{${keys.map((key) => `${JSON.stringify(key)}:${write(object[key], null, "")}`).join(",")}}`;
  const inner = current + indent;
  return `{\n${keys.map((key) => `${inner}${JSON.stringify(key)}: ${write(object[key], indent, inner)}`).join(",\n")}\n${current}}`;
}

/** Orders strings by UTF-16 code units, independent of locale. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
