import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyzeProgram, candidatesFor, interpret, lowerProgram, selectPathway } from "@scn/compiler";
import { takeLoweredBoxes } from "../src/lower/scenario-conditions.js";
import { BOX_LIMIT } from "../src/lower/lower.js";
import { analysisFindings } from "./support/compile.js";
import { DecisionAnalysis } from "../src/analysis/decision-analysis.js";
import { COVERAGE_BUDGET, indexedUnionCoverage, type Coverage } from "../src/boxes/coverage.js";
import { EVERYTHING } from "../src/boxes/box.js";
import { ScannedUnion } from "../src/boxes/scanned-union.js";
import { arbitraryProgram, arbitraryValidContext, isValidContext } from "./arbitrary/index.js";

describe("analysis on random programs", () => {
  it("finds the same with the boxes lowering built as with boxes of its own", () => {
    fc.assert(
      fc.property(arbitraryProgram(), (program) => {
        const shared = lowerProgram(program).value;
        const own = lowerProgram(program).value;
        // The second lowering's boxes are taken away, so its analysis builds them again.
        for (const lowered of own.decisions.values()) if (lowered !== null) expect(takeLoweredBoxes(lowered, BOX_LIMIT)).toBeDefined();
        expect(analyzeProgram(program, shared).diagnostics).toEqual(analyzeProgram(program, own).diagnostics);
      }),
      { numRuns: 50 },
    );
  });

  it("answers a coverage verdict over no boxes without a search, as the search answers it", () => {
    fc.assert(
      fc.property(arbitraryProgram(), (program) => {
        for (const decision of program.decisions) {
          const analysis = new DecisionAnalysis(program, decision, BOX_LIMIT);
          for (const candidate of analysis.candidates) {
            for (const pathway of candidate.pathways) {
              for (const region of [analysis.and(candidate.situation, pathway.when), analysis.and(candidate.situation, pathway.when, analysis.boxes.consent, ...pathway.variations.slice(0, 1).map((v) => v.condition))]) {
                const searched = indexedUnionCoverage(analysis.columns, analysis.and(region), new ScannedUnion(analysis.columns, []), {}, COVERAGE_BUDGET);
                expect(analysis.coverageVerdict(region, [])).toBe(searched.kind);
              }
            }
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it("lists the overlapping higher-priority scenarios and answers the fall-through question as the definitions do", () => {
    fc.assert(
      fc.property(arbitraryProgram(), (program) => {
        for (const decision of program.decisions) {
          const analysis = new DecisionAnalysis(program, decision, BOX_LIMIT);
          const every = (): Coverage => analysis.coverage([EVERYTHING], analysis.anyClaims([EVERYTHING]));
          const sameFallThrough = (reference: Coverage): void => {
            const answer = analysis.claimsCoverage();
            // The union of the claims may prove coverage where the search ran out of its budget; otherwise the answer is the search's, piece included.
            if (reference.kind === "unknown") expect(answer.kind).not.toBe("uncovered");
            else expect(answer).toEqual(reference);
          };
          sameFallThrough(every());
          const shadowed = new Set<number>();
          analysis.candidates.forEach((candidate, i) => {
            const claim = analysis.claim(candidate);
            const region = analysis.and(claim);
            // The definition: strictly higher-priority candidates, before this one and not shadowed, whose claims share a valid context with the region, in order.
            const expected = analysis.candidates.filter((other, j) => j < i && other.scenario.priority > candidate.scenario.priority && !shadowed.has(j) && analysis.overlaps(region, analysis.claim(other)));
            for (const most of [0, 1, 8]) {
              const { found, more } = analysis.higherOverlapping(candidate, claim, most);
              expect(found).toEqual(expected.slice(0, most));
              expect(more).toBe(expected.length > most);
            }
            if (region.length > 0 && analysis.higherCoverage(candidate, claim).kind === "covered") {
              analysis.markShadowed(candidate);
              shadowed.add(i);
            }
          });
          // Asked again once the shadowing questions have grown the union of the claims.
          sameFallThrough(every());
        }
      }),
      { numRuns: 150 },
    );
  });

  it("never throws, and every witness is a valid context (each is confirmed by the interpreter inside analysis)", () => {
    fc.assert(
      fc.property(arbitraryProgram(), (program) => {
        const diagnostics = analysisFindings(program);
        for (const d of diagnostics) {
          expect(d.code).toMatch(/^SCN30\d\d$/);
          if (d.witness !== undefined) expect(isValidContext(program.context, d.witness)).toBe(true);
        }
      }),
      { numRuns: 250 },
    );
  });

  it("a program called unambiguous has no sampled context claimed by two equal-priority scenarios", () => {
    const programWithContexts = arbitraryProgram().chain((program) => fc.tuple(fc.constant(program), fc.array(arbitraryValidContext(program), { minLength: 20, maxLength: 40 })));
    fc.assert(
      fc.property(programWithContexts, ([program, contexts]) => {
        const ambiguous = analysisFindings(program).some((d) => d.code === "SCN3001");
        if (ambiguous) return;
        for (const decision of program.decisions) {
          const candidates = candidatesFor(program, decision.name);
          for (const context of contexts) {
            const claiming = candidates.filter((s) => selectPathway(program, s, context) !== null);
            const priorities = claiming.map((s) => s.priority);
            expect(new Set(priorities).size).toBe(priorities.length);
          }
        }
      }),
      { numRuns: 250 },
    );
  });

  it("nothing reported unreachable or never applying is ever taken by a sampled valid context", () => {
    const programWithContexts = arbitraryProgram().chain((program) => fc.tuple(fc.constant(program), fc.array(arbitraryValidContext(program), { minLength: 20, maxLength: 40 })));
    fc.assert(
      fc.property(programWithContexts, ([program, contexts]) => {
        const reported = new Set(analysisFindings(program).filter((d) => ["SCN3002", "SCN3003", "SCN3004"].includes(d.code)).map((d) => d.span));
        for (const decision of program.decisions) {
          for (const context of contexts) {
            const answer = interpret(program, decision.name, context);
            if (answer.reason !== "scenario") continue;
            const scenario = program.scenarios.find((s) => s.name === answer.scenario)!;
            const pathway = scenario.pathways.find((p) => p.name === answer.pathway)!;
            const variation = pathway.variations.find((v) => v.name === answer.variation);
            expect(reported.has(scenario.span)).toBe(false);
            expect(reported.has(pathway.span)).toBe(false);
            if (variation) expect(reported.has(variation.span)).toBe(false);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it("finds an ambiguity whenever sampling shows one", () => {
    const programWithContexts = arbitraryProgram().chain((program) => fc.tuple(fc.constant(program), fc.array(arbitraryValidContext(program), { minLength: 20, maxLength: 40 })));
    fc.assert(
      fc.property(programWithContexts, ([program, contexts]) => {
        const sampledTie = program.decisions.some((decision) => {
          const candidates = candidatesFor(program, decision.name);
          return contexts.some((context) => {
            const priorities = candidates.filter((s) => selectPathway(program, s, context) !== null).map((s) => s.priority);
            return new Set(priorities).size !== priorities.length;
          });
        });
        if (sampledTie) expect(analysisFindings(program).some((d) => d.code === "SCN3001")).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
