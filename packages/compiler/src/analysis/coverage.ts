/**
 * Findings about which scenario answers where:
 * - SCN3004: a scenario that never answers, because its situation and
 *   pathways never hold together, or because the union of the
 *   higher-priority candidates takes every context it claims;
 * - SCN3005: a gap: the situation holds but no pathway does (no `otherwise`);
 * - SCN3006: contexts that no scenario claims, so they get the `default`.
 *
 * Invariant: each finding is proved over valid contexts (coverage is over
 * unions, not pairs) and its witness is confirmed by the interpreter.
 */
import { makeDiagnostic, type Diagnostic } from "@scn/language";
import { incompleteFinding } from "./incomplete.js";
import type { DecisionAnalysis } from "./decision-analysis.js";
import { evaluateCondition, interpret, selectPathway, type ContextReads } from "../semantics/interpret.js";
import type { CandidateBoxes } from "../lower/scenario-conditions.js";
import { confirmWitness } from "./witness-check.js";

/**
 * The most overlapping higher-priority scenarios a shadowing finding lists.
 * On a large program a scenario may overlap hundreds of them; listing every
 * one made the report grow with the square of the program (2.9 MB of
 * terminal output for the 1,000-scenario benchmark program).
 */
const MOST_RELATED = 8;

/** How a scenario fails to apply, if it does: other findings about it are noise in either case. */
export type NeverApplies = "contradictory" | "shadowed" | null;

/** SCN3004 for one candidate. */
export function neverAppliesFindings(analysis: DecisionAnalysis, candidate: CandidateBoxes, findings: Diagnostic[]): NeverApplies {
  const { scenario } = candidate;
  // The claim's covering boxes hold the same contexts in fewer boxes (often
  // one of three): the shadowing question is asked about them, and so is
  // this one, whose product with the valid contexts that question then
  // takes from the product's memory.
  const covering = analysis.coveringClaim(candidate);
  if (analysis.and(covering).length === 0) {
    findings.push(
      makeDiagnostic("scenario-never-applies", scenario.span, `the scenario \`${scenario.name}\` never applies: no valid context satisfies its situation and one of its pathways`, {
        help: "check the `situation` and the pathways' `when` conditions for contradictions",
      }),
    );
    return "contradictory";
  }
  const covered = analysis.higherCoverage(candidate, covering);
  if (covered.kind === "unknown") {
    findings.push(incompleteFinding(scenario.span, `whether the scenario \`${scenario.name}\` is shadowed by higher-priority scenarios`));
    return null;
  }
  if (covered.kind === "uncovered") return null;
  analysis.markShadowed(candidate);
  // The witness comes from the whole claim, in its order, as it always did.
  const witness = analysis.witness(analysis.firstValid(analysis.claim(candidate))!);
  const overlapping = analysis.higherOverlapping(candidate, covering, MOST_RELATED);
  // One witness is tried on several scenarios, which test the same few fields: each field is read (and its type tested) once for all of them.
  const reads: ContextReads = new Map();
  confirmWitness("scenario-never-applies", selectPathway(analysis.program, scenario, witness, reads) !== null && answeredFirst(analysis, candidate, overlapping.found, witness, reads), witness);
  const listed = overlapping.more ? `; the ${MOST_RELATED} highest-priority of the overlapping scenarios are listed` : "";
  findings.push(
    makeDiagnostic("scenario-never-applies", scenario.span, `the scenario \`${scenario.name}\` never applies: higher-priority scenarios take every context it claims`, {
      related: overlapping.found.map((c) => ({ span: c.scenario.span, message: `\`${c.scenario.name}\` (priority ${c.scenario.priority}) answers first` })),
      help: `raise its \`priority\`, narrow the covering scenarios, or remove it; the witness is a context it claims that another scenario answers${listed}`,
      witness,
    }),
  );
  return "shadowed";
}

/**
 * Whether the interpreter answers `witness` with another scenario than
 * `name`, one of higher priority. Some higher-priority candidate taking the
 * witness proves it (first-hit answers with that one or an earlier one), so
 * the interpreter is asked whether the first higher claim holding the
 * witness on the claim index, or one of the overlapping candidates listed,
 * takes it; interpreting the whole decision tries every scenario before the
 * answer, which made confirming the findings of a large program quadratic,
 * and is what is left when neither does.
 */
function answeredFirst(analysis: DecisionAnalysis, candidate: CandidateBoxes, listed: readonly CandidateBoxes[], witness: unknown, reads: ContextReads): boolean {
  const takes = (c: CandidateBoxes | null) => c !== null && c !== candidate && selectPathway(analysis.program, c.scenario, witness, reads) !== null;
  if (takes(analysis.higherClaimant(candidate, witness)) || listed.some(takes)) return true;
  return interpret(analysis.program, analysis.decision.name, witness).scenario !== candidate.scenario.name;
}

export function gapFindings(analysis: DecisionAnalysis, candidate: CandidateBoxes): Diagnostic[] {
  const { scenario } = candidate;
  if (candidate.pathways.some((p) => p.otherwise)) return [];
  const covered = analysis.coverage(candidate.situation, candidate.pathways.flatMap((p) => p.when));
  if (covered.kind === "unknown") return [incompleteFinding(scenario.span, `whether every context in the situation of the scenario \`${scenario.name}\` takes a pathway`)];
  if (covered.kind === "covered") return [];
  const witness = analysis.witness(covered.piece);
  const program = analysis.program;
  confirmWitness("situation-gap", evaluateCondition(program, scenario.situation, witness) && selectPathway(program, scenario, witness) === null, witness);
  return [
    makeDiagnostic("situation-gap", scenario.span, `the scenario \`${scenario.name}\` has a gap: its situation holds for some contexts that none of its pathways takes`, {
      help: "add a `pathway … otherwise` to cover the rest, or widen a pathway; the witness is such a context (another scenario or the default answers it)",
      witness,
    }),
  ];
}

export function fallThroughFindings(analysis: DecisionAnalysis): Diagnostic[] {
  const { decision } = analysis;
  if (decision.default === null) return [];
  const covered = analysis.claimsCoverage();
  if (covered.kind === "unknown") return [incompleteFinding(decision.span, `which contexts of the decision \`${decision.name}\` fall through to its default`)];
  if (covered.kind === "covered") return [];
  const witness = analysis.witness(covered.piece);
  confirmWitness("falls-through-to-default", interpret(analysis.program, decision.name, witness).reason === "default", witness);
  return [
    makeDiagnostic("falls-through-to-default", decision.span, `some contexts match no scenario of the decision \`${decision.name}\` and get its \`default\``, {
      help: "add a scenario for these contexts unless the `default` is the answer they should get; the witness is one such context",
      witness,
    }),
  ];
}
