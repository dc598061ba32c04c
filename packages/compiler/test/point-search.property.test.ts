import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findUncoveredPoint } from "../src/boxes/point-search.js";
import { ScannedUnion } from "../src/boxes/scanned-union.js";
import { UnionIndex } from "../src/boxes/union-index.js";
import { DEEP, arbitraryBoxSpec, arbitraryBoxes, arbitraryWindow, boxesOf, buildBox, table } from "./arbitrary/boxes.js";
import { referenceFindUncoveredPoint } from "./support/reference-point-search.js";

describe("point search", () => {
  it("finds the point the map-based search finds, with its columns in the same order", () => {
    fc.assert(
      fc.property(
        arbitraryBoxes(0, 40).chain((specs) => fc.tuple(fc.constant(specs), arbitraryWindow(specs.length), fc.array(arbitraryBoxSpec, { minLength: 1, maxLength: 4 }))),
        ([specs, window, querySpecs]) => {
          const columns = table();
          const boxes = boxesOf(columns, specs);
          // A deep index (every query walks buckets and leaves), the default one (short windows are scanned) and a plain scan.
          const unions = [UnionIndex.over(columns, boxes, DEEP), UnionIndex.over(columns, boxes), new ScannedUnion(columns, boxes)];
          for (const querySpec of querySpecs) {
            const query = buildBox(columns, querySpec);
            if (query === null) continue;
            for (const union of unions) {
              for (const w of [window, {}]) {
                const found = findUncoveredPoint(columns, query, union, w);
                const expected = referenceFindUncoveredPoint(columns, query, union, w);
                expect(found === null ? null : [...found.entries()]).toEqual(expected === null ? null : [...expected.entries()]);
              }
            }
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
