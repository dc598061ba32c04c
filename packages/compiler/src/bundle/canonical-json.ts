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
 * written to disk, so that artifacts diff readably. An array or object whose
 * one-line form is short stays on one line, which keeps rows, tests and
 * index nodes to a line each.
 */
export function prettyCanonicalJson(value: unknown): string {
  return `${write(value, "  ", "")}\n`;
}

/** `sha256:` followed by the lowercase hex digest of the compact canonical JSON of `value`. */
export function contentHash(value: unknown): string {
  return `sha256:${createHash("sha256").update(canonicalJson(value), "utf8").digest("hex")}`;
}

/** Longest compact form an array or object may have to be written on one line. */
const INLINE_LIMIT = 72;

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
  const inline = oneLine(items);
  if (inline !== null) return inline;
  const inner = current + indent;
  return `[\n${items.map((item) => inner + write(item, indent, inner)).join(",\n")}\n${current}]`;
}

function writeObject(object: { readonly [key: string]: unknown }, indent: string | null, current: string): string {
  // A property whose value is `undefined` is an optional field left unset, so
  // it is omitted, as JSON.stringify does.
  const keys = Object.keys(object).filter((key) => object[key] !== undefined).sort(compareCodeUnits);
  if (keys.length === 0) return "{}";
  if (indent === null) return `{${keys.map((key) => `${JSON.stringify(key)}:${write(object[key], null, "")}`).join(",")}}`;
  const inline = oneLine(object);
  if (inline !== null) return inline;
  const inner = current + indent;
  return `{\n${keys.map((key) => `${inner}${JSON.stringify(key)}: ${write(object[key], indent, inner)}`).join(",\n")}\n${current}}`;
}

/** The value on one line with a space after each comma and colon, or null if that is too long. */
function oneLine(v: unknown): string | null {
  if (compactLength(v, INLINE_LIMIT) > INLINE_LIMIT) return null;
  return writeSpaced(v);
}

/**
 * The length of `canonicalJson(v)`, or some number above `limit` as soon as
 * it is known to exceed it. Each level of an indented document asks whether
 * its value fits on one line; stopping early keeps that question from
 * serializing every large subtree once per level above it.
 */
function compactLength(v: unknown, limit: number): number {
  if (v === null || typeof v !== "object") return write(v, null, "").length;
  let length = 2;
  let first = true;
  const add = (part: number): boolean => {
    length += part + (first ? 0 : 1);
    first = false;
    return length > limit;
  };
  if (Array.isArray(v)) {
    for (const item of v) if (add(compactLength(item, limit - length))) return length;
    return length;
  }
  const object = v as { readonly [key: string]: unknown };
  for (const key of Object.keys(object)) {
    if (object[key] === undefined) continue;
    if (add(JSON.stringify(key).length + 1 + compactLength(object[key], limit - length))) return length;
  }
  return length;
}

function writeSpaced(v: unknown): string {
  if (v === null || typeof v !== "object") return write(v, null, "");
  if (Array.isArray(v)) return `[${v.map(writeSpaced).join(", ")}]`;
  const object = v as { readonly [key: string]: unknown };
  const keys = Object.keys(object).filter((key) => object[key] !== undefined).sort(compareCodeUnits);
  return `{${keys.map((key) => `${JSON.stringify(key)}: ${writeSpaced(object[key])}`).join(", ")}}`;
}

/** Orders strings by UTF-16 code units, independent of locale. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
