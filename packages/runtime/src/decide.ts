/**
 * Answering a decision: walk the index DAG to a `rows` leaf, check its
 * candidate rows in first-hit order, and build the Answer from the first row
 * whose tests all hold (else the default, else `none`).
 *
 * Invariants: the walk ends (checkBundle rejects cycles); nothing here
 * throws on any context or allocates beyond the Answer and its consent
 * record; outputs and metric lists in answers are the frozen, shared objects
 * built at load time.
 */
import type { Answer } from "./bundle.js";
import type { CompiledDecision, CompiledNode, CompiledRow } from "./compile-decision.js";
import { readPath, splitPath } from "./context-path.js";

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

/** The index of the node a non-leaf node leads to for `context`. */
export function nextNode(node: Exclude<CompiledNode, { kind: "rows" }>, context: unknown): number {
  switch (node.kind) {
    case "switch": {
      const key = node.keyOf(readPath(context, node.column.keys));
      return key === null ? node.absent : (node.cases.get(key) ?? node.other);
    }
    case "split": {
      const value = readPath(context, node.column.keys);
      return node.column.present(value) ? (node.next[splitBranch(node.bounds, value as number)] as number) : node.absent;
    }
    case "test":
      return node.test.holds(readPath(context, node.test.column.keys)) ? node.then : node.else;
  }
}

export function rowHolds(row: CompiledRow, context: unknown): boolean {
  const tests = row.tests;
  for (let i = 0; i < tests.length; i++) {
    const test = tests[i] as CompiledRow["tests"][number];
    if (!test.holds(readPath(context, test.column.keys))) return false;
  }
  return true;
}

/** The first row that matches `context`, or null. */
export function findRow(decision: CompiledDecision, context: unknown): CompiledRow | null {
  const nodes = decision.nodes;
  let node = nodes[decision.root] as CompiledNode;
  while (node.kind !== "rows") node = nodes[nextNode(node, context)] as CompiledNode;
  const rows = node.rows;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as CompiledRow;
    if (rowHolds(row, context)) return row;
  }
  return null;
}

/** The consent gates of a bundle, ready to read. */
export interface ConsentGates {
  /** The Answer's `consent` record for a context: `true` only for a gate whose value is exactly `true`. */
  read(context: unknown): { [gate: string]: boolean };
}

export function compileConsent(gates: readonly { name: string; path: string }[]): ConsentGates {
  if (gates.length === 0) {
    const none = Object.freeze({});
    return { read: () => none };
  }
  const compiled = gates.map((gate) => ({ name: gate.name, keys: splitPath(gate.path) }));
  // A gate called `__proto__` must become an own property, not a prototype change.
  const needsDefine = compiled.some((gate) => gate.name === "__proto__");
  return {
    read(context) {
      const record: { [gate: string]: boolean } = {};
      for (let i = 0; i < compiled.length; i++) {
        const gate = compiled[i] as (typeof compiled)[number];
        const value = readPath(context, gate.keys) === true;
        if (needsDefine) Object.defineProperty(record, gate.name, { value, enumerable: true, writable: true, configurable: true });
        else record[gate.name] = value;
      }
      return record;
    },
  };
}

const NO_METRICS: readonly string[] = Object.freeze([]);

/** The Answer for `row` (null: no row matched). */
export function answerFor(decision: CompiledDecision, row: CompiledRow | null, consent: { [gate: string]: boolean }): Answer {
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
