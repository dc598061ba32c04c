import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EVERYTHING, intersectBoxes, type Box } from "../src/boxes/box.js";
import { atomCell } from "../src/boxes/cell.js";
import { indexedCovered, indexedCoverage } from "../src/boxes/coverage.js";
import { GrowingUnion } from "../src/boxes/growing-union.js";
import { UnionIndex } from "../src/boxes/union-index.js";
import { DEEP, arbitraryBoxSpec, arbitraryBoxes, boxesOf, buildBox, table } from "./arbitrary/boxes.js";

const ENUM = ["a", "b", "c", "d"] as const;

// Pruning asks whether the rows before a scenario's holding row cover it and
// keeps only the verdict; indexedCovered answers that without the probe.
describe("the verdict of an indexed question", () => {
  it("is covered exactly when indexedCoverage says covered, with or without the union so far", () => {
    fc.assert(
      fc.property(
        arbitraryBoxes(0, 40),
        fc.array(fc.option(fc.constantFrom(...ENUM), { nil: null }), { minLength: 40, maxLength: 40 }),
        fc.array(fc.tuple(fc.nat(50), arbitraryBoxSpec), { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        (specs, keys, questions, deep) => {
          const columns = table();
          const e = columns.indexOf("e");
          const boxes = boxesOf(columns, specs).map((box, p): Box => (keys[p] ? new Map(box).set(e, atomCell(columns.domain(e), { eq: keys[p] })) : box));
          const index = UnionIndex.over(columns, boxes, deep ? DEEP : undefined);
          // Two unions so far, one per function, asked the same questions in the same order (they change as they fold).
          const growing = [0, 1].map(() => GrowingUnion.over(columns, index, [EVERYTHING], { complementLimit: 60 }));
          const ordered = [...questions].sort((a, b) => a[0] - b[0]);
          for (const [end, spec] of ordered) {
            const asked = buildBox(columns, spec);
            if (asked === null) continue;
            // Questions inside a box of the list, as pruning's are, are often covered.
            const box = boxes.length > 0 ? (intersectBoxes(columns, asked, boxes[end % boxes.length]!) ?? asked) : asked;
            const window = { end };
            expect(indexedCovered(columns, box, index, window)).toBe(indexedCoverage(columns, box, index, window).kind === "covered");
            expect(indexedCovered(columns, box, index, window, 20_000, growing[0])).toBe(indexedCoverage(columns, box, index, window, 20_000, growing[1]).kind === "covered");
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
