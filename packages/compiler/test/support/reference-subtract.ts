/**
 * `subtractBox` by its definition (docs/analysis.md, "Keeping each step
 * cheap"): the subtracted box's columns in ascending order, each column's
 * cell subtracted through its complement in the whole domain, and no
 * column skipped. The box algebra's shortcuts (two finite cells subtracted
 * value by value, a column already inside the subtracted cell skipped, the
 * columns ordered in a reused array, the box copied only when first
 * narrowed) must give exactly these pieces, in this order.
 */
import { boxesMeet, cellAt, type Box } from "../../src/boxes/box.js";
import { intersectCells, isFullCell, subtractCellsByComplement } from "../../src/boxes/cell.js";
import type { ColumnTable } from "../../src/boxes/column-table.js";

export function referenceSubtractBox(columns: ColumnTable, a: Box, b: Box): Box[] {
  if (!boxesMeet(columns, a, b)) return [a];
  const pieces: Box[] = [];
  const current = new Map(a);
  for (const column of [...b.keys()].sort((x, y) => x - y)) {
    const domain = columns.domain(column);
    const mine = cellAt(columns, current, column);
    const theirs = b.get(column)!;
    for (const rest of subtractCellsByComplement(domain, mine, theirs)) {
      const piece = new Map(current);
      if (isFullCell(domain, rest)) piece.delete(column);
      else piece.set(column, rest);
      pieces.push(piece);
    }
    current.set(column, intersectCells(domain, mine, theirs));
  }
  return pieces;
}
