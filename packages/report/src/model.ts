/**
 * The report's data (`report.json`, format `scn.report/1`): everything the
 * catalog site shows, for tools that want it without scraping HTML. The JSON
 * Schema `schema/report.schema.json` describes the same shape and
 * docs/report.md explains each part.
 *
 * Invariants: every list is in a stable order (programs by root path,
 * scenarios in source order, decisions and metrics in declaration order), and
 * the data depends only on the sources and `today`, so the same program gives
 * the same bytes.
 */
import type { JsonValue } from "@scn/runtime";

export const REPORT_FORMAT = "scn.report/1";

export type Level = "low" | "medium" | "high";
export type ScenarioStatus = "draft" | "active" | "paused" | "retired";

export interface Report {
  readonly format: typeof REPORT_FORMAT;
  readonly compilerVersion: string;
  /** `YYYY-MM-DD`: the date expiry was judged against. */
  readonly today: string;
  readonly programs: readonly ReportProgram[];
}

export interface ReportProgram {
  /** The config's `name`, else the program root's directory name. */
  readonly name: string;
  readonly files: readonly string[];
  /** True when the program has no error: then decision tables are present. */
  readonly ok: boolean;
  readonly consents: readonly ReportConsent[];
  readonly segments: readonly ReportSegment[];
  readonly scenarios: readonly ReportScenario[];
  readonly decisions: readonly ReportDecision[];
  readonly metrics: readonly ReportMetric[];
  readonly experiments: readonly ReportExperiment[];
  readonly findings: readonly ReportFinding[];
  readonly hygiene: ReportHygiene;
}

export interface ReportConsent {
  readonly name: string;
  readonly path: string;
}

export interface ReportSegment {
  readonly name: string;
  readonly title: string | null;
  /** The condition in words, segments expanded. */
  readonly condition: string;
}

export interface ReportScenario {
  readonly name: string;
  readonly title: string | null;
  readonly decision: string;
  readonly owner: string | null;
  readonly status: ScenarioStatus;
  readonly priority: number;
  readonly impact: Level | null;
  readonly feasibility: Level | null;
  readonly expires: string | null;
  /** True when `expires` is before `today`. */
  readonly expired: boolean;
  readonly tags: readonly string[];
  readonly goal: string;
  readonly situation: string;
  readonly pathways: readonly ReportPathway[];
  readonly metrics: readonly ReportMetricUse[];
  /** impact × feasibility on a 1–3 scale each, or null when either is unrated. */
  readonly score: number | null;
  /** 1, 2 or 3 for the top three of the prioritization; null otherwise. */
  readonly rank: number | null;
  readonly location: ReportLocation;
}

export interface ReportPathway {
  readonly name: string;
  /** The `when` in words, or null for `otherwise`. */
  readonly when: string | null;
  /** The pathway's own assignments (the foundational experience), as written. */
  readonly assignments: { readonly [field: string]: JsonValue };
  readonly variations: readonly ReportVariation[];
}

export interface ReportVariation {
  readonly name: string;
  /** The declared segment's title, when the variation names one that has a title. */
  readonly segmentTitle: string | null;
  /** True for an inline `variation NAME when …`. */
  readonly inline: boolean;
  readonly condition: string;
  readonly assignments: { readonly [field: string]: JsonValue };
}

export interface ReportMetricUse {
  readonly metric: string;
  readonly role: "primary" | "secondary" | "guardrail";
  /** Signed percentage, e.g. 15 for `+15%`. */
  readonly target: number | null;
  readonly window: { readonly amount: number; readonly unit: "days" | "weeks" } | null;
}

export interface ReportDecision {
  readonly name: string;
  readonly title: string | null;
  readonly outputFields: readonly string[];
  readonly default: { readonly [field: string]: JsonValue } | null;
  /** Which variation each segment gets in each pathway. */
  readonly matrix: ReportMatrix;
  /** The first-hit rows of the decision, or null when the program has errors (or the decision is past a lowering limit). */
  readonly table: ReportTable | null;
}

export interface ReportMatrix {
  /** Every variation name used by this decision's scenarios, in first-use order. */
  readonly segments: readonly string[];
  readonly rows: readonly ReportMatrixRow[];
}

export interface ReportMatrixRow {
  readonly scenario: string;
  readonly status: ScenarioStatus;
  readonly pathway: string;
  /** The pathway's assignments: what everyone gets, and what a customer without consent gets. */
  readonly foundational: { readonly [field: string]: JsonValue };
  /** Segment name → the assignments its variation layers on; absent when the segment has no variation here. */
  readonly variations: { readonly [segment: string]: { readonly [field: string]: JsonValue } };
}

export interface ReportTable {
  /** The context paths the rows test, in column order. */
  readonly columns: readonly string[];
  readonly rows: readonly ReportRow[];
}

export interface ReportRow {
  /** The rule id answers and logs carry: `scenario/pathway[/variation]`. */
  readonly rule: string;
  /** One entry per column: the test in words, or null for "any". */
  readonly conditions: readonly (string | null)[];
  /** The merged output: default ⊕ pathway ⊕ variation. */
  readonly output: { readonly [field: string]: JsonValue };
  readonly location: ReportLocation;
}

export interface ReportMetric {
  readonly name: string;
  readonly title: string | null;
  readonly unit: string | null;
  readonly better: "higher" | "lower";
  readonly uses: readonly (ReportMetricUse & { readonly scenario: string })[];
}

export interface ReportExperiment {
  readonly name: string;
  readonly title: string | null;
  readonly owner: string | null;
  readonly status: "draft" | "running" | "stopped";
  /** The context path whose value assigns a unit (a customer) to an arm. */
  readonly unit: string;
  /** Percent of units enrolled, in (0, 100]. */
  readonly coverage: number;
  /** Arms in declaration order, weights in percent (summing to 100). */
  readonly arms: readonly { readonly name: string; readonly weight: number }[];
  readonly seed: string;
  /** The variations that end in a `split` of this experiment. */
  readonly usedBy: readonly { readonly scenario: string; readonly pathway: string; readonly variation: string }[];
  readonly metrics: readonly ReportMetricUse[];
}

export interface ReportLocation {
  readonly file: string;
  readonly line: number;
}

export interface ReportFinding {
  readonly code: string;
  readonly severity: "error" | "warning" | "info";
  readonly message: string;
  readonly help: string | null;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** A context that exhibits the finding, for analysis findings. */
  readonly witness: JsonValue | null;
}

export interface ReportHygiene {
  /** Scenario names, each list in source order. */
  readonly expired: readonly string[];
  readonly unowned: readonly string[];
  readonly drafts: readonly string[];
  /** Findings (by index into `findings`) about gaps (SCN3005, SCN3006) and overlaps (SCN3001). */
  readonly gaps: readonly number[];
  readonly overlaps: readonly number[];
}
