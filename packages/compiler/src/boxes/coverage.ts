/**
 * Exact coverage: whether a box lies inside a union of boxes, and if not, a
 * piece of it that lies outside. This is the question behind row pruning,
 * shadowing, reachability, gaps and fall-through, asked over unions rather
 * than pairs so that a box covered only by several others together is found.
 *
 * The search is depth-first: it splits the box by one covering box at a time
 * and stops at the first piece that no box touches, so an uncovered box is
 * usually found after a few splits. Proving coverage may need many pieces;
 * a budget bounds the work, and running out is reported as `unknown`, which
 * callers must treat in the safe direction (keep the row, report nothing).
 *
 * Over an indexed union (`indexedCoverage`), a point search on the index is
 * tried first, so that the common uncovered case costs a few point queries
 * however large the union; only when it finds no point is the question
 * decided exactly over the index's candidates.
 *
 * Invariant: `covered` is returned only when the union really contains the
 * box, and `uncovered` pieces really lie inside the box and outside the union.
 */
import { boxWithin, boxesMeet, subtractBox, type Box } from "./box.js";
import type { ColumnTable } from "./column-table.js";
import { probeUncovered } from "./coverage-probe.js";
import { findUncoveredPoint } from "./point-search.js";
import { coverageOfMany } from "./many-coverage.js";
import type { IndexWindow, SearchableUnion } from "./scanned-union.js";

export type Coverage = { readonly kind: "covered" } | { readonly kind: "uncovered"; readonly piece: Box } | { readonly kind: "unknown" };

/** How many pieces one coverage question may split a box into. */
export const COVERAGE_BUDGET = 20_000;

/**
 * Up to this many meeting boxes, coverage is decided by subtracting them one
 * at a time (the search whose uncovered pieces the analysis goldens show as
 * witnesses); beyond it, by splitting the box into atoms column by column
 * (many-coverage.ts), whose work does not multiply with every overlapping
 * box. Both are exact; they may find different uncovered pieces.
 */
export const SUBTRACTION_LIMIT = 16;

/**
 * `provedCovered`, when given, is a cheaper exact proof the caller may have
 * that the union covers a box (true only when it does): it is asked after
 * the probe and before the search, so an uncovered box gets the piece it
 * always got, and a covered one skips the search, which would say covered
 * too (or run out of its budget first).
 */
export function coverage(columns: ColumnTable, box: Box, union: readonly Box[], budget = COVERAGE_BUDGET, provedCovered?: (box: Box) => boolean): Coverage {
  const relevant = union.filter((other) => boxesMeet(columns, box, other));
  if (relevant.length === 0) return { kind: "uncovered", piece: box };
  const point = probeUncovered(columns, box, relevant);
  if (point !== null) return { kind: "uncovered", piece: point };
  if (provedCovered?.(box)) return { kind: "covered" };
  return searchCoverage(columns, box, relevant, budget);
}

/**
 * The exact search alone, over boxes that all meet `box`, for questions
 * that are usually covered (where probing points first is wasted work).
 */
export function searchCoverage(columns: ColumnTable, box: Box, relevant: readonly Box[], budget = COVERAGE_BUDGET): Coverage {
  if (relevant.length > SUBTRACTION_LIMIT) return coverageOfMany(columns, box, relevant, budget);
  return subtractionCoverage(columns, box, relevant, budget);
}

/** The depth-first search over boxes that all meet `box`: subtract them one at a time, in list order. */
export function subtractionCoverage(columns: ColumnTable, box: Box, relevant: readonly Box[], budget = COVERAGE_BUDGET): Coverage {
  const stack: { box: Box; next: number }[] = [{ box, next: 0 }];
  let pieces = 0;
  while (stack.length > 0) {
    const { box: piece, next } = stack.pop()!;
    let i = next;
    while (i < relevant.length && !boxesMeet(columns, piece, relevant[i]!)) i++;
    if (i === relevant.length) return { kind: "uncovered", piece };
    if (relevant.slice(i).some((other) => boxWithin(columns, piece, other))) continue;
    const rest = subtractBox(columns, piece, relevant[i]!);
    pieces += rest.length;
    if (pieces > budget) return { kind: "unknown" };
    // Pushed in reverse so the first piece is explored first, which keeps witnesses stable.
    for (let k = rest.length - 1; k >= 0; k--) stack.push({ box: rest[k]!, next: i + 1 });
  }
  return { kind: "covered" };
}

/** Coverage of a union of boxes: uncovered as soon as one of its boxes is. */
export function unionCoverage(columns: ColumnTable, boxes: readonly Box[], union: readonly Box[], budget = COVERAGE_BUDGET, provedCovered?: (box: Box) => boolean): Coverage {
  let unknown = false;
  for (const box of boxes) {
    const result = coverage(columns, box, union, budget, provedCovered);
    if (result.kind === "uncovered") return result;
    if (result.kind === "unknown") unknown = true;
  }
  return unknown ? { kind: "unknown" } : { kind: "covered" };
}

/**
 * An exact answer to "is `box` inside the union of the window's boxes" that
 * may decline (null), for instance a structure of the union so far
 * (growing-union.ts); the exact search over the candidates answers then.
 */
export interface ExactCoverage {
  coverage(box: Box, window: IndexWindow, budget: number): Coverage | null;
  /** True only when the window's boxes contain `box` and that is cheap to tell (asked before the point search, which would fail). */
  coveredByOpen?(box: Box, window: IndexWindow): boolean;
}

/**
 * The exact step of an indexed question: `exact` first when given, else (or
 * when it declines) the search over the index's candidates. What
 * `indexedCoverage` answers once `exact.coveredByOpen` said no and the point
 * search found no point, for a caller that asked both itself (pruning).
 */
export function exactCoverage(columns: ColumnTable, box: Box, index: SearchableUnion, window: IndexWindow, budget: number, exact: ExactCoverage | undefined, queries: IndexWindow = window): Coverage {
  return exact?.coverage(box, window, budget) ?? coverage(columns, box, coveringCandidates(index, box, queries), budget);
}

/**
 * Coverage of `box` by the boxes of an index's window: a point search first, then the exact search.
 * `queries`, when given, is the window the index's own queries read
 * instead (the point search, the candidates of the exact search): one they
 * answer the same for, that a caller makes cheaper to read (pruning leaves
 * `alive` out of it, since the index has dropped every row that `alive`
 * rejects, see `UnionIndex.drop` and `maximalCandidates`). `exact` reads
 * `window`.
 */
export function indexedCoverage(columns: ColumnTable, box: Box, index: SearchableUnion, window: IndexWindow = {}, budget = COVERAGE_BUDGET, exact?: ExactCoverage, queries: IndexWindow = window): Coverage {
  if (exact?.coveredByOpen?.(box, window)) return { kind: "covered" };
  const point = findUncoveredPoint(columns, box, index, queries);
  if (point !== null) return { kind: "uncovered", piece: point };
  return exactCoverage(columns, box, index, window, budget, exact, queries);
}

/**
 * Whether the boxes of an index's window cover `box`, for a caller that
 * needs only that verdict (pruning's question about a scenario's holding
 * row): `indexedCoverage(...).kind === "covered"`. The point search stays,
 * since it settles most such questions at once; the probe of the exact
 * step goes, since it can only find a point (the witness such a caller
 * drops) and it costs most on covered boxes, where it can find none. The
 * exact search then says covered exactly when the union covers the box,
 * and any other answer (a point, or past the budget) is "not covered".
 * `queries` is as for `indexedCoverage`.
 */
export function indexedCovered(columns: ColumnTable, box: Box, index: SearchableUnion, window: IndexWindow = {}, budget = COVERAGE_BUDGET, exact?: ExactCoverage, queries: IndexWindow = window): boolean {
  if (exact?.coveredByOpen?.(box, window)) return true;
  if (findUncoveredPoint(columns, box, index, queries) !== null) return false;
  const settled = exact?.coverage(box, window, budget);
  if (settled) return settled.kind === "covered";
  const relevant = coveringCandidates(index, box, queries).filter((other) => boxesMeet(columns, box, other));
  return relevant.length > 0 && searchCoverage(columns, box, relevant, budget).kind === "covered";
}

/**
 * The boxes an exact search over the index splits on: every candidate, or,
 * past SUBTRACTION_LIMIT, the candidates less those a nearby box contains
 * (the same union; rows and claims repeat their scenario's situation box).
 */
function coveringCandidates(index: SearchableUnion, box: Box, window: IndexWindow): Box[] {
  return index.maximalCandidates(box, window, SUBTRACTION_LIMIT);
}

/**
 * Coverage of a union of boxes by an index's window: uncovered as soon as one
 * of its boxes is. Every box gets its point search before any box gets the
 * exact search, which is the expensive part and usually not needed.
 */
export function indexedUnionCoverage(columns: ColumnTable, boxes: readonly Box[], index: SearchableUnion, window: IndexWindow = {}, budget = COVERAGE_BUDGET, exact?: ExactCoverage): Coverage {
  // Boxes that `exact` cheaply knows to be covered need neither search: the
  // point search could find no point in them, so the first point found, and
  // the verdict, are what they were.
  const open = exact?.coveredByOpen === undefined ? boxes : boxes.filter((box) => !exact.coveredByOpen!(box, window));
  for (const box of open) {
    const point = findUncoveredPoint(columns, box, index, window);
    if (point !== null) return { kind: "uncovered", piece: point };
  }
  let unknown = false;
  for (const box of open) {
    const result = exactCoverage(columns, box, index, window, budget, exact);
    if (result.kind === "uncovered") return result;
    if (result.kind === "unknown") unknown = true;
  }
  return unknown ? { kind: "unknown" } : { kind: "covered" };
}
