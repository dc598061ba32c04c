/**
 * `explain`: the walk of `decide`, recorded. The same walker (walker.ts)
 * answers both, on the same per-call cache, so an explanation reads exactly
 * what `decide` reads and its answer is the one `decide` gives. The trace
 * says which index nodes were visited and which branch each took, which
 * candidate rows were tried in first-hit order, the first failing test of
 * every near miss (its column, the test, and the value seen), and where each
 * row comes from in the sources.
 *
 * Invariant: every description of a context value is bounded and never
 * reads the context again (describe-value.ts), so a trace is safe to print.
 */
import type { Answer, UnaryTest } from "./bundle.js";
import type { CompiledDecision, CompiledRow } from "./compile-decision.js";
import { describeValue } from "./describe-value.js";
import { decodeTest, nodeStarts } from "./encode-table.js";
import type { WalkerTrace } from "./walker.js";
import { placeUnit } from "./experiment-assignment.js";

export interface SourcePosition {
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
}

/** What a column held, as a short description. */
export interface SeenValue {
  /** The column path. */
  readonly column: string;
  /** `absent`, or a bounded description such as `"fax"`, `45`, `a list`. */
  readonly actual: string;
  /** Whether the value counts as absent for the column (missing, null, or of the wrong type). */
  readonly absent: boolean;
}

export interface IndexStep extends SeenValue {
  readonly node: number;
  readonly kind: "switch" | "split" | "test";
  /** The branch taken, in words: `case "store"`, `other`, `absent`, `below 30`, `at 30`, `above 60`, `then`, `else`. */
  readonly branch: string;
  readonly next: number;
}

export interface FailedTest extends SeenValue {
  readonly columnIndex: number;
  readonly test: UnaryTest;
}

export interface RowTrial {
  readonly row: number;
  readonly rule: string;
  readonly source: SourcePosition;
  readonly matched: boolean;
  /** The first test (in column order) that failed; null for the matching row. */
  readonly failed: FailedTest | null;
}

export interface Trace {
  /** Every dispatch step, in the order taken (the parts of a `union` node one after another). */
  readonly path: readonly IndexStep[];
  /** The `rows` leaf whose row answered, or, when none did, the last one reached. */
  readonly leaf: number;
  /** Every `rows` leaf reached, in order (more than one below a `union` node). */
  readonly leaves: readonly number[];
  /**
   * Candidate rows tried, in the order the walk tried them: in first-hit
   * order within each leaf, the parts of a `union` one after another, and
   * none at or after a row already found; the chosen row is the last one
   * that matched.
   */
  readonly tried: readonly RowTrial[];
  /** The chosen row's index in the table, or null when none matched. */
  readonly row: number | null;
  readonly source: SourcePosition | null;
  /**
   * For an answer with an experiment: the unit as hashed, its bucket and the
   * range `[start, end)` it fell in (docs/experiments.md#assignment).
   */
  readonly experiment: { readonly name: string; readonly arm: string; readonly unit: string; readonly bucket: number; readonly range: readonly [number, number] } | null;
}

export interface Explanation extends Answer {
  readonly trace: Trace;
}

function seen(path: string, raw: unknown, value: unknown): SeenValue {
  return { column: path, actual: raw === undefined ? "absent" : describeValue(raw), absent: value === undefined };
}

function sourceOf(row: CompiledRow, sources: readonly string[]): SourcePosition {
  const [file, line, column] = row.src;
  return { file: sources[file] ?? `#${file}`, line, column };
}

const KINDS = { 1: "switch", 2: "split", 3: "test" } as const;

/** The branch a dispatch step took, in words, from the walker's branch number. */
function branchName(decision: CompiledDecision, at: number, branch: number): string {
  const code = decision.table.nodes;
  const literal = (position: number) => decision.table.literals[code[position] as number];
  switch (code[at]) {
    case 1:
      return branch === -1 ? "absent" : branch === -2 ? "other" : `case ${JSON.stringify(String(literal(at + 5 + 2 * branch)))}`;
    case 2: {
      if (branch === -1) return "absent";
      const count = code[at + 3] as number;
      const bound = (offset: number) => String(literal(at + 4 + offset));
      if (branch % 2 === 1) return `at ${bound((branch - 1) / 2)}`;
      const index = branch / 2;
      if (count === 0) return "any";
      if (index === 0) return `below ${bound(0)}`;
      if (index === count) return `above ${bound(index - 1)}`;
      return `between ${bound(index - 1)} and ${bound(index)}`;
    }
    default:
      return branch === 1 ? "then" : "else";
  }
}

/** Where the answer's unit fell: read the unit again and place it, as the walker did. */
function placement(decision: CompiledDecision, answer: Answer, context: unknown): Trace["experiment"] {
  const exposure = answer.experiment;
  const column = exposure === null ? undefined : decision.experiments.get(exposure.name);
  if (exposure === null || column === undefined) return null;
  let value: unknown = context;
  for (const key of column.path.split(".")) {
    value = typeof value === "object" && value !== null && !Array.isArray(value) && Object.prototype.hasOwnProperty.call(value, key) ? (value as Record<string, unknown>)[key] : undefined;
  }
  const placed = placeUnit(column.seed, column.ranges, value);
  const range = placed === null ? undefined : column.ranges[placed.arm];
  if (placed === null || range === undefined) return null;
  return { name: exposure.name, arm: exposure.arm, unit: placed.unit, bucket: placed.bucket, range: [range[0], range[1]] };
}

export function explainDecision(decision: CompiledDecision, context: unknown, sources: readonly string[]): Explanation {
  const recorded: WalkerTrace = { steps: [], leaves: [], tried: [] };
  const answer = decision.walker.find(context, recorded);
  const starts = nodeStarts(decision.table.nodes);
  const code = decision.table.nodes;
  const path: IndexStep[] = [];
  for (let i = 0; i < recorded.steps.length; i += 5) {
    const node = recorded.steps[i] as number;
    const at = starts[node] as number;
    const kind = code[at] as 1 | 2 | 3;
    const column = kind === 3 ? (decision.table.tests[4 * (code[at + 1] as number) + 1] as number) : (code[at + 1] as number);
    path.push({
      node,
      kind: KINDS[kind],
      ...seen(decision.paths[column] as string, recorded.steps[i + 3], recorded.steps[i + 4]),
      branch: branchName(decision, at, recorded.steps[i + 1] as number),
      next: recorded.steps[i + 2] as number,
    });
  }
  const tried: RowTrial[] = [];
  let chosen: CompiledRow | null = null;
  for (let i = 0; i < recorded.tried.length; i += 4) {
    const row = decision.row(recorded.tried[i] as number);
    const test = recorded.tried[i + 1] as number;
    let failed: FailedTest | null = null;
    if (test >= 0) {
      const decoded = decodeTest(decision.table, test);
      failed = {
        columnIndex: decoded.column,
        test: decoded.test,
        ...seen(decision.paths[decoded.column] as string, recorded.tried[i + 2], recorded.tried[i + 3]),
      };
    } else chosen = row;
    tried.push({ row: row.index, rule: row.outcome.rule, source: sourceOf(row, sources), matched: failed === null, failed });
  }
  // A leaf lists its first row, then each as its difference from the one before (the file's form).
  const leafHolds = (leaf: number, row: number): boolean => {
    const at = starts[leaf] as number;
    for (let i = 0, r = 0; i < (code[at + 1] as number); i++) if ((r += code[at + 2 + i] as number) === row) return true;
    return false;
  };
  const answering = chosen === null ? undefined : recorded.leaves.findLast((leaf) => leafHolds(leaf, (chosen as CompiledRow).index));
  const trace: Trace = {
    path,
    leaf: answering ?? (recorded.leaves[recorded.leaves.length - 1] as number),
    leaves: recorded.leaves,
    tried,
    row: chosen === null ? null : chosen.index,
    source: chosen === null ? null : sourceOf(chosen, sources),
    experiment: placement(decision, answer, context),
  };
  return { ...answer, trace };
}
