/**
 * The exact half of a decision diff. Each version of a decision splits input
 * space into first-hit regions: row r's region is its box minus the boxes of
 * the rows before it, and one more region where no row matches (the default,
 * or no answer). For every pair (old region i, new region j) whose answers
 * differ, the intersection of the two regions is computed as disjoint boxes;
 * a non-empty intersection is a set of customers whose answer changed.
 *
 * The work is bounded: every box produced counts against a budget, and when
 * it runs out the result says so and the caller falls back to sampling. A
 * pair skipped for being identical in both versions costs nothing.
 *
 * Invariant: a returned region lies inside old region i and new region j, so
 * on any point of it the old table answers `before` and the new one `after`;
 * and when the computation completes, every context whose answer differs
 * lies in some returned region.
 */
import type { DecisionTable } from "@scn/runtime";
import { EVERYTHING, intersectBoxes, subtractUnion, type Box } from "../box.js";
import type { ColumnTable } from "../column-table.js";
import { answerKey, noMatchAnswer, rowAnswer } from "./answer-view.js";
import type { AnswerView } from "./diff-model.js";

/** Box operations one decision's comparison may spend before it falls back to sampling. */
export const DIFF_BUDGET = 1_000_000;

/** Disjoint boxes one pair's intersection may split into. */
const PIECE_LIMIT = 5_000;

export interface ChangedRegion {
  readonly before: AnswerView;
  readonly after: AnswerView;
  /** Disjoint boxes whose union is the pair's intersection. */
  readonly pieces: readonly Box[];
}

export type ExactResult = { readonly complete: true; readonly regions: readonly ChangedRegion[] } | { readonly complete: false };

interface FirstHitRegion {
  readonly answer: AnswerView;
  readonly key: string;
  readonly box: Box;
  /**
   * The earlier live boxes that meet this one (for the no-match region: all
   * of them). Only these can take part of a subset of this region's box away.
   */
  readonly blockers: readonly Box[];
}

/** The table's first-hit regions, and the box operations spent finding their blockers. */
function firstHitTable(columns: ColumnTable, table: DecisionTable, boxes: readonly (Box | null)[]): { regions: FirstHitRegion[]; spent: number } {
  const regions: FirstHitRegion[] = [];
  const live: Box[] = [];
  let spent = 0;
  boxes.forEach((box, row) => {
    if (box === null) return;
    const answer = rowAnswer(table, row);
    const blockers = live.filter((earlier) => intersectBoxes(columns, box, earlier) !== null);
    spent += live.length;
    regions.push({ answer, key: answerKey(answer), box, blockers });
    live.push(box);
  });
  const none = noMatchAnswer(table);
  regions.push({ answer: none, key: answerKey(none), box: EVERYTHING, blockers: live });
  return { regions, spent };
}

export function exactRegions(
  columns: ColumnTable,
  before: { readonly table: DecisionTable; readonly boxes: readonly (Box | null)[] },
  after: { readonly table: DecisionTable; readonly boxes: readonly (Box | null)[] },
  budget: number = DIFF_BUDGET,
): ExactResult {
  const olds = firstHitTable(columns, before.table, before.boxes);
  const news = firstHitTable(columns, after.table, after.boxes);
  let spent = olds.spent + news.spent;
  if (spent > budget) return { complete: false };
  const regions: ChangedRegion[] = [];
  for (const old of olds.regions) {
    for (const next of news.regions) {
      // Pairs with equal answers still count, so that huge tables cannot loop unbounded.
      spent++;
      if (old.key === next.key) {
        if (spent > budget) return { complete: false };
        continue;
      }
      const both = intersectBoxes(columns, old.box, next.box);
      if (both === null) continue;
      // `both` lies inside each region's box, so only that region's blockers can meet it.
      const blockers = [...old.blockers, ...next.blockers].filter((box) => intersectBoxes(columns, both, box) !== null);
      spent += old.blockers.length + next.blockers.length;
      if (spent > budget) return { complete: false };
      const pieces = subtractUnion(columns, both, blockers, Math.min(PIECE_LIMIT, budget - spent));
      if (pieces === null) return { complete: false };
      spent += pieces.length + blockers.length;
      if (spent > budget) return { complete: false };
      if (pieces.length > 0) regions.push({ before: old.answer, after: next.answer, pieces });
    }
  }
  return { complete: true, regions };
}
