/**
 * Checks of a decision's index DAG: every node of exactly one kind, column,
 * row and node references in range, `switch` not on lists, `split` only on
 * numeric columns with strictly increasing bounds and 2k+1 targets, rows
 * leaves in first-hit order, and no cycles.
 *
 * Invariant: an index that passes is safe to walk: every walk from the root
 * reaches a `rows` leaf after at most as many steps as there are nodes.
 */
import { expectArray, expectIndex, expectRecord, field, mismatch, type Problems, type Rec } from "./bundle-problems.js";
import { checkTest, type ColumnShape } from "./check-unary-test.js";
import { appendIndex, appendKey } from "./value-path.js";

const NODE_KINDS = ["switch", "split", "test", "rows"] as const;

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
  const edges: number[][] = nodeList.map((node, position) =>
    checkNode(node, appendIndex(appendKey(path, "nodes"), position), columns, rowCount, count, p),
  );
  const cycle = findCycle(edges);
  if (cycle !== null) p.add(appendKey(path, "nodes"), `the index has a cycle through nodes ${cycle.join(" → ")}`);
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
    p.add(path, "an index node has exactly one of `switch`, `split`, `test`, `rows`");
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
