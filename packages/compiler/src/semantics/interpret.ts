/**
 * The reference interpreter: the meaning of docs/language.md#11-what-an-evaluation-means, written as
 * directly as possible over the checked program, with no tables. Every other
 * evaluator (lowered rows, optimized tables, the runtime, the JS module) is
 * tested against it, and analysis checks each witness with it.
 *
 * Invariant: never throws on any context value; lookups read own properties
 * only, and absent, null or wrongly typed values make every atom false except
 * `present` (§5.7), while `not` is plain negation.
 */
import type { CheckedCondition, CheckedPathway, CheckedProgram, CheckedScenario, CheckedVariation } from "@scn/language";
import type { Answer } from "@scn/runtime";
import { candidatesFor, scenarioMetricNames } from "./candidates.js";
import { requireField } from "./context-paths.js";
import { readTyped, type Absent, type TypedValue } from "./context-value.js";
import { mergeOutputs } from "./output-merge.js";
import { evaluateUnaryTest } from "./unary-test.js";
import { armOf } from "./experiments.js";

/**
 * The typed values one evaluation has read, by path. A program tests the
 * same few fields in scenario after scenario; reading each once per
 * evaluation (as the runtime does, docs/runtime.md#hostile-contexts) instead of once per test
 * keeps the interpreter's cost per scenario small when it checks the
 * vectors of a large program. Absent values are stored as ABSENT, so a
 * missing entry means not read yet.
 */
export type ContextReads = Map<string, TypedValue | Absent>;

export function evaluateCondition(program: CheckedProgram, condition: CheckedCondition, context: unknown, reads: ContextReads | null = null): boolean {
  switch (condition.kind) {
    case "true":
      return true;
    case "false":
      return false;
    case "and":
      return condition.operands.every((c) => evaluateCondition(program, c, context, reads));
    case "or":
      return condition.operands.some((c) => evaluateCondition(program, c, context, reads));
    case "not":
      return !evaluateCondition(program, condition.operand, context, reads);
    case "test": {
      let value = reads?.get(condition.path);
      if (value === undefined) {
        const type = requireField(program.context, condition.path).field.type;
        value = readTyped(context, condition.path, type);
        reads?.set(condition.path, value);
      }
      return evaluateUnaryTest(condition.test, value);
    }
  }
}

/** The value of each consent gate: true only for a boolean `true`. */
export function consentValues(program: CheckedProgram, context: unknown): { [gate: string]: boolean } {
  const values: { [gate: string]: boolean } = {};
  for (const gate of program.consents) values[gate.name] = readTyped(context, gate.path, { kind: "bool" }) === true;
  return values;
}

/** Whether variations may apply: every declared gate is `true` (vacuously so with no gate). */
export function consentGranted(program: CheckedProgram, context: unknown): boolean {
  return Object.values(consentValues(program, context)).every((v) => v);
}

/**
 * The pathway a scenario takes for a context (§5.2): none when the situation
 * does not hold, else the first pathway whose `when` holds, or `otherwise`.
 */
export function selectPathway(program: CheckedProgram, scenario: CheckedScenario, context: unknown, reads: ContextReads | null = null): CheckedPathway | null {
  if (!evaluateCondition(program, scenario.situation, context, reads)) return null;
  return scenario.pathways.find((p) => p.when === null || evaluateCondition(program, p.when, context, reads)) ?? null;
}

/**
 * The variation chosen in a pathway (§5.4): the first whose segment holds,
 * only with consent. A variation that runs a `split` holds only for an
 * enrolled unit of a running experiment (docs/experiments.md#meaning); `arm`
 * is then the unit's arm.
 */
export function selectVariation(
  program: CheckedProgram,
  pathway: CheckedPathway,
  context: unknown,
  reads: ContextReads | null = null,
): { variation: CheckedVariation; arm: string | null } | null {
  if (!consentGranted(program, context)) return null;
  for (const variation of pathway.variations) {
    if (!evaluateCondition(program, variation.condition, context, reads)) continue;
    if (!variation.split) return { variation, arm: null };
    const arm = armOf(program, variation.split.experiment, context);
    if (arm !== null) return { variation, arm };
  }
  return null;
}

export function ruleId(scenario: string, pathway: string, variation: string | null): string {
  return variation === null ? `${scenario}/${pathway}` : `${scenario}/${pathway}/${variation}`;
}

export function interpret(program: CheckedProgram, decision: string, context: unknown): Answer {
  const declared = program.decisions.find((d) => d.name === decision);
  if (!declared) throw new Error(`internal: decision \`${decision}\` is not declared`);
  const consent = consentValues(program, context);
  const reads: ContextReads = new Map();
  for (const scenario of candidatesFor(program, decision)) {
    const pathway = selectPathway(program, scenario, context, reads);
    if (!pathway) continue;
    const chosen = selectVariation(program, pathway, context, reads);
    const variation = chosen?.variation ?? null;
    const split = variation?.split;
    const arm = split && chosen?.arm ? (split.arms.find((a) => a.name === chosen.arm)?.assignments ?? null) : null;
    return {
      decision,
      reason: "scenario",
      rule: ruleId(scenario.name, pathway.name, variation?.name ?? null),
      scenario: scenario.name,
      pathway: pathway.name,
      variation: variation?.name ?? null,
      output: mergeOutputs([declared.default, pathway.assignments, variation?.assignments ?? null, arm]),
      metrics: scenarioMetricNames(scenario),
      consent,
      experiment: split && chosen?.arm ? { name: split.experiment, arm: chosen.arm } : null,
    };
  }
  const hasDefault = declared.default !== null;
  return {
    decision,
    reason: hasDefault ? "default" : "none",
    rule: null,
    scenario: null,
    pathway: null,
    variation: null,
    output: hasDefault ? mergeOutputs([declared.default]) : null,
    metrics: [],
    consent,
    experiment: null,
  };
}
