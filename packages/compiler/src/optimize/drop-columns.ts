/**
 * Column dropping (docs/optimizer.md#3-drop-untested-columns): removes the columns no row tests and
 * renumbers the tests of the remaining ones; likewise removes outcomes no row
 * refers to any more.
 *
 * Invariant: kept columns and outcomes keep their relative order, and every
 * row keeps exactly its tests and its outcome, re-keyed to the new numbers,
 * so no answer changes.
 */
import type { Row, UnaryTest } from "@scn/runtime";
import type { LoweredDecision } from "../lower/lowered.js";

export function dropUntestedColumns(decision: LoweredDecision): LoweredDecision {
  const tested = new Set<number>();
  // Indexed loops: this runs once per table, before V8 optimizes it, and
  // unoptimized `for ... of` allocates a result per step
  // (docs/optimizer.md#loops-v8-compiles-while-they-run).
  const rowsBefore = decision.rows;
  for (let r = 0; r < rowsBefore.length; r++) {
    const keys = Object.keys((rowsBefore[r] as Row).tests);
    for (let k = 0; k < keys.length; k++) tested.add(Number(keys[k]));
  }
  // Every column tested: each keeps its number, so every row is already what renumbering would make of it.
  if (tested.size === decision.columns.length) return decision;
  const renumber = new Map<number, number>();
  const columns = decision.columns.filter((_, index) => {
    if (!tested.has(index)) return false;
    renumber.set(index, renumber.size);
    return true;
  });
  // The new key of each old column, as the string a test is stored under.
  const newKeys = decision.columns.map((_, index) => String(renumber.get(index)));
  const rows: Row[] = decision.rows.map((row) => {
    const tests: { [column: string]: UnaryTest } = {};
    for (const [key, test] of Object.entries(row.tests)) tests[newKeys[Number(key)] ?? String(renumber.get(Number(key)))] = test;
    return { outcome: row.outcome, tests, src: row.src };
  });
  return { ...decision, columns, rows };
}

/**
 * Removes outcomes no row refers to (pruning and merging can orphan them)
 * and renumbers the rows' references, keeping the outcomes' relative order.
 */
export function dropUnusedOutcomes(decision: LoweredDecision): LoweredDecision {
  const used = new Set(decision.rows.map((row) => row.outcome));
  // Every outcome used: each keeps its number (a row refers only to outcomes of the table).
  if (used.size === decision.outcomes.length) return decision;
  const renumber = new Map<number, number>();
  const outcomes = decision.outcomes.filter((_, index) => {
    if (!used.has(index)) return false;
    renumber.set(index, renumber.size);
    return true;
  });
  const rows: Row[] = decision.rows.map((row) => ({ ...row, outcome: renumber.get(row.outcome) as number }));
  return { ...decision, outcomes, rows };
}
