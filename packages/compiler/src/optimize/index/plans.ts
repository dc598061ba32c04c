/**
 * Plan choice for the index builder: at a region, every column some
 * candidate still tests gives one or more plans (a dispatch node with its
 * cells counted), and the heuristic in dag.ts's header picks one.
 * - enum, string and bool columns become `switch` plans (one case per value
 *   the candidates mention, `other` for the rest, `absent`);
 * - int and number columns become `split` plans over the sorted distinct
 *   numbers the candidates compare with;
 * - list columns, and columns that are only tested for presence, become
 *   `test` plans on one `contains` or `present` test.
 */
import type { Column, IndexNode, Interval, Scalar, UnaryTest } from "@scn/runtime";
import { ABSENT } from "../../semantics/context-value.js";
import { canonicalJson } from "../../bundle/canonical-json.js";
import { holds, representatives, sortScalars, type Probe } from "../../boxes/test-algebra.js";
import { countCellsInto, disjointRuns, firstAtLeast, partition, pointIntervals, type CellsWhere, type Runs } from "./cells.js";
import { cellsOf, NO_FACTS, type ChildCells, type IndexTable, type ListFacts, type Region, type TestFacts } from "./region.js";

const ABSENT_WEIGHT = 0.25;


/**
 * A split must cut the average number of candidates per cell to at most this
 * share of the region's. Measured on the example projects (index steps plus
 * rows checked per context of their conformance vectors), stricter values
 * stop useful splits early and cost more than they save.
 */
const MIN_NARROWING = 0.9;

export interface Plan {
  readonly column: number;
  /** How many candidates each child region keeps, in child order. */
  readonly sizes: readonly number[];
  /** How many entries of the children are candidates that do not test the column (each may be in many children). */
  readonly ignoringPlaced: number;
  /** The child regions (their candidates, ChildCells); built only for the plan chosen, since copying candidates into every cell of every plan considered would be quadratic. */
  readonly children: () => ChildCells;
  /** Whether the last child is the `absent` branch, which counts less in the heuristic. */
  readonly lastIsAbsent: boolean;
  readonly assemble: (children: readonly number[]) => IndexNode;
}

export interface PlanChoice {
  /** The best plan, or null when no column narrows the candidates. */
  readonly plan: Plan | null;
  /**
   * Whether some column was passed over for needing more cells than
   * `maxCells`; only when `plan` is null (a column the floors pass over
   * once some plan is chosen is not looked at).
   */
  readonly tooWide: boolean;
}

/**
 * The best plan by the heuristic in dag.ts's header, among those of at most
 * `maxCells` cells (on column `only`, when given). With `countEvery`, no
 * plan is passed over by its floor (the slow way, for tests).
 */
export function choosePlan(table: IndexTable, region: Region, maxCells: number, only?: number, countEvery = false): PlanChoice {
  const first = region.candidates[0] as number;
  const narrowing = MIN_NARROWING * region.candidates.length;
  // The best plan so far and its score, compared field by field in this
  // order: mean, whether the first candidate ignores the column, cells, column.
  let best: Plan | null = null;
  let bestMean = 0;
  let bestIgnored = 0;
  let bestCells = 0;
  let bestColumn = 0;
  let tooWide = false;
  const pendingCount = pendingTestsByColumn(table, region, only);
  const pending = table.pendingColumns;
  // Each column's floor (see floorsInto), and the columns in order of their
  // floors: the likeliest winners are counted first, so that the best mean
  // so far passes over more of the others uncounted. The plan chosen does
  // not depend on the order, since scores are compared in full and end
  // with the column. (Floors ascending, ties in column order: an insertion
  // sort of the few pending columns, in the table's scratch.)
  const floors = table.floorScratch;
  const order = table.orderScratch;
  if (countEvery) floors.fill(0, 0, pendingCount);
  else floorsInto(table, region, pendingCount, floors);
  for (let k = 0; k < pendingCount; k++) {
    const floor = floors[k] as number;
    let at = k;
    while (at > 0 && (floors[order[at - 1] as number] as number) > floor) {
      order[at] = order[at - 1] as number;
      at--;
    }
    order[at] = k;
  }
  for (let o = 0; o < pendingCount; o++) {
    const k = order[o] as number;
    const column = pending[k] as number;
    const ignoring = floors[k] as number;
    // A plan whose mean is above this is passed over: by the narrowing rule, or by the best plan so far (whose mean it cannot beat, and equal means are not the question).
    const limit = best === null ? narrowing : bestMean;
    const found = plansFor(table, region, column, maxCells, ignoring, limit, best !== null);
    if (found === null) {
      tooWide = true;
      continue;
    }
    if (found === undefined) continue;
    const ignored = table.testOn(first, column) >= 0 ? 0 : 1;
    // Plans are counted into the table's scratch, and a plan object with
    // its own sizes is made only when it is the best so far: most plans
    // counted are not (docs/optimizer.md#4-build-the-index).
    if (found.kind === "cells") {
      if (ignoring > 0 && (ignoring * found.reached) / found.weights > limit) continue;
      const cells = found.probes.length;
      const sizes = table.sizesScratch(cells);
      const ignoringPlaced = countCellsInto(table, region, column, found.probes, found.cellsWhere, installRuns(table, found), sizes);
      const mean = meanOf(sizes, cells, true);
      // A split that leaves most candidates in most cells only peels rows off
      // one at a time, which costs a node per row and saves no row checks.
      if (mean > narrowing) continue;
      if (best !== null && !beats(mean, ignored, cells, column, bestMean, bestIgnored, bestCells, bestColumn)) continue;
      best = new ShapedPlan(table, region, column, found, listOf(sizes, cells), ignoringPlaced);
      bestMean = mean;
      bestIgnored = ignored;
      bestCells = cells;
      bestColumn = column;
      continue;
    }
    // One `test` plan per probe, in order; its two branches are counted
    // through the region's facts (countLearned for a `contains` probe, which
    // learns its branches' facts only if chosen).
    const facts = region.facts.get(column) ?? NO_FACTS;
    const tests = found.tests;
    for (let p = 0; p < tests.length; p++) {
      const t = tests[p] as UnaryTest;
      const key = found.keys[p] as string;
      const sizes = table.sizesScratch(2);
      // A presence probe's branches are counted with their facts, made once per facts map and column (IndexTable.factsAfter).
      const learned = key === "" ? table.factsAfter(region.facts, column, t, key) : null;
      const ignoringPlaced =
        learned === null
          ? table.countLearned(region, column, facts, key, true, sizes, 0) + table.countLearned(region, column, facts, key, false, sizes, 1)
          : table.countByFacts(region, column, learned[0].get(column) as ListFacts, sizes, 0) + table.countByFacts(region, column, learned[1].get(column) as ListFacts, sizes, 1);
      const mean = meanOf(sizes, 2, false);
      if (mean > narrowing) continue;
      if (best !== null && !beats(mean, ignored, 2, column, bestMean, bestIgnored, bestCells, bestColumn)) continue;
      best = new ListPlan(table, region, column, t, key, listOf(sizes, 2), ignoringPlaced);
      bestMean = mean;
      bestIgnored = ignored;
      bestCells = 2;
      bestColumn = column;
    }
  }
  return { plan: best, tooWide };
}

/**
 * Whether a plan scoring `mean`, `ignored` (1 when the region's first
 * candidate does not test its column), `cells` on `column` beats the best
 * so far: the scores are compared field by field in this order.
 */
function beats(mean: number, ignored: number, cells: number, column: number, bestMean: number, bestIgnored: number, bestCells: number, bestColumn: number): boolean {
  return mean < bestMean || (mean === bestMean && (ignored < bestIgnored || (ignored === bestIgnored && (cells < bestCells || (cells === bestCells && column < bestColumn)))));
}

/** The first `count` sizes of the scratch, as a plan's own list. */
function listOf(sizes: Float64Array, count: number): number[] {
  const list = new Array<number>(count);
  for (let i = 0; i < count; i++) list[i] = sizes[i] as number;
  return list;
}

/**
 * The mean number of candidates per cell of a plan with the first `cells`
 * of `sizes`. Absent values are the exception in real contexts, so the
 * absent branch (the last, when `lastIsAbsent`) weighs a quarter of an
 * ordinary cell. Summed in cell order, as before, so that the means (and
 * the plans chosen) are the same to the last bit.
 */
function meanOf(sizes: ArrayLike<number>, cells: number, lastIsAbsent: boolean): number {
  const last = cells - 1;
  let total = 0;
  let weights = 0;
  for (let i = 0; i < cells; i++) {
    const weight = lastIsAbsent && i === last ? ABSENT_WEIGHT : 1;
    total += (sizes[i] as number) * weight;
    weights += weight;
  }
  return total / weights;
}

/**
 * How many columns some candidate still has a test to check on, left in
 * the table's `pendingColumns`, ascending; the ids of the distinct tests on each are left in the table's
 * scratch (`pendingIds` from `pendingStart[column]`, `pendingCount[column]`
 * of them), in the order the candidates first name them, and a hash of
 * each column's set in `pendingHash[column]` (on column `only`, when
 * given). The scratch is reused at every region, so that finding them
 * allocates nothing (docs/optimizer.md#4-build-the-index). Every test of
 * every candidate is read here, so each candidate's open tests, which
 * `settled` reads, are counted on the way (IndexTable.openFilledFor)
 * rather than in a second pass over the same tests.
 */
export function pendingTestsByColumn(table: IndexTable, region: Region, only?: number): number {
  const pendingIds = table.pendingIds;
  const pendingStart = table.pendingStart;
  const counts = table.pendingCount;
  const hashes = table.pendingHash;
  counts.fill(0);
  hashes.fill(0);
  const mark = table.nextMark();
  const marks = table.marks;
  // knownTruth, with the done columns read as flags.
  const done = table.doneFlags(region.done);
  const noFacts = region.facts.size === 0;
  const candidates = region.candidates;
  const starts = table.testStart;
  const columns = table.testColumns;
  const ids = table.testIds;
  const openCount = table.openCount;
  const openColumn = table.openColumn;
  // Marked before the loop, so that only the pending columns' list follows
  // it (docs/optimizer.md#loops-v8-compiles-while-they-run).
  table.openFilledFor(region);
  for (let k = 0; k < candidates.length; k++) {
    const candidate = candidates[k] as number;
    let open = 0;
    for (let i = starts[candidate] as number; i < (starts[candidate + 1] as number); i++) {
      const column = columns[i] as number;
      const id = ids[i] as number;
      const truth = done[column] === 1 ? true : noFacts ? undefined : table.knownTruth(region, column, id);
      if (truth !== true) {
        open++;
        openColumn[candidate] = column;
      }
      // Ids are per column, and whether a test is settled depends only on the region, so an id met once is done with.
      if (truth !== undefined || marks[id] === mark || (only !== undefined && column !== only)) continue;
      marks[id] = mark;
      const count = counts[column] as number;
      pendingIds[(pendingStart[column] as number) + count] = id;
      counts[column] = count + 1;
      hashes[column] = (hashes[column] as number) + mixIdentity(id);
    }
    openCount[candidate] = open;
  }
  const pending = table.pendingColumns;
  let found = 0;
  for (let c = 0; c < counts.length; c++) if ((counts[c] as number) > 0) pending[found++] = c;
  return found;
}

/** The pending tests on `column` (pendingTestsByColumn), as a list of their own. */
function pendingOn(table: IndexTable, column: number): number[] {
  const start = table.pendingStart[column] as number;
  const ids: number[] = [];
  for (let k = 0; k < (table.pendingCount[column] as number); k++) ids.push(table.pendingIds[start + k] as number);
  return ids;
}

/** A 32-bit mix of a test id, summed into a hash of a set of ids (its order does not matter). */
function mixIdentity(id: number): number {
  let h = Math.imul(id ^ (id >>> 16), 0x45d9f3b);
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
  return h ^ (h >>> 16);
}

/**
 * The floor of a column (docs/optimizer.md#4-build-the-index): what every
 * child of any plan on it holds at least, known before counting. The
 * `ignoring` candidates that do not test the column come before the first
 * candidate whose tests on the other columns are all known to hold, and
 * each goes into every child that has a value (no cell closes before such
 * a candidate). A plan whose mean is sure to be above the limit this way
 * is not counted.
 *
 * Each pending column's floor, `floors[k]` for the `count` columns of the
 * table's `pendingColumns` (pendingTestsByColumn, which also counted the
 * candidates' open tests): the candidates before the first one settled
 * but for the column that do not test it. One pass over the candidates
 * for every column at once, rather than one per column asking `settled`
 * of each candidate: a candidate with no open test ends every column's
 * count, one with a single open test ends that column's, and each column
 * counts the candidates before its end less those that test it.
 */
export function floorsInto(table: IndexTable, region: Region, count: number, floors: Int32Array): void {
  const pending = table.pendingColumns;
  const slot = table.pendingSlot;
  const ended = table.floorEnded;
  const tested = table.floorTested;
  for (let k = 0; k < count; k++) {
    slot[pending[k] as number] = k + 1;
    ended[k] = 0;
    tested[k] = 0;
  }
  const seen = floorsLoop(table, region, count, floors);
  for (let k = 0; k < count; k++) {
    if (ended[k] === 0) floors[k] = seen - (tested[k] as number);
    slot[pending[k] as number] = 0;
  }
}

/**
 * floorsInto's pass over the candidates, alone in a function whose loop is
 * followed only by its return (docs/optimizer.md#loops-v8-compiles-while-they-run):
 * the floors of the columns it ends are written as it goes, and it gives
 * the number of candidates before the first one with no open test, for
 * the columns it does not end.
 */
function floorsLoop(table: IndexTable, region: Region, count: number, floors: Int32Array): number {
  const candidates = region.candidates;
  const openCount = table.openCount;
  const openColumn = table.openColumn;
  const slot = table.pendingSlot;
  const ended = table.floorEnded;
  const tested = table.floorTested;
  const starts = table.testStart;
  const columns = table.testColumns;
  let left = count;
  let seen = 0;
  for (let k = 0; k < candidates.length && left > 0; k++) {
    const candidate = candidates[k] as number;
    const open = openCount[candidate] as number;
    if (open === 0) break;
    if (open === 1) {
      const own = (slot[openColumn[candidate] as number] as number) - 1;
      if (own >= 0 && ended[own] === 0) {
        ended[own] = 1;
        floors[own] = seen - (tested[own] as number);
        left--;
      }
    }
    seen++;
    for (let i = starts[candidate] as number; i < (starts[candidate + 1] as number); i++) {
      const at = (slot[columns[i] as number] as number) - 1;
      if (at >= 0) tested[at] = (tested[at] as number) + 1;
    }
  }
  return seen;
}

/**
 * What to count on one column, except what the floor (`ignoring`
 * candidates in every cell with a value) shows cannot have a mean at most
 * `limit` (undefined): a switch, split or presence test as its shape, or
 * the probes of `test` plans on a list's elements, for choosePlan to count
 * (and to pass over by its floor); null when its dispatch would need more
 * than `maxCells` children. `early`: whether a column every cell of whose
 * plans has a value may be passed over before its cells are worked out,
 * only once some plan is chosen, since whether a column needs too many
 * cells (`tooWide`) matters only when no plan is.
 */
function plansFor(table: IndexTable, region: Region, column: number, maxCells: number, ignoring: number, limit: number, early: boolean): CellShape | ListProbes | null | undefined {
  const type = (table.columns[column] as Column).type;
  const start = table.pendingStart[column] as number;
  const count = table.pendingCount[column] as number;
  const presenceTests = table.presence;
  let presence = true;
  for (let k = 0; k < count && presence; k++) presence = presenceTests[table.pendingIds[start + k] as number] === 1;
  // A presence test, a split and a switch on strings have a value in every
  // cell, so the floor itself is under their mean (choosePlan's floor test
  // gives it exactly) and their cells need not be worked out to pass them over.
  if (early && ignoring > limit && (presence || type === "int" || type === "number" || type === "string")) return undefined;
  // Both children of a `test` plan hold the floor's candidates (countByFacts counts them in each).
  if (!presence && type === "list") return ignoring > limit ? undefined : listProbesOf(table, region, column);
  const shape = shapeOf(table, column, presence);
  // A split has 2 * bounds + 2 cells, a switch values + 2 and a presence test 2: more than `maxCells` is too wide.
  return shape.probes.length > maxCells ? null : shape;
}

/**
 * A `switch` or `split` on one column as far as it depends only on the
 * distinct tests the candidates have there, not on the region: its cells'
 * probes, each test's runs of cells, its floor's weights and how its node
 * is assembled. The same few sets of tests on a column recur at region
 * after region (the tests of one scenario's rows, of a block of
 * thresholds), so a shape is made once per set and found again by the
 * set's hash (IndexTable.shapes), instead of gathering and sorting the
 * bounds or values, making the probes and working out each test's cells
 * for every plan counted: most of what counting a plan allocated.
 */
export interface CellShape {
  readonly kind: "cells";
  /** The ids of the tests it was made for (a set: their order is the first region's). */
  readonly ids: readonly number[];
  readonly probes: readonly (Probe | null)[];
  readonly cellsWhere: CellsWhere;
  /** Each of `ids`' runs of cells, in order, as runsOf (cells.ts) gives them for a column not dispatched on yet. */
  readonly runs: readonly Runs[];
  /** The floor's sums over the probes (probeWeights): the weight of every cell, and of the cells with a value. */
  readonly weights: number;
  readonly reached: number;
  readonly assemble: (children: readonly number[]) => IndexNode;
}

/**
 * The shape of the switch, split or (with `presence`) presence test over
 * the pending tests on `column` (pendingTestsByColumn, hashed in
 * table.pendingHash). A shape stored under the same hash is the same set
 * when it has as many ids and all of them are marked at this region
 * (`table.marks`): pendingTestsByColumn marks exactly the pending ids, so
 * a stored set of as many marked ids is the pending set itself.
 */
function shapeOf(table: IndexTable, column: number, presence: boolean): CellShape {
  const byHash = table.shapes[column] as Map<number, CellShape[]>;
  const found = knownSet(table, column, byHash);
  if (found !== undefined) return found;
  const shape = makeShape(table, column, pendingOn(table, column), presence);
  storeSet(table, column, byHash, shape);
  return shape;
}

/**
 * The one of the sets stored in `byHash` (shapes or list probes) made for
 * the pending tests on `column`: stored under their hash, with as many
 * ids, all of them marked pending at this region (see shapeOf).
 */
function knownSet<T extends { readonly ids: readonly number[] }>(table: IndexTable, column: number, byHash: Map<number, T[]>): T | undefined {
  const bucket = byHash.get(table.pendingHash[column] as number);
  if (bucket === undefined) return undefined;
  const count = table.pendingCount[column] as number;
  const mark = table.currentMark();
  const marks = table.marks;
  for (let b = 0; b < bucket.length; b++) {
    const set = bucket[b] as T;
    if (set.ids.length !== count) continue;
    let same = true;
    for (let k = 0; k < set.ids.length && same; k++) same = marks[set.ids[k] as number] === mark;
    if (same) return set;
  }
  return undefined;
}

/** Stores `set`, made for the pending tests on `column`, under their hash. */
function storeSet<T>(table: IndexTable, column: number, byHash: Map<number, T[]>, set: T): void {
  const hash = table.pendingHash[column] as number;
  const bucket = byHash.get(hash);
  if (bucket === undefined) byHash.set(hash, [set]);
  else bucket.push(set);
}

function makeShape(table: IndexTable, column: number, ids: readonly number[], presence: boolean): CellShape {
  const facts = ids.map((id) => table.facts[id] as TestFacts);
  const declared = table.columns[column] as Column;
  const { probes, cellsWhere, assemble } = presence
    ? presenceShape(table, column)
    : declared.type === "int" || declared.type === "number"
      ? splitShape(table, column, boundsOf(facts))
      : switchShape(table, column, switchValues(table, column, ids));
  // What runsOf (cells.ts) works out for each test when counting a plan.
  const runs = facts.map(({ test }) => {
    const named = cellsWhere(test);
    if (named !== null) return named;
    const tried: Runs = [];
    probes.forEach((probe, i) => {
      if (probe !== null && holds(test, probe)) tried.push(i, i);
    });
    return tried;
  });
  const { weights, reached } = probeWeights(probes);
  return { kind: "cells", ids, probes, cellsWhere, runs, weights, reached, assemble };
}

/** Stores the shape's runs as its tests' runs under a fresh runs mark (cells.ts, runsOf), and gives the mark. */
function installRuns(table: IndexTable, shape: CellShape): number {
  const mark = table.nextRunsMark();
  const ids = shape.ids;
  for (let k = 0; k < ids.length; k++) {
    const id = ids[k] as number;
    table.runs[id] = shape.runs[k] as Runs;
    table.runsMarks[id] = mark;
  }
  return mark;
}

/** A counted switch, split or presence test: made for the best plan so far only (see choosePlan), one object rather than a plan with closures. */
class ShapedPlan implements Plan {
  readonly lastIsAbsent = true;
  private built: ChildCells | null = null;

  constructor(
    private readonly table: IndexTable,
    private readonly region: Region,
    readonly column: number,
    private readonly shape: CellShape,
    readonly sizes: readonly number[],
    readonly ignoringPlaced: number,
  ) {}

  children(): ChildCells {
    return (this.built ??= partition(this.table, this.region, this.column, this.shape.probes, this.shape.cellsWhere, installRuns(this.table, this.shape), this.sizes));
  }

  assemble(children: readonly number[]): IndexNode {
    return this.shape.assemble(children);
  }
}

/** numericBounds of the tests, from the numbers each test's facts hold. */
function boundsOf(facts: readonly TestFacts[]): number[] {
  const points = new Set<number>();
  for (const { numbers } of facts) for (const number of numbers) points.add(number);
  // A typed array sorts numbers as numbers without a comparator to call (the set holds no NaN, and one zero at most).
  const sorted = new Float64Array(points.size);
  let i = 0;
  for (const point of points) sorted[i++] = point;
  sorted.sort();
  const bounds: number[] = [];
  for (let k = 0; k < sorted.length; k++) bounds.push(sorted[k] as number);
  return bounds;
}

/**
 * The least mean (meanOf) a plan with a shape can have when `ignoring`
 * candidates go into every cell with a value is `ignoring` times the
 * weight of the cells with a value over the weight of every cell. The
 * weights are summed as meanOf sums them, and sizes and weights are small
 * integers and quarters, so both sums are exact and, the division being
 * correctly rounded, this is never above the mean counting would give.
 */
/**
 * The weight of every cell of a plan over `probes` (the last, the absent
 * cell, weighs ABSENT_WEIGHT, the others 1) and of the cells with a
 * value: the sums the floor divides, kept by a shape for its plans.
 */
function probeWeights(probes: readonly (Probe | null)[]): { readonly weights: number; readonly reached: number } {
  const last = probes.length - 1;
  let weights = 0;
  let reached = 0;
  for (let i = 0; i < probes.length; i++) {
    const weight = i === last ? ABSENT_WEIGHT : 1;
    weights += weight;
    if (probes[i] !== null) reached += weight;
  }
  return { weights, reached };
}

/** The cells of a `test` on presence: one with some value of the column, one without. */
function presenceShape(table: IndexTable, column: number): Pick<CellShape, "probes" | "cellsWhere" | "assemble"> {
  const present = (representatives(table.columns[column] as Column, []) ?? []).find((probe) => probe !== ABSENT) ?? [];
  return {
    probes: [present, ABSENT],
    cellsWhere: () => null,
    assemble: ([then, otherwise]) => ({ test: column, t: { present: true }, then: then as number, else: otherwise as number }),
  };
}

/** The cells of a `switch` over `values`, the column's switchValues. */
function switchShape(table: IndexTable, column: number, values: readonly Scalar[]): Pick<CellShape, "probes" | "cellsWhere" | "assemble"> {
  const declared = table.columns[column] as Column;
  let otherProbe: Probe | null;
  if (declared.type === "bool") {
    otherProbe = null;
  } else {
    const members = declared.type === "enum" ? (declared.values ?? []) : null;
    const mentioned = values as string[];
    // An enum's `other` cell is the members no candidate mentions (a string
    // that is not a member counts as absent); a string's is any other string.
    otherProbe = members === null ? freshString(mentioned) : (members.find((m) => !mentioned.includes(m)) ?? null);
  }
  const position = new Map<unknown, number>(values.map((value, i) => [value, i]));
  const probes: (Probe | null)[] = [...values, otherProbe, ABSENT];
  // Equality tests name their cells; `other` and `absent` never equal a mentioned literal.
  // (Each test's cells once, in the order of its literals: the runs' order is the one partition fills cells in.)
  const cellsWhere = (test: UnaryTest): Runs | null => {
    if ("eq" in test || "bool" in test) {
      const cell = position.get("eq" in test ? test.eq : test.bool);
      return cell === undefined ? [] : [cell, cell];
    }
    if (!("in" in test)) return null;
    const runs: Runs = [];
    for (const literal of test.in) {
      const cell = position.get(literal);
      if (cell === undefined) continue;
      let seen = false;
      for (let r = 0; r < runs.length; r += 2) if (runs[r] === cell) seen = true;
      if (!seen) runs.push(cell, cell);
    }
    return runs;
  };
  const assemble = (ids: readonly number[]): IndexNode => {
    const absent = ids[values.length + 1] as number;
    // With no `other` value (bools, enums whose members are all listed) the
    // branch is unreachable; pointing it at `absent` adds no node.
    const other = otherProbe === null ? absent : (ids[values.length] as number);
    // A case leading where `other` leads adds nothing, so it is left out.
    // (Own properties, as fromEntries makes them: a value may be named
    // `__proto__`.)
    const entries: [string, number][] = [];
    for (let i = 0; i < values.length; i++) if (ids[i] !== other) entries.push([String(values[i]), ids[i] as number]);
    const cases = Object.fromEntries(entries);
    return { switch: column, cases, other, absent };
  };
  return { probes, cellsWhere, assemble };
}

/** The cells of a `split` at `bounds`, the numericBounds of the column's tests. */
function splitShape(table: IndexTable, column: number, bounds: readonly number[]): Pick<CellShape, "probes" | "cellsWhere" | "assemble"> {
  const integers = (table.columns[column] as Column).type === "int";
  // A cell with no value in it (no integer strictly between 3 and 4) may
  // lead anywhere; sending it where the cell below goes adds no node and
  // lets compressedSplit drop more bounds.
  const probes = cellProbes(bounds, integers) as number[];
  for (let i = 1; i < probes.length; i++) if (probes[i] === null) probes[i] = probes[i - 1] as number;
  const sorted = probes;
  // Numeric tests hold on runs of cells; binary search finds each run's ends.
  const cellsWhere = (test: UnaryTest): Runs | null => {
    const intervals: readonly Interval[] | null =
      "range" in test ? test.range : "eq" in test ? pointIntervals([test.eq]) : "in" in test ? pointIntervals(test.in) : null;
    if (intervals === null) return null;
    if (intervals.length === 1) {
      // Most tests are one interval: one run, with nothing to sort or merge.
      const [lo, hi, loIncl, hiIncl] = intervals[0] as Interval;
      const first = lo === null ? 0 : firstAtLeast(sorted, lo, !loIncl);
      const last = hi === null ? sorted.length - 1 : firstAtLeast(sorted, hi, hiIncl) - 1;
      return first <= last ? [first, last] : [];
    }
    const runs: [number, number][] = [];
    for (const [lo, hi, loIncl, hiIncl] of intervals) {
      const first = lo === null ? 0 : firstAtLeast(sorted, lo, !loIncl);
      const last = hi === null ? sorted.length - 1 : firstAtLeast(sorted, hi, hiIncl) - 1;
      if (first <= last) runs.push([first, last]);
    }
    return disjointRuns(runs);
  };
  const assemble = (ids: readonly number[]): IndexNode => compressedSplit(column, bounds, ids, probes.length);
  return { probes: [...probes, ABSENT], cellsWhere, assemble };
}

/**
 * The probes of the `test` plans on a list column: one `contains` per
 * element some pending test names and the facts leave open, sorted, after
 * one on presence when a test needs it; with the canonical JSON of each
 * probe's element ("" for presence). They depend only on the pending tests
 * and the facts, so a column the region knows nothing of has them made
 * once per set of pending tests and found again as a shape is (shapeOf):
 * there the ids met are exactly the pending ones.
 */
export interface ListProbes {
  readonly kind: "list";
  readonly ids: readonly number[];
  readonly tests: readonly UnaryTest[];
  readonly keys: readonly string[];
}

function listProbesOf(table: IndexTable, region: Region, column: number): ListProbes {
  const facts = region.facts.get(column);
  if (facts !== undefined) return makeListProbes(table, pendingOn(table, column), facts);
  const byHash = table.listProbes[column] as Map<number, ListProbes[]>;
  const found = knownSet(table, column, byHash);
  if (found !== undefined) return found;
  const made = makeListProbes(table, pendingOn(table, column), NO_FACTS);
  storeSet(table, column, byHash, made);
  return made;
}

/** One `test` probe per element some test `ids` looks for, and one for presence if needed, under `facts`. */
function makeListProbes(table: IndexTable, ids: readonly number[], facts: ListFacts): ListProbes {
  // Each test with the canonical JSON of its element, worked out once per test (TestFacts.element).
  const tests = ids.map((id) => table.facts[id] as TestFacts);
  const probes: UnaryTest[] = [];
  const keys: string[] = [];
  // Presence settles `present` tests, and `notContains x` once `contains x` is known false.
  const needsPresence = tests.some(({ test, element }) => "present" in test || ("notContains" in test && facts.has.get(element as string) === false));
  if (needsPresence && facts.present === undefined) {
    probes.push({ present: true });
    keys.push("");
  }
  const elements = new Map<string, Scalar>();
  for (const { test, element } of tests) {
    const value = "contains" in test ? test.contains : "notContains" in test ? test.notContains : undefined;
    if (value !== undefined && !facts.has.has(element as string)) elements.set(element as string, value);
  }
  for (const element of sortScalars([...elements.values()])) {
    probes.push({ contains: element });
    keys.push(canonicalJson(element));
  }
  return { kind: "list", ids, tests: probes, keys };
}

/** A counted `test` plan on a list column: made for the best plan so far only (see choosePlan). */
class ListPlan implements Plan {
  readonly lastIsAbsent = false;
  private built: ChildCells | null = null;

  constructor(
    private readonly table: IndexTable,
    private readonly region: Region,
    readonly column: number,
    private readonly t: UnaryTest,
    /** The canonical JSON of the probe's element, "" for presence. */
    private readonly key: string,
    readonly sizes: readonly number[],
    readonly ignoringPlaced: number,
  ) {}

  children(): ChildCells {
    if (this.built !== null) return this.built;
    // The branches' facts maps are shared by every region with the same facts that chooses this probe (IndexTable.factsAfter).
    const [whenTrue, whenFalse] = this.table.factsAfter(this.region.facts, this.column, this.t, this.key);
    // Few regions choose a `test` plan: its two branches are narrowed as regions and then laid out as the builder looks children up.
    const branches = [
      this.table.narrowByFacts(this.region, this.column, whenTrue.get(this.column) as ListFacts, whenTrue),
      this.table.narrowByFacts(this.region, this.column, whenFalse.get(this.column) as ListFacts, whenFalse),
    ];
    return (this.built = cellsOf(branches, this.region.done));
  }

  assemble([then, otherwise]: readonly number[]): IndexNode {
    // A node of its own: the probe is shared by every region with the same pending tests.
    const t: UnaryTest = "present" in this.t ? { present: true } : { contains: (this.t as { contains: Scalar }).contains };
    return { test: this.column, t, then: then as number, else: otherwise as number };
  }
}

/**
 * The values a `switch` on `column` gives their own case: both booleans, or
 * the strings the tests `ids` mention (an enum's members only), distinct,
 * in code-unit order (sortScalars's order for strings): read from the
 * table's ranks of each test's strings (IndexTable.switchStrings), sorted
 * as numbers.
 */
function switchValues(table: IndexTable, column: number, ids: readonly number[]): Scalar[] {
  if ((table.columns[column] as Column).type === "bool") return [false, true];
  return distinctStrings(sortedRanks(table, ids), table.switchStrings[column] as readonly string[]);
}

/**
 * The ranks of the strings the tests `ids` mention, sorted, repeats kept.
 * Each loop of switchValues is in a function that returns right after it:
 * V8 compiles a long first loop while it runs, and code after it that has
 * not run yet becomes a deoptimization at the compiled loop's exit, taken
 * by most later calls (3,886 times in one build of `wide` 10,000 when the
 * three loops shared a function;
 * docs/optimizer.md#loops-v8-compiles-while-they-run).
 */
function sortedRanks(table: IndexTable, ids: readonly number[]): Int32Array {
  const ranks = new Int32Array(rankCount(table, ids));
  fillRanks(table, ids, ranks);
  return ranks.sort();
}

function rankCount(table: IndexTable, ids: readonly number[]): number {
  let count = 0;
  for (const id of ids) count += (table.stringRanks[id] as Int32Array).length;
  return count;
}

function fillRanks(table: IndexTable, ids: readonly number[], ranks: Int32Array): void {
  let count = 0;
  for (const id of ids) {
    const own = table.stringRanks[id] as Int32Array;
    ranks.set(own, count);
    count += own.length;
  }
}

/** The strings of the sorted `ranks`, each once, in rank order. */
function distinctStrings(ranks: Int32Array, strings: readonly string[]): string[] {
  const values: string[] = [];
  for (let i = 0; i < ranks.length; i++) if (i === 0 || ranks[i] !== ranks[i - 1]) values.push(strings[ranks[i] as number] as string);
  return values;
}

/**
 * A value inside each cell of a split over `bounds`: below the first bound,
 * each bound, between neighbours, above the last. Null marks a cell with no
 * value in it (an `int` column has no integer strictly between 3 and 4).
 */
function cellProbes(bounds: readonly number[], integers: boolean): (number | null)[] {
  const probes: (number | null)[] = [];
  bounds.forEach((bound, i) => {
    const below = bounds[i - 1];
    if (integers) {
      const candidate = below === undefined ? Math.ceil(bound) - 1 : Math.floor(below) + 1;
      probes.push(candidate < bound && (below === undefined || candidate > below) ? candidate : null);
      probes.push(Number.isInteger(bound) ? bound : null);
    } else {
      probes.push(below === undefined ? bound - Math.max(1, Math.abs(bound)) : below / 2 + bound / 2);
      probes.push(bound);
    }
  });
  const last = bounds[bounds.length - 1];
  if (last === undefined) probes.push(0);
  else probes.push(integers ? Math.floor(last) + 1 : last + Math.max(1, Math.abs(last)));
  return probes;
}

/**
 * The `split` node on `column` at `bounds` whose first `cells` children are
 * `ids` (below the first bound, at it, between it and the next, …) and
 * whose absent branch is the next, with every bound dropped whose point
 * and both neighbouring intervals lead to the same node: read from `ids`
 * in place rather than through a copy of its cells and a pair of lists
 * spread into the node (a split is assembled at most regions built).
 */
function compressedSplit(column: number, bounds: readonly number[], ids: readonly number[], cells: number): IndexNode {
  const kept: number[] = [];
  const targets: number[] = [ids[0] as number];
  for (let i = 0; i < bounds.length; i++) {
    const point = ids[2 * i + 1] as number;
    const above = ids[2 * i + 2] as number;
    const below = targets[targets.length - 1] as number;
    if (point === below && above === below) continue;
    kept.push(bounds[i] as number);
    targets.push(point, above);
  }
  return { split: column, bounds: kept, next: targets, absent: ids[cells] as number };
}

function freshString(taken: readonly string[]): string {
  let fresh = "\u0000";
  while (taken.includes(fresh)) fresh += "\u0000";
  return fresh;
}
