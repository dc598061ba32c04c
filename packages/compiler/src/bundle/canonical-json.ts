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
import { sortKeysByCodeUnits } from "@scn/runtime";
import { sha256Hex, sha256HexOfParts } from "./sha256.js";

type Json = string | number | boolean | null | readonly Json[] | { readonly [key: string]: Json };

/** Compact canonical JSON (no whitespace): the form that is hashed. */
export function canonicalJson(value: unknown): string {
  return write(value, null, "", NARROW);
}

/**
 * Canonical JSON laid out on lines (indented by two spaces unless `layout` says otherwise), with a trailing newline: the form
 * written to disk, so that artifacts diff readably. An array or object whose
 * one-line form is short stays on one line, which keeps outcomes and columns
 * to a line each, and a long list of numbers is packed many to a line.
 */
export function prettyCanonicalJson(value: unknown, layout: Layout = NARROW): string {
  return `${write(value, layout.indent, "", layout)}\n`;
}

/**
 * How an indented document is laid out: `indent` is what each level of
 * nesting adds at the start of a line, `elementLimit` the longest compact
 * form an element of a list or a member of an object that does not fit on
 * one line may have to get a line of its own (0: none does), `packNumbers`
 * packs long lists of numbers many to a line of at most `packWidth`
 * characters, and `compact` writes what stays on one line without spaces
 * after commas and colons.
 */
export interface Layout {
  readonly indent: string;
  readonly elementLimit: number;
  readonly packNumbers: boolean;
  readonly packWidth: number;
  readonly compact: boolean;
}

const NARROW: Layout = { indent: "  ", elementLimit: 0, packNumbers: false, packWidth: 100, compact: false };

/**
 * The bundle's layout (docs/bundle-format.md, "Hash and determinism"): an
 * outcome or a scenario's metadata per line, encoded tables packed 200
 * characters to a line, every line compact and none indented, so that the
 * file is little larger than the compact form that is hashed (indentation
 * was a tenth of a large bundle at two spaces and 100 characters a line,
 * and still 4% at one space and 200) and still diffs by line.
 */
export const WIDE: Layout = { indent: "", elementLimit: 320, packNumbers: true, packWidth: 200, compact: true };

/** `sha256:` followed by the lowercase hex digest of the compact canonical JSON of `value`. */
export function contentHash(value: unknown): string {
  return `sha256:${sha256Hex(canonicalJson(value))}`;
}

/**
 * `contentHash(content)`, and `content` with that hash added as member
 * `key`, laid out in `layout` (prettyCanonicalJson): a bundle's hash and
 * its file. In a layout that indents nothing and writes lines compactly
 * (the bundle's `WIDE`), the laid-out text without its line breaks is the
 * compact form, so the members are written once, laid out, and the hashed
 * form is taken from them, instead of writing the whole document a second
 * time (docs/optimizer.md#canonical-text). Any other layout, or a document
 * short enough to stay on one line, is written both ways.
 */
export function hashedDocument(content: { readonly [key: string]: unknown }, key: string, layout: Layout): { readonly hash: string; readonly text: string } {
  const keys = sortedKeys(content);
  const member = (name: string, value: unknown): string => `${quotedKey(name)}:${oneLine(value, layout.elementLimit, true) ?? write(value, "", "", layout)}`;
  if (layout.indent === "" && layout.compact && !keys.includes(key)) {
    const members = keys.map((name) => member(name, content[name]));
    // The compact form is `{`, the members without their line breaks joined
    // by commas, and `}`: hashed part by part, rather than made as one more
    // string the size of the file (9 MB at 10,000 scenarios) and then
    // copied again without its line breaks.
    const parts: string[] = ["{"];
    let compactLength = 2;
    for (let i = 0; i < members.length; i++) {
      const flat = (members[i] as string).replaceAll("\n", "");
      if (i > 0) parts.push(",");
      parts.push(flat);
      compactLength += flat.length + (i > 0 ? 1 : 0);
    }
    parts.push("}");
    const hash = `sha256:${sha256HexOfParts(parts)}`;
    const own = member(key, hash);
    // A document that fits on one line is written there (writeObject): left to the general case below.
    if (compactLength + own.replaceAll("\n", "").length + (keys.length === 0 ? 0 : 1) > INLINE_LIMIT) {
      let at = 0;
      while (at < keys.length && compareCodeUnits(keys[at] as string, key) < 0) at++;
      members.splice(at, 0, own);
      return { hash, text: `{\n${members.join(",\n")}\n}\n` };
    }
  }
  const hash = contentHash(content);
  return { hash, text: prettyCanonicalJson({ ...content, [key]: hash }, layout) };
}

/** Longest compact form an array or object may have to be written on one line. */
const INLINE_LIMIT = 72;

function write(value: unknown, indent: string | null, current: string, layout: Layout): string {
  if (indent === null) return compact(value);
  if (typeof value === "object" && value !== null) {
    return Array.isArray(value) ? writeArray(value, indent, current, layout) : writeObject(value as { [key: string]: Json }, indent, current, layout);
  }
  return compact(value);
}

/** A scalar's JSON text; throws for what JSON cannot represent. */
function scalar(value: unknown): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "boolean":
      return value ? "true" : "false";
    case "number":
      if (!Number.isFinite(value)) throw new TypeError(`canonical JSON cannot represent the number ${String(value)}`);
      return JSON.stringify(value);
    default:
      throw new TypeError(`canonical JSON cannot represent a value of type ${typeof value}`);
  }
}

/**
 * The compact canonical form, written by one recursive function into one
 * growing string (the hashed form of a 1,000-scenario bundle is a megabyte,
 * and the bundle, the module's data and every vector are written this
 * way). A list of numbers (an encoded table) is checked and then written
 * by JSON.stringify at once; an object's keys are sorted only when they
 * are not in order already, and a key's quoted form is kept for reuse,
 * since the same few keys repeat through a document.
 */
function compact(value: unknown): string {
  if (typeof value !== "object" || value === null) return scalar(value);
  if (Array.isArray(value)) {
    const items = value as readonly unknown[];
    if (items.length === 0) return "[]";
    // A list of finite numbers (an encoded table) is checked by this loop
    // alone, before isWrittenAsIs would walk it again with a call per number:
    // the tables of a 10,000-scenario module hold 800,000 numbers, written
    // while V8 has mostly not optimized this code yet, and the second walk
    // was a third of the module's time (docs/cli.md#what-a-build-allocates).
    let numbers = true;
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (typeof item !== "number" || !Number.isFinite(item)) {
        numbers = false;
        break;
      }
    }
    // JSON.stringify writes -0 as 0 and every finite number in its shortest round-trip form, as scalar() does.
    if (numbers || isWrittenAsIs(items)) return JSON.stringify(items);
    let out = "[";
    for (let i = 0; i < items.length; i++) out += (i === 0 ? "" : ",") + compact(items[i]);
    return out + "]";
  }
  if (isWrittenAsIs(value)) return JSON.stringify(value);
  const object = value as { readonly [key: string]: unknown };
  const keys = sortedKeys(object);
  let out = "{";
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    out += (i === 0 ? "" : ",") + quotedKey(key) + ":" + compact(object[key]);
  }
  return out + "}";
}

/**
 * Whether `JSON.stringify(value)` is already its compact canonical form:
 * every object is plain (JSON.parse's and literals' prototype, so no
 * `toJSON` and nothing but own keys is written) with its keys in code unit
 * order and no `undefined` value, no array has a hole, and every scalar is a
 * string, a boolean, null or a finite number (JSON.stringify writes numbers
 * as scalar() does, -0 as 0). A context the vectors build is such a value
 * (parsed from canonical text, its witness values set in place), and
 * JSON.stringify writes it in one native pass: writing each vector's
 * context here was a third of the vectors' time at 10,000 scenarios.
 * Anything else, or a value that fails the test part way, is written by
 * compact() as before, which also throws where it must.
 */
function isWrittenAsIs(value: unknown): boolean {
  if (typeof value !== "object" || value === null) {
    return typeof value === "string" || typeof value === "boolean" || value === null || (typeof value === "number" && Number.isFinite(value));
  }
  if (Array.isArray(value)) {
    const items = value as readonly unknown[];
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      // A number is checked here rather than by a call per element (a hole reads as undefined, no number).
      if (typeof item === "number") {
        if (!Number.isFinite(item)) return false;
      } else if (!(i in items) || !isWrittenAsIs(item)) return false;
    }
    return true;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  const object = value as { readonly [key: string]: unknown };
  const keys = Object.keys(object);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    if (i > 0 && (keys[i - 1] as string) > key) return false;
    if (!isWrittenAsIs(object[key])) return false;
  }
  return true;
}

/** The keys of `object` whose values are not `undefined`, in code unit order. */
function sortedKeys(object: { readonly [key: string]: unknown }): string[] {
  const keys = Object.keys(object);
  let defined = true;
  let ordered = true;
  for (let i = 0; i < keys.length; i++) {
    if (object[keys[i] as string] === undefined) defined = false;
    if (i > 0 && (keys[i - 1] as string) > (keys[i] as string)) ordered = false;
  }
  // A property whose value is `undefined` is an optional field left unset, so
  // it is omitted, as JSON.stringify does.
  const kept = defined ? keys : keys.filter((key) => object[key] !== undefined);
  return ordered ? kept : sortKeysByCodeUnits(kept);
}

const QUOTED_KEYS = new Map<string, string>();

function quotedKey(key: string): string {
  let quoted = QUOTED_KEYS.get(key);
  if (quoted === undefined) {
    quoted = JSON.stringify(key);
    // A bounded memo: documents repeat a few hundred keys; a program with more distinct keys only pays JSON.stringify.
    if (QUOTED_KEYS.size < 4096) QUOTED_KEYS.set(key, quoted);
  }
  return quoted;
}

function writeArray(items: readonly unknown[], indent: string, current: string, layout: Layout): string {
  if (items.length === 0) return "[]";
  const inline = oneLine(items, INLINE_LIMIT, layout.compact);
  if (inline !== null) return inline;
  const inner = current + indent;
  if (layout.packNumbers && allFiniteNumbers(items)) return packedNumbers(items as readonly number[], inner, current, layout.compact ? "," : ", ", layout.packWidth);
  // An element of a list that does not fit on one line (an outcome, a
  // vector), like a member of such an object (a scenario's metadata), gets
  // a line of its own when it fits a wider one.
  return `[\n${items.map((item) => inner + (oneLine(item, layout.elementLimit, layout.compact) ?? write(item, indent, inner, layout))).join(",\n")}\n${current}]`;
}

/**
 * Whether every element of `items` is a finite number (a hole is not), as
 * a loop: encoded tables are long. A list that holds anything else is
 * written element by element, which throws where JSON cannot hold one.
 */
function allFiniteNumbers(items: readonly unknown[]): boolean {
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (typeof item !== "number" || !Number.isFinite(item)) return false;
  }
  return true;
}

/**
 * A long list of numbers (an encoded table, docs/bundle-format.md), packed
 * as many to a line as fit in `width` columns rather than one per
 * line, so that the file stays small and still diffs by line.
 *
 * Each line takes numbers while the line, its indentation and the
 * separators fit in `width` (always at least one). With `,` as the
 * separator the numbers are written by one JSON.stringify of the list, as
 * compact() writes them, and the lines are cut from that text at its
 * commas: writing each number on its own was two fifths of writing a
 * 1,000-scenario bundle (docs/optimizer.md#canonical-text). Every number
 * is finite (writeArray asks allFiniteNumbers first).
 */
function packedNumbers(items: readonly number[], inner: string, current: string, separator: string, width: number): string {
  if (separator !== ",") return packedNumbersOneByOne(items, inner, current, separator, width);
  const all = JSON.stringify(items);
  // `all` is `[n0,n1,…]`: the numbers run from 1 up to the closing bracket at `end`, and no number holds a comma.
  const end = all.length - 1;
  const room = width - inner.length;
  let text = "[\n";
  let start = 1;
  for (;;) {
    // The line ends at the last comma (or the end) at most `room` past its
    // start, found by one search back from there rather than by stepping
    // over each number (a table of a 10,000-scenario bundle holds a million),
    // or after its first number when even that does not fit.
    let stop = end - start <= room ? end : all.lastIndexOf(",", start + room);
    if (stop < start) {
      stop = all.indexOf(",", start);
      if (stop < 0) stop = end;
    }
    if (stop >= end) return `${text}${inner}${all.slice(start, end)}\n${current}]`;
    text += `${inner}${all.slice(start, stop)},\n`;
    start = stop + 1;
  }
}

/** packedNumbers for another separator: each number written on its own. */
function packedNumbersOneByOne(items: readonly number[], inner: string, current: string, separator: string, width: number): string {
  const lines: string[] = [];
  let line = "";
  for (const item of items) {
    const text = scalar(item);
    if (line !== "" && inner.length + line.length + separator.length + text.length > width) {
      lines.push(`${inner}${line},`);
      line = text;
    } else line = line === "" ? text : `${line}${separator}${text}`;
  }
  lines.push(`${inner}${line}`);
  return `[\n${lines.join("\n")}\n${current}]`;
}

function writeObject(object: { readonly [key: string]: unknown }, indent: string, current: string, layout: Layout): string {
  const keys = sortedKeys(object);
  if (keys.length === 0) return "{}";
  const inline = oneLine(object, INLINE_LIMIT, layout.compact);
  if (inline !== null) return inline;
  const inner = current + indent;
  const colon = layout.compact ? ":" : ": ";
  return `{\n${keys.map((key) => `${inner}${quotedKey(key)}${colon}${oneLine(object[key], layout.elementLimit, layout.compact) ?? write(object[key], indent, inner, layout)}`).join(",\n")}\n${current}}`;
}

/** The value on one line (compact, or with a space after each comma and colon), or null if its compact form is longer than `limit`. */
function oneLine(v: unknown, limit: number, compactLine: boolean): string | null {
  if (limit <= 0) return null;
  if (compactLine) return compactWithin(v, limit);
  return compactLength(v, limit) > limit ? null : writeSpaced(v);
}

/**
 * `compact(v)` when it is at most `limit` characters long, else null, in
 * one pass that stops as soon as the text is known to be longer: asking
 * compactLength and then writing the value wrote every scalar of every
 * short line twice (docs/optimizer.md#canonical-text). A list of n
 * values is at least 2n + 1 characters long, so a long encoded table is
 * turned down without reading it.
 */
function compactWithin(value: unknown, limit: number): string | null {
  if (typeof value !== "object" || value === null) {
    const text = scalar(value);
    return text.length <= limit ? text : null;
  }
  // Each part below gets what is left of `limit` once the text so far, its separator and the closing bracket are counted.
  if (Array.isArray(value)) {
    const items = value as readonly unknown[];
    if (items.length === 0) return limit >= 2 ? "[]" : null;
    if (2 * items.length + 1 > limit) return null;
    // A short list of scalars and of such lists (every outcome's and
    // scenario's tuple in a bundle) is written by one JSON.stringify, which
    // writes it as compact() does, instead of a call per element: those
    // calls were a fifth of writing a 10,000-scenario bundle.
    if (shortScalarLists(items, limit)) {
      const text = JSON.stringify(items);
      return text.length <= limit ? text : null;
    }
    let out = "[";
    for (let i = 0; i < items.length; i++) {
      const part = compactWithin(items[i], limit - out.length - (i === 0 ? 1 : 2));
      if (part === null) return null;
      out += i === 0 ? part : "," + part;
    }
    return out + "]";
  }
  const object = value as { readonly [key: string]: unknown };
  const keys = sortedKeys(object);
  let out = "{";
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    const quoted = quotedKey(key);
    const part = compactWithin(object[key], limit - out.length - quoted.length - (i === 0 ? 2 : 3));
    if (part === null) return null;
    out += (i === 0 ? "" : ",") + quoted + ":" + part;
  }
  return out.length + 1 <= limit ? out + "}" : null;
}

/**
 * Whether `items` holds only strings, booleans, nulls, finite numbers and
 * lists of those (at any depth, without holes), each list short enough
 * for its compact form to fit in `limit` (2n + 1 characters at least), so
 * that JSON.stringify writes it as compact() does and reading it costs no
 * more than writing it element by element would.
 */
function shortScalarLists(items: readonly unknown[], limit: number): boolean {
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    switch (typeof item) {
      case "string":
      case "boolean":
        continue;
      case "number":
        if (!Number.isFinite(item)) return false;
        continue;
      case "object":
        if (item === null) continue;
        if (!Array.isArray(item) || 2 * item.length + 1 > limit || !shortScalarLists(item as readonly unknown[], limit)) return false;
        continue;
      default:
        // undefined (a hole reads as undefined), functions, symbols and bigints are left to compactWithin.
        return false;
    }
  }
  return true;
}

/**
 * The length of `canonicalJson(v)`, or some number above `limit` as soon as
 * it is known to exceed it. Each level of an indented document asks whether
 * its value fits on one line; stopping early keeps that question from
 * serializing every large subtree once per level above it.
 */
function compactLength(v: unknown, limit: number): number {
  if (v === null || typeof v !== "object") return scalar(v).length;
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
  if (v === null || typeof v !== "object") return scalar(v);
  if (Array.isArray(v)) return `[${v.map(writeSpaced).join(", ")}]`;
  const object = v as { readonly [key: string]: unknown };
  return `{${sortedKeys(object).map((key) => `${quotedKey(key)}: ${writeSpaced(object[key])}`).join(", ")}}`;
}

/** Orders strings by UTF-16 code units, independent of locale. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
