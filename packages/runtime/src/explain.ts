/**
 * `explain`: the same walk as decide.ts, recorded. The trace says which index
 * nodes were visited and which branch each took, which candidate rows were
 * tried in first-hit order, the first failing test of every near miss (its
 * column, the test, and the value seen), and where each row comes from in
 * the sources.
 *
 * Invariant: the answer part of an Explanation is the Answer `decide` gives
 * for the same context (checked by a property test); every description of a
 * context value is bounded (describe-value.ts), so a trace is safe to print.
 */
import type { Answer, UnaryTest } from "./bundle.js";
import type { CompiledColumn, CompiledDecision, CompiledNode, CompiledRow } from "./compile-decision.js";
import { ColumnValues } from "./column-values.js";
import { answerFor, consentOf, nextNode, splitBranch, type ConsentGates } from "./decide.js";
import { describeValue } from "./describe-value.js";

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
  /** Every dispatch step, in the order taken (the parts of a `seq` node one after another). */
  readonly path: readonly IndexStep[];
  /** The last `rows` leaf reached: the one that answered, or the last one tried. */
  readonly leaf: number;
  /** Every `rows` leaf reached, in order (more than one when a `seq` part found no matching row). */
  readonly leaves: readonly number[];
  /** Candidate rows tried, in first-hit order, up to and including the chosen one. */
  readonly tried: readonly RowTrial[];
  /** The chosen row's index in the table, or null when none matched. */
  readonly row: number | null;
  readonly source: SourcePosition | null;
}

export interface Explanation extends Answer {
  readonly trace: Trace;
}

function seen(column: CompiledColumn, context: unknown): SeenValue {
  const value = column.read(context);
  return { column: column.path, actual: value === undefined ? "absent" : describeValue(value), absent: !column.present(value) };
}

function sourceOf(row: CompiledRow, sources: readonly string[]): SourcePosition {
  const [file, line, column] = row.src;
  return { file: sources[file] ?? `#${file}`, line, column };
}

function branchName(node: Exclude<CompiledNode, { kind: "rows" } | { kind: "seq" }>, context: unknown): string {
  switch (node.kind) {
    case "switch": {
      const key = node.keyOf(node.column.read(context));
      if (key === null) return "absent";
      return node.cases.has(key) ? `case ${JSON.stringify(key)}` : "other";
    }
    case "split": {
      const value = node.column.read(context);
      if (!node.column.present(value)) return "absent";
      const position = splitBranch(node.bounds, value as number);
      const bound = (offset: number) => node.bounds[offset] as number;
      if (position % 2 === 1) return `at ${bound((position - 1) / 2)}`;
      const index = position / 2;
      if (node.bounds.length === 0) return "any";
      if (index === 0) return `below ${bound(0)}`;
      if (index === node.bounds.length) return `above ${bound(index - 1)}`;
      return `between ${bound(index - 1)} and ${bound(index)}`;
    }
    case "test":
      return node.test.holds(node.test.column.read(context)) ? "then" : "else";
  }
}

export function explainDecision(
  decision: CompiledDecision,
  gates: ConsentGates,
  context: unknown,
  sources: readonly string[],
): Explanation {
  const path: IndexStep[] = [];
  // A cache of its own: explain may run inside a getter during `decide`, and allocating here is fine.
  const values = new ColumnValues(decision.paths);
  const generation = values.begin();
  const leaves: number[] = [];
  const tried: RowTrial[] = [];
  let chosen: CompiledRow | null = null;
  // The same walk as findRow (decide.ts): later `seq` parts wait on a stack.
  const pending: number[] = [decision.root];
  while (chosen === null && pending.length > 0) {
    let at = pending.pop() as number;
    let node = decision.nodes[at] as CompiledNode;
    while (node.kind !== "rows") {
      if (node.kind === "seq") {
        for (let i = node.parts.length - 1; i > 0; i--) pending.push(node.parts[i] as number);
        at = node.parts[0] as number;
      } else {
        const next = nextNode(node, context, values, generation);
        const column = node.kind === "test" ? node.test.column : node.column;
        path.push({ node: at, kind: node.kind, ...seen(column, context), branch: branchName(node, context), next });
        at = next;
      }
      node = decision.nodes[at] as CompiledNode;
    }
    leaves.push(at);
    for (const row of node.rows) {
      const failing = row.tests.find((test) => !test.holds(test.column.read(context)));
      const failed: FailedTest | null =
        failing === undefined ? null : { columnIndex: failing.column.index, test: failing.test, ...seen(failing.column, context) };
      tried.push({ row: row.index, rule: row.outcome.rule, source: sourceOf(row, sources), matched: failed === null, failed });
      if (failed === null) {
        chosen = row;
        break;
      }
    }
  }
  const trace: Trace = {
    path,
    leaf: leaves[leaves.length - 1] as number,
    leaves,
    tried,
    row: chosen === null ? null : chosen.index,
    source: chosen === null ? null : sourceOf(chosen, sources),
  };
  return { ...answerFor(decision, chosen, consentOf(decision, gates, context, values, generation)), trace };
}
