/**
 * A bundle's rows as boxes over the unified columns of a diff. A row tests
 * bundle columns; several bundle columns may share a path (a list path gets
 * one column per element literal), so the cells of one path are intersected.
 *
 * Invariant: a context satisfies every test of row r exactly when its column
 * values lie in `boxes[r]`; a row no context satisfies gets `null`.
 */
import type { DecisionTable, UnaryTest } from "@scn/runtime";
import { EVERYTHING, boxOf, intersectBoxes, type Box } from "../boxes/box.js";
import { atomCell } from "../boxes/cell.js";
import { ownDomain, widenCell, type UnifiedColumns } from "./unified-columns.js";

export function rowBoxes(table: DecisionTable, unified: UnifiedColumns): (Box | null)[] {
  const columns = unified.table;
  return table.rows.map((row) => {
    let box: Box | null = EVERYTHING;
    for (const key of Object.keys(row.tests)) {
      const column = table.columns[Number(key)]!;
      const index = columns.indexOf(column.path);
      const own = ownDomain(column);
      const cell = widenCell(own, columns.domain(index), atomCell(own, row.tests[key] as UnaryTest));
      const tested = boxOf(columns, index, cell);
      box = tested === null ? null : intersectBoxes(columns, box, tested);
      if (box === null) return null;
    }
    return box;
  });
}
