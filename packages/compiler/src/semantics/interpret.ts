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
import { situationIndex, type IndexLevel, type SituationIndex } from "./situation-index.js";
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

/**
 * Whether `condition` holds for `context`: each path is read once per
 * evaluation through `reads` when given, and absent or wrongly typed values
 * make every test false except `present`. The condition is made into a
 * function of the context the first time it is evaluated (`conditionTest`),
 * so trying the same situations over many contexts, as checking the vectors
 * of a large program does, does not walk their trees at every try.
 */
export function evaluateCondition(program: CheckedProgram, condition: CheckedCondition, context: unknown, reads: ContextReads | null = null): boolean {
  return conditionTest(condition)(program, context, reads);
}

/** A condition as a function of the program it belongs to, the context and the reads so far. */
type ConditionTest = (program: CheckedProgram, context: unknown, reads: ContextReads | null) => boolean;

/** Each condition's function, made once per condition object. */
const conditionTests = new WeakMap<CheckedCondition, ConditionTest>();

function conditionTest(condition: CheckedCondition): ConditionTest {
  let test = conditionTests.get(condition);
  if (test === undefined) conditionTests.set(condition, (test = compileCondition(condition)));
  return test;
}

/**
 * The function of one condition: the operands in their order with the same
 * short circuits as the condition's meaning (docs/language.md#11-what-an-evaluation-means),
 * without switching on the condition's kinds at every evaluation.
 */
function compileCondition(condition: CheckedCondition): ConditionTest {
  switch (condition.kind) {
    case "true":
      return () => true;
    case "false":
      return () => false;
    case "and": {
      const operands = condition.operands.map(compileCondition);
      return (program, context, reads) => {
        for (let i = 0; i < operands.length; i++) if (!(operands[i] as ConditionTest)(program, context, reads)) return false;
        return true;
      };
    }
    case "or": {
      const operands = condition.operands.map(compileCondition);
      return (program, context, reads) => {
        for (let i = 0; i < operands.length; i++) if ((operands[i] as ConditionTest)(program, context, reads)) return true;
        return false;
      };
    }
    case "not": {
      const operand = compileCondition(condition.operand);
      return (program, context, reads) => !operand(program, context, reads);
    }
    case "test": {
      const { path, test } = condition;
      return (program, context, reads) => evaluateUnaryTest(test, readOnce(program, context, reads, path));
    }
  }
}

/** The typed value at `path`, read once per evaluation when `reads` is given. */
function readOnce(program: CheckedProgram, context: unknown, reads: ContextReads | null, path: string): TypedValue | Absent {
  let value = reads?.get(path);
  if (value === undefined) {
    value = readTyped(context, path, requireField(program.context, path).field.type);
    reads?.set(path, value);
  }
  return value;
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
  return pathwayOnceSituationHolds(program, scenario, context, reads);
}

/** The first pathway whose `when` holds, or `otherwise`, for a scenario whose situation holds. */
function pathwayOnceSituationHolds(program: CheckedProgram, scenario: CheckedScenario, context: unknown, reads: ContextReads | null): CheckedPathway | null {
  return scenario.pathways.find((p) => p.when === null || evaluateCondition(program, p.when, context, reads)) ?? null;
}

/**
 * A decision's candidates with their situations' functions and the index
 * that skips candidates whose situation a key test rules out
 * (situation-index.ts), once per program and decision.
 */
interface Candidates {
  readonly scenarios: readonly CheckedScenario[];
  /** Each candidate's situation function, by position, filled in as candidates are first tried: most never are once the index skips them. */
  readonly situations: (ConditionTest | undefined)[];
  readonly index: SituationIndex;
}

const candidatesWithTests = new WeakMap<CheckedProgram, Map<string, Candidates>>();

function candidatesWithSituations(program: CheckedProgram, decision: string): Candidates {
  let byDecision = candidatesWithTests.get(program);
  if (byDecision === undefined) candidatesWithTests.set(program, (byDecision = new Map()));
  let known = byDecision.get(decision);
  if (known === undefined) {
    const scenarios = candidatesFor(program, decision);
    known = {
      scenarios,
      situations: [],
      index: situationIndex(scenarios.map((scenario) => scenario.situation)),
    };
    byDecision.set(decision, known);
  }
  return known;
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
  const { scenarios, situations, index } = candidatesWithSituations(program, decision);
  // The candidates in order, less those whose situation a key test rules
  // out (situation-index.ts): their situations are false, so the first
  // candidate that applies is the same. The lists, each ascending, are
  // merged as they are walked, without a list of all made per context.
  const { levels } = index;
  const lists: (readonly number[])[] = [index.rest];
  for (let l = 0; l < levels.length; l++) {
    const level = levels[l] as IndexLevel;
    lists.push(level.keyed(readOnce(program, context, reads, level.path)));
  }
  const at = lists.map(() => 0);
  for (;;) {
    // The least candidate at the head of a list: there are at most a few lists.
    let from = -1;
    let i = scenarios.length;
    for (let l = 0; l < lists.length; l++) {
      const head = (lists[l] as readonly number[])[at[l] as number];
      if (head !== undefined && head < i) {
        from = l;
        i = head;
      }
    }
    if (from < 0) break;
    at[from] = (at[from] as number) + 1;
    // As selectPathway, with each situation's function made once per candidate, when it is first tried.
    const situation = situations[i] ?? (situations[i] = conditionTest((scenarios[i] as CheckedScenario).situation));
    if (!situation(program, context, reads)) continue;
    const scenario = scenarios[i] as CheckedScenario;
    const pathway = pathwayOnceSituationHolds(program, scenario, context, reads);
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
