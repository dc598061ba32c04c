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
 * always matches and nothing after it is ever reached. When a dispatch
 * would copy the candidates that ignore its column into every cell, the
 * region becomes a `union` of two parts instead (unionParts below).
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
 * Invariants: for every context, the leaves the DAG leads to (one per part
 * of each `union` on the way) list, together, every row that matches that
 * context up to and including the first one, each leaf in table order (so
 * the earliest matching row the leaves hold is the first in the table).
 * Identical nodes are stored once (hash-consed by canonical JSON), and a node
 * only points at nodes built before it, so `nodes` is in topological order
 * with the root last.
 */
import { childrenOf, type Column, type DecisionIndex, type IndexNode, type Row } from "@scn/runtime";
import { canonicalJson } from "../../bundle/canonical-json.js";
import { choosePlan, type Plan } from "./plans.js";
import { IndexTable, RegionMemo, type Region } from "./region.js";

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
  /**
   * Count every plan, even those a floor shows cannot be chosen (plans.ts,
   * `Floor`): the same index, built the slow way, which a property test
   * compares with the usual build.
   */
  readonly countEveryPlan?: boolean;
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


export function buildIndex(columns: readonly Column[], rows: readonly Row[], options: IndexOptions = {}): BuiltIndex {
  const maxNodes = options.maxNodes ?? 64 + NODES_PER_ROW * rows.length;
  const builder = new IndexBuilder(columns, rows, maxNodes, options.leafRows ?? DEFAULT_LEAF_ROWS, options.countEveryPlan === true);
  const start: Region = { candidates: rows.map((_, i) => i), done: new Set(), facts: new Map() };
  const root = builder.build(start, maxNodes);
  const nodes = builder.nodes;
  return { index: { root, nodes }, stats: { depth: dagDepth(nodes, root), nodes: nodes.length, capped: builder.capped } };
}

/** One part of a `union`: its region, and the column to try first there (see IndexBuilder.build). */
interface UnionPart {
  readonly region: Region;
  readonly column: number | undefined;
}

class IndexBuilder {
  readonly nodes: IndexNode[] = [];
  capped = false;
  private readonly interned = new Map<string, number>();
  private readonly memo = new RegionMemo();
  private readonly table: IndexTable;

  constructor(
    columns: readonly Column[],
    private readonly rows: readonly Row[],
    private readonly maxNodes: number,
    private readonly leafRows: number,
    private readonly countEveryPlan: boolean,
  ) {
    this.table = new IndexTable(columns, rows);
  }

  /**
   * The node for `region`, creating at most about `budget` new nodes below
   * it; `column`, when given, is the column to try first (the part of a
   * union whose candidates all test the column the union was made for).
   */
  build(region: Region, budget: number, column?: number): number {
    const key = this.memo.keyOf(region);
    const known = this.memo.get(region, key);
    if (known !== undefined) return known;
    const id = this.buildFresh(region, budget, column);
    this.memo.set(region, id, key);
    return id;
  }

  private buildFresh(region: Region, budget: number, column?: number): number {
    const leaf = () => this.intern({ rows: [...region.candidates] });
    if (region.candidates.length <= this.leafRows) return leaf();
    // The node and a leaf per child must fit both this region's share of the
    // budget and what is left of the whole; plans with more cells are skipped.
    const maxCells = Math.min(budget, this.maxNodes - this.nodes.length) - 1;
    // A union's part that tests the union's column dispatches on it without
    // copies, so the other columns need not be counted again.
    const hinted = column === undefined || maxCells < 2 ? null : choosePlan(this.table, region, maxCells, column, this.countEveryPlan);
    const choice = hinted?.plan != null ? hinted : maxCells < 2 ? null : choosePlan(this.table, region, maxCells, undefined, this.countEveryPlan);
    const plan = choice?.plan ?? null;
    if (plan === null) {
      if (maxCells < 2 || choice?.tooWide === true) this.capped = true;
      return leaf();
    }
    const parts = this.unionParts(region, plan);
    if (parts !== null) return this.buildUnion(parts, budget);
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
   * When dispatching on the plan's column would copy the candidates that do
   * not test it into every cell, more copies than the region has
   * candidates, the region is split instead into the candidates that test
   * the column and those that do not, each indexed on its own terms below a
   * `union` node. The two parts may interleave in first-hit order: the walk
   * keeps the earliest row any part finds. This keeps every row in a
   * bounded number of leaves, so the index grows with the rows, not with
   * the rows times the cells.
   */
  private unionParts(region: Region, plan: Plan): [UnionPart, UnionPart] | null {
    const testing: number[] = [];
    const ignoring: number[] = [];
    // Whether a row tests the column is read from the table's test ids, not
    // from the row's `tests` object: rows come from many builders with many
    // shapes, and `in` on them was a seventh of the index build at 10,000
    // `wide` scenarios (docs/benchmarks.md, "Session 2026-12-04 night").
    const candidates = region.candidates;
    for (let k = 0; k < candidates.length; k++) {
      const candidate = candidates[k] as number;
      (this.table.testOn(candidate, plan.column) >= 0 ? testing : ignoring).push(candidate);
    }
    if (testing.length === 0 || ignoring.length === 0) return null;
    if (plan.ignoringPlaced - ignoring.length <= region.candidates.length) return null;
    const part = (list: readonly number[], column?: number): UnionPart => ({ region: { candidates: list, done: region.done, facts: region.facts }, column });
    const tested = part(testing, plan.column);
    const rest = part(ignoring);
    // The part holding the earliest candidate first: its row, once found, lets the walk skip the other part's later rows.
    return (testing[0] as number) < (ignoring[0] as number) ? [tested, rest] : [rest, tested];
  }

  /** A `union` node over the two parts, sharing the budget between them by size (a nested `union` is flattened into it). */
  private buildUnion(parts: readonly [UnionPart, UnionPart], budget: number): number {
    const spare = Math.min(budget, this.maxNodes - this.nodes.length) - 1;
    const [head, tail] = parts;
    const total = head.region.candidates.length + tail.region.candidates.length;
    const before = this.nodes.length;
    const first = this.build(head.region, 1 + Math.max(Math.floor((spare * head.region.candidates.length) / total), MIN_SHARE), head.column);
    const used = this.nodes.length - before;
    const second = this.build(tail.region, 1 + Math.max(spare - used, MIN_SHARE), tail.column);
    const flat = (id: number): number[] => {
      const node = this.nodes[id] as IndexNode;
      return "union" in node ? [...node.union] : [id];
    };
    return this.intern({ union: [...flat(first), ...flat(second)] });
  }

  private intern(node: IndexNode): number {
    const key = internKey(node);
    const existing = this.interned.get(key);
    if (existing !== undefined) return existing;
    this.nodes.push(node);
    this.interned.set(key, this.nodes.length - 1);
    return this.nodes.length - 1;
  }
}

/**
 * The key under which a node is hash-consed: equal exactly when the nodes'
 * canonical JSON is. Leaves are most nodes, and `split` and `union` nodes
 * hold only numbers, so their keys are the numbers joined under a prefix no
 * canonical JSON (which starts with `{`) and no other kind of key shares;
 * `switch` and `test` nodes, whose objects need their keys sorted, are
 * written as canonical JSON. Writing every node as canonical JSON was a
 * tenth of the index build at 1,000 scenarios.
 */
function internKey(node: IndexNode): string {
  if ("rows" in node) return node.rows.join(",");
  if ("split" in node) return `s${node.split}|${node.bounds.join(",")}|${node.next.join(",")}|${node.absent}`;
  if ("union" in node) return `u${node.union.join(",")}`;
  return canonicalJson(node);
}

/** The most dispatch nodes one walk visits: along the longest path, with every part of a `union` walked. */
export function dagDepth(nodes: readonly IndexNode[], root: number): number {
  const depth = new Map<number, number>();
  // Children always precede their parents, so one pass in order suffices.
  nodes.forEach((node, id) => {
    const below = childrenOf(node).map((child) => depth.get(child) ?? 0);
    depth.set(id, "union" in node ? below.reduce((a, b) => a + b, 0) : below.reduce((max, d) => Math.max(max, 1 + d), 0));
  });
  return depth.get(root) ?? 0;
}
