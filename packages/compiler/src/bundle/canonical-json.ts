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
import { sha256Hex } from "./sha256.js";

type Json = string | number | boolean | null | readonly Json[] | { readonly [key: string]: Json };

/** Compact canonical JSON (no whitespace): the form that is hashed. */
export function canonicalJson(value: unknown): string {
  return write(value, null, "", NARROW);
}

/**
 * Canonical JSON indented by two spaces, with a trailing newline: the form
 * written to disk, so that artifacts diff readably. An array or object whose
 * one-line form is short stays on one line, which keeps outcomes and columns
 * to a line each, and a long list of numbers is packed many to a line.
 */
export function prettyCanonicalJson(value: unknown, layout: Layout = NARROW): string {
  return `${write(value, "  ", "", layout)}\n`;
}

/**
 * How an indented document is laid out: `elementLimit` is the longest
 * compact form an element of a list or a member of an object that does not
 * fit on one line may have to get a line of its own (0: none does), and
 * `packNumbers` packs long lists of numbers many to a line.
 */
export interface Layout {
  readonly elementLimit: number;
  readonly packNumbers: boolean;
}

const NARROW: Layout = { elementLimit: 0, packNumbers: false };

/** The bundle's layout: an outcome or a scenario's metadata per line, encoded tables packed. */
export const WIDE: Layout = { elementLimit: 320, packNumbers: true };

/** `sha256:` followed by the lowercase hex digest of the compact canonical JSON of `value`. */
export function contentHash(value: unknown): string {
  return `sha256:${sha256Hex(canonicalJson(value))}`;
}

/** Longest compact form an array or object may have to be written on one line. */
const INLINE_LIMIT = 72;

function write(value: unknown, indent: string | null, current: string, layout: Layout): string {
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
      return Array.isArray(value) ? writeArray(value, indent, current, layout) : writeObject(value as { [key: string]: Json }, indent, current, layout);
    default:
      throw new TypeError(`canonical JSON cannot represent a value of type ${typeof value}`);
  }
}

function writeArray(items: readonly unknown[], indent: string | null, current: string, layout: Layout): string {
  if (items.length === 0) return "[]";
  if (indent === null) return `[${items.map((item) => write(item, null, "", layout)).join(",")}]`;
  const inline = oneLine(items);
  if (inline !== null) return inline;
  const inner = current + indent;
  if (layout.packNumbers && items.every((item) => typeof item === "number")) return packedNumbers(items as readonly number[], inner, current);
  // An element of a list that does not fit on one line (an outcome, a
  // vector), like a member of such an object (a scenario's metadata), gets
  // a line of its own when it fits a wider one.
  return `[\n${items.map((item) => inner + (oneLine(item, layout.elementLimit) ?? write(item, indent, inner, layout))).join(",\n")}\n${current}]`;
}

/** Width up to which a long list of numbers is packed onto one line. */
const PACKED_WIDTH = 100;

/**
 * A long list of numbers (an encoded table, docs/bundle-format.md), packed
 * as many to a line as fit in PACKED_WIDTH columns rather than one per
 * line, so that the file stays small and still diffs by line.
 */
function packedNumbers(items: readonly number[], inner: string, current: string): string {
  const lines: string[] = [];
  let line = "";
  for (const item of items) {
    const text = write(item, null, "", NARROW);
    if (line !== "" && inner.length + line.length + 2 + text.length > PACKED_WIDTH) {
      lines.push(`${inner}${line},`);
      line = text;
    } else line = line === "" ? text : `${line}, ${text}`;
  }
  lines.push(`${inner}${line}`);
  return `[\n${lines.join("\n")}\n${current}]`;
}

function writeObject(object: { readonly [key: string]: unknown }, indent: string | null, current: string, layout: Layout): string {
  // A property whose value is `undefined` is an optional field left unset, so
  // it is omitted, as JSON.stringify does.
  const keys = Object.keys(object).filter((key) => object[key] !== undefined).sort(compareCodeUnits);
  if (keys.length === 0) return "{}";
  if (indent === null) return `{${keys.map((key) => `${JSON.stringify(key)}:${write(object[key], null, "", layout)}`).join(",")}}`;
  const inline = oneLine(object);
  if (inline !== null) return inline;
  const inner = current + indent;
  return `{\n${keys.map((key) => `${inner}${JSON.stringify(key)}: ${oneLine(object[key], layout.elementLimit) ?? write(object[key], indent, inner, layout)}`).join(",\n")}\n${current}}`;
}

/** The value on one line with a space after each comma and colon, or null if that is too long. */
function oneLine(v: unknown, limit = INLINE_LIMIT): string | null {
  if (limit <= 0 || compactLength(v, limit) > limit) return null;
  return writeSpaced(v);
}

/**
 * The length of `canonicalJson(v)`, or some number above `limit` as soon as
 * it is known to exceed it. Each level of an indented document asks whether
 * its value fits on one line; stopping early keeps that question from
 * serializing every large subtree once per level above it.
 */
function compactLength(v: unknown, limit: number): number {
  if (v === null || typeof v !== "object") return write(v, null, "", NARROW).length;
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
  if (v === null || typeof v !== "object") return write(v, null, "", NARROW);
  if (Array.isArray(v)) return `[${v.map(writeSpaced).join(", ")}]`;
  const object = v as { readonly [key: string]: unknown };
  const keys = Object.keys(object).filter((key) => object[key] !== undefined).sort(compareCodeUnits);
  return `{${keys.map((key) => `${JSON.stringify(key)}: ${writeSpaced(object[key])}`).join(", ")}}`;
}

/** Orders strings by UTF-16 code units, independent of locale. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
