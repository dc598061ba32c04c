/**
 * The conditions lowering and analysis share, as unions of boxes over one
 * decision's columns: each candidate's situation, pathway `when`s, variation
 * segments, and the consent condition (every gate `true`).
 *
 * Invariant: the boxes mean exactly the checked conditions (see dnf.ts); an
 * `otherwise` pathway's `when` is "every context", because first-hit order
 * already excludes what earlier pathways take.
 */
import type { CheckedCondition, CheckedProgram, CheckedScenario, CheckedVariation, Span } from "@scn/language";
import type { Box } from "../boxes/box.js";
import { candidatesFor } from "../semantics/candidates.js";
import { armPath, type ColumnTable } from "../boxes/column-table.js";
import { conditionToBoxes, type BoxMemo } from "./dnf.js";

export interface VariationBoxes {
  readonly name: string;
  readonly condition: readonly Box[];
  readonly span: Span;
}

export interface PathwayBoxes {
  readonly name: string;
  readonly otherwise: boolean;
  readonly when: readonly Box[];
  readonly variations: readonly VariationBoxes[];
  readonly span: Span;
}

export interface CandidateBoxes {
  readonly scenario: CheckedScenario;
  readonly situation: readonly Box[];
  readonly pathways: readonly PathwayBoxes[];
}

export interface DecisionBoxes {
  readonly candidates: readonly CandidateBoxes[];
  /** Every consent gate `true`; "every context" when no gate is declared. */
  readonly consent: readonly Box[];
}

export function consentCondition(program: CheckedProgram): CheckedCondition {
  return {
    kind: "and",
    operands: program.consents.map((gate) => ({ kind: "test", path: gate.path, test: { bool: true }, span: gate.span })),
  };
}

/**
 * A variation's condition, with its experiment's enrollment for one that runs
 * a `split` (docs/experiments.md#meaning): the arm column is present exactly
 * for an enrolled unit, and a variation of an experiment that is not running
 * never holds.
 */
function enrolledCondition(program: CheckedProgram, variation: CheckedVariation): CheckedCondition {
  const split = variation.split;
  if (!split) return variation.condition;
  const experiment = program.experiments?.find((e) => e.name === split.experiment);
  if (!experiment || experiment.status !== "running") return { kind: "false" };
  return { kind: "and", operands: [variation.condition, { kind: "test", path: armPath(split.experiment), test: { present: true }, span: split.span }] };
}

export function decisionBoxes(program: CheckedProgram, decision: string, columns: ColumnTable, limit: number): DecisionBoxes {
  // One memo per decision and column table (see `BoxMemo`): a segment named by many variations is converted once.
  const memo: BoxMemo = new Map();
  const toBoxes = (condition: CheckedCondition) => conditionToBoxes(columns, condition, limit, false, memo);
  const scenarios = candidatesFor(program, decision);
  const usesVariations = scenarios.some((s) => s.pathways.some((p) => p.variations.length > 0));
  // Converted first, so that consent gates are the first columns of every decision that has variations.
  const consent = usesVariations ? toBoxes(consentCondition(program)) : [];
  const candidates = scenarios.map((scenario) => ({
    scenario,
    situation: toBoxes(scenario.situation),
    pathways: scenario.pathways.map((pathway) => ({
      name: pathway.name,
      otherwise: pathway.when === null,
      when: toBoxes(pathway.when ?? { kind: "true" }),
      variations: pathway.variations.map((v) => ({ name: v.name, condition: toBoxes(enrolledCondition(program, v)), span: v.span })),
      span: pathway.span,
    })),
  }));
  return { candidates, consent };
}

/** A decision's columns and boxes, as lowering built them. */
export interface PreparedBoxes {
  readonly columns: ColumnTable;
  readonly boxes: DecisionBoxes;
}

/**
 * The boxes lowering built for each lowered decision, kept for the analysis
 * of the same lowering to take, with the box limit they were built under.
 * Both stages need the same boxes over the same columns, and building them
 * twice cost about a tenth of `scn check` on large programs. Keyed by the
 * lowered decision, so they go when it does; the analysis removes them once
 * taken, so that they do not outlive it in a build.
 */
const LOWERED_BOXES = new WeakMap<object, PreparedBoxes & { readonly limit: number }>();

export function keepLoweredBoxes(lowered: object, prepared: PreparedBoxes, limit: number): void {
  LOWERED_BOXES.set(lowered, { ...prepared, limit });
}

/** The boxes kept for `lowered` if they were built under `limit`, removed from the store; undefined otherwise. */
export function takeLoweredBoxes(lowered: object | null | undefined, limit: number): PreparedBoxes | undefined {
  if (lowered == null) return undefined;
  const kept = LOWERED_BOXES.get(lowered);
  LOWERED_BOXES.delete(lowered);
  return kept?.limit === limit ? { columns: kept.columns, boxes: kept.boxes } : undefined;
}
