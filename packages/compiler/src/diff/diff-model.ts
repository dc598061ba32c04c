/**
 * The result of comparing two bundles (`scn diff`): what a change does to the
 * answers customers get, decision by decision, and what it does to the
 * program's metadata. Renderers (render-*.ts) turn it into text, markdown or
 * JSON; nothing here formats anything.
 *
 * Invariant: every `BehaviorChange` carries a witness context on which the
 * old bundle answers `before` and the new bundle answers `after` (checked
 * with the runtime before the change is reported), and `behaviorChanged` is
 * true exactly when some decision was added, removed or has a change.
 */
import type { JsonValue } from "@scn/runtime";
import type { SourceEdit } from "./source-edits.js";

export type JsonObject = { [key: string]: JsonValue };

/** The part of an answer a behavior change is about: which rule answered and what it said. */
import type { ExperimentDiff } from "./experiment-diff.js";

export interface AnswerView {
  readonly reason: "scenario" | "default" | "none";
  /** `scenario/pathway[/variation]`, or null for `default` and `none`. */
  readonly rule: string | null;
  readonly output: JsonObject | null;
}

/** One field that differs; `null` stands for "not set" (outputs and metadata never hold `null` otherwise). */
export interface FieldChange {
  /** Dot-joined field path, e.g. `refund.method` or `metrics.return_calls`. */
  readonly field: string;
  readonly before: JsonValue;
  readonly after: JsonValue;
}

export interface BehaviorChange {
  readonly before: AnswerView;
  readonly after: AnswerView;
  /** The output fields that differ between `before.output` and `after.output`. */
  readonly fields: readonly FieldChange[];
  /**
   * How many (old first-hit region, new first-hit region) pairs changed this
   * way; null when the change was found by sampling.
   */
  readonly regions: number | null;
  /**
   * The customers concerned, as a condition in `.scn` syntax: the tightest
   * per-field description that contains every region of the change (it may
   * contain more); null when found by sampling.
   */
  readonly customers: string | null;
  /** A context on which the old bundle answers `before` and the new one `after`. */
  readonly witness: JsonObject;
  /** Whether the witness is valid against the new bundle's context schema. */
  readonly witnessValid: boolean;
  /**
   * The index in `BundleDiff.edits` of the source edit that alone gives the
   * new answer where this change happens; null when no single edit does (or
   * the edits are not known, as when two bundles are compared).
   */
  readonly cause: number | null;
}

export type DecisionStatus = "added" | "removed" | "changed" | "unchanged";

export interface DecisionDiff {
  readonly name: string;
  /** The new title, else the old one. */
  readonly title: string | null;
  readonly status: DecisionStatus;
  /** How changes were found: region by region (`exact`) or on sampled contexts; null for added and removed decisions. */
  readonly method: "exact" | "sampled" | null;
  /** Why the comparison fell back to sampling, in words; null when exact. */
  readonly note: string | null;
  /** Contexts evaluated when sampling; null when exact. */
  readonly samples: number | null;
  readonly changes: readonly BehaviorChange[];
  /** Changes of the decision's title and output schema. */
  readonly metadata: readonly FieldChange[];
}

export type EntryChange = "added" | "removed" | "changed";

export interface ScenarioDiff {
  readonly name: string;
  readonly decision: string;
  readonly change: EntryChange;
  /** For `changed`: every metadata field that differs (`priority`, `owner`, `metrics.NAME`, …). */
  readonly fields: readonly FieldChange[];
}

export interface MetricDiff {
  readonly name: string;
  readonly change: EntryChange;
  readonly fields: readonly FieldChange[];
}

/** A context field added, removed or retyped; types are written in `.scn` syntax (`int(0..23)?`). */
export interface ContextFieldDiff {
  readonly path: string;
  readonly change: EntryChange;
  readonly before: string | null;
  readonly after: string | null;
}

export interface BundleDiff {
  readonly behaviorChanged: boolean;
  /** Decisions of either bundle, sorted by name. */
  readonly decisions: readonly DecisionDiff[];
  readonly scenarios: readonly ScenarioDiff[];
  readonly metrics: readonly MetricDiff[];
  readonly context: readonly ContextFieldDiff[];
  /** Consent gates added, removed or moved to another path (`field` is the gate name). */
  readonly consent: readonly FieldChange[];
  /** Experiments added, removed or changed, with the share of units that change arm. */
  readonly experiments: readonly ExperimentDiff[];
  /** The source edits between the versions, constants first; empty when the versions were bundles. */
  readonly edits: readonly SourceEdit[];
}
