/**
 * The index (OUTPUT.md §3 step 4): a decision DAG over a table's columns that
 * narrows the rows a runtime has to check, so that evaluation cost follows
 * the number of columns rather than the number of rows. The node format is
 * `IndexNode` in packages/runtime/src/bundle.ts.
 *
 * How it is built. A *region* of input space is described by the candidate
 * rows that can still match there (in first-hit order) plus what is known
 * about the columns already dispatched on. At each region the builder
 * considers every column some candidate still tests:
 * - enum, string and bool columns become `switch` nodes (one case per value
 *   the candidates mention, `other` for the rest, `absent`);
 * - int and number columns become `split` nodes over the sorted distinct
 *   numbers the candidates compare with;
 * - list columns, and columns that are only tested for presence, become
 *   `test` nodes on one `contains` or `present` test.
 * Each child region keeps the candidates whose test can hold there; a
 * candidate whose tests are all known to hold ends the list, because it
 * always matches and nothing after it is ever reached.
 *
 * Heuristic: choose the column whose children have the fewest candidates on
 * average over their cells (the absent branch weighing a quarter: absent
 * values are the exception in real contexts);
 * break ties by preferring a column the first candidate tests (it is the row
 * most likely to answer), then fewer cells, then the lower column number.
 * Stop at a few candidates (three by default: checking them costs about what
 * the nodes to separate them would), when no column cuts the average
 * candidates per cell by a tenth or more (a weaker split only peels rows off
 * one by one, no better than checking them), or when
 * the node budget is spent. The budget (linear in the rows) is shared out
 * top-down in proportion to the candidates each child region holds, so that
 * when it runs out the leftover leaves are spread evenly rather than piled
 * into the last subtrees; a leaf is always correct, only slower.
 *
 * Invariants: for every context, the leaf the DAG leads to lists every row
 * that matches that context, in table order, up to and including the first
 * one (so the first matching row in the leaf is the first in the table).
 * Identical nodes are stored once (hash-consed by canonical JSON), and a node
 * only points at nodes built before it, so `nodes` is in topological order
 * with the root last.
 */
import type { Column, DecisionIndex, IndexNode, Interval, Row, Scalar, UnaryTest } from "@scn/runtime";
import { canonicalJson } from "../bundle/canonical-json.js";
import { ABSENT } from "../semantics/context-value.js";
import { holds, literalsOf, numericBounds, representatives, sortScalars, testKey, type Probe } from "../boxes/test-algebra.js";

export interface IndexStats {
  /** Dispatch nodes on the longest path from the root to a leaf (0 for a single leaf). */
  readonly depth: number;
  readonly nodes: number;
  /** True when the node budget ran out and some regions became leaves early. */
  readonly capped: boolean;
}

export interface BuiltIndex {
  readonly index: DecisionIndex;
  readonly stats: IndexStats;
}

export interface IndexOptions {
  /** Node budget; by default 64 + 8 per row. */
  readonly maxNodes?: number;
  /** Regions with at most this many candidates become leaves (default 3). */
  readonly leafRows?: number;
}

/**
 * Checking a few rows costs about as much as the dispatch nodes it would
 * take to tell them apart, and each node adds bytes to every artifact, so
 * small regions stay leaves.
 */
const DEFAULT_LEAF_ROWS = 3;

/**
 * Default node budget per row. Tables whose rows overlap on many numeric
 * thresholds would otherwise grow a node for nearly every combination of
 * cells; a budget linear in the rows keeps every artifact linear too.
 */
const NODES_PER_ROW = 8;

/** Up to this many candidates times cells, cells are counted one by one rather than through difference arrays. */
const DIRECT_COUNT_LIMIT = 4096;

/** The least budget a child region is given, whatever its share. */
const MIN_SHARE = 32;

const ABSENT_WEIGHT = 0.25;

/**
 * Candidates that alternate between testing a column and ignoring it more
 * often than this are not split into `seq` parts (see seqParts).
 */
const MAX_SEQ_RUNS = 8;

/**
 * A split must cut the average number of candidates per cell to at most this
 * share of the region's. Measured on the example projects (index steps plus
 * rows checked per context of their conformance vectors), stricter values
 * stop useful splits early and cost more than they save.
 */
const MIN_NARROWING = 0.9;

/** What is known about a list column after `test` nodes: its presence and some `contains` results. */
interface ListFacts {
  readonly present: boolean | undefined;
  /** Canonical JSON of an element → whether the list contains it. */
  readonly has: ReadonlyMap<string, boolean>;
}

interface Region {
  readonly candidates: readonly number[];
  /** Columns dispatched on by a `switch`, `split` or presence test: every candidate's test on them holds. */
  readonly done: ReadonlySet<number>;
  readonly facts: ReadonlyMap<number, ListFacts>;
}

/** Runs of cells, flattened: `[first0, last0, first1, last1, …]`, both ends included. */
type Runs = number[];

/** The runs of cells where a test holds, when they can be named directly (null: try each probe). */
type CellsWhere = (test: UnaryTest) => Runs | null;

interface Plan {
  readonly column: number;
  /** How many candidates each child region keeps, in child order. */
  readonly sizes: readonly number[];
  /** How many entries of the children are candidates that do not test the column (each may be in many children). */
  readonly ignoringPlaced: number;
  /** The child regions; built only for the plan chosen, since copying candidates into every cell of every plan considered would be quadratic. */
  readonly children: () => readonly Region[];
  /** Whether the last child is the `absent` branch, which counts less in the heuristic. */
  readonly lastIsAbsent: boolean;
  readonly assemble: (children: readonly number[]) => IndexNode;
}

export function buildIndex(columns: readonly Column[], rows: readonly Row[], options: IndexOptions = {}): BuiltIndex {
  const maxNodes = options.maxNodes ?? 64 + NODES_PER_ROW * rows.length;
  const builder = new IndexBuilder(columns, rows, maxNodes, options.leafRows ?? DEFAULT_LEAF_ROWS);
  const start: Region = { candidates: rows.map((_, i) => i), done: new Set(), facts: new Map() };
  const root = builder.build(start, maxNodes);
  const nodes = builder.nodes;
  return { index: { root, nodes }, stats: { depth: dagDepth(nodes, root), nodes: nodes.length, capped: builder.capped } };
}

class IndexBuilder {
  readonly nodes: IndexNode[] = [];
  capped = false;
  /** Set by choosePlan when some column was passed over for needing more cells than the budget allows. */
  private tooWide = false;
  private readonly interned = new Map<string, number>();
  private readonly memo = new Map<string, number>();
  /** Each row's tests as [column, test] pairs, read once instead of at every node. */
  private readonly tests: readonly (readonly [number, UnaryTest])[][];
  /**
   * Each row's tests keyed by column, with each test's canonical key: rows
   * repeat the same tests (every row of a scenario tests its situation), so
   * work per distinct test is memoized by that key.
   */
  private readonly keyed: readonly ReadonlyMap<number, { readonly test: UnaryTest; readonly key: string }>[];

  constructor(
    private readonly columns: readonly Column[],
    private readonly rows: readonly Row[],
    private readonly maxNodes: number,
    private readonly leafRows: number,
  ) {
    this.tests = rows.map((row) => Object.entries(row.tests).map(([key, test]) => [Number(key), test] as const));
    this.keyed = this.tests.map((tests) => new Map(tests.map(([column, test]) => [column, { test, key: testKey(test) }])));
  }

  /** Whether every test of row `candidate` except those on `except` is known to hold in `region`. */
  private settled(region: Region, candidate: number, except: number): boolean {
    for (const [column, test] of this.tests[candidate] as (readonly [number, UnaryTest])[]) {
      if (column !== except && knownTruth(region, column, test) !== true) return false;
    }
    return true;
  }

  /** The node for `region`, creating at most about `budget` new nodes below it. */
  build(region: Region, budget: number): number {
    const key = regionKey(region);
    const known = this.memo.get(key);
    if (known !== undefined) return known;
    const id = this.buildFresh(region, budget);
    this.memo.set(key, id);
    return id;
  }

  private buildFresh(region: Region, budget: number): number {
    const leaf = () => this.intern({ rows: [...region.candidates] });
    if (region.candidates.length <= this.leafRows) return leaf();
    // The node and a leaf per child must fit both this region's share of the
    // budget and what is left of the whole; plans with more cells are skipped.
    const maxCells = Math.min(budget, this.maxNodes - this.nodes.length) - 1;
    const plan = maxCells < 2 ? null : this.choosePlan(region, maxCells);
    if (plan === null) {
      if (maxCells < 2 || this.tooWide) this.capped = true;
      return leaf();
    }
    const parts = this.seqParts(region, plan);
    if (parts !== null) return this.buildSeq(parts, budget);
    const planned = plan.children();
    // What is left after this node and one leaf per child is shared out in
    // proportion to the candidates each child still has to tell apart, so an
    // early subtree cannot starve the later ones.
    // What a child leaves unused (its region was already built, or needed
    // less) flows on to the children after it.
    let spare = Math.min(budget, this.maxNodes - this.nodes.length) - 1 - planned.length;
    const weights = planned.map((child) => (child.candidates.length > this.leafRows ? child.candidates.length : 0));
    let weightLeft = weights.reduce((a, b) => a + b, 0);
    const children = planned.map((child, i) => {
      const weight = weights[i] as number;
      const share = weightLeft === 0 ? 0 : Math.floor((spare * weight) / weightLeft);
      weightLeft -= weight;
      const before = this.nodes.length;
      // A small floor keeps small regions from being starved by the rounding
      // of shares; the global budget still bounds the whole DAG.
      const id = this.build(child, 1 + Math.max(share, MIN_SHARE));
      spare -= Math.max(0, this.nodes.length - before - 1);
      return id;
    });
    return this.intern(plan.assemble(children));
  }

  /**
   * When the plan's column is ignored by a leading run of candidates (or
   * tested only by one) and the rest disagree, dispatching on it would copy
   * the rows that ignore it into every cell; splitting the candidates at the
   * end of that run into two parts walked one after the other (a `seq`
   * node) indexes each part on its own terms instead. Worth it only when
   * the copies would outnumber the candidates, and only when the candidates
   * form a few long runs: many short runs would make the walk a chain of
   * parts, no better than checking the rows one by one.
   */
  private seqParts(region: Region, plan: Plan): [Region, Region] | null {
    const candidates = region.candidates;
    const key = String(plan.column);
    const tests = (candidate: number) => key in (this.rows[candidate] as Row).tests;
    const ignoring = candidates.filter((candidate) => !tests(candidate)).length;
    if (plan.ignoringPlaced - ignoring <= candidates.length) return null;
    let runs = 1;
    let firstRun = 0;
    for (let i = 1; i < candidates.length; i++) {
      if (tests(candidates[i] as number) === tests(candidates[i - 1] as number)) continue;
      if (runs === 1) firstRun = i;
      runs++;
    }
    if (runs === 1 || runs > MAX_SEQ_RUNS) return null;
    const part = (list: readonly number[]): Region => ({ candidates: list, done: region.done, facts: region.facts });
    return [part(candidates.slice(0, firstRun)), part(candidates.slice(firstRun))];
  }

  /** A `seq` node over the two parts, sharing the budget between them by size (a nested `seq` is flattened into it). */
  private buildSeq(parts: readonly [Region, Region], budget: number): number {
    const spare = Math.min(budget, this.maxNodes - this.nodes.length) - 1;
    const [head, tail] = parts;
    const total = head.candidates.length + tail.candidates.length;
    const before = this.nodes.length;
    const first = this.build(head, 1 + Math.max(Math.floor((spare * head.candidates.length) / total), MIN_SHARE));
    const used = this.nodes.length - before;
    const second = this.build(tail, 1 + Math.max(spare - used, MIN_SHARE));
    const rest = this.nodes[second] as IndexNode;
    return this.intern({ seq: [first, ...("seq" in rest ? rest.seq : [second])] });
  }

  private intern(node: IndexNode): number {
    const key = canonicalJson(node);
    const existing = this.interned.get(key);
    if (existing !== undefined) return existing;
    this.nodes.push(node);
    this.interned.set(key, this.nodes.length - 1);
    return this.nodes.length - 1;
  }

  /** The best plan by the heuristic in the header, or null when no column narrows the candidates. */
  private choosePlan(region: Region, maxCells: number): Plan | null {
    const first = this.rows[region.candidates[0] as number] as Row;
    let best: { plan: Plan; score: readonly number[] } | null = null;
    this.tooWide = false;
    for (const [column, tests] of this.pendingTestsByColumn(region)) {
      for (const plan of this.plansFor(region, column, tests, maxCells)) {
        // Absent values are the exception in real contexts, so the absent
        // branch weighs a quarter of an ordinary cell.
        const sizes = plan.sizes;
        const weights = sizes.map((_, i) => (plan.lastIsAbsent && i === sizes.length - 1 ? ABSENT_WEIGHT : 1));
        const total = sizes.reduce((sum, size, i) => sum + size * (weights[i] as number), 0);
        const mean = total / weights.reduce((a, b) => a + b, 0);
        // A split that leaves most candidates in most cells only peels rows off
        // one at a time, which costs a node per row and saves no row checks.
        if (mean > MIN_NARROWING * region.candidates.length) continue;
        const score = [mean, String(column) in first.tests ? 0 : 1, sizes.length, column];
        if (best === null || lexicallyLess(score, best.score)) best = { plan, score };
      }
    }
    return best?.plan ?? null;
  }

  /** Column → the distinct tests on it that some candidate still has to check. */
  private pendingTestsByColumn(region: Region): Map<number, UnaryTest[]> {
    const byColumn = new Map<number, Map<string, UnaryTest>>();
    for (const candidate of region.candidates) {
      for (const [column, { test, key }] of this.keyed[candidate] as ReadonlyMap<number, { test: UnaryTest; key: string }>) {
        if (knownTruth(region, column, test) !== undefined) continue;
        let tests = byColumn.get(column);
        if (!tests) byColumn.set(column, (tests = new Map()));
        tests.set(key, test);
      }
    }
    return new Map([...byColumn].sort(([a], [b]) => a - b).map(([column, tests]) => [column, [...tests.values()]]));
  }

  /** The plans for one column that need at most `maxCells` children (counted before any is built). */
  private plansFor(region: Region, column: number, tests: readonly UnaryTest[], maxCells: number): Plan[] {
    const type = (this.columns[column] as Column).type;
    if (tests.every((test) => "present" in test)) return [this.presencePlan(region, column)];
    if (type === "list") return this.listPlans(region, column, tests);
    const cells = type === "int" || type === "number" ? 2 * numericBounds(tests).length + 2 : switchValues(this.columns[column] as Column, tests).length + 2;
    if (cells > maxCells) {
      this.tooWide = true;
      return [];
    }
    if (type === "int" || type === "number") return [this.splitPlan(region, column, tests)];
    return [this.switchPlan(region, column, tests)];
  }

  /**
   * The cells of `probes` where a candidate's `test` on `column` can hold, as
   * runs: `cellsWhere` names them directly when it can (one pass over the
   * candidates instead of one test per cell), else each probe is tried.
   */
  private runsOf(
    region: Region,
    column: number,
    candidate: number,
    probes: readonly (Probe | null)[],
    cellsWhere: CellsWhere,
    memo: Map<string, Runs>,
  ): Runs {
    const keyed = (this.keyed[candidate] as ReadonlyMap<number, { test: UnaryTest; key: string }>).get(column);
    if (keyed === undefined) return [0, probes.length - 1];
    const known = memo.get(keyed.key);
    if (known !== undefined) return known;
    const test = keyed.test;
    let runs: Runs | null = knownTruth(region, column, test) === true ? [0, probes.length - 1] : cellsWhere(test);
    if (runs === null) {
      const tried: Runs = [];
      probes.forEach((probe, i) => {
        if (probe !== null && holds(test, probe)) tried.push(i, i);
      });
      runs = tried;
    }
    memo.set(keyed.key, runs);
    return runs;
  }

  /**
   * The child regions of dispatching on `column`, one per cell: each keeps
   * the candidates whose test on the column can hold for the cell's probe
   * value (null: a cell with no value, which keeps none), with the column
   * marked done.
   */
  private partition(region: Region, column: number, probes: readonly (Probe | null)[], cellsWhere: CellsWhere = () => null): Region[] {
    const done = new Set(region.done).add(column);
    const lists: number[][] = probes.map(() => []);
    // A cell is closed once it holds a candidate that always matches there.
    const closed = probes.map((probe) => probe === null);
    let open = closed.filter((c) => !c).length;
    const memo = new Map<string, Runs>();
    for (const candidate of region.candidates) {
      if (open === 0) break;
      const runs = this.runsOf(region, column, candidate, probes, cellsWhere, memo);
      const settles = this.settled(region, candidate, column);
      for (let r = 0; r < runs.length; r += 2) {
        for (let cell = runs[r] as number; cell <= (runs[r + 1] as number); cell++) {
          if (closed[cell]) continue;
          (lists[cell] as number[]).push(candidate);
          if (settles) {
            closed[cell] = true;
            open--;
          }
        }
      }
    }
    return lists.map((candidates) => ({ candidates, done, facts: region.facts }));
  }

  /**
   * What `partition` would return, counted without building it: each
   * cell's number of candidates, and how many of those entries are
   * candidates that do not test the column. Runs are added to a difference
   * array, which is summed up only when a candidate that always matches
   * closes cells (each cell closes once), so counting is linear in the
   * candidates and their runs, not in the cells each run spans.
   */
  private countCells(region: Region, column: number, probes: readonly (Probe | null)[], cellsWhere: CellsWhere): { sizes: number[]; ignoringPlaced: number } {
    // Small regions are most regions; for them walking the cells directly
    // costs less than setting up the difference arrays.
    if (region.candidates.length * probes.length <= DIRECT_COUNT_LIMIT) return this.countCellsDirectly(region, column, probes, cellsWhere);
    const key = String(column);
    const cells = probes.length;
    const delta = new Float64Array(cells + 1);
    const ignoringDelta = new Float64Array(cells + 1);
    // Final counts of closed cells; NaN while open. Cells without a value are closed and empty.
    const closedCount = new Float64Array(cells).fill(Number.NaN);
    const closedIgnoring = new Float64Array(cells).fill(Number.NaN);
    probes.forEach((probe, cell) => {
      if (probe === null) closedCount[cell] = closedIgnoring[cell] = 0;
    });
    let open = probes.filter((probe) => probe !== null).length;
    const sumUp = (from: Float64Array): Float64Array => {
      const totals = new Float64Array(cells);
      let running = 0;
      for (let cell = 0; cell < cells; cell++) totals[cell] = running += from[cell] as number;
      return totals;
    };
    const memo = new Map<string, Runs>();
    for (const candidate of region.candidates) {
      if (open === 0) break;
      const test = (this.rows[candidate] as Row).tests[key];
      const runs = this.runsOf(region, column, candidate, probes, cellsWhere, memo);
      for (let r = 0; r < runs.length; r += 2) {
        const first = runs[r] as number;
        const last = (runs[r + 1] as number) + 1;
        delta[first] = (delta[first] as number) + 1;
        delta[last] = (delta[last] as number) - 1;
        if (test === undefined) {
          ignoringDelta[first] = (ignoringDelta[first] as number) + 1;
          ignoringDelta[last] = (ignoringDelta[last] as number) - 1;
        }
      }
      if (!this.settled(region, candidate, column)) continue;
      const counts = sumUp(delta);
      const ignoring = sumUp(ignoringDelta);
      for (let r = 0; r < runs.length; r += 2) {
        for (let cell = runs[r] as number; cell <= (runs[r + 1] as number); cell++) {
          if (!Number.isNaN(closedCount[cell] as number)) continue;
          closedCount[cell] = counts[cell] as number;
          closedIgnoring[cell] = ignoring[cell] as number;
          open--;
        }
      }
    }
    const counts = sumUp(delta);
    const ignoring = sumUp(ignoringDelta);
    const sizes: number[] = [];
    let ignoringPlaced = 0;
    for (let cell = 0; cell < cells; cell++) {
      const closed = !Number.isNaN(closedCount[cell] as number);
      sizes.push(closed ? (closedCount[cell] as number) : (counts[cell] as number));
      ignoringPlaced += closed ? (closedIgnoring[cell] as number) : (ignoring[cell] as number);
    }
    return { sizes, ignoringPlaced };
  }

  /**
   * The same counts as countCells, cell by cell. Building the children
   * (partition) would give them too, but allocating lists for every plan
   * considered costs about a quarter of the index build at 10,000 scenarios.
   */
  private countCellsDirectly(
    region: Region,
    column: number,
    probes: readonly (Probe | null)[],
    cellsWhere: CellsWhere,
  ): { sizes: number[]; ignoringPlaced: number } {
    const key = String(column);
    const sizes = probes.map(() => 0);
    const closed = probes.map((probe) => probe === null);
    let open = closed.filter((c) => !c).length;
    let ignoringPlaced = 0;
    const memo = new Map<string, Runs>();
    for (const candidate of region.candidates) {
      if (open === 0) break;
      const ignores = !(key in (this.rows[candidate] as Row).tests);
      const runs = this.runsOf(region, column, candidate, probes, cellsWhere, memo);
      const settles = this.settled(region, candidate, column);
      for (let r = 0; r < runs.length; r += 2) {
        for (let cell = runs[r] as number; cell <= (runs[r + 1] as number); cell++) {
          if (closed[cell]) continue;
          sizes[cell] = (sizes[cell] as number) + 1;
          if (ignores) ignoringPlaced++;
          if (settles) {
            closed[cell] = true;
            open--;
          }
        }
      }
    }
    return { sizes, ignoringPlaced };
  }

  /** A plan over `probes`' cells: counted now, partitioned only if chosen. */
  private cellPlan(
    region: Region,
    column: number,
    probes: readonly (Probe | null)[],
    cellsWhere: CellsWhere,
    assemble: (children: readonly number[]) => IndexNode,
  ): Plan {
    const { sizes, ignoringPlaced } = this.countCells(region, column, probes, cellsWhere);
    let built: Region[] | null = null;
    return {
      column,
      sizes,
      ignoringPlaced,
      lastIsAbsent: true,
      children: () => (built ??= this.partition(region, column, probes, cellsWhere)),
      assemble,
    };
  }

  /** The candidates that can match once `facts` hold on list column `column`. */
  private narrowByFacts(region: Region, column: number, facts: ListFacts): Region {
    const key = String(column);
    const allFacts = new Map(region.facts).set(column, facts);
    const kept = region.candidates.filter((candidate) => {
      const test = (this.rows[candidate] as Row).tests[key];
      return test === undefined || factTruth(facts, test) !== false;
    });
    return this.truncate({ candidates: kept, done: region.done, facts: allFacts });
  }

  /** Cuts the candidates after the first one whose tests are all known to hold: it always matches. */
  private truncate(region: Region): Region {
    const index = region.candidates.findIndex((candidate) => this.settled(region, candidate, -1));
    if (index < 0 || index === region.candidates.length - 1) return region;
    return { ...region, candidates: region.candidates.slice(0, index + 1) };
  }

  private presencePlan(region: Region, column: number): Plan {
    const present = (representatives(this.columns[column] as Column, []) ?? []).find((probe) => probe !== ABSENT) ?? [];
    return this.cellPlan(region, column, [present, ABSENT], () => null, ([then, otherwise]) => ({
      test: column,
      t: { present: true },
      then: then as number,
      else: otherwise as number,
    }));
  }

  private switchPlan(region: Region, column: number, tests: readonly UnaryTest[]): Plan {
    const declared = this.columns[column] as Column;
    const values = switchValues(declared, tests);
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
    const cellsWhere = (test: UnaryTest): Runs | null => {
      const literals = "eq" in test ? [test.eq] : "in" in test ? test.in : "bool" in test ? [test.bool] : null;
      if (literals === null) return null;
      const cells = [...new Set(literals.map((literal) => position.get(literal)).filter((cell): cell is number => cell !== undefined))];
      return cells.flatMap((cell) => [cell, cell]);
    };
    return this.cellPlan(region, column, probes, cellsWhere, (ids) => {
        const absent = ids[values.length + 1] as number;
        // With no `other` value (bools, enums whose members are all listed) the
        // branch is unreachable; pointing it at `absent` adds no node.
        const other = otherProbe === null ? absent : (ids[values.length] as number);
        // A case leading where `other` leads adds nothing, so it is left out.
        const cases = Object.fromEntries(
          values.map((value, i) => [String(value), ids[i] as number] as const).filter(([, id]) => id !== other),
        );
        return { switch: column, cases, other, absent };
    });
  }

  private splitPlan(region: Region, column: number, tests: readonly UnaryTest[]): Plan {
    const integers = (this.columns[column] as Column).type === "int";
    const bounds = numericBounds(tests);
    // A cell with no value in it (no integer strictly between 3 and 4) may
    // lead anywhere; sending it where the cell below goes adds no node and
    // lets compressBounds drop more bounds.
    const probes = cellProbes(bounds, integers).map((probe, i, all) => probe ?? (all.slice(0, i).findLast((p) => p !== null) as number));
    const sorted = probes as number[];
    // Numeric tests hold on runs of cells; binary search finds each run's ends.
    const cellsWhere = (test: UnaryTest): Runs | null => {
      const intervals: Interval[] | null =
        "range" in test ? test.range.map((i) => [...i] as Interval) : "eq" in test ? pointIntervals([test.eq]) : "in" in test ? pointIntervals(test.in) : null;
      if (intervals === null) return null;
      const runs: [number, number][] = [];
      for (const [lo, hi, loIncl, hiIncl] of intervals) {
        const first = lo === null ? 0 : firstAtLeast(sorted, lo, !loIncl);
        const last = hi === null ? sorted.length - 1 : firstAtLeast(sorted, hi, hiIncl) - 1;
        if (first <= last) runs.push([first, last]);
      }
      return disjointRuns(runs);
    };
    return this.cellPlan(region, column, [...probes, ABSENT], cellsWhere, (ids) => {
      const next = ids.slice(0, probes.length);
      return { split: column, ...compressBounds(bounds, next), absent: ids[probes.length] as number };
    });
  }

  /** One `test` node per element some candidate looks for, and one for presence if tested. */
  private listPlans(region: Region, column: number, tests: readonly UnaryTest[]): Plan[] {
    const facts = region.facts.get(column) ?? { present: undefined, has: new Map<string, boolean>() };
    const probes: UnaryTest[] = [];
    // Presence settles `present` tests, and `notContains x` once `contains x` is known false.
    const needsPresence = tests.some((test) => "present" in test || ("notContains" in test && facts.has.get(canonicalJson(test.notContains)) === false));
    if (needsPresence && facts.present === undefined) probes.push({ present: true });
    const elements = new Map<string, Scalar>();
    for (const test of tests) {
      const element = "contains" in test ? test.contains : "notContains" in test ? test.notContains : undefined;
      if (element !== undefined && !facts.has.has(canonicalJson(element))) elements.set(canonicalJson(element), element);
    }
    for (const element of sortScalars([...elements.values()])) probes.push({ contains: element });
    return probes.map((t) => {
      const [whenTrue, whenFalse] = learn(facts, t);
      const children = [this.narrowByFacts(region, column, whenTrue), this.narrowByFacts(region, column, whenFalse)];
      const key = String(column);
      return {
        column,
        sizes: children.map((child) => child.candidates.length),
        ignoringPlaced: children.reduce((total, child) => total + child.candidates.filter((c) => !(key in (this.rows[c] as Row).tests)).length, 0),
        lastIsAbsent: false,
        children: () => children,
        assemble: ([then, otherwise]) => ({ test: column, t, then: then as number, else: otherwise as number }),
      };
    });
  }
}

/** The values a `switch` on `column` gives their own case: both booleans, or the strings the tests mention. */
function switchValues(column: Column, tests: readonly UnaryTest[]): Scalar[] {
  if (column.type === "bool") return [false, true];
  const members = column.type === "enum" ? (column.values ?? []) : null;
  return sortScalars(tests.flatMap(literalsOf)).filter((v): v is string => typeof v === "string" && (members === null || members.includes(v)));
}

/** Whether `test` on `column` is known to hold (true), known to fail (false), or open, for a candidate of `region`. */
function knownTruth(region: Region, column: number, test: UnaryTest): boolean | undefined {
  if (region.done.has(column)) return true;
  const facts = region.facts.get(column);
  return facts === undefined ? undefined : factTruth(facts, test);
}

/** What the facts about a list column say about one test on it. */
function factTruth(facts: ListFacts, test: UnaryTest): boolean | undefined {
  const knownPresent = facts.present ?? ([...facts.has.values()].some((v) => v) ? true : undefined);
  if ("present" in test) return knownPresent === undefined ? undefined : knownPresent === test.present;
  if (knownPresent === false) return false;
  if ("contains" in test) return facts.has.get(canonicalJson(test.contains));
  if ("notContains" in test) {
    const has = facts.has.get(canonicalJson(test.notContains));
    if (has === true) return false;
    if (has === false && knownPresent === true) return true;
  }
  return undefined;
}

/** The facts on each branch of a `test` node with test `t`. */
function learn(facts: ListFacts, t: UnaryTest): [ListFacts, ListFacts] {
  if ("present" in t) return [{ ...facts, present: true }, { ...facts, present: false }];
  const key = canonicalJson((t as { contains: Scalar }).contains);
  return [
    { present: true, has: new Map(facts.has).set(key, true) },
    { present: facts.present, has: new Map(facts.has).set(key, false) },
  ];
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

/** The index of the first value in ascending `values` that is at least `bound` (strictly above it when `strict`). */
function firstAtLeast(values: readonly number[], bound: number, strict: boolean): number {
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
function disjointRuns(runs: [number, number][]): Runs {
  runs.sort((a, b) => a[0] - b[0]);
  const merged: Runs = [];
  for (const [first, last] of runs) {
    const end = merged.length - 1;
    if (end > 0 && first <= (merged[end] as number) + 1) merged[end] = Math.max(merged[end] as number, last);
    else merged.push(first, last);
  }
  return merged;
}

function pointIntervals(values: readonly Scalar[]): Interval[] {
  return values.filter((v): v is number => typeof v === "number").map((v) => [v, v, true, true]);
}

/** Drops every bound whose point and both neighbouring intervals lead to the same node. */
function compressBounds(bounds: readonly number[], next: readonly number[]): { bounds: number[]; next: number[] } {
  const kept: number[] = [];
  const targets: number[] = [next[0] as number];
  bounds.forEach((bound, i) => {
    const point = next[2 * i + 1] as number;
    const above = next[2 * i + 2] as number;
    const below = targets[targets.length - 1] as number;
    if (point === below && above === below) return;
    kept.push(bound);
    targets.push(point, above);
  });
  return { bounds: kept, next: targets };
}

function regionKey(region: Region): string {
  const facts = [...region.facts]
    .sort(([a], [b]) => a - b)
    .map(([column, f]) => `${column}:${String(f.present)}:${[...f.has].sort().map(([k, v]) => `${k}=${v}`).join(";")}`);
  return `${region.candidates.join(",")}|${[...region.done].sort((a, b) => a - b).join(",")}|${facts.join("/")}`;
}

function lexicallyLess(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) {
    if ((a[i] as number) !== (b[i] as number)) return (a[i] as number) < (b[i] as number);
  }
  return false;
}

function freshString(taken: readonly string[]): string {
  let fresh = "\u0000";
  while (taken.includes(fresh)) fresh += "\u0000";
  return fresh;
}

/** The most dispatch nodes one walk visits: along the longest path, with every part of a `seq` walked. */
export function dagDepth(nodes: readonly IndexNode[], root: number): number {
  const depth = new Map<number, number>();
  // Children always precede their parents, so one pass in order suffices.
  nodes.forEach((node, id) => {
    const below = childrenOf(node).map((child) => depth.get(child) ?? 0);
    depth.set(id, "seq" in node ? below.reduce((a, b) => a + b, 0) : below.reduce((max, d) => Math.max(max, 1 + d), 0));
  });
  return depth.get(root) ?? 0;
}

/** The node ids a node points at. */
export function childrenOf(node: IndexNode): number[] {
  if ("switch" in node) return [...Object.values(node.cases), node.other, node.absent];
  if ("split" in node) return [...node.next, node.absent];
  if ("test" in node) return [node.then, node.else];
  if ("seq" in node) return [...node.seq];
  return [];
}
