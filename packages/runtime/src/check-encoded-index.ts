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
  // The costliest walk from each node so far, by node number (saturating, as check-index.ts's).
  const cost: number[] = [];
  // Tests already found to suit the column they are on; -1 unknown, 0 no, 1 yes.
  const testSuits = new Int8Array(tests.length).fill(-1);
  let leafRows = 0;
  let worst = 0;
  const columnOf = (column: number): ColumnShape | null => (column >= 0 && column < columns.length ? (columns[column] ?? null) : null);
  for (let at = 0, id = 0; at < length; id++) {
    const kind = nodes[at] as number;
    let below = 0;
    let rowsHere = 0;
    // A child must be an earlier node; its cost is then known.
    const child = (position: number, union: boolean): boolean => {
      const target = nodes[position] as number;
      if (!(target >= 0 && target < id)) return false;
      const c = cost[target] as number;
      below = union ? Math.min(Number.MAX_SAFE_INTEGER, below + c) : Math.max(below, c);
      return true;
    };
    if (kind === 0) {
      const count = nodes[at + 1] as number;
      if (!(count >= 0) || at + 2 + count > length) return false;
      let previous = -1;
      for (let i = 0; i < count; i++) {
        const row = nodes[at + 2 + i] as number;
        if (!(row >= 0 && row < rowCount && row > previous)) return false;
        previous = row;
      }
      rowsHere = count;
      at += 2 + count;
    } else if (kind === 4) {
      const count = nodes[at + 1] as number;
      if (!(count >= 2) || at + 2 + count > length) return false;
      for (let i = 0; i < count; i++) if (!child(at + 2 + i, true)) return false;
      at += 2 + count;
    } else if (kind === 1) {
      const count = nodes[at + 4] as number;
      if (!(count >= 0) || at + 5 + 2 * count > length) return false;
      const column = columnOf(nodes[at + 1] as number);
      if (column === null || column.type === "list") return false;
      const keys = new Set<string>();
      for (let i = 0; i < count; i++) {
        const position = nodes[at + 5 + 2 * i] as number;
        const value = position >= 0 && position < literals.length ? literals[position] : undefined;
        if (typeof value !== "string" && typeof value !== "boolean") return false;
        const key = String(value);
        if (keys.has(key)) return false;
        keys.add(key);
        if (!child(at + 6 + 2 * i, false)) return false;
      }
      if (!child(at + 2, false) || !child(at + 3, false)) return false;
      at += 5 + 2 * count;
    } else if (kind === 2) {
      const k = nodes[at + 3] as number;
      if (!(k >= 0) || at + 5 + 3 * k > length) return false;
      const column = columnOf(nodes[at + 1] as number);
      if (column === null || (column.type !== "int" && column.type !== "number")) return false;
      let previous = -Infinity;
      for (let i = 0; i < k; i++) {
        const position = nodes[at + 4 + i] as number;
        const bound = position >= 0 && position < literals.length ? literals[position] : undefined;
        if (typeof bound !== "number" || !Number.isFinite(bound) || !(bound > previous)) return false;
        previous = bound;
      }
      for (let i = 0; i < 2 * k + 1; i++) if (!child(at + 4 + k + i, false)) return false;
      if (!child(at + 2, false)) return false;
      at += 5 + 3 * k;
    } else if (kind === 3) {
      if (at + 4 > length) return false;
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
      if (!child(at + 2, false) || !child(at + 3, false)) return false;
      at += 4;
    } else {
      return false;
    }
    const here = Math.min(Number.MAX_SAFE_INTEGER, 1 + rowsHere + below);
    cost.push(here);
    if (here > worst) worst = here;
    leafRows += rowsHere;
  }
  if (!(root >= 0 && root < cost.length)) return false;
  return worst <= 2 * (cost.length + leafRows);
}
