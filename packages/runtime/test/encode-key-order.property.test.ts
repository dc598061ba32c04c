/**
 * encodeTable and outcomeTuples sort a row's columns, a switch's cases and
 * an output's keys only when they are not in order already, and sort a
 * short output's keys by insertion (docs/bundle-format.md, "Encoded
 * tables" and "Outcomes"). The encoding must not depend on the order the
 * keys were inserted in: a table or an outcome built with its keys in any
 * order encodes exactly as the same one built with its keys sorted.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { encodeTable, outcomeTuples, type JsonValue, type Outcome, type TableModel, type UnaryTest } from "@scn/runtime";

/** Keys that put array-index keys (listed first, numerically) and others (listed by insertion) against code-unit order. */
const key = fc.constantFrom("a", "b", "B", "_", "10", "9", "2", "01", "ab", "é", "Z9");

/** `entries` as an object whose keys were inserted in the given order. */
function objectOf<T>(entries: readonly (readonly [string, T])[]): { [key: string]: T } {
  const object: { [key: string]: T } = {};
  for (const [name, value] of entries) Object.defineProperty(object, name, { value, enumerable: true, writable: true, configurable: true });
  return object;
}

/** The entries once per key, in the order given and in code-unit order. */
const shuffledEntries = <T>(value: fc.Arbitrary<T>) =>
  fc.uniqueArray(fc.tuple(key, value), { selector: ([name]) => name, maxLength: 8 }).map((entries) => ({
    given: entries,
    sorted: [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  }));

const outcome = (output: { [key: string]: JsonValue }): Outcome => ({ rule: "s/p", scenario: "s", pathway: "p", variation: null, output, metrics: [] });

describe("encoding does not depend on key insertion order", () => {
  test("outcomeTuples gives an output the shape of its sorted keys", () => {
    fc.assert(
      fc.property(fc.array(shuffledEntries(fc.integer({ min: 0, max: 5 })), { minLength: 1, maxLength: 5 }), (outputs) => {
        const given = outcomeTuples(outputs.map(({ given }) => outcome(objectOf(given))));
        const sorted = outcomeTuples(outputs.map(({ sorted }) => outcome(objectOf(sorted))));
        expect(given).toEqual(sorted);
        for (const shape of given.shapes) expect(shape).toEqual([...shape].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      }),
      { numRuns: 300 },
    );
  });

  test("encodeTable lists a switch's cases and a row's columns in order", () => {
    const columns = fc.uniqueArray(fc.integer({ min: 0, max: 11 }), { maxLength: 5 });
    fc.assert(
      fc.property(shuffledEntries(fc.integer({ min: 0, max: 0 })), fc.array(columns, { minLength: 1, maxLength: 4 }), (cases, rows) => {
        const table = (order: "given" | "sorted"): TableModel => ({
          columns: Array.from({ length: 12 }, () => ({ type: "string" })),
          rows: rows.map((tested, r) => {
            const listed = order === "given" ? tested : [...tested].sort((a, b) => a - b);
            return { outcome: r, tests: objectOf(listed.map((column): [string, UnaryTest] => [String(column), { eq: `v${column}` }])) };
          }),
          index: { root: 1, nodes: [{ rows: rows.map((_, r) => r) }, { switch: 0, cases: objectOf(cases[order]), other: 0, absent: 0 }] },
        });
        expect(encodeTable(table("given"))).toEqual(encodeTable(table("sorted")));
      }),
      { numRuns: 300 },
    );
  });
});
