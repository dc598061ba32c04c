/**
 * The index builder hash-conses `switch` and `test` nodes by their fields
 * rather than by their canonical JSON (IndexBuilder.intern in
 * optimize/index/dag.ts, docs/optimizer.md#4-build-the-index): two nodes
 * must be found the same exactly when their canonical JSON is equal, and
 * nodes found the same must hash alike. Random tables seldom make two
 * nodes that differ in one field and share a hash, so this holds the
 * comparison to canonical JSON on pairs of nodes that differ in at most
 * one field, over literals that are hard on keys (numeric-looking and
 * prototype names, 0 and -0, a string and a number that print alike).
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { IndexNode, Scalar } from "@scn/runtime";
import { canonicalJson } from "../src/bundle/canonical-json.js";
import { keyedNodeHash, sameKeyedNode, type KeyedNode } from "../src/optimize/index/dag.js";

const KEYS = ["1", "01", "10", "9", "__proto__", "constructor", "toString", "", "\u0000", "a", "true", "false"];
const id = fc.integer({ min: 0, max: 4 });
const scalar: fc.Arbitrary<Scalar> = fc.constantFrom<Scalar>(0, -0, 1, 1.5, -1, 2 ** 32 + 1, 1, "1", "", "__proto__", "a", true, false);

const cases = fc.uniqueArray(fc.tuple(fc.constantFrom(...KEYS), id), { selector: ([key]) => key, maxLength: 5 });

const switchNode: fc.Arbitrary<KeyedNode> = fc
  .record({ column: fc.integer({ min: 0, max: 2 }), cases, other: id, absent: id })
  .map(({ column, cases, other, absent }) => ({ switch: column, cases: Object.fromEntries(cases), other, absent }));

const testNode: fc.Arbitrary<KeyedNode> = fc
  .record({
    column: fc.integer({ min: 0, max: 2 }),
    t: fc.oneof(fc.boolean().map((present) => ({ present })), scalar.map((contains) => ({ contains })), fc.constant({ eq: "a" })),
    then: id,
    otherwise: id,
  })
  .map(({ column, t, then, otherwise }) => ({ test: column, t, then, else: otherwise }) as KeyedNode);

/** A copy of `node` with at most one field changed (a case dropped, added or repointed, or its test's literal replaced). */
function nearby(node: KeyedNode): fc.Arbitrary<KeyedNode> {
  if ("switch" in node) {
    const entries = Object.entries(node.cases);
    return fc.oneof(
      fc.constant({ ...node, cases: Object.fromEntries([...entries].reverse()) }),
      fc.record({ other: id }).map(({ other }) => ({ ...node, other })),
      fc.record({ absent: id }).map(({ absent }) => ({ ...node, absent })),
      fc.nat({ max: Math.max(0, entries.length - 1) }).map((drop) => ({ ...node, cases: Object.fromEntries(entries.filter((_, i) => i !== drop)) })),
      fc.tuple(fc.constantFrom(...KEYS), id).map(([key, to]) => ({ ...node, cases: Object.fromEntries([...entries, [key, to]]) })),
    );
  }
  return fc.oneof(
    fc.constant({ ...node, t: { ...node.t } }),
    fc.record({ then: id }).map(({ then }) => ({ ...node, then })),
    fc.record({ otherwise: id }).map(({ otherwise }) => ({ ...node, else: otherwise })),
    scalar.map((contains) => ({ ...node, t: { contains } })),
    fc.boolean().map((present) => ({ ...node, t: { present } })),
  );
}

describe("hash-consing of switch and test nodes", () => {
  it("finds two nodes the same exactly when their canonical JSON is equal, and those hash alike", () => {
    fc.assert(
      fc.property(
        fc.oneof(switchNode, testNode).chain((node) => fc.tuple(fc.constant(node), nearby(node))),
        ([a, b]) => {
          const equal = canonicalJson(a) === canonicalJson(b);
          const hashA = keyedNodeHash(a);
          const hashB = keyedNodeHash(b);
          // A test the builder does not make is not hashed (it is interned by its canonical JSON).
          if (hashA < 0 || hashB < 0) {
            expect("test" in a && "test" in b).toBe(true);
            return;
          }
          expect(sameKeyedNode(a as IndexNode, b)).toBe(equal);
          expect(sameKeyedNode(b as IndexNode, a)).toBe(equal);
          if (equal) expect(hashA).toBe(hashB);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
