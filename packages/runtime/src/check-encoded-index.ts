/**
 * The quick check of an encoded index (docs/bundle-format.md, "Encoded
 * tables"), made on the integers themselves: most bundles are sound, and
 * decoding a large index into node objects only to check them cost most of
 * the time `loadBundle` took (about a second of CPU and as much again in
 * garbage collection for the 370,000 nodes of a 10,000-scenario program).
 *
 * It accepts only what decode-table.ts and check-index.ts would accept
 * without a problem, and is stricter in one way: every child must come
 * before its parent (which the compiler always does), so that a node is
 * never reached from itself and the costliest walk is found in one pass
 * in node order. When it says no, load-bundle.ts decodes the index and
 * checks the node objects as before, which reports each problem at its
 * node; so it decides only how fast a bundle is checked, never what is
 * reported.
 *
 * Invariant: `encodedIndexIsSound` returns true only when `decodeIndex`
 * followed by `checkIndex` would add no problem (a property test damages
 * encodings at random to check it).
 */
import { Problems, type Rec } from "./bundle-problems.js";
import { checkTest, type ColumnShape } from "./check-unary-test.js";
import { $nodeEnd } from "./table-layout.js";
import type { DecodedTest } from "./decode-table.js";

/**
 * Whether the index of `table` (whose arrays and tests `decodeTable` read
 * without problems, `tests` its decoded tests) is sound for `columns` and
 * `rowCount` rows.
 */
export function encodedIndexIsSound(table: Rec, tests: readonly DecodedTest[], columns: readonly (ColumnShape | null)[], rowCount: number): boolean {
  const literals = table["literals"] as readonly unknown[];
  const nodes = table["nodes"] as readonly number[];
  const root = table["root"] as number;
  const length = nodes.length;
  // The costliest walk from each node so far, by node number (saturating,
  // as check-index.ts's); every node takes at least two integers.
  const cost = new Float64Array((length >> 1) + 1);
  // The switch node (by number) that last had each case key, to find a key given twice without a Set per node.
  const caseSeenAt = new Map<string, number>();
  // Tests already found to suit the column they are on; -1 unknown, 0 no, 1 yes.
  const testSuits = new Int8Array(tests.length).fill(-1);
  let leafRows = 0;
  let worst = 0;
  let nodeCount = 0;
  const columnOf = (column: number): ColumnShape | null => (column >= 0 && column < columns.length ? (columns[column] ?? null) : null);
  for (let at = 0, id = 0; at < length; id++) {
    const kind = nodes[at] as number;
    // Where the node ends (table-layout.ts); each kind below checks that the count sizing it is not negative.
    const end = $nodeEnd(nodes, at);
    if (!(end <= length)) return false;
    // The costliest child (the sum of the parts for a union), or -1 once a
    // child is not an earlier node (whose cost would be known).
    let below = 0;
    let rowsHere = 0;
    if (kind === 0) {
      const count = nodes[at + 1] as number;
      if (!(count >= 0)) return false;
      let previous = -1;
      for (let i = 0; i < count; i++) {
        const row = nodes[at + 2 + i] as number;
        if (!(row >= 0 && row < rowCount && row > previous)) return false;
        previous = row;
      }
      rowsHere = count;
    } else if (kind === 4) {
      const count = nodes[at + 1] as number;
      if (!(count >= 2)) return false;
      for (let p = at + 2; p < end; p++) {
        const target = nodes[p] as number;
        if (!(target >= 0 && target < id)) return false;
        below = Math.min(Number.MAX_SAFE_INTEGER, below + (cost[target] as number));
      }
    } else if (kind === 1) {
      const count = nodes[at + 4] as number;
      if (!(count >= 0)) return false;
      const column = columnOf(nodes[at + 1] as number);
      if (column === null || column.type === "list") return false;
      for (let i = 0; i < count; i++) {
        const position = nodes[at + 5 + 2 * i] as number;
        const value = position >= 0 && position < literals.length ? literals[position] : undefined;
        if (typeof value !== "string" && typeof value !== "boolean") return false;
        const key = String(value);
        if (caseSeenAt.get(key) === id) return false;
        caseSeenAt.set(key, id);
      }
      below = earlierChildren(nodes, at + 6, end, 2, id, cost, earlierChildren(nodes, at + 2, at + 4, 1, id, cost, 0));
      if (below < 0) return false;
    } else if (kind === 2) {
      const k = nodes[at + 3] as number;
      if (!(k >= 0)) return false;
      const column = columnOf(nodes[at + 1] as number);
      if (column === null || (column.type !== "int" && column.type !== "number")) return false;
      let previous = -Infinity;
      for (let i = 0; i < k; i++) {
        const position = nodes[at + 4 + i] as number;
        const bound = position >= 0 && position < literals.length ? literals[position] : undefined;
        if (typeof bound !== "number" || !Number.isFinite(bound) || !(bound > previous)) return false;
        previous = bound;
      }
      below = earlierChildren(nodes, at + 4 + k, end, 1, id, cost, earlierChildren(nodes, at + 2, at + 3, 1, id, cost, 0));
      if (below < 0) return false;
    } else if (kind === 3) {
      const t = nodes[at + 1] as number;
      const test = t >= 0 && t < tests.length ? tests[t] : undefined;
      if (test === undefined) return false;
      if (testSuits[t] === -1) {
        const column = columnOf(test.column);
        const scratch = new Problems();
        if (column !== null) checkTest(test.test, "", column, scratch);
        testSuits[t] = column !== null && scratch.count() === 0 ? 1 : 0;
      }
      if (testSuits[t] !== 1) return false;
      below = earlierChildren(nodes, at + 2, at + 4, 1, id, cost, 0);
      if (below < 0) return false;
    } else {
      return false;
    }
    at = end;
    const here = Math.min(Number.MAX_SAFE_INTEGER, 1 + rowsHere + below);
    cost[id] = here;
    nodeCount = id + 1;
    if (here > worst) worst = here;
    leafRows += rowsHere;
  }
  if (!(root >= 0 && root < nodeCount)) return false;
  return worst <= 2 * (nodeCount + leafRows);
}

/**
 * The greater of `below` and the costliest child at positions `from`,
 * `from + step`, … before `to`, or -1 when one of them is not a node before
 * node `id` (or `below` is -1 already).
 */
function earlierChildren(nodes: readonly number[], from: number, to: number, step: number, id: number, cost: Float64Array, below: number): number {
  if (below < 0) return -1;
  let most = below;
  for (let p = from; p < to; p += step) {
    const target = nodes[p] as number;
    if (!(target >= 0 && target < id)) return -1;
    const c = cost[target] as number;
    if (c > most) most = c;
  }
  return most;
}
