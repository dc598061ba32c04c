/**
 * Finds, for one row of a first-hit table, a point of input space that
 * reaches it: column values under which the row's tests all hold and every
 * earlier row fails. Conformance vectors use these points so that every row
 * of a bundle is exercised.
 *
 * Invariant: a returned witness really reaches the row (each column value is
 * checked against every test involved); when the bounded search finds none,
 * the result is null, never a guess.
 */
import type { Column, Row, UnaryTest } from "@scn/runtime";
import { ABSENT } from "./context-value.js";
import { holds, representatives, type Probe } from "./test-algebra.js";

/** Search steps per row; tables whose rows need more are rare, and those rows simply get no witness. */
const STEP_BUDGET = 20_000;

export function rowWitness(columns: readonly Column[], rows: readonly Row[], target: number): Probe[] | null {
  const row = rows[target] as Row;
  const earlier = rows.slice(0, target);
  const choices = columns.map((column, c) => {
    const key = String(c);
    const tests = [row, ...earlier].map((r) => r.tests[key]).filter((t): t is UnaryTest => t !== undefined);
    const probes: Probe[] = representatives(column, tests) ?? [ABSENT, []];
    const own = row.tests[key];
    // Present values first: a witness that fills its fields is closer to a real context.
    const ordered: Probe[] = [...probes.filter((p) => p !== ABSENT), ABSENT];
    return own === undefined ? ordered : ordered.filter((p) => holds(own, p));
  });
  const chosen: Probe[] = [];
  let steps = 0;
  // Depth-first over columns; `alive` holds the earlier rows not yet ruled out.
  const search = (c: number, alive: readonly Row[]): boolean => {
    if (++steps > STEP_BUDGET) return false;
    if (c === columns.length) return alive.length === 0;
    const key = String(c);
    const options = [...(choices[c] as Probe[])];
    // Try first the values that rule out the most earlier rows.
    const survivors = options.map((probe) => alive.filter((r) => r.tests[key] === undefined || holds(r.tests[key] as UnaryTest, probe)));
    const order = options.map((_, i) => i).sort((a, b) => (survivors[a] as Row[]).length - (survivors[b] as Row[]).length || a - b);
    for (const i of order) {
      const rest = survivors[i] as Row[];
      // A row with no test left on the remaining columns can no longer be ruled out.
      if (rest.some((r) => Object.keys(r.tests).every((k) => Number(k) <= c))) continue;
      chosen[c] = options[i] as Probe;
      if (search(c + 1, rest)) return true;
    }
    return false;
  };
  return search(0, earlier) ? chosen : null;
}
