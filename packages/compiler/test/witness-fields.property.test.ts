import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { orderWitness } from "../src/analysis/witness-fields.js";
import { setOwn } from "../src/contexts/context-shape.js";

/** The definition `orderWitness` keeps: a key is relevant when its path is a field, on the way to one, or inside one, each compared as strings. */
function reference(witness: unknown, fields: readonly string[]): unknown {
  const reorder = (value: unknown, prefix: string): unknown => {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
    const entries = Object.entries(value as Record<string, unknown>);
    const relevant = (key: string): boolean => {
      const path = prefix === "" ? key : `${prefix}.${key}`;
      return fields.some((field) => field === path || field.startsWith(`${path}.`) || path.startsWith(`${field}.`));
    };
    const first = entries.filter(([key]) => relevant(key));
    const rest = entries.filter(([key]) => !relevant(key));
    return Object.fromEntries([...first, ...rest].map(([key, inner]) => [key, reorder(inner, prefix === "" ? key : `${prefix}.${key}`)]));
  };
  return reorder(witness, "");
}

// Keys and fields from a small alphabet with dots, so that prefixes, dotted
// keys and fields inside fields are common.
const key = fc.constantFrom("a", "b", "ab", "a.b", "c", "", ".", "1", "b.c", "__proto__", "constructor", "toString");
const witness = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small" }, fc.integer(), fc.constant(null), fc.array(fc.integer(), { maxLength: 2 }), tie("record")),
  record: fc.dictionary(key, tie("value"), { maxKeys: 5 }),
})).record;
const field = fc.array(key, { minLength: 1, maxLength: 3 }).map((parts) => parts.join("."));

describe("orderWitness", () => {
  it("orders every witness as the definition does, key order included", () => {
    fc.assert(
      fc.property(witness, fc.array(field, { maxLength: 6 }), (value, fields) => {
        const ordered = orderWitness(value, fields);
        const expected = reference(value, fields);
        expect(JSON.stringify(ordered)).toBe(JSON.stringify(expected));
        expect(ordered).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });
});

describe("setOwn", () => {
  it("makes the own data properties defineProperty makes, in the same order, whatever the keys", () => {
    const keys = fc.constantFrom("a", "b", "1", "0", "__proto__", "constructor", "toString", "valueOf", "hasOwnProperty", "");
    fc.assert(
      fc.property(fc.array(fc.tuple(keys, fc.oneof(fc.integer(), fc.constant(null), fc.constant({}))), { maxLength: 12 }), (writes) => {
        const record: Record<string, never> = {};
        const expected: Record<string, unknown> = {};
        for (const [key, value] of writes) {
          setOwn(record, key, value as never);
          Object.defineProperty(expected, key, { value, enumerable: true, writable: true, configurable: true });
        }
        expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
        expect(Reflect.ownKeys(record)).toEqual(Reflect.ownKeys(expected));
        expect(Object.getOwnPropertyDescriptors(record)).toEqual(Object.getOwnPropertyDescriptors(expected));
        expect(JSON.stringify(record)).toBe(JSON.stringify(expected));
      }),
      { numRuns: 500 },
    );
  });
});
