/**
 * The JSON bundle format `scn.bundle/5`: the types the compiler emits and every
 * runtime reads. In memory (as the compiler builds it and `readBundle`
 * returns it) a decision table has expanded `rows` and an `index`; on disk
 * (`BundleDocument`, written by emit/json.ts) they are encoded as flat
 * integer arrays (`EncodedTable`, docs/bundle-format.md "Encoded tables"),
 * and its outcomes and scenarios' metadata are lists whose positions stand
 * for their keys (`OutcomeTuple`, `ScenarioTuple`). The JSON Schema in `packages/compiler/schema/bundle.schema.json`
 * describes the same shape; docs/bundle-format.md explains it.
 *
 * This package has no dependencies, so these types are self-contained.
 */

export const BUNDLE_FORMAT = "scn.bundle/5";

export type Scalar = string | number | boolean;
/** A JSON value: outputs, contexts, expected outputs. Enum members are strings. */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** [low, high, lowInclusive, highInclusive]; `null` bounds are unbounded. */
export type Interval = readonly [number | null, number | null, boolean, boolean];

/**
 * A unary test on one column. On an absent, `null` or wrongly typed value
 * every test is false, except `present`, which tests presence itself.
 */
export type UnaryTest =
  | { readonly eq: Scalar }
  | { readonly in: readonly Scalar[] }
  | { readonly notIn: readonly Scalar[] }
  | { readonly range: readonly Interval[] }
  | { readonly bool: boolean }
  | { readonly contains: Scalar }
  | { readonly notContains: Scalar }
  | { readonly present: boolean };

export type ColumnType = "bool" | "int" | "number" | "string" | "enum" | "list";

export interface Column {
  /** Dot-joined context path, e.g. `order.channel`. */
  readonly path: string;
  readonly type: ColumnType;
  /** Enum members, for `enum` columns. */
  readonly values?: readonly string[];
  /** Element type, for `list` columns. */
  readonly element?: Exclude<ColumnType, "list">;
  /** True when this column is a consent gate. */
  readonly consent?: boolean;
  /**
   * A computed column (docs/bundle-format.md#experiments): its value is the
   * arm (one of `values`) that the unit at `path` is assigned to in the named
   * experiment, by GrowthBook's hash v2 with `seed` and the arms' `ranges`;
   * absent when the unit enrolls nobody (absent, `null`, not of the `unit`
   * type, the empty string, the int 0, or outside every range).
   */
  readonly experiment?: {
    readonly name: string;
    readonly seed: string;
    readonly ranges: readonly (readonly [number, number])[];
    readonly unit: "string" | "int";
  };
}

export interface Outcome {
  /** `scenario/pathway[/variation]`. */
  readonly rule: string;
  readonly scenario: string;
  readonly pathway: string;
  readonly variation: string | null;
  /** The experiment arm this outcome is, for a variation that runs a `split`. */
  readonly experiment?: { readonly name: string; readonly arm: string };
  /** Fully merged: default ⊕ pathway ⊕ variation. */
  readonly output: { readonly [key: string]: JsonValue };
  /** Metric names of the scenario, primary first. */
  readonly metrics: readonly string[];
}

export interface Row {
  /** Index into `outcomes`. */
  readonly outcome: number;
  /** Column index (as a string key) → test. A missing column means "any". */
  readonly tests: { readonly [column: string]: UnaryTest };
  /** [source file index, line, column] of the pathway or variation that produced the row. */
  readonly src: readonly [number, number, number];
}

/**
 * The decision DAG (docs/bundle-format.md#index-the-decision-dag). It only narrows candidates: a `rows` leaf
 * lists, in first-hit order, every row that can match in that region of input
 * space; the runtime checks those rows' tests in order and the first whose
 * tests all hold wins (none: the decision falls to `default` or `none`);
 * below a `union`, the earliest row any part finds wins.
 * Nodes refer to each other by index into `nodes`; identical sub-DAGs are
 * shared, so this is a DAG, not a tree.
 */
export type IndexNode =
  /**
   * Hash dispatch on an enum/string/bool column. Keys are the value as a
   * string (`"true"`/`"false"` for bools). `absent` is taken when the value is
   * absent, null or of the wrong type; `other` for any other present value.
   */
  | { readonly switch: number; readonly cases: { readonly [key: string]: number }; readonly other: number; readonly absent: number }
  /**
   * Binary search on a numeric (`int`/`number`) column. With k sorted distinct
   * `bounds`, `next` has 2k+1 entries: `next[2i]` is the open interval just
   * below `bounds[i]` (and above `bounds[i-1]`), `next[2i+1]` is the point
   * `bounds[i]` itself, and `next[2k]` is everything above the last bound.
   * `absent` as for `switch` (an `int` column also treats non-integers as absent).
   */
  | { readonly split: number; readonly bounds: readonly number[]; readonly next: readonly number[]; readonly absent: number }
  /** A single unary test, for columns not worth dispatching on (lists, presence). */
  | { readonly test: number; readonly t: UnaryTest; readonly then: number; readonly else: number }
  /**
   * Union (at least two parts): the candidates are those of all the parts
   * together. Walk every part; the earliest matching row any part finds,
   * in first-hit order, answers, and when none finds one, no row matches.
   * Rows may interleave between the parts in any order, so a walk may skip
   * a part whose rows all come after a row already found. It lets rows that
   * ignore a column be indexed apart from rows that dispatch on it, instead
   * of being copied into every case.
   */
  | { readonly union: readonly number[] }
  /** Candidate rows in first-hit order (possibly empty). */
  | { readonly rows: readonly number[] };

/** The node ids a node points at, in the order its fields list them. */
export function childrenOf(node: IndexNode): number[] {
  if ("switch" in node) return [...Object.values(node.cases), node.other, node.absent];
  if ("split" in node) return [...node.next, node.absent];
  if ("test" in node) return [node.then, node.else];
  if ("union" in node) return [...node.union];
  return [];
}

export interface DecisionIndex {
  readonly root: number;
  readonly nodes: readonly IndexNode[];
}

export interface DecisionTable {
  readonly title: string | null;
  /** JSON Schema (2020-12) of the output. */
  readonly output: { readonly [key: string]: JsonValue };
  readonly default: { readonly [key: string]: JsonValue } | null;
  readonly columns: readonly Column[];
  readonly outcomes: readonly Outcome[];
  /** First-hit, in evaluation order (docs/language.md#11-what-an-evaluation-means). */
  readonly rows: readonly Row[];
  readonly index: DecisionIndex;
}

export interface ScenarioMeta {
  readonly title: string | null;
  readonly goal: string;
  readonly decision: string;
  readonly owner: string | null;
  readonly status: "draft" | "active" | "paused" | "retired";
  readonly priority: number;
  readonly impact: "low" | "medium" | "high" | null;
  readonly feasibility: "low" | "medium" | "high" | null;
  readonly expires: string | null;
  readonly tags: readonly string[];
  readonly metrics: { role: "primary" | "secondary" | "guardrail"; metric: string; target: number | null; window: { amount: number; unit: "days" | "weeks" } | null }[];
}

export interface MetricMeta {
  readonly title: string | null;
  readonly unit: string | null;
  readonly better: "higher" | "lower";
}

export interface Bundle {
  readonly format: typeof BUNDLE_FORMAT;
  readonly compiler: string;
  /** `sha256:` of the canonical content (every key but `hash`). */
  readonly hash: string;
  /** Relative, sorted source paths; `src[0]` of rows indexes this list. */
  readonly sources: readonly string[];
  /** JSON Schema (2020-12) of the context. */
  readonly context: { readonly [key: string]: JsonValue };
  readonly consent: readonly { readonly name: string; readonly path: string }[];
  readonly decisions: { readonly [name: string]: DecisionTable };
  readonly scenarios: { readonly [name: string]: ScenarioMeta };
  readonly metrics: { readonly [name: string]: MetricMeta };
  /** Declared experiments (docs/bundle-format.md#experiments); absent when the program declares none. */
  readonly experiments?: { readonly [name: string]: ExperimentMeta };
}

/** What `decide` returns (docs/runtime.md#decidename-context--answer). */
export interface Answer {
  decision: string;
  reason: "scenario" | "default" | "none";
  /** `scenario/pathway[/variation]`, or null for `default` and `none`. */
  rule: string | null;
  scenario: string | null;
  pathway: string | null;
  variation: string | null;
  /** The merged output; the `default` for reason `default`; null for `none`. */
  output: { [key: string]: JsonValue } | null;
  metrics: string[];
  /** The value of each consent gate as seen in the context (absent → false). */
  consent: { [gate: string]: boolean };
  /**
   * The exposure to log: the experiment and arm of the chosen variation when
   * it runs a `split`, else null (docs/experiments.md#logging-the-exposure).
   */
  experiment: { name: string; arm: string } | null;
}

/** An experiment as the bundle describes it (docs/bundle-format.md#experiments). */
export interface ExperimentMeta {
  readonly title: string | null;
  readonly owner: string | null;
  /** The context path of the unit: a string or int field. */
  readonly unit: string;
  readonly seed: string;
  /** Percent of units enrolled, in (0, 100]. */
  readonly coverage: number;
  readonly status: "draft" | "running" | "stopped";
  /** Arms in order, weights in percent, with the bucket range `[start, end)` each covers. */
  readonly arms: readonly { readonly name: string; readonly weight: number; readonly range: readonly [number, number] }[];
  readonly metrics: readonly {
    readonly role: "primary" | "secondary" | "guardrail";
    readonly metric: string;
    readonly target: number | null;
    readonly window: { readonly amount: number; readonly unit: "days" | "weeks" } | null;
  }[];
}

/**
 * A decision's rows and index as the bundle file holds them: flat integer
 * arrays over a pool of literals (docs/bundle-format.md, "Encoded tables").
 */
export interface EncodedTable {
  literals: Scalar[];
  /** Four integers per test: operation, column, two operands. */
  tests: number[];
  /** Literal positions of `in`/`notIn` tests; interval triples of `range` tests. */
  lists: number[];
  /** Two integers per row: its outcome minus the previous row's (the first row's minus 0), its test count. */
  rows: number[];
  /** Each row's tests, the rows' one after another. */
  rowTests: number[];
  /** Three integers per row: source index, line minus the previous row's line (the first row's minus 0), column. */
  src: number[];
  /** The index nodes, one after another, each child as its parent's number minus its own, each leaf's rows as differences (table-layout.ts). */
  nodes: number[];
  root: number;
}

/**
 * An outcome as the bundle file holds it: `[scenario, pathway, variation,
 * shape, values, metrics]`: its output has the keys of the decision's
 * `shapes[shape]` with `values` in that order, its metrics are the
 * decision's `metricLists[metrics]`, and for an arm of a `split` a seventh
 * element is the exposure `{name, arm}` its answers carry; its rule is
 * `scenario/pathway[/variation]`.
 */
export type OutcomeTuple =
  | readonly [string, string, string | null, number, readonly JsonValue[], number]
  | readonly [string, string, string | null, number, readonly JsonValue[], number, { readonly name: string; readonly arm: string }];

/** A decision table as the bundle file holds it. */
export interface DecisionDocument extends Omit<DecisionTable, "rows" | "index" | "outcomes"> {
  outcomes: OutcomeTuple[];
  /** The distinct key lists of the outputs, each in code unit order. */
  shapes: string[][];
  /** The distinct metric lists of the outcomes. */
  metricLists: string[][];
  table: EncodedTable;
}

/** A metric use as the bundle file holds it: `[metric, role, target, window]`, the window as `[amount, unit]`. */
export type MetricUseTuple = readonly [string, "primary" | "secondary" | "guardrail", number | null, readonly [number, "days" | "weeks"] | null];

/**
 * A scenario's metadata as the bundle file holds it: `[decision, priority,
 * status, title, goal, owner, metrics, tags, impact, feasibility, expires]`,
 * where the elements from `metrics` on are left out at the end of the list
 * when they hold their defaults (`[]`, `[]`, `null`, `null`, `null`).
 */
export type ScenarioTuple = readonly [
  string,
  number,
  ScenarioMeta["status"],
  string | null,
  string,
  string | null,
  (readonly MetricUseTuple[])?,
  (readonly string[])?,
  ScenarioMeta["impact"]?,
  ScenarioMeta["feasibility"]?,
  (string | null)?,
];

/** The bundle as its file holds it: every table encoded, outcomes and scenarios as tuples. */
export interface BundleDocument extends Omit<Bundle, "decisions" | "scenarios"> {
  decisions: { [name: string]: DecisionDocument };
  scenarios: { [name: string]: ScenarioTuple };
}
