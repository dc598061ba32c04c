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
import type { DecisionTable, Interval } from "@scn/runtime";
import { EVERYTHING, intersectBoxes, subtractUnion, type Box } from "../boxes/box.js";
import { intersectCells, isEmptyCell, type Cell, type ColumnDomain } from "../boxes/cell.js";
import type { ColumnTable } from "../boxes/column-table.js";
import { canonicalJson } from "../bundle/canonical-json.js";
import { answerKey, noMatchAnswer, rowAnswer } from "./answer-view.js";
import type { AnswerView } from "./diff-model.js";

/** Box operations one decision's comparison may spend before it falls back to sampling. */
export const DIFF_BUDGET = 5_000_000;

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

/** Whether two normalized intervals share a number (integer intervals are inclusive, so this holds for them too). */
function intervalsMeet([lo1, hi1, loIn1, hiIn1]: Interval, [lo2, hi2, loIn2, hiIn2]: Interval): boolean {
  const belowEnd = (lo: number | null, loIn: boolean, hi: number | null, hiIn: boolean) => lo === null || hi === null || lo < hi || (lo === hi && loIn && hiIn);
  return belowEnd(lo1, loIn1, hi2, hiIn2) && belowEnd(lo2, loIn2, hi1, hiIn1);
}

/** Whether two cells share a value, without building their intersection in the common cases. */
function cellsMeet(domain: ColumnDomain, a: Cell, b: Cell): boolean {
  if (a.absent && b.absent) return true;
  const [x, y] = [a.values, b.values];
  if (x.kind === "ranges" && y.kind === "ranges") return x.intervals.some((i) => y.intervals.some((j) => intervalsMeet(i, j)));
  if (x.kind === "finite" && y.kind === "finite") return x.values.some((v) => y.values.includes(v));
  return !isEmptyCell(intersectCells(domain, { absent: false, values: x }, { absent: false, values: y }));
}

/** Whether two boxes share a point; cheaper than `intersectBoxes` because it builds no box. */
function boxesMeet(columns: ColumnTable, a: Box, b: Box): boolean {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const [column, cell] of small) {
    const other = large.get(column);
    if (other !== undefined && !cellsMeet(columns.domain(column), cell, other)) return false;
  }
  return true;
}

/**
 * The table's first-hit regions after the first `skip` rows that can match
 * (those are never paired, see `sharedPrefix`), and the box operations spent
 * finding their blockers; null as soon as that alone exceeds `budget`, which
 * also bounds the memory the blocker lists take.
 */
function firstHitTable(
  columns: ColumnTable,
  table: DecisionTable,
  boxes: readonly (Box | null)[],
  skip: number,
  budget: number,
): { regions: FirstHitRegion[]; spent: number } | null {
  const regions: FirstHitRegion[] = [];
  const live: Box[] = [];
  let spent = 0;
  for (let row = 0; row < boxes.length; row++) {
    const box = boxes[row];
    if (box === null || box === undefined) continue;
    if (live.length >= skip) {
      spent += live.length;
      if (spent > budget) return null;
      const answer = rowAnswer(table, row);
      const blockers = live.filter((earlier) => boxesMeet(columns, box, earlier));
      regions.push({ answer, key: answerKey(answer), box, blockers });
    }
    live.push(box);
  }
  const none = noMatchAnswer(table);
  regions.push({ answer: none, key: answerKey(none), box: EVERYTHING, blockers: live });
  return { regions, spent };
}

/** The rows that can match, each with its box and answer in canonical form. */
function liveRows(table: DecisionTable, boxes: readonly (Box | null)[]): string[] {
  const rows: string[] = [];
  boxes.forEach((box, row) => {
    if (box !== null) rows.push(canonicalJson([[...box].sort((a, b) => a[0] - b[0]), answerKey(rowAnswer(table, row))]));
  });
  return rows;
}

/**
 * How many leading rows that can match the two tables share, box and answer
 * alike. A context that one table answers with one of these rows reaches the
 * same row in the other table (every row before it is the same too), so no
 * change involves them: the common case of an edit near the end of a large
 * table then costs little.
 */
function sharedPrefix(before: readonly string[], after: readonly string[]): number {
  let k = 0;
  while (k < before.length && k < after.length && before[k] === after[k]) k++;
  return k;
}

export function exactRegions(
  columns: ColumnTable,
  before: { readonly table: DecisionTable; readonly boxes: readonly (Box | null)[] },
  after: { readonly table: DecisionTable; readonly boxes: readonly (Box | null)[] },
  budget: number = DIFF_BUDGET,
): ExactResult {
  const skip = sharedPrefix(liveRows(before.table, before.boxes), liveRows(after.table, after.boxes));
  const olds = firstHitTable(columns, before.table, before.boxes, skip, budget);
  const news = olds === null ? null : firstHitTable(columns, after.table, after.boxes, skip, budget - olds.spent);
  if (olds === null || news === null) return { complete: false };
  let spent = olds.spent + news.spent;
  const regions: ChangedRegion[] = [];
  for (const old of olds.regions) {
    for (const next of news.regions) {
      // Pairs with equal answers still count, so that huge tables cannot loop unbounded.
      spent++;
      if (old.key === next.key) {
        if (spent > budget) return { complete: false };
        continue;
      }
      if (!boxesMeet(columns, old.box, next.box)) continue;
      const both = intersectBoxes(columns, old.box, next.box)!;
      // `both` lies inside each region's box, so only that region's blockers can meet it.
      const blockers = [...old.blockers, ...next.blockers].filter((box) => boxesMeet(columns, both, box));
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
