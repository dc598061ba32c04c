import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DecisionAnalysis, narrowed } from "../src/analysis/decision-analysis.js";
import { ValidRegions } from "../src/analysis/valid-regions.js";
import { intersectBoxes, type Box } from "../src/boxes/box.js";
import type { ColumnTable } from "../src/boxes/column-table.js";
import { BOX_LIMIT } from "../src/lower/lower.js";
import { arbitraryProgram } from "./arbitrary/index.js";

/** The product of `valid` with `unions`, by definition: every box with every box, left to right. */
function leftToRight(columns: ColumnTable, valid: readonly Box[], unions: readonly (readonly Box[])[]): Box[] {
  let acc: Box[] = [...valid];
  for (const union of unions) acc = acc.flatMap((x) => union.map((y) => intersectBoxes(columns, x, y)).filter((both): both is Box => both !== null));
  return acc;
}

/**
 * The analysis remembers the products of the valid contexts with the
 * unions it is asked about, for the few most recent first factors only
 * (docs/analysis.md#keeping-each-step-cheap). Whatever it remembers or
 * forgets, each product must be the one the definition gives.
 */
describe("products with the valid contexts", () => {
  it("are the left-to-right product, asked in any order, past the first factors kept", () => {
    const programAndOrder = arbitraryProgram().chain((program) => fc.tuple(fc.constant(program), fc.array(fc.nat(), { minLength: 10, maxLength: 60 })));
    fc.assert(
      fc.property(programAndOrder, ([program, picks]) => {
        for (const decision of program.decisions) {
          const analysis = new DecisionAnalysis(program, decision, BOX_LIMIT);
          const { columns, boxes } = analysis;
          // The factor lists analysis asks about: claims, covering claims, situations with pathways, consent with segments.
          const questions: (readonly (readonly Box[])[])[] = [];
          for (const candidate of analysis.candidates) {
            questions.push([analysis.claim(candidate)], [analysis.coveringClaim(candidate)], [candidate.situation]);
            for (const pathway of candidate.pathways) {
              questions.push([candidate.situation, pathway.when]);
              for (const variation of pathway.variations) questions.push([candidate.situation, pathway.when, boxes.consent, variation.condition], [boxes.consent, variation.condition]);
            }
          }
          if (questions.length === 0) continue;
          const definition = (unions: readonly (readonly Box[])[]): Box[] => leftToRight(columns, analysis.valid, unions);
          for (const pick of picks) {
            const unions = questions[pick % questions.length]!;
            const product = analysis.and(...unions);
            expect(product).toEqual(definition(unions));
            // A product asked about again, as coverage questions do, is the same boxes.
            expect(analysis.and(product)).toEqual(product);
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});

/**
 * Reachability asks its products for a verdict only, and takes them as the
 * cells the factors change in the valid box each box lies in
 * (`ValidRegions`, docs/analysis.md#keeping-each-step-cheap): each kept box
 * must be the product's box, cell for cell and in the same column order,
 * and each box cut to some columns must be what `narrowed` cuts of it.
 */
describe("products kept as the cells their factors change", () => {
  it("are the left-to-right product's boxes, in order, and cut as `narrowed` cuts them", () => {
    const programAndOrder = arbitraryProgram().chain((program) => fc.tuple(fc.constant(program), fc.array(fc.tuple(fc.nat(), fc.array(fc.boolean(), { maxLength: 24 })), { minLength: 10, maxLength: 60 })));
    let kept = 0;
    let asked = 0;
    fc.assert(
      fc.property(programAndOrder, ([program, picks]) => {
        for (const decision of program.decisions) {
          const analysis = new DecisionAnalysis(program, decision, BOX_LIMIT);
          const { columns, boxes } = analysis;
          const regions = new ValidRegions(columns, analysis.valid, BOX_LIMIT);
          const questions: (readonly (readonly Box[])[])[] = [];
          for (const candidate of analysis.candidates) {
            for (const pathway of candidate.pathways) {
              questions.push([candidate.situation, pathway.when]);
              for (const variation of pathway.variations) questions.push([candidate.situation, pathway.when, boxes.consent, variation.condition]);
            }
          }
          if (questions.length === 0) continue;
          for (const [pick, mask] of picks) {
            const unions = questions[pick % questions.length]!;
            const parts = regions.product(...unions);
            asked += 1;
            if (parts === null) continue;
            kept += 1;
            const whole = leftToRight(columns, analysis.valid, unions);
            expect(parts.map((part) => [...regions.wholeBox(part)])).toEqual(whole.map((box) => [...box]));
            const used = Uint8Array.from(columns.paths, (_, column) => (mask[column] ? 1 : 0));
            expect(parts.map((part) => [...regions.narrowedPart(part, used)])).toEqual(whole.map((box) => [...narrowed(box, used)]));
          }
        }
      }),
      { numRuns: 150 },
    );
    // Most products are kept as parts, not left to the whole boxes.
    expect(kept).toBeGreaterThan(asked / 2);
  });
});
