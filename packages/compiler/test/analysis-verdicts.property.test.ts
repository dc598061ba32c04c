import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DecisionAnalysis, searchedVerdict, verdictByContainment } from "../src/analysis/decision-analysis.js";
import { COVERAGE_BUDGET, indexedUnionCoverage, unionCoverage } from "../src/boxes/coverage.js";
import { ScannedUnion } from "../src/boxes/scanned-union.js";
import { boxWithin, boxesMeet, subtractBox } from "../src/boxes/box.js";
import { BOX_LIMIT } from "../src/lower/lower.js";
import { arbitraryProgram } from "./arbitrary/index.js";
import { arbitraryBoxes, boxesOf, table } from "./arbitrary/boxes.js";

/**
 * Reachability's verdicts (docs/analysis.md#keeping-each-step-cheap): the
 * containment shortcut and the questions that take it, held to the exact
 * search over the same boxes.
 */
describe("coverage verdicts by containment", () => {
  it("settles a question only with the exact search's verdict", () => {
    const columns = table();
    let settled = 0;
    fc.assert(
      fc.property(arbitraryBoxes(1, 3), arbitraryBoxes(0, 5), (questionSpecs, unionSpecs) => {
        const boxes = boxesOf(columns, questionSpecs);
        const union = boxesOf(columns, unionSpecs);
        const verdict = verdictByContainment(columns, boxes, union);
        if (verdict === null) return;
        settled += 1;
        expect(verdict).toBe(unionCoverage(columns, boxes, union, COVERAGE_BUDGET).kind);
      }),
      { numRuns: 3000 },
    );
    // The shortcut is asked something it can answer, not only left to the search.
    expect(settled).toBeGreaterThan(1000);
  });

  it("settles a box that two boxes of the union meet with the search's verdict, within any budget", () => {
    const columns = table();
    let twoMeeting = 0;
    fc.assert(
      fc.property(arbitraryBoxes(1, 1), arbitraryBoxes(2, 3), fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }), (questionSpecs, unionSpecs, small) => {
        const boxes = boxesOf(columns, questionSpecs);
        const union = boxesOf(columns, unionSpecs);
        const budget = small ?? COVERAGE_BUDGET;
        const verdict = verdictByContainment(columns, boxes, union, budget);
        // What the question got before the shortcut: the point and exact search (of the region's boxes cut to the union's columns, and of the whole boxes).
        const searched = searchedVerdict(columns, boxes, union, budget);
        expect(searched).toBe(indexedUnionCoverage(columns, boxes, new ScannedUnion(columns, union), {}, budget).kind);
        if (verdict !== null) expect(verdict).toBe(searched);
        // One box that exactly two boxes of the union meet, inside neither: the new case, which the default budget always settles.
        const [box] = boxes;
        if (box === undefined || boxes.length !== 1 || small !== undefined) return;
        const meeting = union.filter((other) => boxesMeet(columns, box, other));
        if (meeting.length !== 2 || meeting.some((other) => boxWithin(columns, box, other))) return;
        twoMeeting += 1;
        expect(verdict).not.toBeNull();
      }),
      { numRuns: 4000 },
    );
    expect(twoMeeting).toBeGreaterThan(60);
  });

  it("settles a box that two boxes of the union cover together as covered", () => {
    const columns = table();
    let covered = 0;
    fc.assert(
      fc.property(arbitraryBoxes(1, 1), arbitraryBoxes(1, 1), fc.boolean(), (questionSpecs, otherSpecs, swap) => {
        const [box] = boxesOf(columns, questionSpecs);
        const [other] = boxesOf(columns, otherSpecs);
        if (box === undefined || other === undefined) return;
        // The box less `other`, when that is one piece: `other` and the piece cover the box together, and neither alone does when both meet it.
        const rest = subtractBox(columns, box, other);
        if (rest.length !== 1 || !boxesMeet(columns, box, other) || boxWithin(columns, box, other) || boxWithin(columns, box, rest[0]!)) return;
        const union = swap ? [rest[0]!, other] : [other, rest[0]!];
        covered += 1;
        expect(verdictByContainment(columns, [box], union)).toBe("covered");
        expect(searchedVerdict(columns, [box], union, COVERAGE_BUDGET)).toBe("covered");
      }),
      { numRuns: 4000 },
    );
    expect(covered).toBeGreaterThan(100);
  });

  it("searches the boxes on the union's columns only, with the verdict over the whole boxes", () => {
    const columns = table();
    let uncovered = 0;
    fc.assert(
      fc.property(arbitraryBoxes(1, 3), arbitraryBoxes(1, 5), (questionSpecs, unionSpecs) => {
        const boxes = boxesOf(columns, questionSpecs);
        const union = boxesOf(columns, unionSpecs);
        const verdict = searchedVerdict(columns, boxes, union, COVERAGE_BUDGET);
        // The definition: some box keeps a piece outside every box of the union.
        const outside = boxes.some((box) => union.reduce<typeof boxes>((pieces, other) => pieces.flatMap((piece) => subtractBox(columns, piece, other)), [box]).length > 0);
        if (outside) uncovered += 1;
        expect(verdict).toBe(outside ? "uncovered" : "covered");
        expect(verdict).toBe(indexedUnionCoverage(columns, boxes, new ScannedUnion(columns, union), {}, COVERAGE_BUDGET).kind);
      }),
      { numRuns: 3000 },
    );
    // Both verdicts are asked for, not only one.
    expect(uncovered).toBeGreaterThan(300);
    expect(uncovered).toBeLessThan(2700);
  });

  it("answers each reachability question of a random program as the point and exact search do", () => {
    fc.assert(
      fc.property(arbitraryProgram(), (program) => {
        for (const decision of program.decisions) {
          const analysis = new DecisionAnalysis(program, decision, BOX_LIMIT);
          const searched = (region: readonly (typeof analysis.valid)[number][], union: readonly (typeof analysis.valid)[number][]) =>
            union.length === 0 ? (analysis.and(region).length === 0 ? "covered" : "uncovered") : indexedUnionCoverage(analysis.columns, analysis.and(region), new ScannedUnion(analysis.columns, union), {}, COVERAGE_BUDGET).kind;
          for (const candidate of analysis.candidates) {
            candidate.pathways.forEach((pathway, j) => {
              const earlier = candidate.pathways.slice(0, j).flatMap((p) => p.when);
              const local = analysis.and(candidate.situation, pathway.when);
              expect(analysis.coverageVerdict(local, earlier)).toBe(searched(local, earlier));
              // The same questions asked of the product kept as parts (`region`), as reachability asks them.
              const kept = analysis.region(candidate.situation, pathway.when);
              expect(kept.empty).toBe(local.length === 0);
              expect(kept.verdict(earlier)).toBe(searched(local, earlier));
              expect(kept.boxes()).toEqual(local);
              pathway.variations.forEach((variation, k) => {
                const region = analysis.and(candidate.situation, pathway.when, analysis.boxes.consent, variation.condition);
                const takers = [...earlier, ...pathway.variations.slice(0, k).flatMap((v) => v.condition)];
                expect(analysis.coverageVerdict(region, takers)).toBe(searched(region, takers));
                const keptRegion = analysis.region(candidate.situation, pathway.when, analysis.boxes.consent, variation.condition);
                expect(keptRegion.empty).toBe(region.length === 0);
                expect(keptRegion.verdict(takers)).toBe(searched(region, takers));
                expect(keptRegion.verdict(earlier)).toBe(searched(region, earlier));
              });
            });
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
