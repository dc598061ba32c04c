/**
 * Small builders for hand-written checked programs in table tests, so a test
 * reads like the `.scn` it stands for. Spans are handed out on increasing
 * lines in call order, which makes source order the order of the calls.
 */
import type {
  CheckedCondition,
  CheckedConsent,
  CheckedDecision,
  CheckedField,
  CheckedMetricUse,
  CheckedPathway,
  CheckedProgram,
  CheckedScenario,
  CheckedType,
  CheckedVariation,
  JsonObject,
  ScenarioStatus,
  UnaryTest,
} from "@scn/language";
import { GENERATED_FILE, SpanSource } from "./spans.js";

const spans = new SpanSource();

export interface FieldOptions {
  readonly optional?: boolean;
  readonly personal?: boolean;
}

export function field(name: string, type: CheckedType, options: FieldOptions = {}): CheckedField {
  return { name, type, optional: options.optional ?? false, personal: options.personal ?? false, span: spans.next() };
}

export function record(name: string, fields: readonly CheckedField[], options: FieldOptions = {}): CheckedField {
  return field(name, { kind: "record", fields }, options);
}

export const bool: CheckedType = { kind: "bool" };
export const str: CheckedType = { kind: "string" };
export const int = (min?: number, max?: number): CheckedType => ({ kind: "int", ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) });
export const num = (min?: number, max?: number): CheckedType => ({ kind: "number", ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) });
export const enumOf = (...members: string[]): CheckedType => ({ kind: "enum", members });
export const listOf = (element: CheckedType): CheckedType => ({ kind: "list", element });

export const T: CheckedCondition = { kind: "true" };
export const F: CheckedCondition = { kind: "false" };
export const test = (path: string, t: UnaryTest): CheckedCondition => ({ kind: "test", path, test: t, span: spans.next() });
export const and = (...operands: CheckedCondition[]): CheckedCondition => ({ kind: "and", operands });
export const or = (...operands: CheckedCondition[]): CheckedCondition => ({ kind: "or", operands });
export const not = (operand: CheckedCondition): CheckedCondition => ({ kind: "not", operand });

export function variation(name: string, condition: CheckedCondition, assignments: JsonObject = {}): CheckedVariation {
  return { name, segment: null, condition, assignments, span: spans.next() };
}

export function pathway(name: string, when: CheckedCondition | null, assignments: JsonObject = {}, variations: CheckedVariation[] = []): CheckedPathway {
  return { name, when, assignments, variations, span: spans.next() };
}

export interface ScenarioSpec {
  readonly name: string;
  readonly decision?: string;
  readonly priority?: number;
  readonly status?: ScenarioStatus;
  readonly situation?: CheckedCondition;
  readonly pathways: CheckedPathway[];
  readonly metrics?: CheckedMetricUse[];
}

export function scenario(spec: ScenarioSpec): CheckedScenario {
  return {
    name: spec.name,
    title: null,
    decision: spec.decision ?? "desk",
    owner: "cx",
    status: spec.status ?? "active",
    priority: spec.priority ?? 0,
    impact: null,
    feasibility: null,
    expires: null,
    tags: [],
    goal: "goal",
    situation: spec.situation ?? T,
    pathways: spec.pathways,
    metrics: spec.metrics ?? [{ role: "primary", metric: "completion", target: null, window: null }],
    span: spans.next(),
  };
}

export function decision(name: string, dflt: JsonObject | null = null, output: CheckedField[] = []): CheckedDecision {
  return { name, title: null, output, default: dflt, span: spans.next() };
}

export interface ProgramSpec {
  readonly context: CheckedField[];
  readonly consents?: { name: string; path: string }[];
  readonly decisions?: CheckedDecision[];
  readonly scenarios: CheckedScenario[];
}

/** A program; scenarios keep the order given (their source order). */
export function program(spec: ProgramSpec): CheckedProgram {
  const consents: CheckedConsent[] = (spec.consents ?? []).map((c) => ({ ...c, span: spans.next() }));
  return {
    files: [GENERATED_FILE],
    context: spec.context,
    consents,
    segments: [],
    decisions: spec.decisions ?? [decision("desk")],
    scenarios: spec.scenarios,
    metrics: [],
    tests: [],
  };
}
