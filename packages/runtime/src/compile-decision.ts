/**
 * Load-time preparation of one decision table: its walker over the
 * table's encoding (walker.ts), and its rows and outcomes, each made when
 * first needed, with outputs and metric lists frozen and shared by every
 * answer.
 *
 * Invariant: the input has passed `checkBundle`, so every reference (column,
 * outcome, row, node) resolves and the index has no cycles; nothing here
 * re-checks it, and nothing built here is mutated after it is returned
 * except the walker's per-call cache.
 */
import type { Answer, DecisionTable, JsonValue, Row } from "./bundle.js";
import { answerFor, type ConsentGates } from "./decide.js";
import { encodeDecision, slotKeys, walkableAsIs } from "./encode-table.js";
import { slotReader } from "./slot-reader.js";
import { $walker, type Walker, type WalkerTable } from "./walker.js";

export type JsonObject = { readonly [key: string]: JsonValue };

export interface CompiledOutcome {
  readonly rule: string;
  readonly scenario: string;
  readonly pathway: string;
  readonly variation: string | null;
  /** Frozen, shared by every answer. */
  readonly output: JsonObject;
  readonly metrics: readonly string[];
  readonly experiment?: { readonly name: string; readonly arm: string };
}

export interface CompiledRow {
  readonly index: number;
  readonly outcome: CompiledOutcome;
  readonly src: Row["src"];
}

export interface CompiledDecision {
  readonly name: string;
  /** Column paths, by column index. */
  readonly paths: readonly string[];
  /** Row `index`, made (and its outcome's output frozen) when first asked for. */
  row(index: number): CompiledRow;
  /** The encoded rows and index the walker evaluates, as the bundle file holds them. */
  readonly table: WalkerTable;
  /** Frozen, or null when the decision has no default. */
  readonly fallback: JsonObject | null;
  /** The walker answering this decision; `decide` and `explain` share it, so both read the same way. */
  readonly walker: Walker<Answer>;
  /** The arm columns, by experiment name, so `explain` can show where a unit fell. */
  readonly experiments: ReadonlyMap<string, { readonly path: string; readonly seed: string; readonly ranges: readonly (readonly [number, number])[] }>;
}

/** Freezes a JSON value in place, all the way down (its depth is bounded by checkBundle). */
export function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * Prepares `table`; the consent gates are read by the same walk, after the
 * columns. `encoded`, when given, is the checked encoding `table` was read
 * from, in the file's form: walked as it is when it can be (walkableAsIs),
 * which saves encoding the rows again at load.
 */
export function compileDecision(name: string, table: DecisionTable, gates: ConsentGates, encoded?: WalkerTable): CompiledDecision {
  // Outcomes and rows are made when an answer or an explanation first needs
  // them: a large table has tens of thousands, and a decision answers with
  // few, so loading does not pay for every one (docs/runtime.md, "Performance").
  const outcomes: (CompiledOutcome | undefined)[] = new Array(table.outcomes.length);
  const outcomeAt = (position: number): CompiledOutcome => {
    const made = outcomes[position];
    if (made !== undefined) return made;
    const outcome = table.outcomes[position] as DecisionTable["outcomes"][number];
    return (outcomes[position] = {
      rule: outcome.rule,
      scenario: outcome.scenario,
      pathway: outcome.pathway,
      variation: outcome.variation,
      output: deepFreeze(outcome.output),
      metrics: Object.freeze(outcome.metrics),
      ...(outcome.experiment === undefined ? {} : { experiment: Object.freeze({ name: outcome.experiment.name, arm: outcome.experiment.arm }) }),
    });
  };
  const rows: (CompiledRow | undefined)[] = new Array(table.rows.length);
  const row = (index: number): CompiledRow => {
    const made = rows[index];
    if (made !== undefined) return made;
    const source = table.rows[index] as Row;
    return (rows[index] = { index, outcome: outcomeAt(source.outcome), src: source.src });
  };
  const walked = encoded !== undefined && walkableAsIs(encoded, table.columns) ? encoded : encodeDecision(table);
  const fallback = table.default === null ? null : deepFreeze(table.default);
  const decision = { name, fallback };
  // The walker is prepared when the decision is first asked, as the module
  // prepares it (docs/runtime.md, "Performance"): loading pays for no walker
  // its caller never uses, and while a bundle's caller asks one decision only
  // one walker exists, whose code V8 then compiles for that walker's own
  // tables (with two, their shared code reads every table through its
  // closure, 25 to 30% slower per decision).
  let walker: Walker<Answer> | null = null;
  const prepare = (): Walker<Answer> =>
    $walker(
      walked,
      table.columns,
      gates.paths,
      // Each path step read at a place of its own in the code, as the module reads it (slot-reader.ts).
      slotReader(slotKeys(table.columns.map((column) => column.path), gates.paths)),
      (found, values) => answerFor(decision, found < 0 ? null : row(found), gates.recordOf(values)),
    );
  const experiments = new Map(
    table.columns.flatMap((column) => (column.experiment === undefined ? [] : [[column.experiment.name, { path: column.path, seed: column.experiment.seed, ranges: column.experiment.ranges }] as const])),
  );
  return {
    name,
    paths: table.columns.map((column) => column.path),
    row,
    table: walked,
    fallback,
    get walker(): Walker<Answer> {
      return (walker ??= prepare());
    },
    experiments,
  };
}
