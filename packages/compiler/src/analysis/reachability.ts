/**
 * SCN3002 and SCN3003: pathways and variations that can never be chosen, for
 * any valid context. A pathway is unreachable when the earlier pathways of its
 * scenario together take every context where its situation and `when` hold
 * (or there is none). A variation is unreachable when, on its pathway and
 * with consent given, earlier variations together take every context its
 * segment holds on (or there is none).
 *
 * Invariant: a finding is reported only when the region is proved empty or
 * covered; its witness, when there is one, satisfies the element's own
 * condition and the interpreter confirms the element is not chosen on it.
 */
import { makeDiagnostic, type Diagnostic, type RelatedSpan } from "@scn/language";
import type { Box } from "../boxes/box.js";
import type { DecisionAnalysis } from "./decision-analysis.js";
import { findExperiment } from "../semantics/experiments.js";
import { selectPathway, selectVariation } from "../semantics/interpret.js";
import type { CandidateBoxes } from "../lower/scenario-conditions.js";
import { confirmWitness } from "./witness-check.js";
import { incompleteFinding } from "./incomplete.js";

function pathwayFindings(analysis: DecisionAnalysis, candidate: CandidateBoxes, unreachable: Set<number>): Diagnostic[] {
  const findings: Diagnostic[] = [];
  const { scenario } = candidate;
  candidate.pathways.forEach((pathway, j) => {
    const declared = scenario.pathways[j]!;
    const where = `the pathway \`${pathway.name}\` of the scenario \`${scenario.name}\``;
    const notTaken = (witness: unknown) => selectPathway(analysis.program, scenario, witness) !== declared;
    const region = analysis.region(candidate.situation, pathway.when);
    const earlier = candidate.pathways.slice(0, j);
    if (region.empty) {
      unreachable.add(j);
      const inside = analysis.firstValid(pathway.when);
      if (inside === null) {
        findings.push(makeDiagnostic("unreachable-pathway", pathway.span, `${where} can never be taken: its \`when\` condition holds for no valid context`, { help: "fix or remove the condition" }));
        return;
      }
      const witness = analysis.witness(inside);
      confirmWitness("unreachable-pathway", notTaken(witness), witness);
      findings.push(
        makeDiagnostic("unreachable-pathway", pathway.span, `${where} can never be taken: its \`when\` condition contradicts the scenario's \`situation\``, {
          related: [{ span: scenario.span, message: `the situation of \`${scenario.name}\`` }],
          help: "widen the situation or remove the pathway; the witness satisfies the `when` condition but not the situation",
          witness,
        }),
      );
      return;
    }
    const covered = region.verdict(earlier.flatMap((p) => p.when));
    if (covered === "unknown") {
      findings.push(incompleteFinding(pathway.span, `whether ${where} is reachable`));
      return;
    }
    if (covered === "uncovered") return;
    unreachable.add(j);
    const local = region.boxes();
    const witness = analysis.witness(analysis.firstValid(local)!);
    confirmWitness("unreachable-pathway", notTaken(witness), witness);
    const related: RelatedSpan[] = earlier.filter((p) => analysis.overlaps(local, p.when)).map((p) => ({ span: p.span, message: `\`${p.name}\` is taken first` }));
    findings.push(
      makeDiagnostic("unreachable-pathway", pathway.span, `${where} can never be taken: earlier pathways take every context it would`, {
        related,
        help: "move it before the pathways that cover it, narrow them, or remove it; the witness is a context it matches that an earlier pathway takes",
        witness,
      }),
    );
  });
  return findings;
}

function variationFindings(analysis: DecisionAnalysis, candidate: CandidateBoxes, skip: ReadonlySet<number>): Diagnostic[] {
  const findings: Diagnostic[] = [];
  const { scenario } = candidate;
  const consent = analysis.boxes.consent;
  candidate.pathways.forEach((pathway, j) => {
    if (skip.has(j)) return;
    const declared = scenario.pathways[j]!;
    const earlierPathways: Box[] = candidate.pathways.slice(0, j).flatMap((p) => p.when);
    pathway.variations.forEach((variation, k) => {
      // A split of a draft or stopped experiment never holds, which SCN2312 already says with its remedy.
      const split = declared.variations[k]?.split;
      if (split !== undefined && findExperiment(analysis.program, split.experiment).status !== "running") return;
      const where = `the variation \`${variation.name}\` of the pathway \`${pathway.name}\` in the scenario \`${scenario.name}\``;
      const notChosen = (witness: unknown) => {
        const taken = selectPathway(analysis.program, scenario, witness);
        return taken !== declared || selectVariation(analysis.program, declared, witness)?.variation !== declared.variations[k];
      };
      const region = analysis.region(candidate.situation, pathway.when, consent, variation.condition);
      const earlier = pathway.variations.slice(0, k);
      const takers = [...earlierPathways, ...earlier.flatMap((v) => v.condition)];
      // Asked first because it is the usual answer: a context that neither an
      // earlier pathway nor an earlier variation takes also escapes the earlier
      // pathways alone, so the variation is reachable and nothing else is asked.
      const covered = region.empty ? "covered" : region.verdict(takers);
      if (covered === "uncovered") return;
      const onPathway = region.empty ? "covered" : region.verdict(earlierPathways);
      // The region's boxes are built only now, for the finding's witness and related spans.
      const local = region.boxes();
      const anywhere = analysis.firstValid(local);
      if (onPathway === "unknown") {
        findings.push(incompleteFinding(variation.span, `whether ${where} is reachable`));
        return;
      }
      if (onPathway === "covered") {
        // Either nothing satisfies the segment on this pathway, or only contexts an earlier pathway takes.
        const inside = anywhere ?? analysis.firstValid(analysis.and(consent, variation.condition));
        if (inside === null) {
          findings.push(makeDiagnostic("unreachable-variation", variation.span, `${where} is never chosen: its segment holds for no valid context (with consent given)`, { help: "fix the segment's condition or remove the variation" }));
          return;
        }
        const witness = analysis.witness(inside);
        confirmWitness("unreachable-variation", notChosen(witness), witness);
        findings.push(
          makeDiagnostic("unreachable-variation", variation.span, `${where} is never chosen: its segment never holds where the pathway is taken`, {
            related: [{ span: pathway.span, message: `pathway \`${pathway.name}\`` }],
            help: "attach the variation to a pathway its segment can meet, or remove it; the witness is in the segment but does not reach this pathway",
            witness,
          }),
        );
        return;
      }
      if (covered === "unknown") {
        findings.push(incompleteFinding(variation.span, `whether ${where} is reachable`));
        return;
      }
      const witness = analysis.witness(anywhere!);
      confirmWitness("unreachable-variation", notChosen(witness), witness);
      const related: RelatedSpan[] = earlier.filter((v) => analysis.overlaps(local, v.condition)).map((v) => ({ span: v.span, message: `\`${v.name}\` is chosen first` }));
      findings.push(
        makeDiagnostic("unreachable-variation", variation.span, `${where} is never chosen: earlier variations take every context it would`, {
          related,
          help: "move it before the variations that cover it, narrow them, or remove it; the witness is in its segment but gets an earlier variation",
          witness,
        }),
      );
    });
  });
  return findings;
}

export function reachabilityFindings(analysis: DecisionAnalysis, candidate: CandidateBoxes): Diagnostic[] {
  const unreachable = new Set<number>();
  const pathways = pathwayFindings(analysis, candidate, unreachable);
  return [...pathways, ...variationFindings(analysis, candidate, unreachable)];
}
