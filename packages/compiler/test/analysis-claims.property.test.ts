import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { columnMask, DecisionAnalysis, narrowed } from "../src/analysis/decision-analysis.js";
import { boxesMeet, boxWithin, EVERYTHING } from "../src/boxes/box.js";
import { COVERAGE_BUDGET, unionCoverage } from "../src/boxes/coverage.js";
import { arbitraryBoxes, boxesOf, table } from "./arbitrary/boxes.js";
import { BOX_LIMIT } from "../src/lower/lower.js";
import { arbitraryProgram } from "./arbitrary/index.js";

/**
 * The claim index holds each candidate's covering boxes (the boxes of its
 * claim that no other box of it contains) rather than its whole claim
 * (docs/analysis.md#keeping-each-step-cheap). These tests hold what the
 * findings read from it to the definitions over the whole claims.
 */
/** Runs `check` on the analysis of every decision of 200 random programs. */
function forEveryAnalysis(check: (analysis: DecisionAnalysis) => void): void {
  fc.assert(
    fc.property(arbitraryProgram(), (program) => {
      for (const decision of program.decisions) check(new DecisionAnalysis(program, decision, BOX_LIMIT));
    }),
    { numRuns: 200 },
  );
}

describe("the claim index over covering boxes", () => {
  it("holds, for each candidate, boxes of its claim that together hold every box of it", () => {
    forEveryAnalysis((analysis) => {
      for (const candidate of analysis.candidates) {
        const claim = analysis.claim(candidate);
        const covering = analysis.coveringClaim(candidate);
        // In the claim's order, each one of its boxes.
        expect(covering.map((box) => claim.indexOf(box))).toEqual([...covering.map((box) => claim.indexOf(box))].sort((a, b) => a - b));
        for (const box of covering) expect(claim).toContain(box);
        for (const box of claim) expect(covering.some((other) => boxWithin(analysis.columns, box, other))).toBe(true);
        // The definition: the boxes no other box of the claim contains, the first of equal boxes kept (a long claim stays whole).
        const within = (a: (typeof claim)[number], b: (typeof claim)[number]) => boxWithin(analysis.columns, a, b);
        const maximal = claim.length > 64 ? claim : claim.filter((box, i) => !claim.some((other, j) => j !== i && within(box, other) && (j < i || !within(other, box))));
        expect(covering.length).toBe(maximal.length);
        covering.forEach((box, k) => expect(box).toBe(maximal[k]));
      }
      // The fall-through question still searches the whole claims, in candidate order.
      expect(analysis.anyClaims([EVERYTHING])).toEqual(analysis.candidates.flatMap((candidate) => analysis.claim(candidate)));
    });
  });

  it("answers each shadowing question as the search over every higher-priority claim does", () => {
    forEveryAnalysis((analysis) => {
      for (const candidate of analysis.candidates) {
        const claim = analysis.claim(candidate);
        if (analysis.and(claim).length === 0) continue;
        // The definition: the valid part of the whole claim inside the whole claims of every strictly higher-priority candidate.
        const higher = analysis.candidates.filter((other) => other.scenario.priority > candidate.scenario.priority).flatMap((other) => analysis.claim(other));
        const reference = analysis.coverage(claim, higher);
        // Asked as the finding asks it, about the covering boxes.
        const answer = analysis.higherCoverage(candidate, analysis.coveringClaim(candidate));
        if (reference.kind !== "unknown" && answer.kind !== "unknown") expect(answer.kind).toBe(reference.kind);
        if (answer.kind === "covered") analysis.markShadowed(candidate);
      }
    });
  });

  it("lists every later equal-priority candidate whose claim meets one's own, in candidate order", () => {
    forEveryAnalysis((analysis) => {
      const { candidates, columns } = analysis;
      candidates.forEach((candidate, i) => {
        const later = analysis.laterEqualPriority(candidate);
        const order = later.map((other) => candidates.indexOf(other));
        expect(order).toEqual([...new Set(order)].sort((a, b) => a - b));
        for (const other of later) expect(other.scenario.priority).toBe(candidate.scenario.priority);
        const meets = candidates.filter(
          (other, j) => j > i && other.scenario.priority === candidate.scenario.priority && analysis.claim(candidate).some((x) => analysis.claim(other).some((y) => boxesMeet(columns, x, y))),
        );
        for (const other of meets) expect(later).toContain(other);
        expect(order.every((j) => j > i)).toBe(true);
      });
    });
  });

  it("narrows a question to the columns the union constrains without changing its verdict", () => {
    const columns = table();
    fc.assert(
      fc.property(arbitraryBoxes(1, 3), arbitraryBoxes(0, 6), (questionSpecs, unionSpecs) => {
        const boxes = boxesOf(columns, questionSpecs);
        const union = boxesOf(columns, unionSpecs);
        const used = [...new Set(union.flatMap((box) => [...box.keys()]))].sort((a, b) => a - b);
        const narrow = boxes.map((box) => narrowed(box, columnMask(columns, used)));
        for (const [k, box] of narrow.entries()) {
          // Only the cells on columns the union leaves open go.
          for (const [column, cell] of box) expect(boxes[k]!.get(column)).toBe(cell);
          for (const column of boxes[k]!.keys()) expect(box.has(column)).toBe(used.includes(column));
        }
        expect(unionCoverage(columns, narrow, union, COVERAGE_BUDGET).kind).toBe(unionCoverage(columns, boxes, union, COVERAGE_BUDGET).kind);
      }),
      { numRuns: 2000 },
    );
  });
});
