/**
 * Answering a decision: the walker (walker.ts) finds the first row whose
 * tests hold, walking the index DAG and trying each leaf's candidate rows in
 * first-hit order, and reads the consent gates through the same per-call
 * cache; this file turns its result into an Answer.
 *
 * Invariants: nothing here throws on any context; outputs, metric lists,
 * exposures and consent records in answers are frozen objects shared by
 * every answer.
 */
import type { Answer } from "./bundle.js";
import type { CompiledDecision, CompiledRow, JsonObject } from "./compile-decision.js";

/** Answers `decision` for `context`: the whole of `decide`. */
export function decideOne(decision: CompiledDecision, context: unknown): Answer {
  return decision.walker.find(context, null);
}

export type ConsentRecord = { readonly [gate: string]: boolean };

/** The consent gates of a bundle, as the shared records answers carry. */
export interface ConsentGates {
  readonly names: readonly string[];
  readonly paths: readonly string[];
  /** The record for the walker's gate values: a bit mask (bit i: gate i), or one boolean per gate. */
  recordOf(values: number | readonly boolean[]): ConsentRecord;
}

/** Up to this many gates, every combination of values gets one shared record. */
const SHARED_RECORD_GATES = 12;

export function compileConsent(gates: readonly { name: string; path: string }[]): ConsentGates {
  const names = gates.map((gate) => gate.name);
  const record = (given: (index: number) => boolean): ConsentRecord => {
    // defineProperty, so that a gate called `__proto__` is an own property, not a prototype change.
    const built: { [gate: string]: boolean } = {};
    names.forEach((name, index) => Object.defineProperty(built, name, { value: given(index), enumerable: true }));
    return Object.freeze(built);
  };
  // One frozen record per combination of gate values, built on first use, so that
  // `decide` does not allocate one per call.
  const records: (ConsentRecord | undefined)[] = [];
  const recordOf = (values: number | readonly boolean[]): ConsentRecord => {
    if (typeof values !== "number") return record((index) => values[index] === true);
    if (names.length > SHARED_RECORD_GATES) return record((index) => (values & (1 << index)) !== 0);
    return (records[values] ??= record((index) => (values & (1 << index)) !== 0));
  };
  return { names, paths: gates.map((gate) => gate.path), recordOf };
}

const NO_METRICS: readonly string[] = Object.freeze([]);

/** The Answer for `row` (null: no row matched). */
export function answerFor(
  decision: { readonly name: string; readonly fallback: JsonObject | null },
  row: CompiledRow | null,
  consent: ConsentRecord,
): Answer {
  if (row !== null) {
    const outcome = row.outcome;
    return {
      decision: decision.name,
      reason: "scenario",
      rule: outcome.rule,
      scenario: outcome.scenario,
      pathway: outcome.pathway,
      variation: outcome.variation,
      output: outcome.output as Answer["output"],
      metrics: outcome.metrics as string[],
      consent,
      experiment: outcome.experiment ?? null,
    };
  }
  return {
    decision: decision.name,
    reason: decision.fallback === null ? "none" : "default",
    rule: null,
    scenario: null,
    pathway: null,
    variation: null,
    output: decision.fallback as Answer["output"],
    metrics: NO_METRICS as string[],
    consent,
    experiment: null,
  };
}
