/**
 * The checked program: the checker's output and the compiler's input. Names
 * are resolved, consts substituted, segments expanded into conditions, and
 * every condition reduced to unary tests on context paths (the tabular
 * principle: each atom compares one field with literals).
 *
 * Invariants:
 * - Built only from a program the checker has seen; when the checker reported
 *   errors the compiler must not use it (it may be partial).
 * - Every `UnaryTest` here has exactly the meaning of the bundle format's
 *   unary tests (docs/bundle-format.md#unary-tests-and-absent-values): a test on an absent, `null` or wrongly typed
 *   value is false, except `present`, which tests presence itself.
 * - `scenarios` are in source order (files sorted by path, then position);
 *   candidate order (priority first) is the compiler's job.
 */
import type { Interval, JsonValue, UnaryTest } from "@scn/runtime";
import type { Span } from "./span.js";

/** A resolved type. Enum members are strings; ranges are inclusive. */
export type CheckedType =
  | { readonly kind: "bool" }
  | { readonly kind: "int"; readonly min?: number; readonly max?: number }
  | { readonly kind: "number"; readonly min?: number; readonly max?: number }
  | { readonly kind: "string" }
  | { readonly kind: "enum"; readonly members: readonly string[]; readonly name?: string }
  | { readonly kind: "list"; readonly element: CheckedType }
  | { readonly kind: "record"; readonly fields: readonly CheckedField[] };

export interface CheckedField {
  readonly name: string;
  readonly type: CheckedType;
  /** Declared with `?`: the field may be absent. */
  readonly optional: boolean;
  /** Declared `personal` (directly or inherited from an enclosing record). */
  readonly personal: boolean;
  readonly span: Span;
}

// JSON values, intervals and unary tests are the bundle format's own types
// (docs/bundle-format.md#unary-tests-and-absent-values), shared with the
// runtime rather than mirrored.
export type { Interval, JsonValue, UnaryTest };
export type JsonObject = { readonly [key: string]: JsonValue };

/** A condition over the context, after resolution. */
export type CheckedCondition =
  | { readonly kind: "true" }
  | { readonly kind: "false" }
  | { readonly kind: "and"; readonly operands: readonly CheckedCondition[] }
  | { readonly kind: "or"; readonly operands: readonly CheckedCondition[] }
  | { readonly kind: "not"; readonly operand: CheckedCondition }
  /** One atom: a unary test on the context value at `path` (dot-joined, e.g. `order.channel`). */
  | { readonly kind: "test"; readonly path: string; readonly test: UnaryTest; readonly span: Span };

export interface CheckedConsent {
  readonly name: string;
  /** A bool context path. */
  readonly path: string;
  readonly span: Span;
}

export interface CheckedSegment {
  readonly name: string;
  readonly title: string | null;
  /** Fully expanded: references to other segments are inlined. */
  readonly condition: CheckedCondition;
  readonly span: Span;
}

export interface CheckedDecision {
  readonly name: string;
  readonly title: string | null;
  readonly output: readonly CheckedField[];
  /** The `default` assignments as a JSON object, or null when there is no `default`. */
  readonly default: JsonObject | null;
  readonly span: Span;
}

export interface CheckedVariation {
  /** The segment name (declared or inline); part of the rule id. */
  readonly name: string;
  /** The declared segment it names, or null for an inline `when`. */
  readonly segment: string | null;
  readonly condition: CheckedCondition;
  /** The variation's own assignments (not merged), nested records as objects. */
  readonly assignments: JsonObject;
  /**
   * The experiment the variation runs, when it ends in a `split`: it then
   * holds only for an enrolled unit, and the arm's assignments layer last
   * (docs/experiments.md#meaning).
   */
  readonly split?: CheckedSplit;
  readonly span: Span;
}

/** A variation's `split`: one entry per arm of the experiment, in the experiment's arm order. */
export interface CheckedSplit {
  readonly experiment: string;
  readonly arms: readonly { readonly name: string; readonly assignments: JsonObject }[];
  readonly span: Span;
}

export type ExperimentStatus = "draft" | "running" | "stopped";

/** An `experiment` declaration: who is assigned (the unit), to which arm, and how (docs/experiments.md). */
export interface CheckedExperiment {
  readonly name: string;
  readonly title: string | null;
  readonly owner: string | null;
  /** A `string` or `int` context path. */
  readonly unit: string;
  /** Arms in declaration order, weights in percent (summing to 100). */
  readonly arms: readonly { readonly name: string; readonly weight: number }[];
  /** Percent of units enrolled, in (0, 100]. */
  readonly coverage: number;
  /** The hash seed: the declared `seed`, or the experiment's name. */
  readonly seed: string;
  readonly status: ExperimentStatus;
  readonly metrics: readonly CheckedMetricUse[];
  readonly span: Span;
}

export interface CheckedPathway {
  readonly name: string;
  /** null for an `otherwise` pathway. */
  readonly when: CheckedCondition | null;
  readonly assignments: JsonObject;
  readonly variations: readonly CheckedVariation[];
  readonly span: Span;
}

export type ScenarioStatus = "draft" | "active" | "paused" | "retired";
export type Level = "low" | "medium" | "high";

export interface CheckedMetricUse {
  readonly role: "primary" | "secondary" | "guardrail";
  readonly metric: string;
  /** Signed percentage, e.g. 15 for `+15%`; null when no target. */
  readonly target: number | null;
  readonly window: { readonly amount: number; readonly unit: "days" | "weeks" } | null;
}

export interface CheckedScenario {
  readonly name: string;
  readonly title: string | null;
  readonly decision: string;
  readonly owner: string | null;
  readonly status: ScenarioStatus;
  readonly priority: number;
  readonly impact: Level | null;
  readonly feasibility: Level | null;
  /** `YYYY-MM-DD` or null. */
  readonly expires: string | null;
  readonly tags: readonly string[];
  readonly goal: string;
  readonly situation: CheckedCondition;
  readonly pathways: readonly CheckedPathway[];
  readonly metrics: readonly CheckedMetricUse[];
  readonly span: Span;
}

export interface CheckedMetric {
  readonly name: string;
  readonly title: string | null;
  readonly unit: string | null;
  readonly better: "higher" | "lower";
  readonly span: Span;
}

export type CheckedExpectation =
  | { readonly kind: "rule"; readonly decision: string; readonly rule: string; readonly span: Span }
  | { readonly kind: "default"; readonly decision: string; readonly span: Span }
  | { readonly kind: "none"; readonly decision: string; readonly span: Span }
  | { readonly kind: "output"; readonly decision: string; readonly output: JsonObject; readonly span: Span }
  /** `expect D arm ARM` (arm: null for `arm none`, no experiment exposure). */
  | { readonly kind: "arm"; readonly decision: string; readonly arm: string | null; readonly span: Span };

export interface CheckedTest {
  readonly title: string;
  readonly given: JsonObject;
  readonly expectations: readonly CheckedExpectation[];
  readonly span: Span;
}

export interface CheckedProgram {
  /** Source file paths, sorted: the order that defines source order. */
  readonly files: readonly string[];
  /** The merged `context` blocks, as one record. */
  readonly context: readonly CheckedField[];
  readonly consents: readonly CheckedConsent[];
  readonly segments: readonly CheckedSegment[];
  readonly decisions: readonly CheckedDecision[];
  /** In source order. Includes every status; the compiler keeps `active` ones as candidates. */
  readonly scenarios: readonly CheckedScenario[];
  readonly metrics: readonly CheckedMetric[];
  readonly tests: readonly CheckedTest[];
  /** Declared experiments, in source order (absent in programs built before experiments existed). */
  readonly experiments?: readonly CheckedExperiment[];
}
