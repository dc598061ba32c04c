/**
 * IndexTable.countLearned (optimize/index/region.ts) counts a `test`
 * plan's branch on `contains x` by reading the region's list facts with x
 * decided, instead of copying them (learn) and counting with the copy
 * (countByFacts). This holds it to that definition on random tables,
 * facts that already decide some elements (x among them, or not) or the
 * list's presence, and regions with done columns.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { Column } from "@scn/runtime";
import { canonicalJson } from "../src/bundle/canonical-json.js";
import { IndexTable, learn, type ListFacts, type Region } from "../src/optimize/index/region.js";
import { pooledRow, type TestPools } from "./support/pooled-table.js";

const ELEMENTS = ["a", "b", "c", "d"];

const POOLS: TestPools = {
  members: ["x", "y"],
  strings: ["s", "t"],
  ints: [0, 1, 2],
  numbers: [0, 0.5],
  elements: ELEMENTS,
  boundFreq: 3,
  maxValues: 2,
  numericEqWeight: 1,
  numericNotIn: false,
};

const columns: readonly Column[] = [
  { path: "tags", type: "list", element: "string" },
  { path: "kind", type: "enum", values: ["x", "y"] },
  { path: "other", type: "list", element: "string" },
] as unknown as readonly Column[];

const facts: fc.Arbitrary<ListFacts> = fc.record({
  present: fc.constantFrom(undefined, true, false),
  has: fc.uniqueArray(fc.tuple(fc.constantFrom(...ELEMENTS), fc.boolean()), { selector: ([element]) => element, maxLength: 3 }),
}).map(({ present, has }) => ({ present, has: new Map(has.map(([element, contained]) => [canonicalJson(element), contained] as const)) }));

describe("IndexTable.countLearned", () => {
  it("counts what countByFacts counts with the facts learn gives", () => {
    fc.assert(
      fc.property(
        fc.array(pooledRow(columns, POOLS, 3), { minLength: 1, maxLength: 40 }),
        fc.constantFrom(0, 2),
        facts,
        fc.option(facts, { nil: undefined }),
        fc.subarray([1]),
        fc.constantFrom(...ELEMENTS),
        fc.integer({ min: 0, max: 5 }),
        (rows, column, own, otherFacts, done, element, skip) => {
          const table = new IndexTable(columns, rows);
          const all = new Map<number, ListFacts>([[column, own]]);
          if (otherFacts !== undefined) all.set(2 - column, otherFacts);
          const region: Region = { candidates: rows.map((_, i) => i).slice(Math.min(skip, rows.length - 1)), done: new Set(done), facts: all };
          const [whenTrue, whenFalse] = learn(own, { contains: element });
          const key = canonicalJson(element);
          // Each count as [candidates kept, of which do not test the column].
          const count = (counting: (sizes: Float64Array) => number): [number, number] => {
            const sizes = new Float64Array(3).fill(-1);
            const ignoring = counting(sizes);
            return [sizes[1] as number, ignoring];
          };
          expect(count((sizes) => table.countLearned(region, column, own, key, true, sizes, 1))).toEqual(count((sizes) => table.countByFacts(region, column, whenTrue, sizes, 1)));
          expect(count((sizes) => table.countLearned(region, column, own, key, false, sizes, 1))).toEqual(count((sizes) => table.countByFacts(region, column, whenFalse, sizes, 1)));
          // And the candidates narrowByFacts keeps, which the counts stand for.
          const kept = table.narrowByFacts(region, column, whenTrue).candidates;
          expect(count((sizes) => table.countByFacts(region, column, whenTrue, sizes, 1))).toEqual([kept.length, kept.filter((r) => table.testOn(r, column) < 0).length]);
        },
      ),
      { numRuns: 400 },
    );
  });
});
