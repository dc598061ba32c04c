/**
 * A per-call cache of the values along a decision's column paths, so that
 * one evaluation reads each path step from the context at most once: the
 * index and the candidate rows test the same columns again and again, and
 * columns share prefixes (`bill.in_dispute`, `bill.overdue_days`). Reading a
 * step (an own-property check and a keyed read) is the costliest thing
 * `decide` does.
 *
 * Every distinct path prefix of the decision's columns is a slot whose value
 * is read from its parent slot's value (the context itself for the first
 * step). One cache per decision is reused by every call.
 *
 * Invariant: a slot's value is used only under the generation it was stored
 * under, and every evaluation takes a fresh generation, so evaluations never
 * see each other's values, even when one starts inside another (a getter in
 * the context calling `decide`).
 */
import { readStep } from "./context-path.js";

export class ColumnValues {
  /** Per slot: the parent slot, or -1 when the slot is a first step. */
  private readonly parents: Int32Array;
  /** Per slot: the key read from the parent's value. */
  private readonly keys: readonly string[];
  /** Per column: the slot of its full path. */
  private readonly columnSlots: Int32Array;
  private readonly values: unknown[];
  private readonly stamps: Float64Array;
  private generation = 0;

  /** `paths[i]` is the split path of column i. */
  constructor(paths: readonly (readonly string[])[]) {
    const slotOf = new Map<string, number>();
    const parents: number[] = [];
    const keys: string[] = [];
    this.columnSlots = new Int32Array(paths.length);
    paths.forEach((path, column) => {
      let parent = -1;
      path.forEach((key, depth) => {
        // JSON-encoding the prefix keeps `a.b` (two steps) apart from a single key "a.b".
        const prefix = JSON.stringify(path.slice(0, depth + 1));
        let slot = slotOf.get(prefix);
        if (slot === undefined) {
          slot = keys.length;
          slotOf.set(prefix, slot);
          parents.push(parent);
          keys.push(key);
        }
        parent = slot;
      });
      this.columnSlots[column] = parent;
    });
    this.parents = Int32Array.from(parents);
    this.keys = keys;
    this.values = new Array<unknown>(keys.length).fill(undefined);
    this.stamps = new Float64Array(keys.length);
  }

  /** Starts an evaluation; returns its generation. */
  begin(): number {
    return ++this.generation;
  }

  /** The value of column `column` in `context`, during the evaluation `generation`. */
  get(column: number, context: unknown, generation: number): unknown {
    return this.slot(this.columnSlots[column] as number, context, generation);
  }

  private slot(slot: number, context: unknown, generation: number): unknown {
    if (this.stamps[slot] === generation) return this.values[slot];
    const parent = this.parents[slot] as number;
    const base = parent < 0 ? context : this.slot(parent, context, generation);
    const value = readStep(base, this.keys[slot] as string);
    this.values[slot] = value;
    this.stamps[slot] = generation;
    return value;
  }
}
