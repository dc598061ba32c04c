/**
 * Cell counting for the index builder: which cells of a dispatch each
 * candidate row can reach, how many candidates each cell would keep (counted
 * for every plan considered, without building anything), and the child
 * regions themselves (built only for the plan chosen, since copying
 * candidates into every cell of every plan considered would be quadratic).
 *
 * A cell is closed once it holds a candidate that always matches there:
 * nothing after it in first-hit order is ever reached in that cell.
 */
import type { Interval, Scalar, UnaryTest } from "@scn/runtime";
import { holds, type Probe } from "../../boxes/test-algebra.js";
import type { ChildCells, IndexTable, ListFacts, Region, TestFacts } from "./region.js";

/** Up to this many candidates times cells, cells are counted one by one rather than through difference arrays. */
const DIRECT_COUNT_LIMIT = 4096;

/** Runs of cells, flattened: `[first0, last0, first1, last1, …]`, both ends included. */
export type Runs = number[];

/** The runs of cells where a test holds, when they can be named directly (null: try each probe). */
export type CellsWhere = (test: UnaryTest) => Runs | null;

/** Each cell's number of candidates, and how many of those entries are candidates that do not test the column. */
export interface CellCounts {
  readonly sizes: number[];
  readonly ignoringPlaced: number;
}

/**
 * The cells of `probes` where the test with id `id` (-1: none, so every
 * cell) on `column` can hold, as runs: `cellsWhere` names them directly when
 * it can (one pass over the candidates instead of one test per cell), else
 * each probe is tried. Runs are memoized per test id under `mark`, one mark
 * per plan counted.
 */
function runsOf(
  table: IndexTable,
  region: Region,
  column: number,
  id: number,
  probes: readonly (Probe | null)[],
  cellsWhere: CellsWhere,
  mark: number,
): Runs {
  // Every cell: one list per number of cells, shared, rather than one per candidate that ignores the column (11 MB at 10,000 `wide` scenarios).
  if (id < 0) return table.everyCell(probes.length);
  if (table.runsMarks[id] === mark) return table.runs[id] as Runs;
  const test = (table.facts[id] as TestFacts).test;
  let runs: Runs | null = table.knownTruth(region, column, id) === true ? table.everyCell(probes.length) : cellsWhere(test);
  if (runs === null) {
    const tried: Runs = [];
    probes.forEach((probe, i) => {
      if (probe !== null && holds(test, probe)) tried.push(i, i);
    });
    runs = tried;
  }
  table.runsMarks[id] = mark;
  table.runs[id] = runs;
  return runs;
}

/**
 * The child regions of dispatching on `column`, one per cell: each keeps
 * the candidates whose test on the column can hold for the cell's probe
 * value (null: a cell with no value, which keeps none), with the column
 * marked done. `mark` is the runs mark (IndexTable.nextRunsMark) under
 * which some tests' runs may already be stored (a CellShape's, see
 * plans.ts); any other test's runs are worked out under it. `sizes` are
 * the cells' counts (countCells): the children's candidates are laid out
 * in one array at those lengths and filled in place, and a child gets a
 * list of its own only when the builder finds it is a region not built
 * yet (ChildCells; docs/optimizer.md#4-build-the-index).
 */
export function partition(
  table: IndexTable,
  region: Region,
  column: number,
  probes: readonly (Probe | null)[],
  cellsWhere: CellsWhere,
  mark: number,
  sizes: readonly number[],
): ChildCells {
  const cells = probes.length;
  const starts = new Int32Array(cells + 1);
  for (let cell = 0; cell < cells; cell++) starts[cell + 1] = (starts[cell] as number) + (sizes[cell] as number);
  const slots = new Int32Array(starts[cells] as number);
  // Every child has the region's facts.
  const facts = new Array<ReadonlyMap<number, ListFacts>>(cells).fill(region.facts);
  // The children are made before the loop and their candidates filled in
  // place, so that nothing but the return follows the loop
  // (docs/optimizer.md#loops-v8-compiles-while-they-run).
  const children: ChildCells = { candidates: slots, starts, done: table.doneWith(region.done, column), facts };
  // A cell is closed once it holds a candidate that always matches there;
  // `filled` counts up from each cell's start.
  const closed = table.closedScratch(cells);
  const filled = table.filledScratch(cells);
  let open = 0;
  for (let cell = 0; cell < cells; cell++) {
    filled[cell] = starts[cell] as number;
    if (probes[cell] === null) closed[cell] = 1;
    else open++;
  }
  const candidates = region.candidates;
  for (let k = 0; k < candidates.length && open > 0; k++) {
    const candidate = candidates[k] as number;
    const runs = runsOf(table, region, column, table.testOn(candidate, column), probes, cellsWhere, mark);
    const settles = table.settled(region, candidate, column);
    for (let r = 0; r < runs.length; r += 2) {
      for (let cell = runs[r] as number; cell <= (runs[r + 1] as number); cell++) {
        if (closed[cell] === 1) continue;
        const at = filled[cell] as number;
        slots[at] = candidate;
        filled[cell] = at + 1;
        if (settles) {
          closed[cell] = 1;
          open--;
        }
      }
    }
  }
  return children;
}

/**
 * What `partition` would return, counted without building it: each
 * cell's number of candidates, and how many of those entries are
 * candidates that do not test the column. `mark` as in partition.
 */
export function countCells(
  table: IndexTable,
  region: Region,
  column: number,
  probes: readonly (Probe | null)[],
  cellsWhere: CellsWhere,
  mark: number = table.nextRunsMark(),
): CellCounts {
  const sizes = new Float64Array(probes.length);
  const ignoringPlaced = countCellsInto(table, region, column, probes, cellsWhere, mark, sizes);
  return { sizes: Array.from(sizes), ignoringPlaced };
}

/**
 * countCells with each cell's count written into `sizes` (at least as
 * long as `probes`; plan choice passes the table's scratch, so that a plan
 * passed over allocates nothing), giving how many of the entries are
 * candidates that do not test the column. Runs are added to a difference
 * array, which is summed up only when a candidate that always matches
 * closes cells (each cell closes once), so counting is linear in the
 * candidates and their runs, not in the cells each run spans.
 */
export function countCellsInto(
  table: IndexTable,
  region: Region,
  column: number,
  probes: readonly (Probe | null)[],
  cellsWhere: CellsWhere,
  mark: number,
  sizes: Float64Array,
): number {
  // Small regions are most regions; for them walking the cells directly
  // costs less than setting up the difference arrays.
  if (region.candidates.length * probes.length <= DIRECT_COUNT_LIMIT) return countDirectlyInto(table, region, column, probes, cellsWhere, mark, sizes);
  const cells = probes.length;
  // The table's scratch, cleared for `cells` cells, rather than six arrays per large plan counted (docs/optimizer.md#4-build-the-index).
  const counting = table.largeCountsScratch(cells);
  let open = 0;
  for (let cell = 0; cell < cells; cell++) {
    if (probes[cell] === null) counting.closedCount[cell] = counting.closedIgnoring[cell] = 0;
    else open++;
  }
  countLargeRegion(table, region, column, probes, cellsWhere, mark, counting, open);
  const { delta, ignoringDelta, closedCount, closedIgnoring } = counting;
  let ignoringPlaced = 0;
  let running = 0;
  let runningIgnoring = 0;
  for (let cell = 0; cell < cells; cell++) {
    running += delta[cell] as number;
    runningIgnoring += ignoringDelta[cell] as number;
    const closed = !Number.isNaN(closedCount[cell] as number);
    sizes[cell] = closed ? (closedCount[cell] as number) : running;
    ignoringPlaced += closed ? (closedIgnoring[cell] as number) : runningIgnoring;
  }
  return ignoringPlaced;
}

/**
 * countCells' arrays for a large region: its difference arrays (zero from
 * the first cell to one past the last), the counts of closed cells (NaN
 * while open), and scratch for the running sums; at least as long as
 * that, made by the table once and reused (IndexTable.largeCountsScratch).
 */
export interface LargeCounts {
  readonly delta: Float64Array;
  readonly ignoringDelta: Float64Array;
  readonly closedCount: Float64Array;
  readonly closedIgnoring: Float64Array;
  readonly totals: Float64Array;
  readonly ignoringTotals: Float64Array;
}

/**
 * countCells' loop over a large region's candidates, alone in a function
 * whose loop is followed only by its return: the first region is the whole
 * table, so V8 compiles this loop while it runs, and the summing that
 * countCells did after it (a call it had not yet made) left that compiled
 * loop with a deoptimization at its exit, taken 25 to 29 times a build on
 * `wide` 1,000 (docs/optimizer.md#loops-v8-compiles-while-they-run). A
 * candidate that always matches sums the difference arrays into the
 * scratch (`totals`), only as far as its last cell, rather than into two
 * new arrays.
 */
function countLargeRegion(
  table: IndexTable,
  region: Region,
  column: number,
  probes: readonly (Probe | null)[],
  cellsWhere: CellsWhere,
  mark: number,
  counting: LargeCounts,
  open: number,
): void {
  const { delta, ignoringDelta, closedCount, closedIgnoring, totals, ignoringTotals } = counting;
  const candidates = region.candidates;
  for (let k = 0; k < candidates.length && open > 0; k++) {
    const candidate = candidates[k] as number;
    const id = table.testOn(candidate, column);
    const runs = runsOf(table, region, column, id, probes, cellsWhere, mark);
    let end = -1;
    for (let r = 0; r < runs.length; r += 2) {
      const first = runs[r] as number;
      const last = (runs[r + 1] as number) + 1;
      delta[first] = (delta[first] as number) + 1;
      delta[last] = (delta[last] as number) - 1;
      if (id < 0) {
        ignoringDelta[first] = (ignoringDelta[first] as number) + 1;
        ignoringDelta[last] = (ignoringDelta[last] as number) - 1;
      }
      if (last > end) end = last;
    }
    if (!table.settled(region, candidate, column)) continue;
    let running = 0;
    let runningIgnoring = 0;
    for (let cell = 0; cell < end; cell++) {
      totals[cell] = running += delta[cell] as number;
      ignoringTotals[cell] = runningIgnoring += ignoringDelta[cell] as number;
    }
    for (let r = 0; r < runs.length; r += 2) {
      for (let cell = runs[r] as number; cell <= (runs[r + 1] as number); cell++) {
        if (!Number.isNaN(closedCount[cell] as number)) continue;
        closedCount[cell] = totals[cell] as number;
        closedIgnoring[cell] = ignoringTotals[cell] as number;
        open--;
      }
    }
  }
}

/**
 * The same counts as countCells, cell by cell. Building the children
 * (partition) would give them too, but allocating lists for every plan
 * considered costs about a quarter of the index build at 10,000 scenarios.
 * A candidate that does not test the column goes into every open cell, so
 * it is only counted (`ignoringSoFar`), and each cell adds that count when
 * it closes or at the end: walking every cell for each such candidate made
 * counting cost candidates times cells.
 */
export function countCellsDirectly(
  table: IndexTable,
  region: Region,
  column: number,
  probes: readonly (Probe | null)[],
  cellsWhere: CellsWhere,
  mark: number,
): CellCounts {
  const sizes = new Float64Array(probes.length);
  const ignoringPlaced = countDirectlyInto(table, region, column, probes, cellsWhere, mark, sizes);
  return { sizes: Array.from(sizes), ignoringPlaced };
}

/** countCellsDirectly with each cell's count written into `sizes`, as countCellsInto. */
function countDirectlyInto(
  table: IndexTable,
  region: Region,
  column: number,
  probes: readonly (Probe | null)[],
  cellsWhere: CellsWhere,
  mark: number,
  sizes: Float64Array,
): number {
  const cells = probes.length;
  sizes.fill(0, 0, cells);
  const closed = table.closedScratch(cells);
  let open = cells;
  for (let cell = 0; cell < cells; cell++) {
    if (probes[cell] !== null) continue;
    closed[cell] = 1;
    open--;
  }
  let ignoringPlaced = 0;
  let ignoringSoFar = 0;
  const candidates = region.candidates;
  for (let k = 0; k < candidates.length && open > 0; k++) {
    const candidate = candidates[k] as number;
    const id = table.testOn(candidate, column);
    const settles = table.settled(region, candidate, column);
    // A cell closes with the candidates that do not test the column added to it.
    if (id < 0) {
      ignoringSoFar++;
      if (!settles) continue;
      for (let cell = 0; cell < cells; cell++) {
        if (closed[cell] === 1) continue;
        closed[cell] = 1;
        open--;
        sizes[cell] = (sizes[cell] as number) + ignoringSoFar;
        ignoringPlaced += ignoringSoFar;
      }
      continue;
    }
    const runs = runsOf(table, region, column, id, probes, cellsWhere, mark);
    for (let r = 0; r < runs.length; r += 2) {
      for (let cell = runs[r] as number; cell <= (runs[r + 1] as number); cell++) {
        if (closed[cell] === 1) continue;
        sizes[cell] = (sizes[cell] as number) + 1;
        if (!settles) continue;
        closed[cell] = 1;
        open--;
        sizes[cell] = (sizes[cell] as number) + ignoringSoFar;
        ignoringPlaced += ignoringSoFar;
      }
    }
  }
  for (let cell = 0; cell < cells; cell++) {
    if (closed[cell] === 1) continue;
    sizes[cell] = (sizes[cell] as number) + ignoringSoFar;
    ignoringPlaced += ignoringSoFar;
  }
  return ignoringPlaced;
}

/** The index of the first value in ascending `values` that is at least `bound` (strictly above it when `strict`). */
export function firstAtLeast(values: readonly number[], bound: number, strict: boolean): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const value = values[middle] as number;
    if (value < bound || (strict && value === bound)) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Sorted, merged runs, flattened: overlapping or touching runs become one, so that no cell is counted twice. */
export function disjointRuns(runs: [number, number][]): Runs {
  runs.sort((a, b) => a[0] - b[0]);
  const merged: Runs = [];
  for (const [first, last] of runs) {
    const end = merged.length - 1;
    if (end > 0 && first <= (merged[end] as number) + 1) merged[end] = Math.max(merged[end] as number, last);
    else merged.push(first, last);
  }
  return merged;
}

/** Each number among `values` as a one-point interval. */
export function pointIntervals(values: readonly Scalar[]): Interval[] {
  return values.filter((v): v is number => typeof v === "number").map((v) => [v, v, true, true]);
}
