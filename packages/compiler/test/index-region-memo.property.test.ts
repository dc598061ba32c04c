/**
 * The index builder's region memo (RegionMemo in optimize/index/region.ts,
 * docs/optimizer.md#4-build-the-index) keeps its regions in typed arrays:
 * entries chained by bucket, candidates copied into one pool, both grown
 * as the build goes. It must find a region's node exactly when a region
 * with the same candidates, done columns and facts was stored, whatever
 * objects hold them, through every growth of its arrays: held here to a
 * map by each region's text, from capacities small enough that every
 * array grows several times, with candidate lists that share their hashes' prefixes
 * and done sets and facts made apart but equal.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { hashOf, RegionMemo, sliceHash, type ListFacts, type Region } from "../src/optimize/index/region.js";

/** A region as the memo's reference map keys it. */
function textOf(region: Region): string {
  const facts = [...region.facts]
    .sort(([a], [b]) => a - b)
    .map(([column, f]) => `${column}:${String(f.present)}:${[...f.has].sort().join(";")}`)
    .join("/");
  return `${[...region.done].sort((a, b) => a - b).join(",")}|${facts}|${region.candidates.join(",")}`;
}

const candidates = fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 12 }).map((list) => [...new Set(list)].sort((a, b) => a - b));
const done = fc.uniqueArray(fc.integer({ min: 0, max: 3 }), { maxLength: 3 });
const facts = fc.option(fc.record({ present: fc.option(fc.boolean(), { nil: undefined }), element: fc.constantFrom('"a"', '"b"', "1"), has: fc.boolean() }), { nil: undefined });

/** One step: a region to look up, and then store (with a fresh node) when it is not found. */
const step = fc.record({ candidates, done, facts });

interface Step {
  readonly candidates: number[];
  readonly done: number[];
  readonly facts: { present: boolean | undefined; element: string; has: boolean } | undefined;
}

function regionOf({ candidates, done, facts }: Step): Region {
  const known = new Map<number, ListFacts>();
  if (facts !== undefined) known.set(5, { present: facts.present, has: new Map([[facts.element, facts.has]]) });
  // New objects every time, so that equal done sets and facts meet through their text as well as by identity.
  return { candidates, done: new Set(done), facts: known };
}

describe("the index builder's region memo", () => {
  it("finds a region's node exactly when an equal region was stored, through every growth of its arrays", () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 300, size: "medium" }), fc.integer({ min: 1, max: 3 }), fc.constantFrom(1, 2, 4, 16), (steps, repeat, capacity) => {
        const memo = new RegionMemo(capacity);
        const reference = new Map<string, number>();
        // Shared objects for the done sets and facts, as the builder shares them (IndexTable.doneWith, partition).
        const shared = new Map<string, Region>();
        let next = 0;
        for (let round = 0; round < repeat; round++) {
          for (const made of steps) {
            const fresh = regionOf(made);
            const key = textOf(fresh);
            const sharing = shared.get(key) ?? fresh;
            shared.set(key, sharing);
            const region: Region = round % 2 === 0 ? fresh : { candidates: [...fresh.candidates], done: sharing.done, facts: sharing.facts };
            const table = memo.tableFor(region);
            const hash = hashOf(region);
            const found = memo.get(table, hash, region);
            expect(found).toBe(reference.get(key));
            if (found === undefined) {
              memo.set(table, hash, region, next);
              reference.set(key, next++);
            }
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it("finds a region given as part of a larger array (the builder's ChildCells) as when given as a list of its own", () => {
    // The builder looks each child up by its part of one array of all the
    // children's candidates (IndexBuilder.build), while the memo's own
    // test above gives whole lists: each region here is stored and asked
    // for either way, between other candidates, at any offset.
    const slice = fc.record({ before: fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 4 }), after: fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 4 }), whole: fc.boolean() });
    fc.assert(
      fc.property(fc.array(fc.tuple(step, slice, slice), { minLength: 1, maxLength: 200 }), fc.constantFrom(1, 2, 16), (steps, capacity) => {
        const memo = new RegionMemo(capacity);
        const reference = new Map<string, number>();
        let next = 0;
        // Twice over, so that every region is asked for again once stored (with other neighbours the second time).
        for (const [made, asked, stored] of [...steps, ...steps.map(([made, asked, stored]) => [made, stored, asked] as const)]) {
          const region = regionOf(made);
          const key = textOf(region);
          const table = memo.tableOf(region.done, region.facts);
          const laidOut = ({ before, after }: { before: number[]; after: number[] }) => Int32Array.from([...before, ...region.candidates, ...after]);
          const askedIn = laidOut(asked);
          const start = asked.before.length;
          const end = start + region.candidates.length;
          const hash = sliceHash(askedIn, start, end);
          expect(hash).toBe(hashOf(region));
          const found = asked.whole ? memo.get(table, hashOf(region), region) : memo.find(table, hash, askedIn, start, end);
          expect(found).toBe(reference.get(key));
          if (found !== undefined) continue;
          if (stored.whole) memo.set(table, hash, region, next);
          else memo.store(table, hash, laidOut(stored), stored.before.length, stored.before.length + region.candidates.length, next);
          reference.set(key, next++);
        }
      }),
      { numRuns: 100 },
    );
  });

  it("tells apart regions whose candidates differ only in their last entry or their length", () => {
    const memo = new RegionMemo();
    const empty = { done: new Set<number>(), facts: new Map<number, ListFacts>() };
    const lists: number[][] = [];
    for (let n = 0; n < 9000; n++) lists.push([n % 7, n % 11, 100 + n]);
    for (let n = 0; n < 40; n++) lists.push(Array.from({ length: n }, (_, i) => i));
    lists.forEach((list, id) => {
      const region = { candidates: list, ...empty };
      memo.set(memo.tableFor(region), hashOf(region), region, id);
    });
    lists.forEach((list, id) => {
      const region = { candidates: [...list], ...empty };
      expect(memo.get(memo.tableFor(region), hashOf(region), region)).toBe(id);
      const longer = { candidates: [...list, 1000], ...empty };
      expect(memo.get(memo.tableFor(longer), hashOf(longer), longer)).toBeUndefined();
    });
  });
});
