/**
 * The JSON bundle format `scn.bundle/2`: the types the compiler emits and every
 * runtime reads. In memory (as the compiler builds it and `readBundle`
 * returns it) a decision table has expanded `rows` and an `index`; on disk
 * (`BundleDocument`, written by emit/json.ts) they are encoded as flat
 * integer arrays (`EncodedTable`, docs/bundle-format.md "Encoded tables"). The JSON Schema in `packages/compiler/schema/bundle.schema.json`
 * describes the same shape; docs/bundle-format.md explains it.
 *
 * This package has no dependencies, so these types are self-contained.
 */

export const BUNDLE_FORMAT = "scn.bundle/2";

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
  path: string;
  type: ColumnType;
  /** Enum members, for `enum` columns. */
  values?: string[];
  /** Element type, for `list` columns. */
  element?: Exclude<ColumnType, "list">;
  /** True when this column is a consent gate. */
  consent?: boolean;
}

export interface Outcome {
  /** `scenario/pathway[/variation]`. */
  rule: string;
  scenario: string;
  pathway: string;
  variation: string | null;
  /** Fully merged: default ⊕ pathway ⊕ variation. */
  output: { [key: string]: JsonValue };
  /** Metric names of the scenario, primary first. */
  metrics: string[];
}

export interface Row {
  /** Index into `outcomes`. */
  outcome: number;
  /** Column index (as a string key) → test. A missing column means "any". */
  tests: { [column: string]: UnaryTest };
  /** [source file index, line, column] of the pathway or variation that produced the row. */
  src: [number, number, number];
}

/**
 * The decision DAG (docs/bundle-format.md#index-the-decision-dag). It only narrows candidates: a `rows` leaf
 * lists, in first-hit order, every row that can match in that region of input
 * space; the runtime checks those rows' tests in order and the first whose
 * tests all hold wins (none: the decision falls to `default` or `none`, or,
 * inside a `seq` part, to the next part).
 * Nodes refer to each other by index into `nodes`; identical sub-DAGs are
 * shared, so this is a DAG, not a tree.
 */
export type IndexNode =
  /**
   * Hash dispatch on an enum/string/bool column. Keys are the value as a
   * string (`"true"`/`"false"` for bools). `absent` is taken when the value is
   * absent, null or of the wrong type; `other` for any other present value.
   */
  | { switch: number; cases: { [key: string]: number }; other: number; absent: number }
  /**
   * Binary search on a numeric (`int`/`number`) column. With k sorted distinct
   * `bounds`, `next` has 2k+1 entries: `next[2i]` is the open interval just
   * below `bounds[i]` (and above `bounds[i-1]`), `next[2i+1]` is the point
   * `bounds[i]` itself, and `next[2k]` is everything above the last bound.
   * `absent` as for `switch` (an `int` column also treats non-integers as absent).
   */
  | { split: number; bounds: number[]; next: number[]; absent: number }
  /** A single unary test, for columns not worth dispatching on (lists, presence). */
  | { test: number; t: UnaryTest; then: number; else: number }
  /**
   * Fall-through (at least two parts): walk each part in turn; the first part
   * whose walk finds a matching row answers, and when none does, no row
   * matches. Every row a part can reach comes before, in first-hit order,
   * every row a later part can reach, so trying the parts in order keeps
   * first-hit meaning. It lets rows that ignore a column be indexed apart
   * from rows that dispatch on it, instead of being copied into every case.
   */
  | { seq: number[] }
  /** Candidate rows in first-hit order (possibly empty). */
  | { rows: number[] };

/** The node ids a node points at, in the order its fields list them. */
export function childrenOf(node: IndexNode): number[] {
  if ("switch" in node) return [...Object.values(node.cases), node.other, node.absent];
  if ("split" in node) return [...node.next, node.absent];
  if ("test" in node) return [node.then, node.else];
  if ("seq" in node) return [...node.seq];
  return [];
}

export interface DecisionIndex {
  root: number;
  nodes: IndexNode[];
}

export interface DecisionTable {
  title: string | null;
  /** JSON Schema (2020-12) of the output. */
  output: { [key: string]: JsonValue };
  default: { [key: string]: JsonValue } | null;
  columns: Column[];
  outcomes: Outcome[];
  /** First-hit, in evaluation order (docs/language.md#11-what-an-evaluation-means). */
  rows: Row[];
  index: DecisionIndex;
}

export interface ScenarioMeta {
  title: string | null;
  goal: string;
  decision: string;
  owner: string | null;
  status: "draft" | "active" | "paused" | "retired";
  priority: number;
  impact: "low" | "medium" | "high" | null;
  feasibility: "low" | "medium" | "high" | null;
  expires: string | null;
  tags: string[];
  metrics: { role: "primary" | "secondary" | "guardrail"; metric: string; target: number | null; window: { amount: number; unit: "days" | "weeks" } | null }[];
}

export interface MetricMeta {
  title: string | null;
  unit: string | null;
  better: "higher" | "lower";
}

export interface Bundle {
  format: typeof BUNDLE_FORMAT;
  compiler: string;
  /** `sha256:` of the canonical content (every key but `hash`). */
  hash: string;
  /** Relative, sorted source paths; `src[0]` of rows indexes this list. */
  sources: string[];
  /** JSON Schema (2020-12) of the context. */
  context: { [key: string]: JsonValue };
  consent: { name: string; path: string }[];
  decisions: { [name: string]: DecisionTable };
  scenarios: { [name: string]: ScenarioMeta };
  metrics: { [name: string]: MetricMeta };
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
  /** Three integers per row: outcome, first position in `rowTests`, test count. */
  rows: number[];
  rowTests: number[];
  /** Three integers per row: source index, line, column. */
  src: number[];
  /** The index nodes, one after another. */
  nodes: number[];
  root: number;
}

/**
 * An outcome as the bundle file holds it: `[scenario, pathway, variation,
 * output, metrics]`; its rule is `scenario/pathway[/variation]`.
 */
export type OutcomeTuple = [string, string, string | null, { [key: string]: JsonValue }, string[]];

/** A decision table as the bundle file holds it. */
export interface DecisionDocument extends Omit<DecisionTable, "rows" | "index" | "outcomes"> {
  outcomes: OutcomeTuple[];
  table: EncodedTable;
}

/** The bundle as its file holds it: every table encoded. */
export interface BundleDocument extends Omit<Bundle, "decisions"> {
  decisions: { [name: string]: DecisionDocument };
}
