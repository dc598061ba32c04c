/**
 * A per-call cache of column values, so that one evaluation reads each
 * column path from the context at most once.
 *
 * Invariant: a value is returned only for the generation it was stored
 * under, and every evaluation takes a fresh generation, so evaluations never
 * see each other's values, even when one starts inside another.
 */
import type { CompiledColumn } from "./compile-decision.js";

/**
 * The column values of one evaluation, each read from the context at most
 * once: the index and the candidate rows test the same columns again and
 * again, and reading a path (own-property checks at every step) is the
 * costliest thing `decide` does. One cache per decision is reused by every
 * call; a value counts only if it was stored under the current call's
 * generation, so a call that starts while another is running (a getter in
 * the context calling `decide`) can never see the other's values.
 */
export class ColumnValues {
  private readonly values: unknown[];
  private readonly stamps: Float64Array;
  private generation = 0;

  constructor(columnCount: number) {
    this.values = new Array<unknown>(columnCount).fill(undefined);
    this.stamps = new Float64Array(columnCount);
  }

  /** Starts an evaluation; returns its generation. */
  begin(): number {
    return ++this.generation;
  }

  get(column: CompiledColumn, context: unknown, generation: number): unknown {
    const index = column.index;
    if (this.stamps[index] === generation) return this.values[index];
    const value = column.read(context);
    this.values[index] = value;
    this.stamps[index] = generation;
    return value;
  }
}
