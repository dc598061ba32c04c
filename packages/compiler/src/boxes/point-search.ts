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
import { ABSENT_VALUE, noValues, pointValue, sortedHas, subtractCells, type Cell, type ColumnDomain, type Scalar } from "./cell.js";
import type { ColumnTable } from "./column-table.js";
import { cellLiterals, type IndexWindow, type SearchableUnion } from "./scanned-union.js";
import type { PointCells, PointValue } from "./point-tests.js";

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
  const lo = first[0];
  const hi = first[1];
  const loIncl = first[2];
  const hiIncl = first[3];
  if (lo !== null && loIncl) return lo;
  if (hi !== null && hiIncl) return hi;
  if (lo === null && hi === null) return 0;
  if (lo === null) return hi! - 1;
  if (hi === null) return lo + 1;
  return (lo + hi) / 2;
}

/**
 * A one-value cell inside `cell` (absent first; the cell itself when it is
 * one value already), deciding every literal in `literals` for list
 * columns; null when the cell is empty. Literals are asked for only when
 * needed, since gathering them can cost more than the rest.
 */
export function pointIn(domain: ColumnDomain, cell: Cell, literals: () => ColumnLiterals): Cell | null {
  // The shared absent point: cells are never changed in place, and a fresh one per column per search was most of what a search allocated.
  if (cell.absent) return absentPoint(domain);
  const values = cell.values;
  switch (values.kind) {
    case "finite": {
      const first = values.values[0];
      if (values.values.length === 1) return cell;
      return first === undefined ? null : { absent: false, values: { kind: "finite", values: [first] } };
    }
    case "cofinite":
      return { absent: false, values: { kind: "finite", values: [freshString(values.values, literals())] } };
    case "ranges": {
      const only = values.intervals[0];
      if (values.intervals.length === 1 && only![0] === only![1] && only![2] && only![3]) return cell;
      const point = pointOfRanges(values.intervals);
      return point === null ? null : { absent: false, values: { kind: "ranges", intervals: [[point, point, true, true]] } };
    }
    case "lists": {
      if (values.conj === null) return null;
      // The shortest list the cell allows: every other literal is left out.
      const { req, forb } = values.conj;
      const others = literals().all().filter((v) => !req.includes(v) && !forb.includes(v));
      return { absent: false, values: { kind: "lists", conj: { req, forb: [...forb, ...others] } } };
    }
  }
}

/**
 * A one-value cell inside `mine` and outside `theirs`: the point of the first
 * piece of `mine` less `theirs`, or null when there is none. Two finite
 * cells are compared value by value, without building the complement of a
 * long enum's cell in the whole domain.
 */
export function escapeFrom(domain: ColumnDomain, mine: Cell, theirs: Cell, literals: () => ColumnLiterals): Cell | null {
  const values = mine.values;
  const other = theirs.values;
  if (values.kind === "finite" && other.kind === "finite" && !(mine.absent && !theirs.absent)) {
    const outside = values.values.find((v) => !sortedHas(other.values, v));
    return outside === undefined ? null : { absent: false, values: { kind: "finite", values: [outside] } };
  }
  const rest = subtractCells(domain, mine, theirs);
  return rest[0] === undefined ? null : pointIn(domain, rest[0], literals);
}

/**
 * Each pair of cells' escape (`escapeFrom`), by the cell of the box asked
 * about and then the blocker's: the point search moves a point out of the
 * boxes in its way one column at a time, and the boxes of a table share
 * their cells (row-box.ts), so the same few hundred pairs come up in
 * search after search; subtracting the cells anew for each move was most
 * of what the moves allocated (docs/analysis.md#keeping-each-step-cheap).
 * Not kept for string and list columns, whose escapes may depend on the
 * literals the union names. Cells are never changed once made, so a kept
 * escape stays right.
 */
const ESCAPES = new WeakMap<Cell, WeakMap<Cell, Cell | null>>();

export function keptEscape(domain: ColumnDomain, mine: Cell, theirs: Cell, literals: () => ColumnLiterals): Cell | null {
  if (domain.kind === "string" || domain.kind === "list") return escapeFrom(domain, mine, theirs, literals);
  let byTheirs = ESCAPES.get(mine);
  if (byTheirs === undefined) ESCAPES.set(mine, (byTheirs = new WeakMap()));
  let escape = byTheirs.get(theirs);
  if (escape === undefined) byTheirs.set(theirs, (escape = escapeFrom(domain, mine, theirs, literals)));
  return escape;
}

/**
 * The point of each cell of a box that a search starts from, when it is
 * not the cell itself (a cell of several values or a range): made once per
 * cell rather than once per search. Row boxes share their cells
 * (row-box.ts), so a few hundred cells start every search of a table; a
 * new point per search was the largest allocation of pruning `wide` 1,000
 * (docs/analysis.md#keeping-each-step-cheap). Only finite and range cells
 * are kept: their point depends on the cell alone, where a co-finite or
 * list cell's depends on the literals the union names. Cells are never
 * changed once made, so a kept point stays right.
 */
const START_POINTS = new WeakMap<Cell, Cell | null>();

export function startPoint(domain: ColumnDomain, cell: Cell, literals: () => ColumnLiterals): Cell | null {
  const values = cell.values;
  if (cell.absent || (values.kind !== "finite" && values.kind !== "ranges")) return pointIn(domain, cell, literals);
  let point = START_POINTS.get(cell);
  if (point === undefined) {
    point = pointIn(domain, cell, literals);
    // A one-value cell is its own point, found without the map.
    if (point !== cell) START_POINTS.set(cell, point);
  }
  return point;
}

/** The "absent" point of each kind of column, shared: most columns of most points are absent. */
const ABSENT_POINTS = new Map<ColumnDomain["kind"], Cell>();

function absentPoint(domain: ColumnDomain): Cell {
  let cell = ABSENT_POINTS.get(domain.kind);
  if (!cell) ABSENT_POINTS.set(domain.kind, (cell = { absent: true, values: noValues(domain) }));
  return cell;
}

/**
 * Each union's starting point: the absent point on every column the union
 * uses, as cells and as values by column, which a search copies (a copy
 * of an array is one block) and then changes. Built once per union and
 * table rather than as a map per search: building that map, and reading
 * its values back, were a fifth of the point search on `wide` 10,000
 * (docs/analysis.md#keeping-each-step-cheap).
 */
interface StartingPoint {
  readonly columns: ColumnTable;
  readonly cells: readonly Cell[];
  readonly values: readonly PointValue[];
}

const STARTING_POINTS = new WeakMap<SearchableUnion, StartingPoint>();

function startingPoint(columns: ColumnTable, union: SearchableUnion): StartingPoint {
  let known = STARTING_POINTS.get(union);
  if (known === undefined || known.columns !== columns) {
    const cells: Cell[] = [];
    const values: PointValue[] = [];
    const used = union.columnsUsed;
    for (let k = 0; k < used.length; k++) {
      cells[used[k]!] = absentPoint(columns.domain(used[k]!));
      values[used[k]!] = ABSENT_VALUE;
    }
    STARTING_POINTS.set(union, (known = { columns, cells, values }));
  }
  return known;
}

/** A search's point: its cells by column, changed in place as the point moves. */
class MovingPoint implements PointCells {
  constructor(readonly cells: Cell[]) {}

  get(column: number): Cell | undefined {
    return this.cells[column];
  }
}

/**
 * The point found, as a box: its cells in the order the search's map held
 * them before it kept them in an array (the union's columns, ascending,
 * then the box's own columns the union leaves open, in the box's order),
 * so the pieces pruning hands to the conformance vectors are the same.
 */
function pointBox(union: SearchableUnion, cells: readonly Cell[], extra: readonly number[] | null): Box {
  const point = new Map<number, Cell>();
  const used = union.columnsUsed;
  for (let k = 0; k < used.length; k++) point.set(used[k]!, cells[used[k]!]!);
  if (extra !== null) for (let k = 0; k < extra.length; k++) point.set(extra[k]!, cells[extra[k]!]!);
  return point;
}

/** Literals are asked for only by co-finite and list cells, which only string and list columns hold. */
function neverAsked(): ColumnLiterals {
  throw new Error("internal: literals asked for a column whose cells need none");
}

/** What `pointIn` is given for a column's literals: a function made per column only where they may be asked for. */
function literalsFor(domain: ColumnDomain, column: number, literalsOf: (column: number) => ColumnLiterals): () => ColumnLiterals {
  return domain.kind === "string" || domain.kind === "list" ? () => literalsOf(column) : neverAsked;
}

/** A point inside `box` that no box of the union's window contains, or null when the bounded search finds none. */
export function findUncoveredPoint(columns: ColumnTable, box: Box, union: SearchableUnion, window: IndexWindow = {}): Box | null {
  const literalsOf = (column: number): ColumnLiterals => {
    const own = cellLiterals(box, column);
    return {
      has: (value) => own.includes(value) || union.namesLiteral(column, value),
      all: () => [...new Set([...union.literals(column), ...own])],
    };
  };
  // Every column the union or the box constrains gets one value: absent where
  // the box leaves the column open (the most telling value), else a value of
  // the box's cell. The order is deterministic, which is all it needs to be.
  // The point's values are kept beside its cells as it moves, so that no query reads them from its cells again.
  const starting = startingPoint(columns, union);
  const cells = starting.cells.slice();
  const values = starting.values.slice();
  // The box's columns the union leaves open, in the box's order.
  let extra: number[] | null = null;
  for (const column of box.keys()) {
    const cell = box.get(column)!;
    const domain = columns.domain(column);
    const value = startPoint(domain, cell, literalsFor(domain, column, literalsOf));
    if (value === null) return null;
    if (cells[column] === undefined) (extra ??= []).push(column);
    cells[column] = value;
    values[column] = pointValue(value);
  }
  const point = new MovingPoint(cells);
  let hit = union.containing(point, window, values);
  // Blockers already escaped: moving into one of them again could cycle. At most one per step, so a list.
  const escaped: number[] = [];
  for (let step = 0; step < SEARCH_STEPS && hit !== null; step++) {
    escaped.push(hit);
    const blocker = union.boxes[hit]!;
    // The first move that lands in a box not escaped yet, should no move leave every box.
    let nextColumn = -1;
    let nextCell: Cell | null = null;
    let nextHit = -1;
    for (const column of blocker.keys()) {
      const theirs = blocker.get(column)!;
      const domain = columns.domain(column);
      const escape = keptEscape(domain, cellAt(columns, box, column), theirs, literalsFor(domain, column, literalsOf));
      if (escape === null) continue;
      // Moved in place and put back, rather than copied: points have a cell for every column in play.
      const before = cells[column]!;
      const valueBefore = values[column];
      cells[column] = escape;
      values[column] = pointValue(escape);
      const movedHit = union.containing(point, window, values);
      if (movedHit === null) return pointBox(union, cells, extra);
      cells[column] = before;
      values[column] = valueBefore;
      if (nextCell === null && !escaped.includes(movedHit)) {
        nextColumn = column;
        nextCell = escape;
        nextHit = movedHit;
      }
    }
    if (nextCell === null) return null;
    cells[nextColumn] = nextCell;
    values[nextColumn] = pointValue(nextCell);
    hit = nextHit;
  }
  return hit === null ? pointBox(union, cells, extra) : null;
}
