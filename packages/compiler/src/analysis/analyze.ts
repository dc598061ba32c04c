/**
 * Exact analysis of a checked program (docs/analysis.md#the-findings): for
 * each decision, ambiguity between equal-priority candidates, unreachable
 * pathways and variations, scenarios that never apply, gaps, and contexts
 * that fall through to the default. Findings are computed over boxes (every
 * condition of the language is a union of boxes), restricted to valid
 * contexts, with coverage decided over unions; each one carries a witness
 * context that the reference interpreter confirms before it is reported.
 *
 * Invariant: never throws on a program the checker accepted (a thrown error
 * is a compiler bug, such as a witness the interpreter refutes). A decision
 * the lowering could not lower (it reported SCN3007) is not analyzed.
 * Diagnostics come out ordered by decision, then candidate order.
 */
import { sortDiagnostics, type CheckedProgram, type Diagnostic, type Span, type StageResult } from "@scn/language";
import { incompleteFinding } from "./incomplete.js";
import { ambiguityFindings } from "./ambiguity.js";
import { fallThroughFindings, gapFindings, neverAppliesFindings } from "./coverage.js";
import { reachabilityFindings } from "./reachability.js";
import { BoxLimitExceeded } from "../boxes/box.js";
import { COVERAGE_BUDGET } from "../boxes/coverage.js";
import { DecisionAnalysis } from "./decision-analysis.js";
import { BOX_LIMIT } from "../lower/lower.js";
import type { Lowering } from "../lower/lowered.js";

export interface AnalysisOptions {
  /** Most boxes one condition, or one product of conditions, may expand to (default BOX_LIMIT, as in lowering). */
  readonly boxes?: number;
  /** Most pieces one coverage question may split into before it is reported undecided (SCN3008). */
  readonly budget?: number;
}

function analyzeDecision(program: CheckedProgram, name: string, limit: number, budget: number): Diagnostic[] {
  const decision = program.decisions.find((d) => d.name === name)!;
  // A product of unions can still outgrow the limit during analysis (two
  // scenarios' claims intersected, say); that question is then reported as
  // undecided rather than answered by a guess.
  const guarded = (question: string, span: Span, run: () => Diagnostic[]): Diagnostic[] => {
    try {
      return run();
    } catch (error) {
      if (error instanceof BoxLimitExceeded) return [incompleteFinding(span, question)];
      throw error;
    }
  };
  let analysis: DecisionAnalysis | undefined;
  const setup = guarded(`the valid contexts of the decision \`${name}\``, decision.span, () => {
    analysis = new DecisionAnalysis(program, decision, limit, budget);
    return [];
  });
  if (!analysis) return setup;
  const ready = analysis;
  const findings: Diagnostic[] = guarded(`whether the scenarios of the decision \`${name}\` overlap`, decision.span, () => ambiguityFindings(ready));
  for (const candidate of ready.candidates) {
    const scenarioFindings = guarded(`the reachability of the scenario \`${candidate.scenario.name}\``, candidate.scenario.span, () => {
      const found: Diagnostic[] = [];
      // A contradictory scenario would also make every pathway "unreachable", and
      // a shadowed one has no gap worth closing: those findings are left out.
      const never = neverAppliesFindings(ready, candidate, found);
      if (never === null) found.push(...gapFindings(ready, candidate));
      if (never !== "contradictory") found.push(...reachabilityFindings(ready, candidate));
      return found;
    });
    findings.push(...sortDiagnostics(scenarioFindings));
  }
  findings.push(...guarded(`which contexts of the decision \`${name}\` fall through to its default`, decision.span, () => fallThroughFindings(ready)));
  return findings;
}

/** The findings on every decision that `lowering` lowered, in declaration order. */
export function analyzeProgram(program: CheckedProgram, lowering: Lowering, options: AnalysisOptions = {}): StageResult<null> {
  const limit = options.boxes ?? BOX_LIMIT;
  const budget = options.budget ?? COVERAGE_BUDGET;
  const lowered = program.decisions.filter((decision) => lowering.decisions.get(decision.name) != null);
  return { value: null, diagnostics: lowered.flatMap((decision) => analyzeDecision(program, decision.name, limit, budget)) };
}
