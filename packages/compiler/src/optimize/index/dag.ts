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
import { type Column, type DecisionIndex, type IndexNode, type Row } from "@scn/runtime";
import { canonicalJson } from "../../bundle/canonical-json.js";
import { choosePlan, type Plan } from "./plans.js";
import { IndexTable, RegionMemo, regionAt, sliceHash, type ChildCells, type ListFacts, type Region } from "./region.js";

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
  // The whole table, as the one child of nothing.
  const start: ChildCells = { candidates: Int32Array.from(rows, (_, i) => i), starts: Int32Array.of(0, rows.length), done: new Set(), facts: [new Map()] };
  const root = builder.build(start, 0, maxNodes);
  const nodes = builder.nodes;
  return { index: { root, nodes }, stats: { depth: dagDepth(nodes, root), nodes: nodes.length, capped: builder.capped } };
}

/** The two parts of a `union` (see IndexBuilder.unionParts), and the column to try first in each (see IndexBuilder.build). */
interface UnionParts {
  readonly cells: ChildCells;
  readonly columns: readonly [number | undefined, number | undefined];
}

class IndexBuilder {
  readonly nodes: IndexNode[] = [];
  capped = false;
  /** `test` nodes on other tests than the builder's own (see intern) by their canonical JSON. */
  private readonly interned = new Map<string, number>();
  /**
   * `rows`, `split` and `union` nodes (most nodes) by a hash of their
   * numbers (numericNodeHash): the first node with each hash, and then each
   * node's next with the same hash (-1 for none), compared number by number
   * (sameNumericNode). Joining their numbers into key strings was a fifth
   * of the index build at 10,000 `wide` scenarios, and the strings were
   * most of what the build kept besides the nodes.
   */
  private readonly byNumbers = new Map<number, number>();
  private readonly nextSameHash: number[] = [];
  private readonly memo = new RegionMemo();
  private readonly table: IndexTable;

  constructor(
    columns: readonly Column[],
    rows: readonly Row[],
    private readonly maxNodes: number,
    private readonly leafRows: number,
    private readonly countEveryPlan: boolean,
  ) {
    this.table = new IndexTable(columns, rows);
  }

  /**
   * The node for child `i` of `cells`, creating at most about `budget` new
   * nodes below it; `column`, when given, is the column to try first (the
   * part of a union whose candidates all test the column the union was
   * made for). The child is looked up by its part of the cells' array, and
   * made a region only when it is new: most children are regions built
   * already (docs/optimizer.md#4-build-the-index).
   */
  build(cells: ChildCells, i: number, budget: number, column?: number): number {
    const start = cells.starts[i] as number;
    const end = cells.starts[i + 1] as number;
    const table = this.memo.tableOf(cells.done, cells.facts[i] as ReadonlyMap<number, ListFacts>);
    const hash = sliceHash(cells.candidates, start, end);
    const known = this.memo.find(table, hash, cells.candidates, start, end);
    if (known !== undefined) return known;
    const id = this.buildFresh(regionAt(cells, i), budget, column);
    this.memo.store(table, hash, cells.candidates, start, end, id);
    return id;
  }

  private buildFresh(region: Region, budget: number, column?: number): number {
    if (region.candidates.length <= this.leafRows) return this.internRows(region.candidates);
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
      return this.internRows(region.candidates);
    }
    const parts = this.unionParts(region, plan);
    if (parts !== null) return this.buildUnion(parts, budget);
    const planned = plan.children();
    const starts = planned.starts;
    const count = starts.length - 1;
    // What is left after this node and one leaf per child is shared out in
    // proportion to the candidates each child still has to tell apart, so an
    // early subtree cannot starve the later ones.
    // What a child leaves unused (its region was already built, or needed
    // less) flows on to the children after it. (Loops rather than closures
    // over the children: this runs at every region built.)
    let spare = Math.min(budget, this.maxNodes - this.nodes.length) - 1 - count;
    let weightLeft = 0;
    for (let i = 0; i < count; i++) weightLeft += this.weightOf((starts[i + 1] as number) - (starts[i] as number));
    const children = new Array<number>(count);
    for (let i = 0; i < count; i++) {
      const weight = this.weightOf((starts[i + 1] as number) - (starts[i] as number));
      const share = weightLeft === 0 ? 0 : Math.floor((spare * weight) / weightLeft);
      weightLeft -= weight;
      const before = this.nodes.length;
      // A small floor keeps small regions from being starved by the rounding
      // of shares; the global budget still bounds the whole DAG.
      children[i] = this.build(planned, i, 1 + Math.max(share, MIN_SHARE));
      spare -= Math.max(0, this.nodes.length - before - 1);
    }
    return this.intern(plan.assemble(children));
  }

  /** A child region's weight in sharing out the budget, by its number of candidates: that number, or none when it will be a leaf. */
  private weightOf(candidates: number): number {
    return candidates > this.leafRows ? candidates : 0;
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
  private unionParts(region: Region, plan: Plan): UnionParts | null {
    // Whether a row tests the column is read from the table's test ids, not
    // from the row's `tests` object: rows come from many builders with many
    // shapes, and `in` on them was a seventh of the index build at 10,000
    // `wide` scenarios (docs/optimizer.md#4-build-the-index). Most regions
    // are not split, so the candidates are counted before any list is made.
    const candidates = region.candidates;
    const column = plan.column;
    const ignoringCount = this.countIgnoring(candidates, column);
    if (ignoringCount === 0 || ignoringCount === candidates.length) return null;
    if (plan.ignoringPlaced - ignoringCount <= candidates.length) return null;
    // The part holding the earliest candidate first: its row, once found, lets the walk skip the other part's later rows.
    const testingFirst = this.table.testOn(candidates[0] as number, column) >= 0;
    const cells = splitByColumn(this.table, region, column, ignoringCount, testingFirst);
    return { cells, columns: testingFirst ? [column, undefined] : [undefined, column] };
  }

  /**
   * How many of `candidates` do not test `column`. The loop is alone in a
   * method that returns right after it: over the whole table's first
   * regions V8 compiles it while it runs, before `unionParts`' comparisons
   * after it have run once, and those comparisons without type feedback
   * left the compiled loop with a deoptimization at its exit that V8 took
   * on most later regions (2,382 times in one build of `wide` 10,000;
   * docs/optimizer.md#loops-v8-compiles-while-they-run).
   */
  private countIgnoring(candidates: ArrayLike<number>, column: number): number {
    let ignoringCount = 0;
    for (let k = 0; k < candidates.length; k++) if (this.table.testOn(candidates[k] as number, column) < 0) ignoringCount++;
    return ignoringCount;
  }

  /** A `union` node over the two parts, sharing the budget between them by size (a nested `union` is flattened into it). */
  private buildUnion(parts: UnionParts, budget: number): number {
    const spare = Math.min(budget, this.maxNodes - this.nodes.length) - 1;
    const { cells, columns } = parts;
    const headSize = cells.starts[1] as number;
    const total = cells.starts[2] as number;
    const before = this.nodes.length;
    const first = this.build(cells, 0, 1 + Math.max(Math.floor((spare * headSize) / total), MIN_SHARE), columns[0]);
    const used = this.nodes.length - before;
    const second = this.build(cells, 1, 1 + Math.max(spare - used, MIN_SHARE), columns[1]);
    const flat = (id: number): number[] => {
      const node = this.nodes[id] as IndexNode;
      return "union" in node ? [...node.union] : [id];
    };
    return this.intern({ union: [...flat(first), ...flat(second)] });
  }

  /**
   * The node's id, stored once: a node equal to one stored before (equal
   * canonical JSON) is that node. `switch` nodes and the `test` nodes the
   * builder makes (on presence or on a list's element) are hashed and
   * compared by their fields like the numeric nodes: writing each one's
   * canonical JSON to look it up was a tenth of what the build allocated at
   * 10,000 `wide` scenarios (docs/optimizer.md#4-build-the-index).
   */
  private intern(node: IndexNode): number {
    if ("switch" in node || "test" in node) {
      const hash = keyedNodeHash(node);
      if (hash >= 0) return this.internKeyed(node, hash);
      const key = canonicalJson(node);
      const existing = this.interned.get(key);
      if (existing !== undefined) return existing;
      this.interned.set(key, this.nodes.length);
      return this.store(node, -1);
    }
    return this.internNumeric(node, numericNodeHash(node));
  }

  private internKeyed(node: KeyedNode, hash: number): number {
    for (let id = this.byNumbers.get(hash) ?? -1; id >= 0; id = this.nextSameHash[id] as number) {
      if (sameKeyedNode(this.nodes[id] as IndexNode, node)) return id;
    }
    return this.store(node, hash);
  }

  /** The leaf listing `rows` (a region's candidates), hashed as numericNodeHash hashes a `rows` node, and copied only when it is new. */
  private internRows(rows: readonly number[]): number {
    const hash = numbersHash(ROWS_TAG, rows);
    for (let id = this.byNumbers.get(hash) ?? -1; id >= 0; id = this.nextSameHash[id] as number) {
      const node = this.nodes[id] as IndexNode;
      if ("rows" in node && sameNumbers(node.rows, rows)) return id;
    }
    return this.store({ rows: [...rows] }, hash);
  }

  private internNumeric(node: NumericNode, hash: number): number {
    for (let id = this.byNumbers.get(hash) ?? -1; id >= 0; id = this.nextSameHash[id] as number) {
      if (sameNumericNode(this.nodes[id] as IndexNode, node)) return id;
    }
    return this.store(node, hash);
  }

  /** Appends a new node, chained under `hash` when it is hashed (-1: a node kept in `interned`). */
  private store(node: IndexNode, hash: number): number {
    const id = this.nodes.length;
    this.nodes.push(node);
    if (hash >= 0) {
      this.nextSameHash[id] = this.byNumbers.get(hash) ?? -1;
      this.byNumbers.set(hash, id);
    } else this.nextSameHash[id] = -1;
    return id;
  }
}

/**
 * The candidates of `region` that test `column` and those that do not
 * (`ignoring` of them), in order, as the two children of a union (the
 * testing part first when `testingFirst`), laid out as partition lays out
 * a dispatch's children (cells.ts). A function of its own: few regions
 * become a union, and when this loop sat in unionParts, V8 optimized
 * unionParts before it had run and threw the optimized code away
 * (deoptimized) at every union after that, hundreds of times in a build
 * at 1,000 `wide` scenarios.
 */
function splitByColumn(table: IndexTable, region: Region, column: number, ignoring: number, testingFirst: boolean): ChildCells {
  const candidates = region.candidates;
  const testingCount = candidates.length - ignoring;
  const slots = new Int32Array(candidates.length);
  // The children are made before the loop so that only the return follows it
  // (docs/optimizer.md#loops-v8-compiles-while-they-run).
  const parts: ChildCells = { candidates: slots, starts: Int32Array.of(0, testingFirst ? testingCount : ignoring, candidates.length), done: region.done, facts: [region.facts, region.facts] };
  let tested = testingFirst ? 0 : ignoring;
  let ignored = testingFirst ? testingCount : 0;
  for (let k = 0; k < candidates.length; k++) {
    const candidate = candidates[k] as number;
    if (table.testOn(candidate, column) >= 0) slots[tested++] = candidate;
    else slots[ignored++] = candidate;
  }
  return parts;
}

/** The nodes that hold only numbers: hash-consed by numericNodeHash and sameNumericNode. */
type NumericNode = Extract<IndexNode, { rows: readonly number[] } | { split: number } | { union: readonly number[] }>;

const ROWS_TAG = 1;
const SPLIT_TAG = 2;
const UNION_TAG = 3;

/**
 * A hash of a numeric node, kept below 2^30 so that it is a small integer
 * (a map key that allocates nothing). Equal nodes hash alike: a split's
 * bounds are hashed by their 32-bit integer part (Math.imul), which is the
 * same for equal numbers (0 and -0 included, which canonical JSON writes
 * alike); a collision only costs a comparison.
 */
function numericNodeHash(node: NumericNode): number {
  if ("rows" in node) return numbersHash(ROWS_TAG, node.rows);
  if ("union" in node) return numbersHash(UNION_TAG, node.union);
  let hash = numbersHash(SPLIT_TAG, node.next);
  hash = Math.imul(hash ^ node.split, 0x01000193);
  hash = Math.imul(hash ^ node.absent, 0x01000193);
  for (let i = 0; i < node.bounds.length; i++) hash = Math.imul(hash ^ Math.imul(node.bounds[i] as number, 1), 0x01000193);
  return (hash ^ (hash >>> 15)) & 0x3fffffff;
}

/** The `switch` and `test` nodes hash-consed by their fields (see IndexBuilder.intern). */
export type KeyedNode = Extract<IndexNode, { switch: number } | { test: number }>;

/**
 * The hash under which a `switch` or `test` node is hash-consed (nodes with
 * the same canonical JSON hash alike), or -1 for a `test` node on a test
 * the builder does not make, interned by its canonical JSON instead.
 */
export function keyedNodeHash(node: KeyedNode): number {
  return "switch" in node ? switchHash(node) : testHash(node);
}

const SWITCH_TAG = 4;
const TEST_TAG = 5;

/**
 * A hash of a `switch` node, below 2^30 as numericNodeHash's: its column,
 * `other` and `absent`, and each case's key and node summed, so that it
 * does not depend on the order of the keys (canonical JSON sorts them).
 */
function switchHash(node: Extract<IndexNode, { switch: number }>): number {
  let hash = Math.imul(0x811c9dc5 ^ SWITCH_TAG, 0x01000193);
  hash = Math.imul(hash ^ node.switch, 0x01000193);
  hash = Math.imul(hash ^ node.other, 0x01000193);
  hash = Math.imul(hash ^ node.absent, 0x01000193);
  let cases = 0;
  const entries = node.cases;
  for (const key in entries) cases = (cases + Math.imul(textHash(key) ^ (entries[key] as number), 0x01000193)) | 0;
  hash = Math.imul(hash ^ cases, 0x01000193);
  return (hash ^ (hash >>> 15)) & 0x3fffffff;
}

/**
 * A hash of a `test` node on presence or on a list's element (the only
 * tests the builder dispatches on), or -1 for any other test, whose node
 * is then interned by its canonical JSON. Equal scalars hash alike: a
 * number by its 32-bit integer part, as numericNodeHash hashes bounds.
 */
function testHash(node: Extract<IndexNode, { test: number }>): number {
  const t = node.t;
  let hash = Math.imul(0x811c9dc5 ^ TEST_TAG, 0x01000193);
  hash = Math.imul(hash ^ node.test, 0x01000193);
  hash = Math.imul(hash ^ node.then, 0x01000193);
  hash = Math.imul(hash ^ node.else, 0x01000193);
  if ("present" in t && Object.keys(t).length === 1) hash = Math.imul(hash ^ (t.present ? 1 : 2), 0x01000193);
  else if ("contains" in t && Object.keys(t).length === 1) {
    const element = t.contains;
    hash = Math.imul(hash ^ 3, 0x01000193);
    hash = Math.imul(hash ^ (typeof element === "string" ? textHash(element) : typeof element === "number" ? Math.imul(element, 1) : element ? 1 : 2), 0x01000193);
  } else return -1;
  return (hash ^ (hash >>> 15)) & 0x3fffffff;
}

function textHash(text: string): number {
  let hash = 0x811c9dc5 ^ text.length;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash;
}

/**
 * Whether a stored node and a `switch` or keyed `test` node have the same
 * canonical JSON: the same fields, the same cases (own keys only, each to
 * the same node), the same test (scalars equal as canonical JSON writes
 * them: === holds for 0 and -0, which it writes alike).
 */
export function sameKeyedNode(stored: IndexNode, node: KeyedNode): boolean {
  if ("switch" in node) {
    if (!("switch" in stored) || stored.switch !== node.switch || stored.other !== node.other || stored.absent !== node.absent) return false;
    let count = 0;
    for (const key in node.cases) {
      if (!Object.hasOwn(stored.cases, key) || stored.cases[key] !== node.cases[key]) return false;
      count++;
    }
    return count === Object.keys(stored.cases).length;
  }
  if (!("test" in stored) || stored.test !== node.test || stored.then !== node.then || stored.else !== node.else) return false;
  const a = stored.t;
  const b = node.t;
  if ("present" in b) return "present" in a && Object.keys(a).length === 1 && a.present === b.present;
  return "contains" in b && "contains" in a && Object.keys(a).length === 1 && a.contains === b.contains;
}

function numbersHash(tag: number, numbers: readonly number[]): number {
  let hash = Math.imul(0x811c9dc5 ^ tag, 0x01000193) ^ numbers.length;
  for (let i = 0; i < numbers.length; i++) hash = Math.imul(hash ^ (numbers[i] as number), 0x01000193);
  return (hash ^ (hash >>> 15)) & 0x3fffffff;
}

/** Whether two numeric nodes have the same canonical JSON: the same kind and the same numbers (=== holds for 0 and -0, which canonical JSON writes alike). */
function sameNumericNode(stored: IndexNode, node: NumericNode): boolean {
  if ("rows" in node) return "rows" in stored && sameNumbers(stored.rows, node.rows);
  if ("union" in node) return "union" in stored && sameNumbers(stored.union, node.union);
  return "split" in stored && stored.split === node.split && stored.absent === node.absent && sameNumbers(stored.bounds, node.bounds) && sameNumbers(stored.next, node.next);
}

function sameNumbers(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The most dispatch nodes one walk visits: along the longest path, with every part of a `union` walked. */
export function dagDepth(nodes: readonly IndexNode[], root: number): number {
  // Children always precede their parents, so one pass in order suffices;
  // the children are read in place rather than listed (childrenOf) for
  // every node.
  const depth = new Float64Array(nodes.length);
  for (let id = 0; id < nodes.length; id++) {
    const node = nodes[id] as IndexNode;
    if ("rows" in node) continue;
    if ("union" in node) {
      let sum = 0;
      const parts = node.union;
      for (let k = 0; k < parts.length; k++) sum += depth[parts[k] as number] as number;
      depth[id] = sum;
      continue;
    }
    let deepest = 0;
    if ("switch" in node) {
      for (const key in node.cases) deepest = Math.max(deepest, depth[node.cases[key] as number] as number);
      deepest = Math.max(deepest, depth[node.other] as number, depth[node.absent] as number);
    } else if ("split" in node) {
      const next = node.next;
      for (let k = 0; k < next.length; k++) deepest = Math.max(deepest, depth[next[k] as number] as number);
      deepest = Math.max(deepest, depth[node.absent] as number);
    } else deepest = Math.max(depth[node.then] as number, depth[node.else] as number);
    depth[id] = 1 + deepest;
  }
  return nodes.length === 0 ? 0 : (depth[root] as number);
}
