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
 * That search weighs every earlier row at every step, so its cost grows with
 * the cube of the table. Tables past INDEXED_FROM rows instead get a point
 * search on an index of the rows' boxes (point-search.ts): a point inside
 * the row's box that no earlier row's box contains, found in a few point
 * queries per row. Small tables keep the exhaustive search, whose witnesses
 * read closer to real contexts.
 *
 * Invariant: a returned witness really reaches the row: the exhaustive
 * search checks each value against every test involved, and the point search
 * is exact by the box algebra (the index never misses a containing box) and
 * is checked against the row's own tests. When the bounded search finds
 * none, the result is null, never a guess.
 */
import type { Column, Row, UnaryTest } from "@scn/runtime";
import type { Box } from "./box.js";
import type { Cell } from "./cell.js";
import { ColumnTable } from "./column-table.js";
import { ABSENT } from "../semantics/context-value.js";
import { findUncoveredPoint, pointIn } from "./point-search.js";
import { cellLiterals } from "./scanned-union.js";
import { rowBox } from "./row-box.js";
import { UnionIndex } from "./union-index.js";
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

/** Tables with at least this many rows get witnesses from the point search. */
export const INDEXED_FROM = 256;

/** The boxes of a table's rows and an index over the satisfiable ones, built once per rows array. */
interface RowIndex {
  readonly table: ColumnTable;
  readonly boxes: readonly (Box | null)[];
  /** For each row, its position in the index (the number of satisfiable rows before it). */
  readonly positions: readonly number[];
  readonly index: UnionIndex;
}

const rowIndexes = new WeakMap<readonly Row[], RowIndex>();

function rowIndex(columns: readonly Column[], rows: readonly Row[]): RowIndex {
  let known = rowIndexes.get(rows);
  if (known) return known;
  const table = ColumnTable.forBundleColumns(columns);
  const boxes = rows.map((row) => rowBox(table, columns, row));
  const positions: number[] = [];
  const satisfiable: Box[] = [];
  for (const box of boxes) {
    positions.push(satisfiable.length);
    if (box !== null) satisfiable.push(box);
  }
  known = { table, boxes, positions, index: UnionIndex.over(table, satisfiable) };
  rowIndexes.set(rows, known);
  return known;
}

/** The context value a one-value cell stands for. */
export function probeOf(cell: Cell | undefined): Probe {
  if (cell === undefined || cell.absent) return ABSENT;
  const values = cell.values;
  switch (values.kind) {
    case "finite":
      return values.values[0] ?? ABSENT;
    case "ranges":
      return values.intervals[0]?.[0] ?? ABSENT;
    case "lists":
      return values.conj === null ? ABSENT : [...values.conj.req];
    case "cofinite":
      return ABSENT;
  }
}

/**
 * The value on `column` of a point inside `piece` (a box over `table`'s
 * columns every point of which reaches a row): probeOf of pointIn's point,
 * avoiding only the piece's own literals. Pruning hands most rows over as
 * points already, whose cells pointIn gives back as they are, so those
 * (absent, one value, one point interval) are read at once, without the
 * function that would gather the literals: the vectors ask this for every
 * column of every row (docs/optimizer.md#conformance-witnesses).
 */
export function probeInPiece(table: ColumnTable, piece: Box, column: number): Probe {
  const cell = piece.get(column);
  if (cell === undefined || cell.absent) return ABSENT;
  const values = cell.values;
  if (values.kind === "finite" && values.values.length === 1) return probeOf(cell);
  if (values.kind === "ranges" && values.intervals.length === 1) {
    const only = values.intervals[0]!;
    if (only[0] === only[1] && only[2] && only[3]) return probeOf(cell);
  }
  return (
    probeOf(
      pointIn(table.domain(column), cell, () => {
        const literals = cellLiterals(piece, column);
        return { has: (value) => literals.includes(value), all: () => literals };
      }) ?? undefined,
    )
  );
}

/** A witness from the point search on the index of the rows (used for tables past INDEXED_FROM rows). */
export function indexedRowWitness(columns: readonly Column[], rows: readonly Row[], target: number): Probe[] | null {
  const { table, boxes, positions, index } = rowIndex(columns, rows);
  const box = boxes[target];
  if (box === null || box === undefined) return null;
  const point = findUncoveredPoint(table, box, index, { end: positions[target]! });
  if (point === null) return null;
  const values = columns.map((column) => probeOf(point.get(table.indexOf(column.path))));
  const row = rows[target] as Row;
  if (!Object.entries(row.tests).every(([key, test]) => holds(test, values[Number(key)]!))) {
    throw new Error(`internal: the point found for row ${target} fails its own tests`);
  }
  return values;
}

/** The value of each column (by column index) for a context reaching row `target`, or null. */
export function rowWitness(columns: readonly Column[], rows: readonly Row[], target: number): Probe[] | null {
  if (rows.length >= INDEXED_FROM) return indexedRowWitness(columns, rows, target);
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
