/**
 * The index builder's region memo (RegionMemo in optimize/index/region.ts)
 * keys a region by its done columns and list facts as text and by a hash
 * of its candidates, and then compares the candidates element by element
 * (docs/optimizer.md#4-build-the-index). A hash is only a hint: two
 * different candidate lists with the same hash must keep their own nodes.
 * Rather than shrinking the hash for the test, this finds real collisions
 * among short ascending candidate lists (the hash has 30 bits, so a few
 * hundred thousand lists hold some), and checks too that regions equal but
 * for the order their done set and facts were made in share one table.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { hashOf, RegionMemo, type ListFacts, type Region } from "../src/optimize/index/region.js";

const region = (candidates: readonly number[], done: readonly number[] = [], facts: readonly (readonly [number, ListFacts])[] = []): Region => ({
  candidates,
  done: new Set(done),
  facts: new Map(facts),
});

/** Pairs of distinct ascending triples of row numbers below 128 whose hashOf is equal. */
function collidingTriples(): [number[], number[]][] {
  const seen = new Map<number, number[]>();
  const pairs: [number[], number[]][] = [];
  for (let a = 0; a < 128; a++)
    for (let b = a + 1; b < 128; b++)
      for (let c = b + 1; c < 128; c++) {
        const list = [a, b, c];
        const hash = hashOf(region(list));
        const before = seen.get(hash);
        if (before === undefined) seen.set(hash, list);
        else pairs.push([before, list]);
      }
  return pairs;
}

describe("the region memo", () => {
  const pairs = collidingTriples();

  it("finds colliding candidate lists to test with", () => {
    expect(pairs.length).toBeGreaterThan(4);
    for (const [a, b] of pairs) expect(a).not.toEqual(b);
  });

  it("keeps the node of each of two regions whose candidates' hashes collide, whichever is stored first", () => {
    fc.assert(
      fc.property(fc.constantFrom(...pairs), fc.boolean(), fc.boolean(), ([a, b], swap, storeBoth) => {
        const [first, second] = swap ? [b, a] : [a, b];
        const memo = new RegionMemo();
        const stored = region(first, [2, 0]);
        const asked = region([...second], [0, 2]);
        const table = memo.tableFor(stored);
        const hash = hashOf(stored);
        expect(hashOf(asked)).toBe(hash);
        memo.set(table, hash, stored, 11);
        expect(memo.tableFor(asked)).toBe(table);
        expect(memo.get(table, hash, asked)).toBeUndefined();
        // A copy of the stored list is the same region.
        expect(memo.get(table, hash, region([...first], [0, 2]))).toBe(11);
        if (storeBoth) {
          memo.set(table, hash, asked, 12);
          expect(memo.get(table, hash, region([...second]))).toBe(12);
          expect(memo.get(table, hash, region([...first]))).toBe(11);
        }
      }),
      { numRuns: 100 },
    );
  });

  it("hashes candidates as the memo always did: FNV-1a steps over the numbers, folded below 2^30", () => {
    // The definition, written out: hashOf's loop sits in a function of its
    // own (docs/optimizer.md#loops-v8-compiles-while-they-run), and the
    // split must not change the hash, the part after the loop included.
    const definition = (list: readonly number[]): number => {
      let hash = 0x811c9dc5 ^ list.length;
      for (const n of list) hash = Math.imul(hash ^ n, 0x01000193);
      return (hash ^ (hash >>> 15)) & 0x3fffffff;
    };
    fc.assert(
      fc.property(fc.array(fc.nat(70_000), { maxLength: 400 }), (list) => {
        const hash = hashOf(region(list));
        expect(hash).toBe(definition(list));
        expect(hash).toBeGreaterThanOrEqual(0);
        expect(hash).toBeLessThan(2 ** 30);
      }),
      { numRuns: 300 },
    );
    // A whole table's candidates, as the first region of a build has them.
    const whole = Array.from({ length: 60_000 }, (_, i) => i);
    expect(hashOf(region(whole))).toBe(definition(whole));
  });

  it("gives regions the same table exactly when their done columns and facts are equal as sets and maps, whatever their order", () => {
    const factsArbitrary = fc.uniqueArray(
      fc.tuple(
        fc.integer({ min: 0, max: 4 }),
        fc.option(fc.boolean(), { nil: undefined }),
        fc.uniqueArray(fc.tuple(fc.constantFrom('"a"', '"__proto__"', '"\\u0000"', '""', '"a=true;\\"b"', "1"), fc.boolean()), { selector: ([k]) => k, maxLength: 3 }),
      ),
      { selector: ([c]) => c, maxLength: 3 },
    );
    const doneArbitrary = fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { maxLength: 4 });
    const factsOf = (facts: readonly (readonly [number, boolean | undefined, readonly (readonly [string, boolean])[]])[], reversed: boolean): [number, ListFacts][] => {
      const list = facts.map(([column, present, has]): [number, ListFacts] => [column, { present, has: new Map(reversed ? [...has].reverse() : has) }]);
      return reversed ? list.reverse() : list;
    };
    const text = (done: readonly number[], facts: readonly (readonly [number, boolean | undefined, readonly (readonly [string, boolean])[]])[]): string =>
      JSON.stringify([[...done].sort((x, y) => x - y), [...facts].sort(([x], [y]) => x - y).map(([c, p, h]) => [c, p ?? null, [...h].sort()])]);
    fc.assert(
      fc.property(doneArbitrary, factsArbitrary, doneArbitrary, factsArbitrary, (doneA, factsA, doneB, factsB) => {
        const memo = new RegionMemo();
        const a = memo.tableFor(region([1], doneA, factsOf(factsA, false)));
        expect(memo.tableFor(region([1], [...doneA].reverse(), factsOf(factsA, true)))).toBe(a);
        const b = memo.tableFor(region([1], doneB, factsOf(factsB, true)));
        expect(b === a).toBe(text(doneA, factsA) === text(doneB, factsB));
      }),
      { numRuns: 1000 },
    );
  });

  it("gives regions that share their done set and facts objects the table their contents give, in whatever order they are met", () => {
    // tableFor finds a table by the objects first (regions share them), so
    // a pair of objects met before must give what their text would: mixing
    // the done set of one region with the facts of another included.
    const doneArbitrary = fc.uniqueArray(fc.integer({ min: 0, max: 3 }), { maxLength: 3 });
    const factsArbitrary = fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.option(fc.boolean(), { nil: undefined })), { selector: ([c]) => c, maxLength: 2 });
    fc.assert(
      fc.property(fc.array(doneArbitrary, { minLength: 1, maxLength: 3 }), fc.array(factsArbitrary, { minLength: 1, maxLength: 3 }), fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 12 }), (dones, factses, asks) => {
        const memo = new RegionMemo();
        const doneSets = dones.map((done) => new Set(done));
        const factsMaps = factses.map((facts) => new Map(facts.map(([column, present]): [number, ListFacts] => [column, { present, has: new Map() }])));
        const text = (d: number, f: number): string => JSON.stringify([[...(dones[d] as number[])].sort(), [...(factses[f] as [number, boolean | undefined][])].sort(([x], [y]) => x - y).map(([c, p]) => [c, p ?? null])]);
        const met: [string, number][] = [];
        for (const [i, j] of asks) {
          const d = i % doneSets.length;
          const f = j % factsMaps.length;
          const table = memo.tableFor({ candidates: [1], done: doneSets[d] as Set<number>, facts: factsMaps[f] as Map<number, ListFacts> });
          for (const [key, before] of met) expect(before === table).toBe(key === text(d, f));
          met.push([text(d, f), table]);
        }
      }),
      { numRuns: 500 },
    );
  });
});
