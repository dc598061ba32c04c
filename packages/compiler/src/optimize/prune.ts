/**
 * Row pruning (docs/optimizer.md#1-prune-unreachable-rows): drops rows that can never fire, exactly:
 * a row whose tests contradict each other (an empty box), and a row whose box
 * lies inside the union of the boxes of the rows before it (first-hit means
 * they always answer first). Coverage is decided over unions, not pairs.
 *
 * Invariant: first-hit evaluation of the result answers every context exactly
 * as the input does. When a coverage question exceeds its budget the row is
 * kept, which is always safe. Most rows are not covered, and a point search
 * on an index of the rows proves that in a few point queries, so pruning
 * grows about linearly with the rows.
 */
import type { Box } from "../boxes/box.js";
import { ColumnTable } from "../boxes/column-table.js";
import { indexedCoverage } from "../boxes/coverage.js";
import { rowBox } from "../boxes/row-box.js";
import { UnionIndex } from "../boxes/union-index.js";
import type { LoweredDecision } from "../lower/lowered.js";
import type { Row } from "@scn/runtime";

export function pruneUnreachableRows(decision: LoweredDecision): LoweredDecision {
  const table = ColumnTable.forBundleColumns(decision.columns);
  const boxes = decision.rows.map((row) => rowBox(table, decision.columns, row));
  // One index over every satisfiable row; a question about row i looks only
  // at the rows before it that were kept (a pruned row adds nothing to the
  // union, since the rows before it already cover it).
  const satisfiable = boxes.filter((b): b is Box => b !== null);
  const index = UnionIndex.over(table, satisfiable);
  const kept = new Uint8Array(satisfiable.length);
  const alive = (position: number) => kept[position] === 1;
  const rows: Row[] = [];
  let position = 0;
  decision.rows.forEach((row, i) => {
    const box = boxes[i]!;
    if (box === null) return;
    const here = position++;
    if (indexedCoverage(table, box, index, { end: here, alive }).kind === "covered") return;
    kept[here] = 1;
    rows.push(row);
  });
  return { ...decision, rows };
}
