/**
 * The one description of how an encoded table's rows and index nodes are
 * laid out (docs/bundle-format.md, "Encoded tables"), and the pass that
 * turns the file's form of a table into node numbers and absolute rows.
 *
 * The file writes what can be written small: a node's children as the
 * distance back from the node (the compiler numbers children first, so
 * distances are small and positive, where node numbers run into the
 * hundreds of thousands), a leaf's rows as differences from the row before,
 * and each row as its outcome's difference from the previous row's outcome
 * and its test count (where its tests start in `rowTests` is the sum of the
 * counts before it). The walker (walker.ts) reads that form as it is, in
 * the JSON runtime and in every JS module alike. The runtime's checks and
 * decoder (load-bundle.ts, check-encoded-index.ts, decode-table.ts) read
 * node numbers and absolute rows, which `$walkerTable` gives them in one
 * pass over the rows and one over the nodes, before any check, so that a
 * problem is reported on the same positions the file has; the compiler's
 * writer (encode-table.ts's `fileTable`) turns them back.
 *
 * Invariant: `$walkerTable` never throws on arrays of numbers, whatever they
 * hold: a node whose kind is unknown, whose count is negative or whose
 * length runs past the end is left, with every node after it, as the file
 * wrote it, for the checks to report at its position (positions in `nodes`
 * are the same in both forms).
 */

/** A table laid out with node numbers, absolute rows, and each row as outcome, first test, test count. */
export interface LaidOutTable {
  readonly literals: readonly (string | number | boolean)[];
  readonly tests: readonly number[];
  readonly lists: readonly number[];
  readonly rows: readonly number[];
  readonly rowTests: readonly number[];
  readonly nodes: readonly number[];
  readonly root: number;
}

/**
 * Where the node starting at `at` ends, that is where the next one starts:
 *
 *   rows    0, n, row…                                  2 + n integers
 *   switch  1, column, absent, other, n, (literal, node)…   5 + 2n
 *   split   2, column, absent, k, k bounds, 2k+1 nodes   5 + 3k
 *   test    3, test, then, else                          4
 *   union   4, n, node…                                  2 + n
 *
 * An unknown kind is measured as a leaf; a caller that meets one, or an end
 * that is not after `at` or lies past the array, has a malformed index.
 */
export function $nodeEnd(nodes: ArrayLike<number>, at: number): number {
  const kind = nodes[at];
  if (kind === 1) return at + 5 + 2 * (nodes[at + 4] as number);
  if (kind === 2) return at + 5 + 3 * (nodes[at + 3] as number);
  if (kind === 3) return at + 4;
  return at + 2 + (nodes[at + 1] as number);
}

/**
 * `nodes` with every child reference turned from a distance into a node
 * number (`toNumbers`) or back (a child `c` of node `id` is written
 * `id - c` either way), and every leaf's rows turned from differences into
 * row numbers or back. A new array; `nodes` is not changed.
 */
export function $convertNodes(nodes: readonly number[], toNumbers: boolean): number[] {
  const out = nodes.slice();
  const length = out.length;
  for (let at = 0, id = 0; at < length; id++) {
    const kind = out[at] as number;
    const end = $nodeEnd(out, at);
    // A node no shorter than its kind's fixed part (so that its count is not negative) and inside the array.
    const least = kind === 1 || kind === 2 ? 5 : kind === 3 ? 4 : 2;
    if (!(Number.isInteger(kind) && kind >= 0 && kind <= 4 && Number.isInteger(end) && end >= at + least && end <= length)) break;
    if (kind === 0) {
      if (toNumbers) for (let p = at + 3; p < end; p++) out[p] = (out[p] as number) + (out[p - 1] as number);
      else for (let p = end - 1; p > at + 2; p--) out[p] = (out[p] as number) - (out[p - 1] as number);
    } else if (kind === 1) {
      out[at + 2] = id - (out[at + 2] as number);
      out[at + 3] = id - (out[at + 3] as number);
      for (let p = at + 6; p < end; p += 2) out[p] = id - (out[p] as number);
    } else if (kind === 2) {
      out[at + 2] = id - (out[at + 2] as number);
      for (let p = at + 4 + (out[at + 3] as number); p < end; p++) out[p] = id - (out[p] as number);
    } else {
      // A test's two children, or a union's parts.
      for (let p = at + 2; p < end; p++) out[p] = id - (out[p] as number);
    }
    at = end;
  }
  return out;
}

/** The laid-out rows (outcome, first test, test count) for the file's (outcome difference, test count). */
export function $walkerRows(compact: readonly number[]): number[] {
  const rows = new Array<number>((compact.length >> 1) * 3);
  for (let i = 0, r = 0, outcome = 0, first = 0; i + 1 < compact.length; i += 2, r += 3) {
    outcome += compact[i] as number;
    rows[r] = outcome;
    rows[r + 1] = first;
    rows[r + 2] = compact[i + 1] as number;
    first += compact[i + 1] as number;
  }
  return rows;
}

/** A table as the file holds it, laid out with node numbers and absolute rows. */
export function $walkerTable(t: LaidOutTable): LaidOutTable {
  return { literals: t.literals, tests: t.tests, lists: t.lists, rows: $walkerRows(t.rows), rowTests: t.rowTests, nodes: $convertNodes(t.nodes, true), root: t.root };
}
