/**
 * SCN3008: a coverage question that ran out of its budget. The finding it
 * would have decided is left out (reporting it unproved would be a guess), and
 * this diagnostic says so, so that silence is never mistaken for a proof.
 */
import { makeDiagnostic, type Diagnostic, type Span } from "@scn/language";

export function incompleteFinding(span: Span, question: string): Diagnostic {
  return makeDiagnostic("analysis-incomplete", span, `the analysis could not decide ${question} within its budget`, {
    help: "simplify the conditions involved (fewer `or` alternatives, fewer overlapping scenarios); the finding, if any, is not reported",
  });
}
