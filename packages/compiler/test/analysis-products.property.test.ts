import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DecisionAnalysis } from "../src/analysis/decision-analysis.js";
import { intersectBoxes, type Box } from "../src/boxes/box.js";
import { BOX_LIMIT } from "../src/lower/lower.js";
import { arbitraryProgram } from "./arbitrary/index.js";

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
          const definition = (unions: readonly (readonly Box[])[]): Box[] => {
            let acc: Box[] = [...analysis.valid];
            for (const union of unions) acc = acc.flatMap((x) => union.map((y) => intersectBoxes(columns, x, y)).filter((both): both is Box => both !== null));
            return acc;
          };
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
