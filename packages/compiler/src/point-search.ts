/**
 * A cheap proof that a box is not covered by an indexed union: a single point
 * inside the box that no box of the union contains. The search starts from a
 * point made of each column's most telling value (absent where the box allows
 * it, else a bound or a value no box names) and, while some box contains the
 * point, moves it out of that box along one column at a time, preferring a
 * move that leaves every box. Each step costs a few point queries on the
 * index, whatever the size of the union.
 *
 * Invariant: a returned point lies inside the queried box, pins one value (or
 * absent) on every column the union constrains, and lies outside every box of
 * the index's window, so it is a valid uncovered piece. Null only means that
 * the bounded search found none; the caller then decides coverage exactly.
 */
import { cellAt, type Box } from "./box.js";
import { noValues, subtractCells, type Cell, type ColumnDomain, type Scalar } from "./cell.js";
import type { ColumnTable } from "./column-table.js";
import type { IndexWindow, UnionIndex } from "./union-index.js";

/** Moves per search; each move tries every column of the box in the way. */
const SEARCH_STEPS = 8;

/** The literals named on one column, looked up only when a point needs them (string columns may name thousands). */
export interface ColumnLiterals {
  has(value: Scalar): boolean;
  all(): readonly Scalar[];
}

/** A string neither the cell excludes nor any box names, readable because it may end up in a witness. */
function freshString(excluded: readonly string[], literals: ColumnLiterals): string {
  for (let n = 1; ; n++) {
    const name = n === 1 ? "other" : `other${n}`;
    if (!excluded.includes(name) && !literals.has(name)) return name;
  }
}

function pointOfRanges(intervals: readonly (readonly [number | null, number | null, boolean, boolean])[]): number | null {
  const first = intervals[0];
  if (!first) return null;
  const [lo, hi, loIncl, hiIncl] = first;
  if (lo !== null && loIncl) return lo;
  if (hi !== null && hiIncl) return hi;
  if (lo === null && hi === null) return 0;
  if (lo === null) return hi! - 1;
  if (hi === null) return lo + 1;
  return (lo + hi) / 2;
}

/**
 * A one-value cell inside `cell` (absent first), deciding every literal in
 * `literals` for list columns; null when the cell is empty.
 */
export function pointIn(domain: ColumnDomain, cell: Cell, literals: ColumnLiterals): Cell | null {
  if (cell.absent) return { absent: true, values: noValues(domain) };
  const values = cell.values;
  switch (values.kind) {
    case "finite": {
      const first = values.values[0];
      return first === undefined ? null : { absent: false, values: { kind: "finite", values: [first] } };
    }
    case "cofinite":
      return { absent: false, values: { kind: "finite", values: [freshString(values.values, literals)] } };
    case "ranges": {
      const point = pointOfRanges(values.intervals);
      return point === null ? null : { absent: false, values: { kind: "ranges", intervals: [[point, point, true, true]] } };
    }
    case "lists": {
      if (values.conj === null) return null;
      // The shortest list the cell allows: every other literal is left out.
      const { req, forb } = values.conj;
      const others = literals.all().filter((v) => !req.includes(v) && !forb.includes(v));
      return { absent: false, values: { kind: "lists", conj: { req, forb: [...forb, ...others] } } };
    }
  }
}

function boxLiterals(box: Box, column: number): Scalar[] {
  const values = box.get(column)?.values;
  if (!values) return [];
  if (values.kind === "finite" || values.kind === "cofinite") return [...values.values];
  if (values.kind === "lists" && values.conj) return [...values.conj.req, ...values.conj.forb];
  return [];
}

/** A point inside `box` that no box of the index's window contains, or null when the bounded search finds none. */
export function findUncoveredPoint(columns: ColumnTable, box: Box, index: UnionIndex, window: IndexWindow = {}): Box | null {
  const used = [...new Set([...index.columnsUsed, ...box.keys()])].sort((a, b) => a - b);
  const literalsOf = (column: number): ColumnLiterals => {
    const own = boxLiterals(box, column);
    return {
      has: (value) => own.includes(value) || index.namesLiteral(column, value),
      all: () => [...new Set([...index.literals(column), ...own])],
    };
  };
  let point = new Map<number, Cell>();
  for (const column of used) {
    const cell = pointIn(columns.domain(column), cellAt(columns, box, column), literalsOf(column));
    if (cell === null) return null;
    point.set(column, cell);
  }
  let hit = index.containing(point, window);
  const visited = new Set<string>();
  // Points differ only in the cells moves put in, so a cell's identity is enough to tell points apart.
  const cellIds = new Map<Cell, number>();
  const keyOf = (p: Box) => [...p.values()].map((cell) => cellIds.get(cell) ?? (cellIds.set(cell, cellIds.size), cellIds.size - 1)).join(",");
  visited.add(keyOf(point));
  for (let step = 0; step < SEARCH_STEPS; step++) {
    if (hit === null) return point;
    const blocker = index.boxes[hit]!;
    let next: { point: Map<number, Cell>; hit: number } | null = null;
    for (const column of [...blocker.keys()].sort((a, b) => a - b)) {
      const domain = columns.domain(column);
      const rest = subtractCells(domain, cellAt(columns, box, column), blocker.get(column)!);
      const escape = rest[0] === undefined ? null : pointIn(domain, rest[0], literalsOf(column));
      if (escape === null) continue;
      const moved = new Map(point).set(column, escape);
      const movedHit = index.containing(moved, window);
      if (movedHit === null) return moved;
      if (next === null) {
        const key = keyOf(moved);
        if (!visited.has(key)) {
          visited.add(key);
          next = { point: moved, hit: movedHit };
        }
      }
    }
    if (next === null) return null;
    point = next.point;
    hit = next.hit;
  }
  return hit === null ? point : null;
}
