/**
 * The index (docs/optimizer.md#4-build-the-index): a decision DAG over a table's columns that
 * narrows the rows a runtime has to check, so that evaluation cost follows
 * the number of columns rather than the number of rows. The node format is
 * `IndexNode` in packages/runtime/src/bundle.ts.
 *
 * How it is built. A *region* of input space is described by the candidate
 * rows that can still match there (in first-hit order) plus what is known
 * about the columns already dispatched on (region.ts). At each region the
 * builder considers every column some candidate still tests, as a `switch`,
 * `split` or `test` plan (plans.ts) whose cells are counted before any is
 * built (cells.ts), and assembles the chosen plan's node here.
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
import { childrenOf, type Column, type DecisionIndex, type IndexNode, type Row } from "@scn/runtime";
import { canonicalJson } from "../../bundle/canonical-json.js";
import { choosePlan, type Plan } from "./plans.js";
import { IndexTable, regionKey, type Region } from "./region.js";

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

/** The least budget a child region is given, whatever its share. */
const MIN_SHARE = 32;

/**
 * Candidates that alternate between testing a column and ignoring it more
 * often than this are not split into `seq` parts (see seqParts).
 */
const MAX_SEQ_RUNS = 8;

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
  private readonly interned = new Map<string, number>();
  private readonly memo = new Map<string, number>();
  private readonly table: IndexTable;

  constructor(
    columns: readonly Column[],
    private readonly rows: readonly Row[],
    private readonly maxNodes: number,
    private readonly leafRows: number,
  ) {
    this.table = new IndexTable(columns, rows);
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
    const choice = maxCells < 2 ? null : choosePlan(this.table, region, maxCells);
    const plan = choice?.plan ?? null;
    if (plan === null) {
      if (maxCells < 2 || choice?.tooWide === true) this.capped = true;
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
