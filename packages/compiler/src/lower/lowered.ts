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

/** Every decision of a program, lowered: what the optimizer and the bundle are made from. */
export interface LoweredProgram {
  /** In declaration order. */
  readonly decisions: readonly LoweredDecision[];
}

/**
 * The outcome of lowering a program: each decision by name, in declaration
 * order, with its rows, or null when it is past a lowering limit. Analysis
 * reads it to skip the decisions that could not be lowered; compilation
 * takes only a complete one (`completeLowering`).
 */
export interface Lowering {
  readonly decisions: ReadonlyMap<string, LoweredDecision | null>;
}
