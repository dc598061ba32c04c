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
import { dropUntestedColumns, dropUnusedOutcomes } from "./drop-columns.js";
import { buildIndex, type IndexOptions } from "./index/dag.js";
import type { LoweredDecision, LoweredProgram } from "../lower/lowered.js";
import { mergeRows } from "./merge-rows.js";
import { pruneUnreachableRows } from "./prune.js";

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
}

export function optimizeDecision(lowered: LoweredDecision, options: IndexOptions = {}): OptimizedDecision {
  const pruned = pruneUnreachableRows(lowered);
  const merged = mergeRows(pruned);
  const decision = dropUnusedOutcomes(dropUntestedColumns(merged));
  const { index, stats } = buildIndex(decision.columns, decision.rows, options);
  return {
    decision,
    index,
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

/** Every decision of a completely lowered program, optimized, in declaration order. */
export function optimizeProgram(lowered: LoweredProgram, options: IndexOptions = {}): readonly OptimizedDecision[] {
  return lowered.decisions.map((decision) => optimizeDecision(decision, options));
}
