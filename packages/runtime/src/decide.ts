/**
 * Answering a decision: walk the index DAG to a `rows` leaf, check its
 * candidate rows in first-hit order (on a miss inside a `seq` part, walk the
 * next part), and build the Answer from the first row whose tests all hold
 * (else the default, else `none`).
 *
 * Invariants: the walk ends, and costs at most twice the index's size
 * (checkBundle rejects cycles and costlier `seq` nesting); nothing here
 * throws on any context or allocates beyond the Answer itself (and the
 * pending-parts stack of a walk that meets a `seq`); outputs,
 * metric lists and consent records in answers are frozen objects shared by
 * every answer.
 */
import type { Answer } from "./bundle.js";
import type { ColumnValues } from "./column-values.js";
import type { CompiledDecision, CompiledNode, CompiledRow } from "./compile-decision.js";

/**
 * The position of `value` among sorted `bounds`, as an index into a split
 * node's `next`: 2i for the open interval below bounds[i], 2i+1 for
 * bounds[i] itself, 2k above the last bound.
 */
export function splitBranch(bounds: readonly number[], value: number): number {
  let low = 0;
  let high = bounds.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((bounds[middle] as number) < value) low = middle + 1;
    else high = middle;
  }
  return low < bounds.length && bounds[low] === value ? 2 * low + 1 : 2 * low;
}

/** The index of the node a non-leaf node leads to, reading columns through `values`. */
export function nextNode(
  node: Exclude<CompiledNode, { kind: "rows" } | { kind: "seq" }>,
  context: unknown,
  values: ColumnValues,
  generation: number,
): number {
  switch (node.kind) {
    case "switch": {
      const key = node.keyOf(values.get(node.column.index, context, generation));
      return key === null ? node.absent : (node.cases.get(key) ?? node.other);
    }
    case "split": {
      const value = values.get(node.column.index, context, generation);
      return node.column.present(value) ? (node.next[splitBranch(node.bounds, value as number)] as number) : node.absent;
    }
    case "test":
      return node.test.holds(values.get(node.test.column.index, context, generation)) ? node.then : node.else;
  }
}

function rowHolds(row: CompiledRow, context: unknown, values: ColumnValues, generation: number): boolean {
  const tests = row.tests;
  for (let i = 0; i < tests.length; i++) {
    const test = tests[i] as CompiledRow["tests"][number];
    if (!test.holds(values.get(test.column.index, context, generation))) return false;
  }
  return true;
}

/**
 * The first row that matches `context`, or null, reading columns through
 * `values`. A `seq` node's later parts wait on a stack while its first part
 * is walked; the stack is only allocated when a walk meets a `seq`, so most
 * walks allocate nothing, and a nested `seq` never recurses on the call stack.
 */
export function findRow(decision: CompiledDecision, context: unknown, values: ColumnValues, generation: number): CompiledRow | null {
  const nodes = decision.nodes;
  let pending: number[] | null = null;
  let id = decision.root;
  for (;;) {
    const node = nodes[id] as CompiledNode;
    if (node.kind === "rows") {
      const rows = node.rows;
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i] as CompiledRow;
        if (rowHolds(row, context, values, generation)) return row;
      }
      if (pending === null || pending.length === 0) return null;
      id = pending.pop() as number;
    } else if (node.kind === "seq") {
      const parts = node.parts;
      pending ??= [];
      for (let i = parts.length - 1; i > 0; i--) pending.push(parts[i] as number);
      id = parts[0] as number;
    } else {
      id = nextNode(node, context, values, generation);
    }
  }
}

/** Answers `decision` for `context`: the whole of `decide`, on the decision's shared column cache. */
export function decideOne(decision: CompiledDecision, gates: ConsentGates, context: unknown): Answer {
  const values = decision.values;
  const generation = values.begin();
  const row = findRow(decision, context, values, generation);
  return answerFor(decision, row, consentOf(decision, gates, context, values, generation));
}

export type ConsentRecord = { readonly [gate: string]: boolean };

/** The consent gates of a bundle, as the shared records answers carry. */
export interface ConsentGates {
  readonly names: readonly string[];
  readonly paths: readonly string[];
  /** The frozen record in which gate i is true exactly when `values[i]` is `true`. */
  record(values: readonly boolean[]): ConsentRecord;
  /** The same, for at most SHARED_RECORD_GATES gates, as a bit mask (bit i: gate i); shared between answers. */
  shared(mask: number): ConsentRecord;
}

/** Up to this many gates, every combination of values gets one shared record. */
const SHARED_RECORD_GATES = 12;

export function compileConsent(gates: readonly { name: string; path: string }[]): ConsentGates {
  const names = gates.map((gate) => gate.name);
  const record = (values: readonly boolean[]): ConsentRecord => {
    // defineProperty, so that a gate called `__proto__` is an own property, not a prototype change.
    const built: { [gate: string]: boolean } = {};
    names.forEach((name, index) => Object.defineProperty(built, name, { value: values[index] === true, enumerable: true }));
    return Object.freeze(built);
  };
  // One frozen record per combination of gate values, built on first use, so that
  // `decide` does not allocate one per call.
  const records: (ConsentRecord | undefined)[] = [];
  const shared = (mask: number): ConsentRecord => (records[mask] ??= record(names.map((_, index) => (mask & (1 << index)) !== 0)));
  return { names, paths: gates.map((gate) => gate.path), record, shared };
}

/** The consent record for `context`; the decision's column cache holds the gates after its columns. */
export function consentOf(
  decision: CompiledDecision,
  gates: ConsentGates,
  context: unknown,
  values: ColumnValues,
  generation: number,
): ConsentRecord {
  const count = gates.names.length;
  const base = decision.columns.length;
  if (count <= SHARED_RECORD_GATES) {
    let mask = 0;
    for (let i = 0; i < count; i++) if (values.get(base + i, context, generation) === true) mask |= 1 << i;
    return gates.shared(mask);
  }
  return gates.record(gates.names.map((_, i) => values.get(base + i, context, generation) === true));
}

const NO_METRICS: readonly string[] = Object.freeze([]);

/** The Answer for `row` (null: no row matched). */
export function answerFor(decision: CompiledDecision, row: CompiledRow | null, consent: { readonly [gate: string]: boolean }): Answer {
  if (row !== null) {
    const outcome = row.outcome;
    return {
      decision: decision.name,
      reason: "scenario",
      rule: outcome.rule,
      scenario: outcome.scenario,
      pathway: outcome.pathway,
      variation: outcome.variation,
      output: outcome.output as Answer["output"],
      metrics: outcome.metrics as string[],
      consent,
    };
  }
  return {
    decision: decision.name,
    reason: decision.fallback === null ? "none" : "default",
    rule: null,
    scenario: null,
    pathway: null,
    variation: null,
    output: decision.fallback as Answer["output"],
    metrics: NO_METRICS as string[],
    consent,
  };
}
