/**
 * The index builder against the builder as it was before its fast paths
 * (test/support/index-reference/): every change to plan search, cell
 * counting, region memoization and node assembly must pick exactly the same
 * index, so both build random tables and their indexes and statistics must
 * be equal byte for byte.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { Row } from "@scn/runtime";
import { buildIndex } from "../src/optimize/index/dag.js";
import { buildIndex as referenceBuildIndex } from "./support/index-reference/dag.js";
import { canonicalJson } from "../src/bundle/canonical-json.js";
import { decisionArbitrary } from "./support/random-table.js";

describe("the index builder against its reference", () => {
  it("builds the same index as the reference builder on random tables", () => {
    // Several copies of a random table, some rows of odd copies testing
    // nothing and some testing fewer columns, so that regions hold many
    // candidates (union parts, floors, memo hits and the counting by
    // difference arrays all come into play), under tight and loose budgets.
    fc.assert(
      fc.property(
        decisionArbitrary,
        fc.nat({ max: 6 }),
        fc.constantFrom(1, 2, 3),
        fc.option(fc.integer({ min: 2, max: 200 }), { nil: undefined }),
        (decision, copies, leafRows, maxNodes) => {
          const rows: Row[] = Array.from({ length: copies + 1 }, (_, copy) =>
            decision.rows.map((r, i) => {
              if (copy % 2 === 1 && i % 3 === 0) return { ...r, tests: {} };
              if (copy % 3 === 2 && i % 2 === 0) {
                const [first] = Object.keys(r.tests);
                if (first === undefined) return r;
                const { [first]: _dropped, ...tests } = r.tests;
                return { ...r, tests };
              }
              return r;
            }),
          ).flat();
          const options = { leafRows, ...(maxNodes === undefined ? {} : { maxNodes }) };
          const built = buildIndex(decision.columns, rows, options);
          const reference = referenceBuildIndex(decision.columns, rows, options);
          expect(canonicalJson(built.index)).toBe(canonicalJson(reference.index));
          expect(built.stats).toEqual(reference.stats);
        },
      ),
      { numRuns: 400 },
    );
  });
});
