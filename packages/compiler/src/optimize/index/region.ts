/**
 * What the index builder knows while it descends (dag.ts): the table being
 * indexed, with each row's tests read once, and a *region* of input space —
 * the candidate rows that can still match there, in first-hit order, plus
 * what is known about the columns already dispatched on.
 */
import type { Column, Row, Scalar, UnaryTest } from "@scn/runtime";
import { canonicalJson } from "../../bundle/canonical-json.js";
import { literalsOf, testKey } from "../../boxes/test-algebra.js";
import type { LargeCounts, Runs } from "./cells.js";
import type { CellShape, ListProbes } from "./plans.js";

/** What is known about a list column after `test` nodes: its presence and some `contains` results. */
export interface ListFacts {
  readonly present: boolean | undefined;
  /** Canonical JSON of an element → whether the list contains it. */
  readonly has: ReadonlyMap<string, boolean>;
}

/** The list facts of a column the region knows nothing of (shared: counting and learn only read them). */
export const NO_FACTS: ListFacts = Object.freeze({ present: undefined, has: new Map<string, boolean>() });

export interface Region {
  readonly candidates: readonly number[];
  /** Columns dispatched on by a `switch`, `split` or presence test: every candidate's test on them holds. */
  readonly done: ReadonlySet<number>;
  readonly facts: ReadonlyMap<number, ListFacts>;
}

/**
 * The child regions of a dispatch or a union, before any is built: their
 * candidates, each child's from `starts[i]` to `starts[i + 1]` of one
 * array, with the done columns they share and each child's facts. Most
 * children are regions already built (the memo finds about three in five
 * at `wide` 1,000 and 10,000 scenarios), so the builder looks a child up
 * by its part of the array and makes a region of it (regionAt) only when
 * it is new (docs/optimizer.md#4-build-the-index).
 */
export interface ChildCells {
  readonly candidates: Int32Array;
  readonly starts: Int32Array;
  readonly done: ReadonlySet<number>;
  readonly facts: readonly ReadonlyMap<number, ListFacts>[];
}

/** Child `i` of `cells` as a region, its candidates a list of their own. */
export function regionAt(cells: ChildCells, i: number): Region {
  return { candidates: listOf(cells.candidates, cells.starts[i] as number, cells.starts[i + 1] as number), done: cells.done, facts: cells.facts[i] as ReadonlyMap<number, ListFacts> };
}

/**
 * `numbers` from `start` to `end` as a list made at its length (so every
 * region's list has the same kind of elements, and the functions reading
 * candidates see one shape: docs/optimizer.md#loops-v8-compiles-while-they-run).
 */
export function listOf(numbers: ArrayLike<number>, start: number, end: number): number[] {
  const list = new Array<number>(end - start);
  for (let i = start; i < end; i++) list[i - start] = numbers[i] as number;
  return list;
}

/** `regions`' candidates as ChildCells, one child per region (all with `done`). */
export function cellsOf(regions: readonly Region[], done: ReadonlySet<number>): ChildCells {
  const starts = new Int32Array(regions.length + 1);
  for (let i = 0; i < regions.length; i++) starts[i + 1] = (starts[i] as number) + (regions[i] as Region).candidates.length;
  const candidates = new Int32Array(starts[regions.length] as number);
  for (let i = 0; i < regions.length; i++) candidates.set((regions[i] as Region).candidates, starts[i] as number);
  return { candidates, starts, done, facts: regions.map((region) => region.facts) };
}

/** A row's test on one column, with its canonical key. */
export interface KeyedTest {
  readonly test: UnaryTest;
  readonly key: string;
}

/** What the builder reads of one distinct test, worked out once for every row that repeats it. */
export interface TestFacts extends KeyedTest {
  /** Its literals (literalsOf), in order. */
  readonly literals: readonly Scalar[];
  /** The numbers among its literals, in order. */
  readonly numbers: readonly number[];
  /** The canonical JSON of the element a `contains` or `notContains` test names, else null. */
  readonly element: string | null;
}

/** The table an index is built for. */
export class IndexTable {
  /**
   * The same tests as numbers: rows repeat the same tests (every row of a
   * scenario tests its situation), so each distinct test on a column (by
   * canonical key) has an id, work per test is memoized by it, and row `r`
   * tests column `testColumns[i]` with test `testIds[i]` for `i` from
   * `testStart[r]` to `testStart[r + 1]`, in column order. Plan choice runs
   * for every region, so what it does per candidate and column is kept to
   * array reads; and the tests of all rows are one array each, not two typed
   * arrays per row kept through the build (docs/optimizer.md#4-build-the-index).
   */
  readonly testStart: Int32Array;
  readonly testColumns: Int32Array;
  readonly testIds: Int32Array;
  /** Row `r`'s test id on column `c` at `r * columns.length + c`, -1 where it has none. */
  readonly idAt: Int32Array;
  /** Each test id's test, key, literals and element. */
  readonly facts: readonly TestFacts[];
  /** 1 for each test id whose test is a presence test: plan choice asks it of every pending test at every region (plans.ts, plansFor). */
  readonly presence: Uint8Array;
  /**
   * Per enum or string column, the strings a switch on it may give a case
   * (its tests' string literals, an enum's members only), distinct and in
   * code-unit order; and per test id on such a column, the positions in
   * that list of its literals. A switch's values are then gathered as
   * numbers and sorted as numbers (plans.ts, switchValues) instead of
   * sorting the strings again for every set of tests (docs/optimizer.md#4-build-the-index).
   */
  readonly switchStrings: (readonly string[] | null)[];
  readonly stringRanks: (Int32Array | null)[];
  /** Scratch marks per test id, so that a pass over candidates can tell the ids it has met (see `nextMark`). */
  readonly marks: Int32Array;
  private mark = 0;
  /** Each test id's cells in the plan being counted, valid where `runsMarks` holds the plan's mark (see cells.ts). */
  readonly runs: Runs[] = [];
  readonly runsMarks: Int32Array;
  private runsMark = 0;
  /**
   * Scratch for plan choice (plans.ts, pendingTestsByColumn), reused at
   * every region rather than allocated there: per column, the ids of the
   * distinct tests some candidate still has to check
   * (`pendingIds[pendingStart[column] + k]` for k below
   * `pendingCount[column]`: each column has room for all its tests), and a
   * hash of that set (the sum of mixIdentity over its ids, so that it does
   * not depend on their order).
   */
  readonly pendingIds: Int32Array;
  readonly pendingStart: Int32Array;
  readonly pendingCount: Int32Array;
  readonly pendingHash: Int32Array;
  /** Scratch for plan choice: the columns with pending tests, ascending (plans.ts, pendingTestsByColumn). */
  readonly pendingColumns: Int32Array;
  /** Scratch for plan choice: each pending column's floor, and the pending columns' order (plans.ts, choosePlan). */
  readonly floorScratch: Int32Array;
  readonly orderScratch: Int32Array;
  /**
   * Per column, the switch and split shapes made so far, by the hash of
   * their ids (plans.ts, CellShape): the same few sets of tests on a column
   * recur at region after region.
   */
  readonly shapes: Map<number, CellShape[]>[];
  /** Per list column, the probes of its `test` plans made so far for regions that know nothing of it, by the hash of their ids (plans.ts, ListProbes). */
  readonly listProbes: Map<number, ListProbes[]>[];
  private closed = new Uint8Array(64);
  private sizes = new Float64Array(64);
  private filled = new Int32Array(64);
  private large: LargeCounts | null = null;
  private readonly everyCellRuns: Runs[] = [];
  private readonly doneFlagsOf = new Map<ReadonlySet<number>, Uint8Array>();
  private readonly doneAfter = new Map<ReadonlySet<number>, Map<number, ReadonlySet<number>>>();
  /** factsAfter's pairs by facts map, column and probe key. */
  private readonly learnedAfter = new Map<ReadonlyMap<number, ListFacts>, Map<number, Map<string, readonly [ReadonlyMap<number, ListFacts>, ReadonlyMap<number, ListFacts>]>>>();
  /** The region whose candidates `openCount` and `openColumn` describe (see `settled`). */
  private openFor: Region | null = null;
  /**
   * Per row, for the candidates of the region `settled` last counted: how
   * many of its tests are not known to hold there, and the column of the
   * last of them (countOpen, or a caller that walks the candidates' tests
   * anyway and fills them in, see `openFilledFor`).
   */
  readonly openCount: Int32Array;
  readonly openColumn: Int32Array;
  /** Scratch for plan choice's floors, per pending column (plans.ts, floorsInto): whether its floor is found, and the candidates so far that test it. */
  readonly floorEnded: Uint8Array;
  readonly floorTested: Int32Array;
  /** Scratch for plan choice's floors: per column, one more than its place among the pending columns (0: not pending). */
  readonly pendingSlot: Int32Array;

  constructor(
    readonly columns: readonly Column[],
    readonly rows: readonly Row[],
  ) {
    // Per column, each distinct test's id by its canonical key, and by the
    // test object too: rows share their tests' objects (every row of a
    // scenario its situation's), so most lookups need no key.
    const byKey = columns.map(() => new Map<string, number>());
    const byObject = columns.map(() => new Map<UnaryTest, number>());
    const facts: TestFacts[] = [];
    const factColumns: number[] = [];
    const idOf = (column: number, test: UnaryTest): number => {
      const objects = byObject[column] as Map<UnaryTest, number>;
      let id = objects.get(test);
      if (id !== undefined) return id;
      const key = testKey(test);
      const keys = byKey[column] as Map<string, number>;
      id = keys.get(key);
      if (id === undefined) {
        id = facts.length;
        keys.set(key, id);
        const literals = literalsOf(test);
        const element = "contains" in test ? test.contains : "notContains" in test ? test.notContains : undefined;
        factColumns.push(column);
        facts.push({ test, key, literals, numbers: literals.filter((l): l is number => typeof l === "number"), element: element === undefined ? null : canonicalJson(element) });
      }
      objects.set(test, id);
      return id;
    };
    const testStart = new Int32Array(rows.length + 1);
    const testColumns: number[] = [];
    const testIds: number[] = [];
    // Neighbouring rows mostly share a column's test object (the rows of a
    // scenario its situation's), so the last test object met on each column
    // and its id answer most lookups without a map.
    const lastTest: (UnaryTest | undefined)[] = columns.map(() => undefined);
    const lastId = new Int32Array(columns.length);
    for (let r = 0; r < rows.length; r++) {
      const tests = (rows[r] as Row).tests;
      const keys = Object.keys(tests);
      for (let i = 0; i < keys.length; i++) {
        const column = Number(keys[i]);
        const test = tests[keys[i] as string] as UnaryTest;
        if (lastTest[column] !== test) {
          lastTest[column] = test;
          lastId[column] = idOf(column, test);
        }
        testColumns.push(column);
        testIds.push(lastId[column] as number);
      }
      testStart[r + 1] = testColumns.length;
    }
    this.testStart = testStart;
    this.testColumns = Int32Array.from(testColumns);
    this.testIds = Int32Array.from(testIds);
    this.facts = facts;
    this.presence = Uint8Array.from(facts, ({ test }) => ("present" in test ? 1 : 0));
    ({ strings: this.switchStrings, ranks: this.stringRanks } = switchLiterals(columns, facts, factColumns));
    this.idAt = new Int32Array(rows.length * columns.length).fill(-1);
    for (let r = 0; r < rows.length; r++) {
      for (let i = testStart[r] as number; i < (testStart[r + 1] as number); i++) this.idAt[r * columns.length + (this.testColumns[i] as number)] = this.testIds[i] as number;
    }
    this.openCount = new Int32Array(rows.length);
    this.openColumn = new Int32Array(rows.length);
    this.floorEnded = new Uint8Array(columns.length);
    this.floorTested = new Int32Array(columns.length);
    this.pendingSlot = new Int32Array(columns.length);
    this.marks = new Int32Array(facts.length);
    this.pendingIds = new Int32Array(facts.length);
    this.pendingStart = new Int32Array(columns.length);
    for (const column of factColumns) if (column + 1 < columns.length) this.pendingStart[column + 1] = (this.pendingStart[column + 1] as number) + 1;
    for (let c = 1; c < columns.length; c++) this.pendingStart[c] = (this.pendingStart[c] as number) + (this.pendingStart[c - 1] as number);
    this.pendingCount = new Int32Array(columns.length);
    this.pendingHash = new Int32Array(columns.length);
    this.pendingColumns = new Int32Array(columns.length);
    this.floorScratch = new Int32Array(columns.length);
    this.orderScratch = new Int32Array(columns.length);
    this.shapes = columns.map(() => new Map());
    this.listProbes = columns.map(() => new Map());
    this.runsMarks = new Int32Array(facts.length);
  }

  /** A fresh mark for `runsMarks`: every test's cells count as unknown under it. */
  nextRunsMark(): number {
    if (++this.runsMark === 0x7fffffff) {
      this.runsMarks.fill(0);
      this.runsMark = 1;
    }
    return this.runsMark;
  }

  /**
   * `done` with `column` added, one set for each set and column: the
   * regions below a dispatch share one done set, and the memo works its
   * text out once per set (doneKey), where a new set per dispatch had it
   * sorted and joined again each time.
   */
  doneWith(done: ReadonlySet<number>, column: number): ReadonlySet<number> {
    let after = this.doneAfter.get(done);
    if (after === undefined) this.doneAfter.set(done, (after = new Map()));
    let next = after.get(column);
    if (next === undefined) after.set(column, (next = new Set(done).add(column)));
    return next;
  }

  /**
   * Scratch flags for the cells of one plan being counted or partitioned
   * (cells.ts), all clear: one array grown as needed instead of one per
   * plan counted.
   */
  closedScratch(cells: number): Uint8Array {
    if (this.closed.length < cells) this.closed = new Uint8Array(Math.max(cells, 2 * this.closed.length));
    else this.closed.fill(0, 0, cells);
    return this.closed;
  }

  /**
   * Scratch for counting a large region's cells (cells.ts, countCellsInto),
   * cleared for `cells` cells: difference arrays zero up to one past the
   * last cell and closed counts NaN (open). One set grown as needed rather
   * than six arrays per large plan counted (14 MB at 10,000 `wide`
   * scenarios).
   */
  largeCountsScratch(cells: number): LargeCounts {
    let large = this.large;
    if (large === null || large.closedCount.length < cells) {
      const size = Math.max(cells, 2 * (large?.closedCount.length ?? 32));
      large = this.large = {
        delta: new Float64Array(size + 1),
        ignoringDelta: new Float64Array(size + 1),
        closedCount: new Float64Array(size),
        closedIgnoring: new Float64Array(size),
        totals: new Float64Array(size),
        ignoringTotals: new Float64Array(size),
      };
    }
    large.delta.fill(0, 0, cells + 1);
    large.ignoringDelta.fill(0, 0, cells + 1);
    large.closedCount.fill(Number.NaN, 0, cells);
    large.closedIgnoring.fill(Number.NaN, 0, cells);
    return large;
  }

  /** The runs of every one of `cells` cells, one shared list per number of cells (cells.ts, runsOf): read, never written. */
  everyCell(cells: number): Runs {
    return (this.everyCellRuns[cells] ??= [0, cells - 1]);
  }

  /** Scratch for how many candidates each cell of a plan being partitioned holds so far (cells.ts), all zero. */
  filledScratch(cells: number): Int32Array {
    if (this.filled.length < cells) this.filled = new Int32Array(Math.max(cells, 2 * this.filled.length));
    else this.filled.fill(0, 0, cells);
    return this.filled;
  }

  /**
   * Scratch for the cell counts of one plan being counted (plans.ts,
   * choosePlan), at least `cells` long: a plan gets a list of its own only
   * when it is the best so far.
   */
  sizesScratch(cells: number): Float64Array {
    if (this.sizes.length < cells) this.sizes = new Float64Array(Math.max(cells, 2 * this.sizes.length));
    return this.sizes;
  }

  /** The columns of a done set as flags by column, made once per set (regions share their done sets, see doneWith). */
  doneFlags(done: ReadonlySet<number>): Uint8Array {
    let flags = this.doneFlagsOf.get(done);
    if (flags === undefined) {
      flags = new Uint8Array(this.columns.length);
      for (const column of done) flags[column] = 1;
      this.doneFlagsOf.set(done, flags);
    }
    return flags;
  }

  /** The mark `nextMark` gave last. */
  currentMark(): number {
    return this.mark;
  }

  /** A fresh mark for `marks`: every id counts as unmarked under it. */
  nextMark(): number {
    if (++this.mark === 0x7fffffff) {
      this.marks.fill(0);
      this.mark = 1;
    }
    return this.mark;
  }

  /**
   * Whether every test of row `candidate` except those on `except` is known
   * to hold in `region`. Plan choice asks this for every candidate and
   * column, so each region's candidates have their open tests counted once
   * (`countOpen`) and the answer is read from that count.
   */
  settled(region: Region, candidate: number, except: number): boolean {
    if (this.openFor !== region) this.countOpen(region);
    const open = this.openCount[candidate] as number;
    return open === 0 || (open === 1 && this.openColumn[candidate] === except);
  }

  /**
   * Notes that `openCount` and `openColumn` now hold `region`'s counts,
   * filled by a caller that walks every test of its candidates anyway
   * (plans.ts, pendingTestsByColumn), so that `settled` does not count them
   * again.
   */
  openFilledFor(region: Region): void {
    this.openFor = region;
  }

  /** For each candidate of `region`, how many of its tests are not known to hold there, and the column of the last one. */
  private countOpen(region: Region): void {
    // Set before the loop rather than after it, so that nothing follows
    // the loop: V8 compiles it while the first, whole-table region runs,
    // and a store there it had never seen left that compiled loop with a
    // deoptimization at its exit, taken on later counts
    // (docs/optimizer.md#loops-v8-compiles-while-they-run).
    this.openFor = region;
    // knownTruth, with the done columns read as flags: every test of every candidate is asked.
    const done = this.doneFlags(region.done);
    const noFacts = region.facts.size === 0;
    const candidates = region.candidates;
    const starts = this.testStart;
    const columns = this.testColumns;
    const ids = this.testIds;
    for (let k = 0; k < candidates.length; k++) {
      const candidate = candidates[k] as number;
      let open = 0;
      for (let i = starts[candidate] as number; i < (starts[candidate + 1] as number); i++) {
        const column = columns[i] as number;
        if (done[column] === 1 || (!noFacts && this.knownTruth(region, column, ids[i] as number) === true)) continue;
        open++;
        this.openColumn[candidate] = column;
      }
      this.openCount[candidate] = open;
    }
  }

  /** The id of row `candidate`'s test on `column`, or -1 when it has none. */
  testOn(candidate: number, column: number): number {
    return this.idAt[candidate * this.columns.length + column] as number;
  }

  /** knownTruth for test id `id`, reading the element key worked out once. */
  knownTruth(region: Region, column: number, id: number): boolean | undefined {
    if (region.done.has(column)) return true;
    if (region.facts.size === 0) return undefined;
    const facts = region.facts.get(column);
    if (facts === undefined) return undefined;
    const test = this.facts[id] as TestFacts;
    return factTruth(facts, test.test, test.element);
  }

  /**
   * The facts of a region whose facts are `facts` on each branch of a
   * `test` node on list column `column` with probe `t` (whose element's
   * canonical JSON is `key`, "" for presence), one pair per facts map,
   * column and probe: the regions below a dispatch share their parent's
   * facts map, and a pair of maps made for every `test` plan chosen (and
   * every presence probe counted) was a new map for the region memo to
   * find by its text each time, 56,603 times in a build at 10,000 `wide`
   * scenarios (docs/optimizer.md#4-build-the-index).
   */
  factsAfter(facts: ReadonlyMap<number, ListFacts>, column: number, t: UnaryTest, key: string): readonly [ReadonlyMap<number, ListFacts>, ReadonlyMap<number, ListFacts>] {
    let byColumn = this.learnedAfter.get(facts);
    if (byColumn === undefined) this.learnedAfter.set(facts, (byColumn = new Map()));
    let byKey = byColumn.get(column);
    if (byKey === undefined) byColumn.set(column, (byKey = new Map()));
    let pair = byKey.get(key);
    if (pair === undefined) {
      const [whenTrue, whenFalse] = learn(facts.get(column) ?? NO_FACTS, t);
      pair = [new Map(facts).set(column, whenTrue), new Map(facts).set(column, whenFalse)];
      byKey.set(key, pair);
    }
    return pair;
  }

  /** The candidates that can match once `facts` hold on list column `column` (`allFacts`: the region's facts with them). */
  narrowByFacts(region: Region, column: number, facts: ListFacts, allFacts: ReadonlyMap<number, ListFacts> = new Map(region.facts).set(column, facts)): Region {
    const kept = region.candidates.filter((candidate) => {
      const id = this.testOn(candidate, column);
      if (id < 0) return true;
      const test = this.facts[id] as TestFacts;
      return factTruth(facts, test.test, test.element) !== false;
    });
    return this.truncate({ candidates: kept, done: region.done, facts: allFacts });
  }

  /**
   * What narrowByFacts would return, counted without building it: how many
   * candidates it keeps, written at `sizes[cell]`, and (returned) how many
   * of those do not test `column`. A `test` plan is counted for every list
   * element some candidate names, at every region, and building both
   * children of each was most of the index build on list-heavy tables
   * (docs/optimizer.md#4-build-the-index); plan choice passes its scratch
   * as `sizes`, so that counting allocates nothing.
   */
  countByFacts(region: Region, column: number, facts: ListFacts, sizes: Float64Array, cell: number): number {
    return this.countByTruth(region, column, facts, "", false, undefined, false, sizes, cell);
  }

  /**
   * countByFacts for the facts a `test` node on `contains` of the element
   * whose canonical JSON is `key` gives on one branch (`has`: the true
   * branch), learn(facts, t)'s, read through `facts` without copying its
   * map: a `test` plan is counted for every element some candidate names,
   * at every region, and the two maps learn copies for each were most of
   * what counting them allocated (docs/optimizer.md#4-build-the-index).
   * Whether the list is known present is worked out once, not per test.
   */
  countLearned(region: Region, column: number, facts: ListFacts, key: string, has: boolean, sizes: Float64Array, cell: number): number {
    return this.countByTruth(region, column, facts, key, has, learnedPresent(facts, key, has), true, sizes, cell);
  }

  /**
   * The count both of the above make, reading a candidate's test on
   * `column` through factTruth of `facts` or, when `learned`, learnedTruth
   * of `facts` with `key` decided as `has` (a flag rather than a function
   * made per count).
   */
  private countByTruth(
    region: Region,
    column: number,
    facts: ListFacts,
    key: string,
    has: boolean,
    knownPresent: boolean | undefined,
    learned: boolean,
    sizes: Float64Array,
    cell: number,
  ): number {
    // The count is kept in `sizes` as it grows, so that only the return
    // follows the loop (docs/optimizer.md#loops-v8-compiles-while-they-run).
    let candidates = 0;
    let ignoring = 0;
    sizes[cell] = 0;
    const list = region.candidates;
    for (let k = 0; k < list.length; k++) {
      const candidate = list[k] as number;
      const id = this.testOn(candidate, column);
      // The facts only add to what the region knows of `column`, so a test on
      // another column is known to hold exactly when it was before (which
      // `settled` reads), and the test on `column` when the facts say so.
      let holds = true;
      if (id >= 0) {
        const test = this.facts[id] as TestFacts;
        const known = learned ? learnedTruth(facts, key, has, knownPresent, test.test, test.element) : factTruth(facts, test.test, test.element);
        if (known === false) continue;
        holds = known === true || region.done.has(column);
      } else ignoring++;
      sizes[cell] = ++candidates;
      // The first candidate whose tests are all known to hold always matches: the list ends there (see truncate).
      if (holds && this.settled(region, candidate, column)) break;
    }
    return ignoring;
  }

  /** Cuts the candidates after the first one whose tests are all known to hold: it always matches. */
  private truncate(region: Region): Region {
    // Not through `settled`: these regions are asked once, between questions about the region being planned.
    const index = region.candidates.findIndex((candidate) => {
      for (let i = this.testStart[candidate] as number; i < (this.testStart[candidate + 1] as number); i++) {
        if (this.knownTruth(region, this.testColumns[i] as number, this.testIds[i] as number) !== true) return false;
      }
      return true;
    });
    if (index < 0 || index === region.candidates.length - 1) return region;
    return { ...region, candidates: region.candidates.slice(0, index + 1) };
  }
}

/** IndexTable's switchStrings and stringRanks, for tests `facts` on columns `factColumns`. */
function switchLiterals(columns: readonly Column[], facts: readonly TestFacts[], factColumns: readonly number[]): { strings: (readonly string[] | null)[]; ranks: (Int32Array | null)[] } {
  const members = columns.map((column) => (column.type === "enum" ? new Set(column.values ?? []) : null));
  const switchable = (column: number, literal: Scalar): literal is string => {
    if (typeof literal !== "string") return false;
    const declared = columns[column] as Column;
    return declared.type === "string" || (declared.type === "enum" && (members[column] as Set<string>).has(literal));
  };
  const distinct = columns.map(() => new Set<string>());
  facts.forEach(({ literals }, id) => {
    const column = factColumns[id] as number;
    for (const literal of literals) if (switchable(column, literal)) (distinct[column] as Set<string>).add(literal);
  });
  // Without a comparator, strings sort by their UTF-16 code units.
  const strings = columns.map((column, c) => (column.type === "enum" || column.type === "string" ? [...(distinct[c] as Set<string>)].sort() : null));
  const positions = strings.map((list) => (list === null ? null : new Map(list.map((value, i) => [value, i] as const))));
  const ranks = facts.map(({ literals }, id) => {
    const column = factColumns[id] as number;
    const position = positions[column];
    if (position === undefined || position === null) return null;
    const found: number[] = [];
    for (const literal of literals) if (switchable(column, literal)) found.push(position.get(literal) as number);
    return Int32Array.from(found);
  });
  return { strings, ranks };
}

/** Whether `test` on `column` is known to hold (true), known to fail (false), or open, for a candidate of `region`. */
export function knownTruth(region: Region, column: number, test: UnaryTest): boolean | undefined {
  if (region.done.has(column)) return true;
  const facts = region.facts.get(column);
  return facts === undefined ? undefined : factTruth(facts, test);
}

/** What the facts about a list column say about one test on it (`element`: the canonical JSON of the element it names, when known). */
function factTruth(facts: ListFacts, test: UnaryTest, element?: string | null): boolean | undefined {
  const knownPresent = presentFrom(facts);
  if ("present" in test) return knownPresent === undefined ? undefined : knownPresent === test.present;
  if (knownPresent === false) return false;
  if ("contains" in test) return facts.has.get(element ?? canonicalJson(test.contains));
  if ("notContains" in test) {
    const has = facts.has.get(element ?? canonicalJson(test.notContains));
    if (has === true) return false;
    if (has === false && knownPresent === true) return true;
  }
  return undefined;
}

/** presentFrom of learn(facts, { contains: x })'s branch where x (canonical JSON `key`) is contained or not (`has`). */
function learnedPresent(facts: ListFacts, key: string, has: boolean): boolean | undefined {
  if (has) return true;
  if (facts.present !== undefined) return facts.present;
  for (const [element, contained] of facts.has) if (contained && element !== key) return true;
  return undefined;
}

/** factTruth of that branch's facts (learnedPresent gave `knownPresent`), reading `key` as `has` and every other element from `facts`. */
function learnedTruth(facts: ListFacts, key: string, has: boolean, knownPresent: boolean | undefined, test: UnaryTest, element: string | null): boolean | undefined {
  if ("present" in test) return knownPresent === undefined ? undefined : knownPresent === test.present;
  if (knownPresent === false) return false;
  if ("contains" in test) {
    const named = element ?? canonicalJson(test.contains);
    return named === key ? has : facts.has.get(named);
  }
  if ("notContains" in test) {
    const named = element ?? canonicalJson(test.notContains);
    const contained = named === key ? has : facts.has.get(named);
    if (contained === true) return false;
    if (contained === false && knownPresent === true) return true;
  }
  return undefined;
}

/** Whether the list is known present: as the facts say, or because it is known to contain some element (without listing the elements at every test asked). */
function presentFrom(facts: ListFacts): boolean | undefined {
  if (facts.present !== undefined) return facts.present;
  for (const has of facts.has.values()) if (has) return true;
  return undefined;
}

/** The facts on each branch of a `test` node with test `t`. */
export function learn(facts: ListFacts, t: UnaryTest): [ListFacts, ListFacts] {
  if ("present" in t) return [{ ...facts, present: true }, { ...facts, present: false }];
  const key = canonicalJson((t as { contains: Scalar }).contains);
  return [
    { present: true, has: new Map(facts.has).set(key, true) },
    { present: facts.present, has: new Map(facts.has).set(key, false) },
  ];
}

/**
 * The node built for each region so far, so that the builder makes each
 * region's node once. Regions are equal when their candidates, done columns
 * and facts are; the candidate lists are long, so they are compared by a
 * hash and then element by element rather than joined into key strings
 * (which made the lookups a fifth of the build at 10,000 scenarios).
 *
 * Everything the memo keeps is in typed arrays: each region stored is a
 * few numbers (its table, hash, node and where its candidates start) in
 * parallel arrays, chained by bucket from a power-of-two array of heads,
 * and its candidates are copied into one pool. The memo lives through the
 * whole build, so what it keeps survives every young-generation collection
 * and is copied by each; as objects (an entry, a bucket list and a map
 * entry per region, and the region's own candidate list) it was most of
 * what the index build kept, and collecting was a quarter of the build at
 * 10,000 `wide` scenarios (docs/optimizer.md#4-build-the-index).
 */
export class RegionMemo {
  /**
   * Each table's number by the text of its done columns and facts. The
   * same candidates recur under many done columns (a small list such as
   * the last three rows of a scenario turns up below many dispatches), so
   * the table is part of the key rather than a region's hash alone
   * (docs/benchmarks.md, "Session 2026-12-03 night: index and vectors").
   */
  private readonly tables = new Map<string, number>();

  /**
   * Each table's number by the done set and facts map objects it was last
   * found for: regions share their done sets and facts maps
   * (IndexTable.doneWith, partition), so the text of both (and a string map
   * lookup by it, with a new string to hash whenever the region has facts)
   * is needed only the first time a pair of objects is met, not at every
   * region built (docs/optimizer.md#4-build-the-index). Equal sets made
   * apart are different objects and still meet in one table through their
   * text.
   */
  private readonly byObjects = new Map<ReadonlySet<number>, Map<ReadonlyMap<number, ListFacts>, number>>();

  /** Per bucket (a key's low bits), the last entry stored there plus one (0: none). */
  private heads: Int32Array<ArrayBuffer>;
  /** Per entry: its table, its candidates' hash, its node, the entry before it in its bucket plus one, and its candidates' start in `pool` (the next entry's start ends them). */
  private entryTable: Int32Array<ArrayBuffer>;
  private entryHash: Int32Array<ArrayBuffer>;
  private entryId: Int32Array<ArrayBuffer>;
  private entryNext: Int32Array<ArrayBuffer>;
  private entryStart: Int32Array<ArrayBuffer>;
  private entries = 0;
  private pool: Int32Array<ArrayBuffer>;

  /** `capacity` (a power of two): the regions stored before the arrays first grow; small in tests, so that they grow often. */
  constructor(capacity = 1 << 12) {
    this.heads = new Int32Array(capacity);
    this.entryTable = new Int32Array(capacity);
    this.entryHash = new Int32Array(capacity);
    this.entryId = new Int32Array(capacity);
    this.entryNext = new Int32Array(capacity);
    this.entryStart = new Int32Array(capacity + 1);
    this.pool = new Int32Array(4 * capacity);
  }

  /**
   * The number of the table of regions with the same done columns and
   * facts as `region`: looked up once per region, the candidates' hash
   * (hashOf) then picking the bucket, so that no key object is made per
   * region.
   */
  tableFor(region: Region): number {
    return this.tableOf(region.done, region.facts);
  }

  /** tableFor of a region with these done columns and facts. */
  tableOf(done: ReadonlySet<number>, facts: ReadonlyMap<number, ListFacts>): number {
    let byFacts = this.byObjects.get(done);
    if (byFacts === undefined) this.byObjects.set(done, (byFacts = new Map()));
    let table = byFacts.get(facts);
    if (table === undefined) byFacts.set(facts, (table = this.tableByText(done, facts)));
    return table;
  }

  /** tableOf by the text of the done columns and facts. */
  private tableByText(done: ReadonlySet<number>, facts: ReadonlyMap<number, ListFacts>): number {
    const rest = facts.size === 0 ? doneKey(done) : `${doneKey(done)}|${factsKey(facts)}`;
    let table = this.tables.get(rest);
    if (table === undefined) this.tables.set(rest, (table = this.tables.size));
    return table;
  }

  /** The node stored for `region` in table `table` (tableFor) under its hash (hashOf). */
  get(table: number, hash: number, region: Region): number | undefined {
    return this.find(table, hash, Int32Array.from(region.candidates), 0, region.candidates.length);
  }

  /**
   * The node stored for the region of table `table` whose candidates are
   * `candidates` from `start` to `end`, under their hash (sliceHash): the
   * builder asks it of a child's part of its ChildCells, before any list
   * is made for the child.
   */
  find(table: number, hash: number, candidates: Int32Array, start: number, end: number): number | undefined {
    const pool = this.pool;
    const length = end - start;
    for (let entry = (this.heads[bucketOf(table, hash, this.heads.length)] as number) - 1; entry >= 0; entry = (this.entryNext[entry] as number) - 1) {
      if (this.entryHash[entry] !== hash || this.entryTable[entry] !== table) continue;
      const from = this.entryStart[entry] as number;
      if ((this.entryStart[entry + 1] as number) - from !== length) continue;
      let same = true;
      for (let i = 0; i < length && same; i++) same = pool[from + i] === candidates[start + i];
      if (same) return this.entryId[entry] as number;
    }
    return undefined;
  }

  /** Stores node `id` for `region`, in table `table` under its hash, as get finds it. */
  set(table: number, hash: number, region: Region, id: number): void {
    this.store(table, hash, Int32Array.from(region.candidates), 0, region.candidates.length, id);
  }

  /** Stores node `id` for the region find describes, as find finds it. */
  store(table: number, hash: number, candidates: Int32Array, from: number, to: number, id: number): void {
    const entry = this.entries;
    if (entry + 1 >= this.entryId.length) this.growEntries();
    const start = this.entryStart[entry] as number;
    const end = start + (to - from);
    if (end > this.pool.length) this.pool = grown(this.pool, Math.max(end, 2 * this.pool.length));
    const pool = this.pool;
    for (let i = from; i < to; i++) pool[start + i - from] = candidates[i] as number;
    this.entryStart[entry + 1] = end;
    this.entryTable[entry] = table;
    this.entryHash[entry] = hash;
    this.entryId[entry] = id;
    this.entries = entry + 1;
    // More entries than buckets: the chains would grow with the build, so the buckets double.
    if (this.entries > this.heads.length) this.rehash(2 * this.heads.length);
    else this.link(entry);
  }

  private link(entry: number): void {
    const bucket = bucketOf(this.entryTable[entry] as number, this.entryHash[entry] as number, this.heads.length);
    this.entryNext[entry] = this.heads[bucket] as number;
    this.heads[bucket] = entry + 1;
  }

  private rehash(buckets: number): void {
    this.heads = new Int32Array(buckets);
    for (let entry = 0; entry < this.entries; entry++) this.link(entry);
  }

  private growEntries(): void {
    const size = 2 * this.entryId.length;
    this.entryTable = grown(this.entryTable, size);
    this.entryHash = grown(this.entryHash, size);
    this.entryId = grown(this.entryId, size);
    this.entryNext = grown(this.entryNext, size);
    this.entryStart = grown(this.entryStart, size + 1);
  }
}

/** `array` copied into a new array of `size` (at least its length). */
function grown(array: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const next = new Int32Array(size);
  next.set(array);
  return next;
}

/** The bucket of a table and a candidates' hash among `buckets` (a power of two). */
function bucketOf(table: number, hash: number, buckets: number): number {
  return (Math.imul(hash ^ Math.imul(table, 0x9e3779b1), 0x01000193) >>> 8) & (buckets - 1);
}

/**
 * The hash of a region's candidates: below 2^30, a small integer that a
 * map keeps without allocating, so that the lookup hashes no text. With
 * the done columns and facts (RegionMemo.tableFor) it keys the region.
 */
export function hashOf(region: Region): number {
  return sliceHash(Int32Array.from(region.candidates), 0, region.candidates.length);
}

/** hashOf of a region whose candidates are `candidates` from `start` to `end`. */
export function sliceHash(candidates: Int32Array, start: number, end: number): number {
  const hash = candidatesHash(candidates, start, end);
  return (hash ^ (hash >>> 15)) & 0x3fffffff;
}

/**
 * The loop of hashOf, alone in a function whose loop is followed only by
 * its return. The first region is the whole table, so V8 compiles this
 * loop while it runs (on-stack replacement) before any code after it has
 * run; an operation there with no type feedback then left that compiled
 * loop with a deoptimization at its exit, and V8 kept entering it again:
 * on `wide` 1,000 it was 1,913 of the build's 2,212 deoptimizations
 * (docs/optimizer.md#loops-v8-compiles-while-they-run).
 */
function candidatesHash(candidates: Int32Array, start: number, end: number): number {
  let hash = 0x811c9dc5 ^ (end - start);
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ (candidates[i] as number), 0x01000193);
  return hash;
}

/**
 * The facts as text, worked out once per facts map: the regions below a
 * dispatch share their parent's map, and the memo asks for its text at
 * every one of them.
 */
const factsKeys = new WeakMap<ReadonlyMap<number, ListFacts>, string>();

function factsKey(facts: ReadonlyMap<number, ListFacts>): string {
  let key = factsKeys.get(facts);
  if (key === undefined) {
    key = [...facts]
      .sort(([a], [b]) => a - b)
      .map(([column, f]) => `${column}:${String(f.present)}:${[...f.has].sort().map(([k, v]) => `${k}=${v}`).join(";")}`)
      .join("/");
    factsKeys.set(facts, key);
  }
  return key;
}

/**
 * The done columns, ascending, joined: regions share their `done` set with
 * their siblings and every union part below them, so its text is worked out
 * once per set.
 */
const doneKeys = new WeakMap<ReadonlySet<number>, string>();

function doneKey(done: ReadonlySet<number>): string {
  let key = doneKeys.get(done);
  if (key === undefined) doneKeys.set(done, (key = [...done].sort((a, b) => a - b).join(",")));
  return key;
}
