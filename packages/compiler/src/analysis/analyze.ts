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
import type { ScenarioFindingsStore } from "./scenario-findings.js";
import { decisionFields, orderWitness } from "./witness-fields.js";
import { BOX_LIMIT } from "../lower/lower.js";
import type { Lowering } from "../lower/lowered.js";
import { takeLoweredBoxes, type CandidateBoxes, type PreparedBoxes } from "../lower/scenario-conditions.js";

export interface AnalysisOptions {
  /** Most boxes one condition, or one product of conditions, may expand to (default BOX_LIMIT, as in lowering). */
  readonly boxes?: number;
  /** Most pieces one coverage question may split into before it is reported undecided (SCN3008). */
  readonly budget?: number;
  /**
   * Each scenario's own findings kept from earlier analyses of an edited
   * program (the language server passes one): they are taken from it when
   * nothing they depend on changed. Whatever the store holds, the findings
   * are those of an analysis without it.
   */
  readonly store?: ScenarioFindingsStore;
}

/**
 * One decision's findings, computed in steps: the generator pauses after the
 * setup, after the ambiguity question and after each scenario, so that a
 * caller can spread the work over turns of its event loop and abandon it.
 */
function* decisionSteps(program: CheckedProgram, name: string, limit: number, budget: number, store: ScenarioFindingsStore | undefined, prepared: PreparedBoxes | undefined): Generator<void, Diagnostic[]> {
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
    analysis = new DecisionAnalysis(program, decision, limit, budget, prepared);
    return [];
  });
  if (!analysis) return setup;
  const ready = analysis;
  // A scenario's gap and reachability depend on nothing outside it and the decision (see the store).
  const own = (kind: "gap" | "reachability", candidate: CandidateBoxes, run: () => Diagnostic[]): Diagnostic[] =>
    store ? store.findings(kind, ready, candidate.scenario, run) : run();
  yield;
  const findings: Diagnostic[] = guarded(`whether the scenarios of the decision \`${name}\` overlap`, decision.span, () => ambiguityFindings(ready));
  yield;
  for (const candidate of ready.candidates) {
    const scenarioFindings = guarded(`the reachability of the scenario \`${candidate.scenario.name}\``, candidate.scenario.span, () => {
      const found: Diagnostic[] = [];
      // A contradictory scenario would also make every pathway "unreachable", and
      // a shadowed one has no gap worth closing: those findings are left out.
      const never = neverAppliesFindings(ready, candidate, found);
      if (never === null) found.push(...own("gap", candidate, () => gapFindings(ready, candidate)));
      if (never !== "contradictory") found.push(...own("reachability", candidate, () => reachabilityFindings(ready, candidate)));
      return found;
    });
    findings.push(...sortDiagnostics(scenarioFindings));
    yield;
  }
  findings.push(...guarded(`which contexts of the decision \`${name}\` fall through to its default`, decision.span, () => fallThroughFindings(ready)));
  const fields = decisionFields(program, name);
  return findings.map((finding) => (finding.witness === undefined ? finding : { ...finding, witness: orderWitness(finding.witness, fields), witnessFields: fields }));
}

/** The findings on every decision that `lowering` lowered, in declaration order. */
export function analyzeProgram(program: CheckedProgram, lowering: Lowering, options: AnalysisOptions = {}): StageResult<null> {
  const steps = analyzeProgramInSteps(program, lowering, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * `analyzeProgram` as a generator that pauses between pieces of work (a
 * scenario at most, or one decision's setup or ambiguity question): the
 * language server runs it a slice at a time and drops it when an edit
 * makes its answer stale (docs/editors.md#speed).
 */
export function* analyzeProgramInSteps(program: CheckedProgram, lowering: Lowering, options: AnalysisOptions = {}): Generator<void, StageResult<null>> {
  const limit = options.boxes ?? BOX_LIMIT;
  const budget = options.budget ?? COVERAGE_BUDGET;
  const diagnostics: Diagnostic[] = [];
  for (const decision of program.decisions) {
    const lowered = lowering.decisions.get(decision.name);
    if (lowered == null) continue;
    diagnostics.push(...(yield* decisionSteps(program, decision.name, limit, budget, options.store, takeLoweredBoxes(lowered, limit))));
  }
  return { value: null, diagnostics };
}
