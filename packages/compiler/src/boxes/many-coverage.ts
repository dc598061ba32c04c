/**
 * Exact coverage of a box by many meeting boxes (coverage.ts decides when
 * this search is used instead of subtracting the boxes in list order).
 *
 * Subtracting the boxes one by one in list order splits the box into a
 * number of pieces that multiplies with every box that cuts it on two
 * columns or more, and rows of scenarios whose age and spend ranges overlap
 * cut each other everywhere. Here the piece is first shrunk without any
 * split: a box that cuts it on one column only takes its part of that
 * column away (the rest is still one cell), which may leave other boxes
 * cutting on one column, and so on. A box that cuts on no column contains
 * the piece (covered); a piece that no box meets is uncovered. Only when
 * every box left cuts on two columns or more is the piece split, by the box
 * that cuts it on the fewest, and each part is decided the same way.
 *
 * Invariant: `covered` only when the union contains the box; an `uncovered`
 * piece lies inside the box and meets no box of the union; `unknown` when
 * the parts examined exceed the budget.
 */
import { subtractBox, type Box } from "./box.js";
import { cellWithin, cellsMeet, fullCell, isFullCell, subtractCells, type Cell } from "./cell.js";
import type { ColumnTable } from "./column-table.js";
import type { Coverage } from "./coverage.js";

type Verdict = Box | null | "unknown";

export function coverageOfMany(columns: ColumnTable, box: Box, meeting: readonly Box[], budget: number): Coverage {
  let parts = 0;
  const cellOf = (piece: ReadonlyMap<number, Cell>, column: number): Cell => piece.get(column) ?? fullCell(columns.domain(column));
  /** How many columns `other` cuts `piece` on (those where the piece's cell is not inside the other's). */
  const cutsOf = (piece: ReadonlyMap<number, Cell>, other: Box): number => {
    let cuts = 0;
    for (const [column, cell] of other) if (!cellWithin(columns.domain(column), cellOf(piece, column), cell)) cuts++;
    return cuts;
  };
  const decide = (start: Box, meetingStart: readonly Box[]): Verdict => {
    const piece = new Map(start);
    let live = [...meetingStart];
    let cuts = live.map((other) => cutsOf(piece, other));
    for (;;) {
      if (live.length === 0) return piece;
      if (cuts.includes(0)) return null;
      // A box cutting on one column whose remainder there is one cell shrinks
      // the piece without a split. One pass applies every such shrink it
      // meets (shrinking keeps every other box's cuts on the columns it did
      // not cut), and only then are the boxes still meeting the piece and
      // their cuts counted again: one count per pass, not per shrink, which
      // kept a box covered by hundreds of others quadratic in them.
      let shrunk = false;
      for (let i = 0; i < live.length; i++) {
        if (cuts[i] !== 1) continue;
        const other = live[i]!;
        for (const [column, cell] of other) {
          const domain = columns.domain(column);
          const mine = cellOf(piece, column);
          if (cellWithin(domain, mine, cell)) continue;
          if (!cellsMeet(domain, mine, cell)) break;
          const rest = subtractCells(domain, mine, cell);
          // The box holds the piece on every other column and now on this one too.
          if (rest.length === 0) return null;
          if (rest.length !== 1) break;
          const left = rest[0]!;
          if (isFullCell(domain, left)) piece.delete(column);
          else piece.set(column, left);
          shrunk = true;
          break;
        }
      }
      if (shrunk) {
        const nextLive: Box[] = [];
        const nextCuts: number[] = [];
        for (const candidate of live) {
          if (!meets(columns, piece, candidate)) continue;
          nextLive.push(candidate);
          nextCuts.push(cutsOf(piece, candidate));
        }
        live = nextLive;
        cuts = nextCuts;
      }
      if (shrunk) continue;
      // Every box left cuts on two columns or more (or on a list column):
      // split by the one that cuts on the fewest, and decide each part.
      let pick = 0;
      for (let i = 1; i < live.length; i++) if (cuts[i]! < cuts[pick]!) pick = i;
      const splitter = live[pick]!;
      const pieces = subtractBox(columns, piece, splitter);
      parts += pieces.length;
      if (parts > budget) return "unknown";
      const rest = live.filter((_, k) => k !== pick);
      for (const part of pieces) {
        const verdict = decide(part, rest.filter((other) => meets(columns, part, other)));
        if (verdict !== null) return verdict;
      }
      return null;
    }
  };
  const verdict = decide(box, meeting);
  if (verdict === "unknown") return { kind: "unknown" };
  return verdict === null ? { kind: "covered" } : { kind: "uncovered", piece: verdict };
}

function meets(columns: ColumnTable, piece: Box, other: Box): boolean {
  for (const [column, cell] of other) {
    const mine = piece.get(column);
    if (mine !== undefined && !cellsMeet(columns.domain(column), mine, cell)) return false;
  }
  return true;
}
