/**
 * SCN3001: two active candidates of one decision with equal priority that can
 * both apply to one valid context. Their order would then decide the answer,
 * which the language forbids (docs/language.md#113-first-match-and-ambiguity).
 *
 * Invariant: reported only with a witness that the interpreter confirms both
 * scenarios claim (situation holds and some pathway is taken).
 */
import { makeDiagnostic, type Diagnostic } from "@scn/language";
import type { DecisionAnalysis } from "./decision-analysis.js";
import { selectPathway } from "../semantics/interpret.js";
import { confirmWitness } from "./witness-check.js";

export function ambiguityFindings(analysis: DecisionAnalysis): Diagnostic[] {
  const findings: Diagnostic[] = [];
  const { candidates, program } = analysis;
  // Only rivals whose claims may meet are compared: pairs skipped by the
  // index provably share no context, so the findings are those of comparing
  // every equal-priority pair, in the same order.
  for (const first of candidates) {
    for (const second of analysis.laterEqualPriority(first)) {
      const shared = analysis.firstShared(analysis.claim(first), analysis.claim(second));
      if (shared === null) continue;
      const witness = analysis.witness(shared);
      const a = first.scenario;
      const b = second.scenario;
      confirmWitness("ambiguous-scenarios", selectPathway(program, a, witness) !== null && selectPathway(program, b, witness) !== null, witness);
      findings.push(
        makeDiagnostic("ambiguous-scenarios", b.span, `the scenarios \`${a.name}\` and \`${b.name}\` both apply to some contexts and have the same priority (${b.priority})`, {
          related: [{ span: a.span, message: `\`${a.name}\` also applies to the witness context` }],
          help: "give one of them a higher `priority`, or narrow a `situation` so that they cannot both hold; the witness is a context both claim",
          witness,
        }),
      );
    }
  }
  return findings;
}
