/**
 * Exact coverage of a box by many meeting boxes (coverage.ts decides when
 * this search is used instead of subtracting the boxes in list order).
 *
 * Subtracting the boxes one by one in list order splits the box into a
 * number of pieces that multiplies with every box that cuts it on two
 * columns or more, and rows of scenarios whose age and spend ranges overlap
 * cut each other everywhere. Here the piece is split one column at a time,
 * into the column's atoms: the pieces of its cell that no box of the union
 * tells apart (each value a box names, the values none names, the points
 * and open gaps between the sorted ends of the boxes' intervals, absent).
 * On one atom every box either holds the whole atom or misses it, so the
 * boxes left are exactly those holding it, and the question goes on over
 * the other columns. Atoms that leave the same boxes ask the same question,
 * which is answered once: the work of a split grows with the boxes that cut
 * the piece, not with their combinations. A piece some box contains is
 * covered; a piece no box meets is uncovered, and is the answer's piece.
 *
 * The column split first is the one the most boxes cut, and atoms with the
 * fewest boxes left are examined first, so an uncovered piece is usually
 * found on the first path.
 *
 * Invariant: `covered` only when the union contains the box; an `uncovered`
 * piece lies inside the box and meets no box of the union; `unknown` when
 * the atoms examined exceed the budget.
 */
import { copyBox, subtractBox, type Box } from "./box.js";
import { cellWithin, cellsMeet, fullCell, intersectCells, isEmptyCell, isEmptyValues, isFullCell, noValues, sortedScalars, subtractCells, type Cell, type ColumnDomain, type Scalar } from "./cell.js";
import type { ColumnTable } from "./column-table.js";
import type { Coverage } from "./coverage.js";
import { intersectIntervals, normalizeIntervals } from "./intervals.js";
import type { Interval } from "@scn/runtime";

type Verdict = Box | null | "unknown";

export function coverageOfMany(columns: ColumnTable, box: Box, meeting: readonly Box[], budget: number): Coverage {
  const boxes = meeting.filter((other) => meets(columns, box, other));
  const cellOf = (piece: Box, column: number): Cell => piece.get(column) ?? fullCell(columns.domain(column));
  // The state of the depth-first search, changed on the way down and put
  // back on the way up: for each box, how many columns it cuts the current
  // piece on (none means it contains the piece), and whether a split has
  // left it outside the piece.
  const cutCount = new Int32Array(boxes.length);
  const outside = new Uint8Array(boxes.length);
  let parts = 0;

  const decide = (piece: Box, live: readonly number[], cutters: ReadonlyMap<number, readonly number[]>): Verdict => {
    if (live.length === 0) return piece;
    // Every box cuts on the same one column: the piece is covered exactly
    // when their cells together hold its cell there, a question about one
    // column that needs no atoms.
    if (cutters.size === 1) {
      const [only, list] = [...cutters][0]!;
      const domain = columns.domain(only);
      const rest = remainderOnColumn(domain, cellOf(piece, only), list.map((i) => boxes[i]!.get(only)!));
      if (rest !== undefined) {
        if (rest === null) return null;
        const part = copyBox(piece);
        if (isFullCell(domain, rest)) part.delete(only);
        else part.set(only, rest);
        return part;
      }
    }
    // The column with the fewest atoms is split first (ties: the one the most
    // boxes cut, then the lowest): wide interval columns, whose atoms are
    // many, come last, when the other splits have left few boxes.
    let column = -1;
    let fewest = 0;
    let cuttingColumn = 0;
    for (const [c, list] of cutters) {
      // Counted only until the column is sure to lose (more atoms than the best so far).
      const estimate = atomCount(cellOf(piece, c), boxes, list, c, column === -1 ? Infinity : fewest);
      if (column === -1 || estimate < fewest || (estimate === fewest && (list.length > cuttingColumn || (list.length === cuttingColumn && c < column)))) {
        column = c;
        fewest = estimate;
        cuttingColumn = list.length;
      }
    }
    const domain = columns.domain(column);
    const cutting = cutters.get(column)!;
    const atoms = atomsOf(domain, cellOf(piece, column), cutting.map((i) => boxes[i]!.get(column)!));
    if (atoms.length < 2) return splitBySubtraction(piece, live, cutting[0]!);
    parts += atoms.length;
    if (parts > budget) return "unknown";
    // For each atom, the cutters of the column that hold it, those that only
    // meet it (list columns are split one literal at a time) and those that
    // miss it; every other box holds the piece on this column, so holds the atom.
    // Atoms of every kind but lists are true atoms: a cell that meets one holds it.
    const trueAtoms = domain.kind !== "list";
    const branches = atoms.map((atom, order) => {
      const holding: number[] = [];
      const meeting: number[] = [];
      const missing: number[] = [];
      for (const i of cutting) {
        const theirs = boxes[i]!.get(column)!;
        if (!cellsMeet(domain, atom, theirs)) missing.push(i);
        else if (trueAtoms || cellWithin(domain, atom, theirs)) holding.push(i);
        else meeting.push(i);
      }
      return { atom, order, holding, meeting, missing };
    });
    branches.sort((a, b) => b.missing.length - a.missing.length || a.order - b.order);
    // Atoms that leave the same boxes (each holding them whole) ask one
    // question. The boxes holding each such atom that was covered are kept
    // by a number made of them, and compared box by box when two numbers
    // agree: writing every list out as a text cost a string per atom and a
    // number's text per box, and an exact question over a hundred boxes
    // splits into dozens of atoms per level (docs/analysis.md#keeping-each-step-cheap).
    // The lists hold the cutting boxes in `cutting` order, so the same boxes
    // make the same list.
    const coveredLists = new Map<number, (readonly number[])[]>();
    for (const { atom, holding, meeting, missing } of branches) {
      const key = meeting.length === 0 ? listHash(holding) : null;
      if (key !== null && holdsList(coveredLists, key, holding)) continue;
      // A box that cut only on this column and holds the atom contains the part.
      if (!holding.some((i) => cutCount[i] === 1)) {
        for (const i of missing) outside[i] = 1;
        for (const i of holding) cutCount[i]!--;
        const next = new Map<number, number[]>();
        for (const [c, list] of cutters) {
          if (c === column) continue;
          const kept = list.filter((i) => outside[i] === 0);
          if (kept.length > 0) next.set(c, kept);
        }
        if (meeting.length > 0) next.set(column, meeting);
        const part = copyBox(piece);
        if (isFullCell(domain, atom)) part.delete(column);
        else part.set(column, atom);
        const verdict = decide(
          part,
          live.filter((i) => outside[i] === 0),
          next,
        );
        for (const i of missing) outside[i] = 0;
        for (const i of holding) cutCount[i]!++;
        if (verdict !== null) return verdict;
      }
      if (key !== null) {
        const known = coveredLists.get(key);
        if (known === undefined) coveredLists.set(key, [holding]);
        else known.push(holding);
      }
    }
    return null;
  };

  /** A split the atoms could not make (not expected): subtract one cutting box, as the plain search does, and decide each part afresh. */
  const splitBySubtraction = (piece: Box, live: readonly number[], pick: number): Verdict => {
    const rest = live.filter((i) => i !== pick).map((i) => boxes[i]!);
    for (const part of subtractBox(columns, piece, boxes[pick]!)) {
      const result = coverageOfMany(columns, part, rest, budget - parts);
      if (result.kind === "unknown") return "unknown";
      if (result.kind === "uncovered") return result.piece;
    }
    return null;
  };

  const cutters = new Map<number, number[]>();
  for (let i = 0; i < boxes.length; i++) {
    const other = boxes[i]!;
    for (const column of other.keys()) {
      const cell = other.get(column)!;
      if (cellWithin(columns.domain(column), cellOf(box, column), cell)) continue;
      cutCount[i]!++;
      const list = cutters.get(column);
      if (list) list.push(i);
      else cutters.set(column, [i]);
    }
    if (cutCount[i] === 0) return { kind: "covered" };
  }
  const verdict = decide(
    box,
    boxes.map((_, i) => i),
    cutters,
  );
  if (verdict === "unknown") return { kind: "unknown" };
  return verdict === null ? { kind: "covered" } : { kind: "uncovered", piece: verdict };
}

/** A number made of a list of box numbers, the same for the same list (see `holdsList`). */
function listHash(list: readonly number[]): number {
  let hash = list.length;
  for (let k = 0; k < list.length; k++) hash = (Math.imul(hash, 31) + list[k]!) | 0;
  return hash;
}

/** Whether `lists` holds, under `hash`, a list with the numbers of `list` in its order. */
function holdsList(lists: ReadonlyMap<number, readonly (readonly number[])[]>, hash: number, list: readonly number[]): boolean {
  const known = lists.get(hash);
  if (known === undefined) return false;
  for (let k = 0; k < known.length; k++) {
    const other = known[k]!;
    if (other.length !== list.length) continue;
    let same = true;
    for (let i = 0; i < list.length && same; i++) same = other[i] === list[i];
    if (same) return true;
  }
  return false;
}

/**
 * How many atoms `atomsOf` would make at most, without making them: the
 * cells of the boxes `list` (numbers in `boxes`) on `column` cut `mine`.
 * They are read from the boxes where a list of them was made first: this
 * is asked of every cutting column at every level of the search. Past
 * `bound` the count may stop early with some number above `bound` (the
 * count only grows as more cells are read): the search then knows the
 * column has more atoms than the best one so far, which is all it asks.
 */
function atomCount(mine: Cell, boxes: readonly Box[], list: readonly number[], column: number, bound: number): number {
  const values = mine.values;
  let count = mine.absent ? 1 : 0;
  if (isEmptyValues(values)) return count;
  switch (values.kind) {
    case "finite": {
      const names = namedValuesOf(boxes, list, column);
      let named = 0;
      for (let k = 0; k < values.values.length; k++) if (names.has(values.values[k]!)) named++;
      return count + named + (named < values.values.length ? 1 : 0);
    }
    case "cofinite":
      return count + namedValuesOf(boxes, list, column).size + 1;
    case "ranges": {
      const ends = new Set<number>();
      for (let b = 0; b < list.length; b++) {
        const theirs = boxes[list[b]!]!.get(column)!.values;
        if (theirs.kind !== "ranges") continue;
        const intervals = theirs.intervals;
        for (let k = 0; k < intervals.length; k++) {
          const lo = intervals[k]![0];
          const hi = intervals[k]![1];
          if (lo !== null) ends.add(lo);
          if (hi !== null) ends.add(hi);
        }
        if (count + 2 * ends.size + 1 > bound) break;
      }
      return count + 2 * ends.size + 1;
    }
    case "lists":
      return count + 2;
  }
}

/** `namedValues` of the cells of the boxes `list` on `column`. */
function namedValuesOf(boxes: readonly Box[], list: readonly number[], column: number): Set<Scalar> {
  const found = new Set<Scalar>();
  for (let b = 0; b < list.length; b++) {
    const theirs = boxes[list[b]!]!.get(column)!.values;
    if (theirs.kind === "finite" || theirs.kind === "cofinite") for (let k = 0; k < theirs.values.length; k++) found.add(theirs.values[k]!);
  }
  return found;
}

function namedValues(cells: readonly Cell[]): Set<Scalar> {
  const found = new Set<Scalar>();
  for (const cell of cells) {
    const theirs = cell.values;
    if (theirs.kind === "finite" || theirs.kind === "cofinite") for (const v of theirs.values) found.add(v);
  }
  return found;
}

/**
 * What is left of `mine` outside the union of `cells` on one column: null
 * when nothing is, else a non-empty cell inside `mine` that meets none of
 * them; undefined when that would take more than a few pieces (list cells),
 * and the caller splits instead.
 */
export function remainderOnColumn(domain: ColumnDomain, mine: Cell, cells: readonly Cell[]): Cell | null | undefined {
  if (mine.values.kind === "finite" || mine.values.kind === "cofinite") return subtractCells(domain, mine, finiteUnion(domain, cells))[0] ?? null;
  if (mine.values.kind === "ranges") {
    // One sort of every interval, rather than one subtraction per cell.
    const intervals: Interval[] = [];
    let absent = false;
    for (const cell of cells) {
      absent ||= cell.absent;
      if (cell.values.kind === "ranges") intervals.push(...cell.values.intervals);
    }
    const union: Cell = { absent, values: { kind: "ranges", intervals: normalizeIntervals(intervals, domain.kind === "int") } };
    return subtractCells(domain, mine, union)[0] ?? null;
  }
  let left: Cell[] = [mine];
  for (const cell of cells) {
    left = left.flatMap((piece) => subtractCells(domain, piece, cell));
    if (left.length === 0) return null;
    if (left.length > REMAINDER_PIECES) return undefined;
  }
  return left[0]!;
}

/**
 * The union of finite and co-finite cells (enum, bool and string columns)
 * as one cell, so that a remainder is one subtraction: subtracting the
 * cells one at a time built a new list of every value left for each of
 * them, and on `wide` 10,000 the category cells of a thousand rows made
 * that 80 MB of pruning's allocation. A cell less a union of such cells is
 * one cell, canonical, so the remainder is the one the subtractions left.
 */
function finiteUnion(domain: ColumnDomain, cells: readonly Cell[]): Cell {
  let absent = false;
  const named = new Set<Scalar>();
  // The values every co-finite cell leaves out, or null while none was seen.
  let excluded: Set<Scalar> | null = null;
  for (const cell of cells) {
    absent ||= cell.absent;
    const values = cell.values;
    if (values.kind === "finite") for (const v of values.values) named.add(v);
    else if (values.kind === "cofinite") {
      if (excluded === null) excluded = new Set(values.values);
      else {
        const both = new Set<Scalar>();
        for (const v of values.values) if (excluded.has(v)) both.add(v);
        excluded = both;
      }
    }
  }
  if (excluded === null) return { absent, values: named.size === 0 ? noValues(domain) : { kind: "finite", values: sortedScalars(named) } };
  const left: string[] = [];
  for (const v of excluded) if (!named.has(v)) left.push(v as string);
  return { absent, values: { kind: "cofinite", values: sortedScalars(left) } };
}

/** Pieces a one-column remainder may hold before the search splits instead. */
const REMAINDER_PIECES = 16;

const present = (values: Cell["values"]): Cell => ({ absent: false, values });

/**
 * The atoms of `mine` on one column, given the cells of the boxes that cut
 * it there: pairwise disjoint non-empty cells whose union is `mine`, each
 * inside or outside every one of those cells (list cells are split on one
 * literal at a time, which may leave a cell only meeting an atom).
 */
export function atomsOf(domain: ColumnDomain, mine: Cell, cutters: readonly Cell[]): Cell[] {
  const atoms: Cell[] = [];
  if (mine.absent) atoms.push({ absent: true, values: noValues(domain) });
  const values = mine.values;
  if (isEmptyValues(values)) return atoms;
  const named = () => namedValues(cutters);
  switch (values.kind) {
    case "finite": {
      const names = named();
      const rest: Scalar[] = [];
      for (const v of values.values) {
        if (names.has(v)) atoms.push(present({ kind: "finite", values: [v] }));
        else rest.push(v);
      }
      if (rest.length > 0) atoms.push(present({ kind: "finite", values: rest }));
      break;
    }
    case "cofinite": {
      const excluded = new Set<Scalar>(values.values);
      const names = sortedScalars([...named()].filter((v) => !excluded.has(v)));
      for (const v of names) atoms.push(present({ kind: "finite", values: [v] }));
      atoms.push(present({ kind: "cofinite", values: sortedScalars([...values.values, ...(names as string[])]) }));
      break;
    }
    case "ranges": {
      const integers = domain.kind === "int";
      const ends = new Set<number>();
      for (const cell of cutters) {
        const theirs = cell.values;
        if (theirs.kind !== "ranges") continue;
        for (const [lo, hi] of theirs.intervals) {
          if (lo !== null) ends.add(lo);
          if (hi !== null) ends.add(hi);
        }
      }
      // The points at the ends and the open gaps between them: any interval
      // whose ends are among them holds each such piece whole or misses it.
      const sorted = [...ends].sort((a, b) => a - b);
      const pieces: Interval[] = [];
      let from: number | null = null;
      for (const end of sorted) {
        pieces.push([from, end, false, false], [end, end, true, true]);
        from = end;
      }
      pieces.push([from, null, false, false]);
      for (const piece of pieces) {
        const inside = intersectIntervals(values.intervals, [piece], integers);
        if (inside.length > 0) atoms.push(present({ kind: "ranges", intervals: inside }));
      }
      break;
    }
    case "lists": {
      const { req, forb } = values.conj!;
      let literal: Scalar | undefined;
      for (const cell of cutters) {
        const theirs = cell.values;
        if (theirs.kind !== "lists" || theirs.conj === null) continue;
        literal = [...theirs.conj.req, ...theirs.conj.forb].find((v) => !req.includes(v) && !forb.includes(v));
        if (literal !== undefined) break;
      }
      if (literal === undefined) {
        atoms.push(present(values));
        break;
      }
      for (const split of [{ req: [literal], forb: [] }, { req: [], forb: [literal] }]) {
        const part = intersectCells(domain, present(values), present({ kind: "lists", conj: split }));
        if (!isEmptyCell(part)) atoms.push(part);
      }
      break;
    }
  }
  return atoms;
}

function meets(columns: ColumnTable, piece: Box, other: Box): boolean {
  for (const column of other.keys()) {
    const mine = piece.get(column);
    if (mine !== undefined && !cellsMeet(columns.domain(column), mine, other.get(column)!)) return false;
  }
  return true;
}
