/**
 * Finds, for one row of a first-hit table, a point of input space that
 * reaches it: column values under which the row's tests all hold and every
 * earlier row fails. Conformance vectors use these points so that every row
 * of a bundle is exercised.
 *
 * Several columns may read the same context path (lowering gives a list one
 * column per kind of test), so the search assigns one value per path and
 * checks it against the tests of every column on that path.
 *
 * Invariant: a returned witness really reaches the row (each value is checked
 * against every test involved); when the bounded search finds none, the
 * result is null, never a guess.
 */
import type { Column, Row, UnaryTest } from "@scn/runtime";
import { ABSENT } from "./context-value.js";
import { holds, representatives, type Probe } from "./test-algebra.js";

/** Search steps per row; tables whose rows need more are rare, and those rows simply get no witness. */
const STEP_BUDGET = 20_000;

/** One context path and the columns that read it. */
interface Variable {
  readonly column: Column;
  readonly keys: readonly string[];
}

function variablesOf(columns: readonly Column[]): Variable[] {
  const byPath = new Map<string, { column: Column; keys: string[] }>();
  columns.forEach((column, c) => {
    const variable = byPath.get(column.path);
    if (variable) variable.keys.push(String(c));
    else byPath.set(column.path, { column, keys: [String(c)] });
  });
  return [...byPath.values()];
}

function testsOn(row: Row, variable: Variable): UnaryTest[] {
  return variable.keys.map((key) => row.tests[key]).filter((t): t is UnaryTest => t !== undefined);
}

/** The value of each column (by column index) for a context reaching row `target`, or null. */
export function rowWitness(columns: readonly Column[], rows: readonly Row[], target: number): Probe[] | null {
  const row = rows[target] as Row;
  const earlier = rows.slice(0, target);
  const variables = variablesOf(columns);
  const lastVariable = (r: Row) => Math.max(-1, ...variables.map((v, i) => (testsOn(r, v).length > 0 ? i : -1)));
  const choices = variables.map((variable) => {
    const tests = [row, ...earlier].flatMap((r) => testsOn(r, variable));
    const probes: Probe[] = representatives(variable.column, tests) ?? [ABSENT, []];
    // Present values first: a witness that fills its fields is closer to a real context.
    const ordered: Probe[] = [...probes.filter((p) => p !== ABSENT), ABSENT];
    const own = testsOn(row, variable);
    return ordered.filter((p) => own.every((t) => holds(t, p)));
  });
  const chosen: Probe[] = [];
  let steps = 0;
  // Depth-first over paths; `alive` holds the earlier rows not yet ruled out.
  const search = (v: number, alive: readonly Row[]): boolean => {
    if (++steps > STEP_BUDGET) return false;
    if (v === variables.length) return alive.length === 0;
    const variable = variables[v] as Variable;
    const options = choices[v] as Probe[];
    // Try first the values that rule out the most earlier rows.
    const survivors = options.map((probe) => alive.filter((r) => testsOn(r, variable).every((t) => holds(t, probe))));
    const order = options.map((_, i) => i).sort((a, b) => (survivors[a] as Row[]).length - (survivors[b] as Row[]).length || a - b);
    for (const i of order) {
      const rest = survivors[i] as Row[];
      // A row with no test left on the remaining paths can no longer be ruled out.
      if (rest.some((r) => lastVariable(r) <= v)) continue;
      chosen[v] = options[i] as Probe;
      if (search(v + 1, rest)) return true;
    }
    return false;
  };
  if (!search(0, earlier)) return null;
  const values: Probe[] = columns.map(() => ABSENT);
  variables.forEach((variable, v) => {
    for (const key of variable.keys) values[Number(key)] = chosen[v] as Probe;
  });
  return values;
}
