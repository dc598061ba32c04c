/**
 * The search over many boxes (boxes/many-coverage.ts) as it was before its
 * per-level work was made cheaper: the atoms of a column counted from a
 * list of the cutting boxes' cells, and the atoms that leave the same boxes
 * told apart by a text of their numbers. The search there must give the
 * very verdicts and pieces this one gives.
 */
import { copyBox, subtractBox, type Box } from "../../src/boxes/box.js";
import { cellWithin, cellsMeet, fullCell, isEmptyValues, isFullCell, type Cell, type Scalar } from "../../src/boxes/cell.js";
import type { ColumnTable } from "../../src/boxes/column-table.js";
import type { Coverage } from "../../src/boxes/coverage.js";
import { atomsOf, remainderOnColumn } from "../../src/boxes/many-coverage.js";

type Verdict = Box | null | "unknown";

export function referenceCoverageOfMany(columns: ColumnTable, box: Box, meeting: readonly Box[], budget: number): Coverage {
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
    for (const [c, list] of cutters) {
      const estimate = atomCount(cellOf(piece, c), list.map((i) => boxes[i]!.get(c)!));
      const cutting = cutters.get(column)?.length ?? 0;
      if (column === -1 || estimate < fewest || (estimate === fewest && (list.length > cutting || (list.length === cutting && c < column)))) {
        column = c;
        fewest = estimate;
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
    // Atoms that leave the same boxes (each holding them whole) ask one question.
    const coveredKeys = new Set<string>();
    for (const { atom, holding, meeting, missing } of branches) {
      const key = meeting.length === 0 ? holding.join(",") : null;
      if (key !== null && coveredKeys.has(key)) continue;
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
      if (key !== null) coveredKeys.add(key);
    }
    return null;
  };

  /** A split the atoms could not make (not expected): subtract one cutting box, as the plain search does, and decide each part afresh. */
  const splitBySubtraction = (piece: Box, live: readonly number[], pick: number): Verdict => {
    const rest = live.filter((i) => i !== pick).map((i) => boxes[i]!);
    for (const part of subtractBox(columns, piece, boxes[pick]!)) {
      const result = referenceCoverageOfMany(columns, part, rest, budget - parts);
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

/** How many atoms `atomsOf` would make at most, without making them. */
function atomCount(mine: Cell, cutters: readonly Cell[]): number {
  const values = mine.values;
  let count = mine.absent ? 1 : 0;
  if (isEmptyValues(values)) return count;
  switch (values.kind) {
    case "finite": {
      const names = namedValues(cutters);
      let named = 0;
      for (const v of values.values) if (names.has(v)) named++;
      return count + named + (named < values.values.length ? 1 : 0);
    }
    case "cofinite":
      return count + namedValues(cutters).size + 1;
    case "ranges": {
      const ends = new Set<number>();
      for (const cell of cutters) {
        if (cell.values.kind !== "ranges") continue;
        for (const [lo, hi] of cell.values.intervals) {
          if (lo !== null) ends.add(lo);
          if (hi !== null) ends.add(hi);
        }
      }
      return count + 2 * ends.size + 1;
    }
    case "lists":
      return count + 2;
  }
}

function namedValues(cells: readonly Cell[]): Set<Scalar> {
  const found = new Set<Scalar>();
  for (const cell of cells) {
    const theirs = cell.values;
    if (theirs.kind === "finite" || theirs.kind === "cofinite") for (const v of theirs.values) found.add(v);
  }
  return found;
}

function meets(columns: ColumnTable, piece: Box, other: Box): boolean {
  for (const column of other.keys()) {
    const mine = piece.get(column);
    if (mine !== undefined && !cellsMeet(columns.domain(column), mine, other.get(column)!)) return false;
  }
  return true;
}
