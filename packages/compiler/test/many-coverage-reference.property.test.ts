/**
 * The exact search over many boxes (boxes/many-coverage.ts) counts a
 * column's atoms from the boxes themselves and tells the atoms that leave
 * the same boxes apart by a number made of them, compared box by box
 * (docs/analysis.md#keeping-each-step-cheap). Pruning hands the pieces it
 * finds on to the conformance vectors, so the search must give the very
 * verdict, piece and budget failure it gave before
 * (support/reference-many-coverage.ts), whatever boxes it is given.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Box } from "../src/boxes/box.js";
import { coverageOfMany } from "../src/boxes/many-coverage.js";
import { arbitraryBoxSpec, arbitraryBoxes, boxesOf, buildBox, table } from "./arbitrary/boxes.js";
import { referenceCoverageOfMany } from "./support/reference-many-coverage.js";

describe("the search over many boxes", () => {
  it("gives the verdict, the piece and the budget failure the search with listed cells and texted keys gave", () => {
    fc.assert(
      fc.property(arbitraryBoxSpec, arbitraryBoxes(0, 40), fc.constantFrom(3, 10, 40, 20_000), fc.boolean(), (spec, specs, budget, repeat) => {
        const columns = table();
        const box = buildBox(columns, spec);
        if (box === null) return;
        // Repeated boxes make atoms that leave the same boxes, which the search asks once.
        const boxes: Box[] = boxesOf(columns, specs).flatMap((other, i) => (repeat && i % 2 === 0 ? [other, other] : [other]));
        const found = coverageOfMany(columns, box, boxes, budget);
        const expected = referenceCoverageOfMany(columns, box, boxes, budget);
        expect(found.kind).toBe(expected.kind);
        if (found.kind === "uncovered" && expected.kind === "uncovered") expect([...found.piece]).toEqual([...expected.piece]);
      }),
      { numRuns: 2000 },
    );
  });
});
