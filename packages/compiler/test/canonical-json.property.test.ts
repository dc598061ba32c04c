/**
 * Properties of the laid-out canonical JSON (bundle/canonical-json.ts):
 * whatever the layout, the text parses back to the value; the bundle's
 * compact, unindented layout is exactly the hashed compact form with line
 * breaks added; and a packed list of numbers fills each line greedily
 * (docs/optimizer.md#canonical-text); a document's hash and laid-out
 * text with that hash, written together, are what writing them apart gives.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson, contentHash, hashedDocument, prettyCanonicalJson, WIDE, type Layout } from "../src/bundle/canonical-json.js";

const scalar = fc.oneof(
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ maxLength: 12 }),
  fc.boolean(),
  fc.constant(null),
);
const json = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    scalar,
    fc.array(fc.integer({ min: -100_000, max: 100_000 }), { maxLength: 200 }),
    fc.array(tie("value"), { maxLength: 6 }),
    fc.dictionary(fc.string({ maxLength: 6 }), tie("value"), { maxKeys: 6 }),
  ),
})).value;
const layout: fc.Arbitrary<Layout> = fc.record({
  indent: fc.constantFrom("", " ", "  "),
  elementLimit: fc.integer({ min: 0, max: 400 }),
  packNumbers: fc.boolean(),
  packWidth: fc.integer({ min: 1, max: 220 }),
  compact: fc.boolean(),
});

/** The greedy packing, one number at a time: a line takes the next number while it still fits `width` (always one). */
function packedLines(numbers: readonly number[], width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const number of numbers) {
    const text = JSON.stringify(number);
    if (line !== "" && line.length + 1 + text.length > width) {
      lines.push(line);
      line = text;
    } else line = line === "" ? text : `${line},${text}`;
  }
  lines.push(line);
  return lines;
}

/** Canonical JSON as its invariant states it, written the slow and obvious way. */
function reference(value: unknown): string {
  if (typeof value !== "object" || value === null) return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(reference).join(",")}]`;
  const object = value as { readonly [key: string]: unknown };
  const keys = Object.keys(object)
    .filter((key) => object[key] !== undefined)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${keys.map((key) => `${JSON.stringify(key)}:${reference(object[key])}`).join(",")}}`;
}

/**
 * The laid-out form as its rules state it, written the slow and obvious
 * way (prettyCanonicalJson): a list or an object stays on one line when its
 * compact form is at most 72 characters; otherwise each element or member
 * gets a line, on one line itself when its compact form fits
 * `elementLimit`, and a list of numbers is packed greedily when the layout
 * packs numbers.
 */
function referencePretty(value: unknown, layout: Layout): string {
  const oneLine = (v: unknown, limit: number): string | null => (limit > 0 && reference(v).length <= limit ? (layout.compact ? reference(v) : spaced(v)) : null);
  const spaced = (v: unknown): string => {
    if (typeof v !== "object" || v === null) return JSON.stringify(v);
    if (Array.isArray(v)) return `[${v.map(spaced).join(", ")}]`;
    const object = v as { readonly [key: string]: unknown };
    return `{${sortedDefined(object).map((key) => `${JSON.stringify(key)}: ${spaced(object[key])}`).join(", ")}}`;
  };
  const write = (v: unknown, current: string): string => {
    if (typeof v !== "object" || v === null) return JSON.stringify(v);
    const inner = current + layout.indent;
    if (Array.isArray(v)) {
      if (v.length === 0) return "[]";
      const inline = oneLine(v, 72);
      if (inline !== null) return inline;
      if (layout.packNumbers && v.every((item) => typeof item === "number")) {
        const separator = layout.compact ? "," : ", ";
        const lines: string[] = [];
        let line = "";
        for (const number of v as number[]) {
          const text = JSON.stringify(number);
          if (line !== "" && inner.length + line.length + separator.length + text.length > layout.packWidth) {
            lines.push(`${inner}${line},`);
            line = text;
          } else line = line === "" ? text : `${line}${separator}${text}`;
        }
        lines.push(`${inner}${line}`);
        return `[\n${lines.join("\n")}\n${current}]`;
      }
      return `[\n${v.map((item) => inner + (oneLine(item, layout.elementLimit) ?? write(item, inner))).join(",\n")}\n${current}]`;
    }
    const object = v as { readonly [key: string]: unknown };
    const keys = sortedDefined(object);
    if (keys.length === 0) return "{}";
    const inline = oneLine(v, 72);
    if (inline !== null) return inline;
    const colon = layout.compact ? ":" : ": ";
    return `{\n${keys.map((key) => `${inner}${JSON.stringify(key)}${colon}${oneLine(object[key], layout.elementLimit) ?? write(object[key], inner)}`).join(",\n")}\n${current}}`;
  };
  return `${write(value, "")}\n`;
}

function sortedDefined(object: { readonly [key: string]: unknown }): string[] {
  return Object.keys(object)
    .filter((key) => object[key] !== undefined)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** JSON values whose objects may hold `undefined` and `-0`, with keys in any order (`__proto__` and integer-like keys among them). */
const loose = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    scalar,
    fc.constant(-0),
    fc.array(tie("value"), { maxLength: 5 }),
    fc.dictionary(fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom("__proto__", "0", "10", "9", "a", "b")), fc.oneof(tie("value"), fc.constant(undefined)), { maxKeys: 6 }),
  ),
})).value;

describe("compact canonical JSON", () => {
  it("is the sorted form, whether the value's keys are in order already (written at once) or not", () => {
    fc.assert(
      fc.property(loose, (value) => {
        const expected = reference(value);
        expect(canonicalJson(value)).toBe(expected);
        // Parsed back, every object's keys are in order (unless integer-like keys come first), which takes the fast path.
        expect(canonicalJson(JSON.parse(expected))).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });

  it("writes what is not plain JSON as before: no toJSON, no prototype's keys, and throws on what JSON cannot hold", () => {
    expect(canonicalJson({ b: new Date(0), a: Object.assign(Object.create(null), { y: 1, x: 2 }) })).toBe('{"a":{"x":2,"y":1},"b":{}}');
    expect(canonicalJson({ a: [1, -0, 2.5] })).toBe('{"a":[1,0,2.5]}');
    expect(() => canonicalJson({ a: [1, , 2] })).toThrow(TypeError);
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson({ a: () => 1 })).toThrow(TypeError);
    expect(() => canonicalJson({ a: [undefined] })).toThrow(TypeError);
  });
});

describe("lists of numbers in compact canonical JSON", () => {
  /** A list element: mostly finite numbers (an encoded table), sometimes what JSON cannot hold, or a value that is no number. */
  const element = fc.oneof(
    { weight: 12, arbitrary: fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.double({ noNaN: true, noDefaultInfinity: true })) },
    { weight: 1, arbitrary: fc.constantFrom<unknown>(-0, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, undefined, "HOLE", null, "7", true) },
    { weight: 1, arbitrary: fc.array(fc.integer({ min: -5, max: 5 }), { maxLength: 3 }) },
  );
  const list = fc.array(element, { maxLength: 40 }).map((items) => {
    const out: unknown[] = [];
    items.forEach((item, i) => {
      if (item !== "HOLE") out[i] = item;
    });
    out.length = items.length;
    return out;
  });
  /** Whether a list holds a hole, `undefined` or a number JSON cannot write (a loop: `some` skips holes). */
  const cannotHold = (items: readonly unknown[]): boolean => {
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (!(i in items) || item === undefined || (typeof item === "number" && !Number.isFinite(item))) return true;
    }
    return false;
  };

  it("writes a list, alone or in an object with keys out of order, as the reference does, and throws exactly on what JSON cannot hold", () => {
    fc.assert(
      fc.property(list, list, (items, other) => {
        const either = cannotHold(items) || cannotHold(other);
        for (const [value, throws] of [[items, cannotHold(items)], [{ z: items, a: other }, either], [{ a: other, z: items }, either], [[items, other], either]] as const) {
          if (throws) expect(() => canonicalJson(value)).toThrow(TypeError);
          else expect(canonicalJson(value)).toBe(reference(value));
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe("laid-out canonical JSON", () => {
  it("parses back to the canonical value under any layout", () => {
    fc.assert(
      fc.property(json, layout, (value, chosen) => {
        expect(canonicalJson(JSON.parse(prettyCanonicalJson(value, chosen)))).toBe(canonicalJson(value));
      }),
      { numRuns: 300 },
    );
  });

  it("lays out any value, tuples of scalars and long lists of numbers among them, as the obvious reference does", () => {
    // Tuples like a bundle's outcomes and scenarios: scalars and short lists of them, some too long for a line.
    const tuple = fc.array(fc.oneof(scalar, fc.array(scalar, { maxLength: 8 })), { maxLength: 12 });
    const value = fc.oneof(json, fc.array(tuple, { maxLength: 8 }), fc.dictionary(fc.string({ maxLength: 4 }), fc.oneof(tuple, json), { maxKeys: 5 }));
    fc.assert(
      fc.property(value, fc.oneof(fc.constant(WIDE), layout), (v, chosen) => {
        expect(prettyCanonicalJson(v, chosen)).toBe(referencePretty(v, chosen));
      }),
      { numRuns: 500 },
    );
  });

  it("is, in the bundle's layout, the compact form with line breaks added", () => {
    fc.assert(
      fc.property(json, (value) => {
        expect(prettyCanonicalJson(value, WIDE).replaceAll("\n", "")).toBe(`${canonicalJson(value)}`);
      }),
      { numRuns: 300 },
    );
  });

  it("packs a long list of numbers greedily, each line within the width unless one number is wider", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })), { minLength: 1, maxLength: 300 }), fc.integer({ min: 1, max: 120 }), (numbers, width) => {
        const text = prettyCanonicalJson(numbers, { ...WIDE, elementLimit: 0, packWidth: width });
        if (canonicalJson(numbers).length <= 72) return;
        const lines = text.split("\n").slice(1, -2);
        expect(lines.map((line) => line.replace(/,$/, ""))).toEqual(packedLines(numbers, width));
      }),
      { numRuns: 300 },
    );
  });

  it("throws on a number JSON cannot represent inside a packed list", () => {
    const numbers = [...Array.from({ length: 100 }, (_, i) => i), Number.NaN];
    expect(() => prettyCanonicalJson(numbers, WIDE)).toThrow(TypeError);
  });

  it("gives a document's hash and its laid-out text with the hash as writing them apart does", () => {
    const key = fc.constantFrom("hash", "a", "zz", "", "h");
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom("a", "b", "format", "hash", "zz", "tables"), json, { maxKeys: 5 }), key, fc.oneof(fc.constant(WIDE), layout), (content, name, chosen) => {
        const { hash, text } = hashedDocument(content, name, chosen);
        expect(hash).toBe(contentHash(content));
        expect(text).toBe(prettyCanonicalJson({ ...content, [name]: hash }, chosen));
      }),
      { numRuns: 500 },
    );
  });
});
