/**
 * The lowered form of a decision: the rows a first-hit table evaluates, in the
 * bundle's own types (columns, deduplicated outcomes, rows). Lowering produces
 * it, pruning and the optimizer transform it, the emitters serialize it.
 *
 * Invariant: evaluating `rows` first-hit over any context (absent and wrongly
 * typed values included) gives the same answer as the reference interpreter;
 * when no row matches, the answer is `default` (or none when it is null).
 */
import type { Column, JsonValue, Outcome, Row } from "@scn/runtime";

export interface LoweredDecision {
  readonly name: string;
  readonly title: string | null;
  readonly default: { [key: string]: JsonValue } | null;
  readonly columns: Column[];
  readonly outcomes: Outcome[];
  readonly rows: Row[];
}

export interface LoweredProgram {
  /** In declaration order. */
  readonly decisions: LoweredDecision[];
}
