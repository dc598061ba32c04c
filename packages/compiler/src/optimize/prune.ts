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
import { EVERYTHING, type Box } from "../boxes/box.js";
import { ColumnTable } from "../boxes/column-table.js";
import { COVERAGE_BUDGET, exactCoverage, indexedCovered, indexedCoverage, type Coverage } from "../boxes/coverage.js";
import { findUncoveredPoint } from "../boxes/point-search.js";
import { rowBox } from "../boxes/row-box.js";
import { GrowingUnion } from "../boxes/growing-union.js";
import { UnionIndex, type IndexTuning } from "../boxes/union-index.js";
import type { IndexWindow } from "../boxes/scanned-union.js";
import type { LoweredDecision } from "../lower/lowered.js";
import type { Row } from "@scn/runtime";

/**
 * Open rows (rows that name no value of the dispatch column) before a
 * question from which pruning asks the union so far. With every context in
 * the universe, the complement of a few hundred open rows is still cut into
 * about two thousand boxes, a question meets a hundred or more of them, and
 * the search over the candidates is two to three times cheaper; from about
 * six hundred open rows on (3,000 scenarios of the `overlap` program) the
 * union so far is several times cheaper, and the search grows with the rows.
 */
const PRUNING_MINIMUM_OPEN = 400;

export interface PruneTuning {
  /** See PRUNING_MINIMUM_OPEN (tests set it to 0, so that small tables take every path). */
  readonly minimumOpen?: number;
  /**
   * Told, for each row kept because a piece of its box is uncovered, that
   * piece (a box over `table`'s columns inside the row's box that no
   * earlier row meets), so that the conformance vectors can reach the row
   * without searching for a point again (docs/optimizer.md#conformance-witnesses).
   */
  readonly reached?: (row: number, piece: Box, table: ColumnTable) => void;
  /**
   * The union index's tuning, and whether pruning takes each dropped row
   * out of it (UnionIndex.drop); builds use the defaults. Tests turn the
   * point guard and the drops off to hold those fast paths to this same
   * loop without them.
   */
  readonly index?: IndexTuning;
  readonly dropPruned?: boolean;
}

export function pruneUnreachableRows(decision: LoweredDecision, tuning: PruneTuning = {}): LoweredDecision {
  const table = ColumnTable.forBundleColumns(decision.columns);
  const boxes = decision.rows.map((row) => rowBox(table, decision.columns, row));
  // One index over every satisfiable row; a question about row i looks only
  // at the rows before it that were kept (a pruned row adds nothing to the
  // union, since the rows before it already cover it).
  const satisfiable = boxes.filter((b): b is Box => b !== null);
  const index = UnionIndex.over(table, satisfiable, tuning.index);
  // The rows before each question only grow, so the exact step asks the
  // union so far (every context is in its universe), once enough rows that
  // name no category come before the question for it to beat the search
  // over the candidates (docs/analysis.md#the-union-so-far-shadowing-and-pruning-in-linear-time).
  const growing = GrowingUnion.over(table, index, [EVERYTHING], { minimumOpen: tuning.minimumOpen ?? PRUNING_MINIMUM_OPEN });
  const kept = new Uint8Array(satisfiable.length);
  const alive = (position: number) => kept[position] === 1;
  // The window of the index's own queries (the point searches, the exact
  // search's candidates). Every position before a question is kept or
  // dropped from the index (below), and neither a point query nor a
  // candidate list holds a dropped one or lets a dropped holder stand for
  // a box (UnionIndex.drop, maximalCandidates), so `alive` cannot change
  // their answers: left out, each box they read costs one call less (a
  // point query of `wide` 1,000 tests about eleven, an exact question's
  // candidates are about 900). The union so far still reads `alive`: the
  // pinned boxes' index drops nothing (docs/analysis.md#keeping-each-step-cheap).
  const drops = tuning.dropPruned !== false;
  const points = (end: number): IndexWindow => (drops ? { end } : { end, alive });
  const coverage = (box: Box, end: number) => indexedCoverage(table, box, index, { end, alive }, COVERAGE_BUDGET, growing, points(end));
  const covered = (box: Box, end: number) => indexedCovered(table, box, index, { end, alive }, COVERAGE_BUDGET, growing, points(end));
  // The first two steps of `coverage`: covered when the open rows before
  // it hold the box, uncovered at the point the search finds, else null,
  // and then its last step alone (`exact`): asked again, the first two
  // would answer as they did, since nothing they read changes in between
  // (the questions about the holders fold no further), and at 10,000 `wide`
  // scenarios that was about two thousand point searches that fail.
  const exact = (box: Box, end: number) => exactCoverage(table, box, index, { end, alive }, COVERAGE_BUDGET, growing, points(end));
  const reachingPoint = (box: Box, end: number): Coverage | null => {
    const window = { end, alive };
    if (growing.coveredByOpen(box, window)) return { kind: "covered" };
    const point = findUncoveredPoint(table, box, index, points(end));
    return point === null ? null : { kind: "uncovered", piece: point };
  };
  // A scenario's last row (its situation, taken by `otherwise`) holds its
  // other rows, and a pathway's row holds its variations' rows. When the
  // rows before a row cover a later row holding it, they cover it too and
  // every row between that the later one holds: a shadowed scenario is then
  // one question instead of one per row. The answer for each holding row is
  // kept once asked.
  const laterCovered = new Map<number, boolean>();
  const holders: number[] = [];
  // The answer for the row at `here` (a position of the index), or null when the rows before it cover it.
  const ask = (box: Box, here: number): Coverage | null => {
    // The later rows holding this one, innermost first (each holds the one before it).
    holders.length = 0;
    for (let holder = index.dominatorOf(here); holder > (holders.length === 0 ? here : (holders[holders.length - 1] as number)); holder = index.dominatorOf(holder)) holders.push(holder);
    if (laterCovered.get(here) === true || holders.some((holder) => laterCovered.get(holder) === true)) return null;
    let answer: Coverage | null = null;
    let searched = false;
    if (holders.some((holder) => laterCovered.get(holder) === undefined)) {
      // Most rows are reached, and a point reaching the row reaches every
      // row holding it, so the row's own point search (the first step of
      // its question) answers for its holders too; only when it finds no
      // point are the holders asked, the outermost first, since it holds
      // the most rows (docs/optimizer.md#1-prune-unreachable-rows).
      answer = reachingPoint(box, here);
      searched = true;
      if (answer?.kind === "covered") return null;
      if (answer === null) {
        for (let k = holders.length - 1; k >= 0; k--) {
          const holder = holders[k] as number;
          if (laterCovered.get(holder) !== undefined) continue;
          const known = covered(satisfiable[holder]!, here);
          laterCovered.set(holder, known);
          if (known) return null;
        }
      } else for (const holder of holders) laterCovered.set(holder, false);
    }
    answer ??= searched ? exact(box, here) : coverage(box, here);
    return answer.kind === "covered" ? null : answer;
  };
  const rows: Row[] = [];
  let position = 0;
  decision.rows.forEach((row, i) => {
    const box = boxes[i]!;
    if (box === null) return;
    const here = position++;
    const answer = ask(box, here);
    if (answer === null) {
      // No later question's window accepts a dropped row (`alive`), so the index's point queries stop walking it.
      if (drops) index.drop(here);
      return;
    }
    if (answer.kind === "uncovered") tuning.reached?.(i, answer.piece, table);
    kept[here] = 1;
    rows.push(row);
  });
  return { ...decision, rows };
}
