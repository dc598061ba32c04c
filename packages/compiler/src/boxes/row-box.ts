/**
 * The box of a bundle row: the cells its unary tests allow, one per context
 * path. A list path may spread over several bundle columns (one per element
 * literal); their tests meet on the path's one box column.
 *
 * Invariant: a context's column values satisfy every test of the row exactly
 * when they lie in the box; null means the tests can never all hold. Box
 * column indices come from the given table, so boxes of one table compare.
 */
import type { Column, Row } from "@scn/runtime";
import type { Box } from "./box.js";
import { atomCell, intersectCells, isEmptyCell, isFullCell, type Cell } from "./cell.js";
import type { ColumnTable } from "./column-table.js";

export function rowBox(table: ColumnTable, columns: readonly Column[], row: Row): Box | null {
  // Built in place rather than by intersecting one-column boxes: this runs for every row of a table.
  const box = new Map<number, Cell>();
  for (const [key, test] of Object.entries(row.tests)) {
    const column = columns[Number(key)];
    if (!column) throw new Error(`internal: row tests unknown column ${key}`);
    const index = table.indexOf(column.path);
    const domain = table.domain(index);
    const known = box.get(index);
    const cell = known === undefined ? atomCell(domain, test) : intersectCells(domain, known, atomCell(domain, test));
    if (isEmptyCell(cell)) return null;
    box.set(index, cell);
  }
  for (const [index, cell] of box) if (isFullCell(table.domain(index), cell)) box.delete(index);
  return box;
}
