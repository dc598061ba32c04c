/**
 * The optimizer (docs/optimizer.md) as a short pipeline over one lowered decision:
 * prune unreachable rows, merge rows, drop untested columns and orphaned
 * outcomes, then build the index.
 *
 * Invariant: every step keeps first-hit meaning, so for every context the
 * returned table (with or without its index) answers exactly as the lowered
 * rows do; the differential property test checks this on random programs.
 */
import type { DecisionIndex } from "@scn/runtime";
import type { Box } from "../boxes/box.js";
import type { ColumnTable } from "../boxes/column-table.js";
import { probeInPiece } from "../boxes/row-witness.js";
import type { Probe } from "../boxes/test-algebra.js";
import { dropUntestedColumns, dropUnusedOutcomes } from "./drop-columns.js";
import { buildIndex, type IndexOptions } from "./index/dag.js";
import type { LoweredDecision, LoweredProgram } from "../lower/lowered.js";
import { mergeRowsTraced } from "./merge-rows.js";
import { pruneUnreachableRows } from "./prune.js";

export interface OptimizeOptions extends IndexOptions {
  /**
   * Whether to keep, for each row of the result, the points pruning found
   * reaching the rows it was merged from (`OptimizedDecision.reaching`), for
   * the conformance vectors (docs/optimizer.md#conformance-witnesses).
   */
  readonly reaching?: boolean;
}

export interface OptimizeStats {
  /** Rows as lowered, before pruning. */
  readonly rowsBefore: number;
  readonly rowsAfter: number;
  /** Columns left after dropping untested ones. */
  readonly columns: number;
  readonly indexDepth: number;
  readonly indexNodes: number;
  /** True when the index hit its node budget (it is still correct, only less selective). */
  readonly indexCapped: boolean;
}

export interface OptimizedDecision {
  readonly decision: LoweredDecision;
  readonly index: DecisionIndex;
  readonly stats: OptimizeStats;
  /** With the `reaching` option: the points pruning found reaching each row (ReachingPoints). */
  readonly reaching?: ReachingPoints;
}

/**
 * The points pruning found reaching the rows (docs/optimizer.md#conformance-witnesses),
 * carried to the optimized rows.
 */
export interface ReachingPoints {
  /**
   * For each row, candidate points (a value per column, as rowWitness
   * gives) that reached, before merging, a row it was merged from.
   * Merging may let an earlier row with the same outcome answer such a
   * point first, so a reader checks a candidate before relying on it
   * (vectors.ts does), unless the row comes before `exactBefore`.
   */
  readonly points: readonly (readonly (readonly Probe[])[])[];
  /**
   * The first row merged from more than one row (the number of rows when
   * none is). Each row before it is a row pruning kept, unchanged, and so
   * is every row before it: a point pruning found reaching that row (a
   * point of its box that no earlier row meets) reaches it in the
   * optimized table too, with no need to check.
   */
  readonly exactBefore: number;
}

export function optimizeDecision(lowered: LoweredDecision, options: OptimizeOptions = {}): OptimizedDecision {
  // The lowered columns' value at each point pruning found, by lowered row.
  const points: (Probe[] | undefined)[] = [];
  // The table's column of each lowered column, looked up once per table
  // (pruning hands every piece over on one table) rather than by path for
  // every column of every row.
  let at: { readonly table: ColumnTable; readonly columns: readonly number[] } | null = null;
  const reached = (row: number, piece: Box, table: ColumnTable): void => {
    if (at === null || at.table !== table) at = { table, columns: lowered.columns.map((column) => table.indexOf(column.path)) };
    const columns = at.columns;
    const point: Probe[] = [];
    for (let c = 0; c < columns.length; c++) point.push(probeInPiece(table, piece, columns[c] as number));
    points[row] = point;
  };
  const pruned = pruneUnreachableRows(lowered, options.reaching === true ? { reached } : {});
  const { decision: merged, origins } = mergeRowsTraced(pruned);
  const decision = dropUnusedOutcomes(dropUntestedColumns(merged));
  const { index, stats } = buildIndex(decision.columns, decision.rows, options);
  return {
    decision,
    index,
    ...(options.reaching === true ? { reaching: { points: reachingPoints(lowered, pruned, decision, origins, points), exactBefore: firstMerged(origins) } } : {}),
    stats: {
      rowsBefore: lowered.rows.length,
      rowsAfter: decision.rows.length,
      columns: decision.columns.length,
      indexDepth: stats.depth,
      indexNodes: stats.nodes,
      indexCapped: stats.capped,
    },
  };
}

/**
 * For each row of `decision`, the points found for the lowered rows it
 * was merged from, over its own columns. Pruning keeps the rows it keeps
 * (the same objects, in order) and dropping columns and outcomes keeps every
 * row, so the kept lowered rows and the kept columns are found by identity.
 */
function reachingPoints(
  lowered: LoweredDecision,
  pruned: LoweredDecision,
  decision: LoweredDecision,
  origins: readonly (readonly number[])[],
  points: readonly (Probe[] | undefined)[],
): Probe[][][] {
  const keptRows: number[] = [];
  lowered.rows.forEach((row, r) => {
    if (pruned.rows[keptRows.length] === row) keptRows.push(r);
  });
  const keptColumns = decision.columns.map((column) => lowered.columns.indexOf(column));
  return origins.map((from) =>
    from.flatMap((k) => {
      const point = points[keptRows[k] as number];
      return point === undefined ? [] : [keptColumns.map((c) => point[c] as Probe)];
    }),
  );
}

/** The first row of `origins` merged from more than one row, or their number when none is (ReachingPoints.exactBefore). */
function firstMerged(origins: readonly (readonly number[])[]): number {
  for (let r = 0; r < origins.length; r++) if ((origins[r] as readonly number[]).length > 1) return r;
  return origins.length;
}

/** Every decision of a completely lowered program, optimized, in declaration order. */
export function optimizeProgram(lowered: LoweredProgram, options: OptimizeOptions = {}): readonly OptimizedDecision[] {
  return lowered.decisions.map((decision) => optimizeDecision(decision, options));
}
