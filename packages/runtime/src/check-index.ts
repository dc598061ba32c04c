/**
 * Checks of a decision's index DAG: every node of exactly one kind, column,
 * row and node references in range, `switch` not on lists, `split` only on
 * numeric columns with strictly increasing bounds and 2k+1 targets, rows
 * leaves in first-hit order, `union` nodes with at least two parts, and no
 * cycles.
 *
 * Invariant: an index that passes is safe to walk: every walk from the root
 * ends, since no node is visited twice on one path from the root (a `union`
 * node's parts are walked one after another, each to its own leaves).
 */
import { expectArray, expectIndex, expectRecord, field, mismatch, type Problems, type Rec } from "./bundle-problems.js";
import { checkTest, type ColumnShape } from "./check-unary-test.js";
import { appendIndex, appendKey } from "./value-path.js";

const NODE_KINDS = ["switch", "split", "test", "rows", "union"] as const;

/** The kind of an index node: which one of the kind keys it has. */
function nodeKind(node: Rec): (typeof NODE_KINDS)[number] | null {
  const kinds = NODE_KINDS.filter((kind) => Object.hasOwn(node, kind));
  return kinds.length === 1 ? (kinds[0] ?? null) : null;
}

export function checkIndex(index: Rec, path: string, columns: readonly (ColumnShape | null)[], rowCount: number, p: Problems): void {
  const nodeList = field(index, "nodes", path, p);
  if (!expectArray(nodeList, appendKey(path, "nodes"), p)) return;
  const count = nodeList.length;
  expectIndex(field(index, "root", path, p), count, appendKey(path, "root"), "node", p);
  const nodesPath = appendKey(path, "nodes");
  const edges: number[][] = nodeList.map((node, position) => checkNode(node, appendIndex(nodesPath, position), columns, rowCount, count, p));
  const cycle = findCycle(edges);
  if (cycle !== null) {
    p.add(appendKey(path, "nodes"), `the index has a cycle through nodes ${cycle.join(" → ")}`);
    return;
  }
  const size = nodeList.reduce((total: number, node) => total + 1 + leafRowCount(node), 0);
  const cost = worstWalk(nodeList, edges);
  if (cost > 2 * size) {
    p.add(
      appendKey(path, "nodes"),
      `the longest walk through the index visits ${cost} nodes and rows, more than twice the index's size (${size}); \`union\` parts must not share sub-DAGs`,
    );
  }
}

function leafRowCount(node: unknown): number {
  if (typeof node !== "object" || node === null || !Object.hasOwn(node, "rows")) return 0;
  const rows = (node as { rows: unknown }).rows;
  return Array.isArray(rows) ? rows.length : 0;
}

/**
 * The most node visits plus row checks any walk can make: one plus the rows
 * of a leaf, one plus the costliest branch of a dispatch node, one plus the
 * sum of a `union` node's parts. Nested `union` nodes sharing parts could
 * make a walk exponentially long, so a bundle whose walks cost more than its size
 * is rejected rather than trusted. The graph has no cycles here; the sums
 * saturate so that a hostile index cannot overflow them.
 */
function worstWalk(nodes: readonly unknown[], edges: readonly (readonly number[])[]): number {
  const cost = new Float64Array(nodes.length).fill(-1);
  const costOf = (start: number): number => {
    const stack = [start];
    while (stack.length > 0) {
      const id = stack[stack.length - 1] as number;
      if (cost[id] !== -1) {
        stack.pop();
        continue;
      }
      const pending = (edges[id] ?? []).filter((child) => cost[child] === -1);
      if (pending.length > 0) {
        stack.push(...pending);
        continue;
      }
      const children = (edges[id] ?? []).map((child) => cost[child] as number);
      const node = nodes[id];
      const isUnion = typeof node === "object" && node !== null && Object.hasOwn(node, "union");
      const below = isUnion ? children.reduce((a, b) => a + b, 0) : children.reduce((a, b) => Math.max(a, b), 0);
      cost[id] = Math.min(Number.MAX_SAFE_INTEGER, 1 + leafRowCount(node) + below);
      stack.pop();
    }
    return cost[start] as number;
  };
  let worst = 0;
  for (let id = 0; id < nodes.length; id++) worst = Math.max(worst, costOf(id));
  return worst;
}

/** Checks one node; returns the indexes of the nodes it leads to (valid ones only). */
function checkNode(
  node: unknown,
  path: string,
  columns: readonly (ColumnShape | null)[],
  rowCount: number,
  nodeCount: number,
  p: Problems,
): number[] {
  if (!expectRecord(node, path, p)) return [];
  const kind = nodeKind(node);
  if (kind === null) {
    p.add(path, "an index node has exactly one of `switch`, `split`, `test`, `rows`, `union`");
    return [];
  }
  const at = (key: string) => appendKey(path, key);
  const next: number[] = [];
  const target = (value: unknown, where: string) => {
    if (expectIndex(value, nodeCount, where, "node", p)) next.push(value);
  };
  if (kind === "rows") {
    const rows = node.rows;
    if (!expectArray(rows, at("rows"), p)) return next;
    rows.forEach((row, position) => {
      const where = appendIndex(at("rows"), position);
      if (
        expectIndex(row, rowCount, where, "row", p) &&
        position > 0 &&
        typeof rows[position - 1] === "number" &&
        row <= (rows[position - 1] as number)
      ) {
        p.add(where, "candidate rows must be listed in first-hit order (increasing row indexes)");
      }
    });
    return next;
  }
  if (kind === "union") {
    const parts = node.union;
    if (!expectArray(parts, at("union"), p)) return next;
    if (parts.length < 2) p.add(at("union"), `a \`union\` needs at least 2 parts, got ${parts.length}`);
    parts.forEach((part, position) => target(part, appendIndex(at("union"), position)));
    return next;
  }
  const columnIndex = node[kind];
  if (!expectIndex(columnIndex, columns.length, at(kind), "column", p)) return next;
  const column = columns[columnIndex] ?? null;
  if (kind === "switch") {
    if (column !== null && column.type === "list") p.add(at("switch"), "a `switch` cannot dispatch on a `list` column");
    const cases = field(node, "cases", path, p);
    if (expectRecord(cases, at("cases"), p)) for (const key of Object.keys(cases)) target(cases[key], appendKey(at("cases"), key));
    target(field(node, "other", path, p), at("other"));
    target(field(node, "absent", path, p), at("absent"));
  } else if (kind === "split") {
    if (column !== null && column.type !== "int" && column.type !== "number")
      p.add(at("split"), `a \`split\` needs an \`int\` or \`number\` column, not \`${column.type}\``);
    const bounds = field(node, "bounds", path, p);
    const nextList = field(node, "next", path, p);
    let boundCount = 0;
    if (expectArray(bounds, at("bounds"), p)) {
      boundCount = bounds.length;
      bounds.forEach((bound, position) => {
        const where = appendIndex(at("bounds"), position);
        if (typeof bound !== "number" || !Number.isFinite(bound)) mismatch(bound, where, "a finite number", p);
        else if (position > 0 && typeof bounds[position - 1] === "number" && bound <= (bounds[position - 1] as number))
          p.add(where, "bounds must be strictly increasing");
      });
    }
    if (expectArray(nextList, at("next"), p)) {
      if (nextList.length !== 2 * boundCount + 1)
        p.add(at("next"), `with ${boundCount} bounds, \`next\` needs ${2 * boundCount + 1} entries, got ${nextList.length}`);
      nextList.forEach((entry, position) => target(entry, appendIndex(at("next"), position)));
    }
    target(field(node, "absent", path, p), at("absent"));
  } else {
    checkTest(field(node, "t", path, p), at("t"), column, p);
    target(field(node, "then", path, p), at("then"));
    target(field(node, "else", path, p), at("else"));
  }
  return next;
}

/** A cycle among the nodes, as a list of node indexes, or null. Iterative, so any size is safe. */
function findCycle(edges: readonly (readonly number[])[]): number[] | null {
  const state = new Uint8Array(edges.length); // 0 unvisited, 1 on the stack, 2 done
  for (let start = 0; start < edges.length; start++) {
    if (state[start] !== 0) continue;
    const stack: { node: number; next: number }[] = [{ node: start, next: 0 }];
    state[start] = 1;
    while (stack.length > 0) {
      const frame = stack[stack.length - 1] as { node: number; next: number };
      const targets = edges[frame.node] ?? [];
      if (frame.next >= targets.length) {
        state[frame.node] = 2;
        stack.pop();
        continue;
      }
      const target = targets[frame.next++] as number;
      if (state[target] === 1) {
        const from = stack.findIndex((entry) => entry.node === target);
        return [...stack.slice(from).map((entry) => entry.node), target];
      }
      if (state[target] === 0) {
        state[target] = 1;
        stack.push({ node: target, next: 0 });
      }
    }
  }
  return null;
}
