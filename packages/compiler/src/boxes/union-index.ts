/**
 * A multi-level index over a list of boxes. It answers two questions without
 * testing every box: "which boxes might intersect this box?" (a candidate
 * list for exact coverage) and "which box contains this single point?" (the
 * fast way to prove a box uncovered, see point-search.ts).
 *
 * Each level buckets its boxes by the keys they pin on one column: the
 * finite values of a bool, enum or string cell, the integers of a short int
 * range, the points of a number cell that is a finite set of points, and
 * "absent" when the cell admits it. Boxes that leave that column open go to
 * an `open` branch, which is indexed again on another column, and so are the
 * buckets, until a branch is small or no column splits it well. A point query
 * thus visits one bucket and the open branch per level.
 *
 * Invariant: a query skips a box only when that box provably cannot meet the
 * queried box (its pinned keys on some level's column are all outside the
 * query's cell), so `candidates` is a superset of the intersecting boxes and
 * `containing` finds a box whenever one contains the point. Answers come in
 * list order, and the structure depends only on the list, so they are
 * deterministic.
 */
import { addColumns, boxWithin, boxesMeet, type Box } from "./box.js";
import { cellHoldsValue, cellsMeet, noValues, sortedHas, type ABSENT_VALUE, type Cell, type ColumnDomain, type Scalar } from "./cell.js";
import type { ColumnTable } from "./column-table.js";
import type { IndexWindow, SearchableUnion } from "./scanned-union.js";
import { ABSENT, PinnedKeys, pinnedKeys, singleKey, type Key } from "./pinned-keys.js";
import { PointTests, pointValues, type PointCells, type PointValue } from "./point-tests.js";
import { PointGuard } from "./point-guard.js";
import { ColumnShapes } from "./column-shapes.js";

export { pinnedKeys, singleKey, type Key };

/**
 * Sizes below which scanning beats the index: a branch this small is not
 * split further, and a window this narrow is scanned box by box (walking the
 * buckets of an open query can cost more). Tests lower them to exercise deep
 * indexes on small lists.
 */
export interface IndexTuning {
  readonly leafSize: number;
  readonly windowScan: number;
  /** Whether point queries test each box's guard (point-guard.ts) before its cells; on unless false (tests compare both). */
  readonly pointGuard?: boolean;
}

const TUNING: IndexTuning = { leafSize: 8, windowScan: 32 };
/** A split must cut the expected scan of a point query to this share of the branch, or it is not worth a level. */
const SPLIT_GAIN = 0.75;
/** Bucket entries allowed per box over all levels (boxes pinning several keys are copied into several buckets). */
const ENTRIES_PER_BOX = 12;

/**
 * How far apart (in list order) a box and a box containing it are looked
 * for. Lists come from rows or claims, where a scenario's boxes sit next to
 * each other and its last (`otherwise`) box contains the others.
 */
const DOMINATOR_REACH = 8;

/** A branch of the index; `first` and `last` bound the positions under it, so a window can skip it whole. */
type IndexNode = { readonly first: number; readonly last: number } & (
  /** A leaf's positions, ascending; point queries take dropped positions out of them as they meet them (see `UnionIndex.drop`). */
  | { readonly kind: "leaf"; readonly positions: number[] }
  | {
      readonly kind: "split";
      readonly column: number;
      readonly buckets: ReadonlyMap<Key, IndexNode>;
      /** The buckets' keys and branches in the map's order, for queries that walk every bucket without iterating the map. */
      readonly keys: readonly Key[];
      readonly branches: readonly IndexNode[];
      readonly open: IndexNode;
    }
);

/**
 * The column whose keys leave the fewest of `boxes` for a typical point
 * query to scan (the boxes that do not pin it to keys, plus an average
 * key's boxes), if that is below `gain` times all of them; otherwise null.
 * Columns in `skip` are not considered. Ties go to the lower column, so
 * the choice does not depend on the boxes' order.
 */
export function cheapestKeyColumn(columns: ColumnTable, boxes: readonly Box[], gain: number, skip: ReadonlySet<number> = new Set()): number | null {
  const stats = new Map<number, { pinned: number; entries: number; keys: Set<Key> }>();
  for (const box of boxes) {
    for (const [column, cell] of box) {
      if (skip.has(column)) continue;
      const domain = columns.domain(column);
      // A cell pinning one key (most do) is counted without building its list of keys.
      const single = singleKey(domain, cell);
      const keys = single === undefined ? pinnedKeys(domain, cell) : null;
      if (single === undefined && keys === null) continue;
      let stat = stats.get(column);
      if (!stat) stats.set(column, (stat = { pinned: 0, entries: 0, keys: new Set() }));
      stat.pinned++;
      if (keys === null) {
        stat.entries++;
        stat.keys.add(single!);
      } else {
        stat.entries += keys.length;
        for (const key of keys) stat.keys.add(key);
      }
    }
  }
  let best: number | null = null;
  let bestScan = gain * boxes.length;
  for (const [column, { pinned, entries, keys }] of stats) {
    const scan = boxes.length - pinned + entries / keys.size;
    if (scan < bestScan || (scan === bestScan && best !== null && column < best)) {
      best = column;
      bestScan = scan;
    }
  }
  return best;
}

/** The one-key cell of `key` on a column of `domain`. */
export function keyCell(domain: ColumnDomain, key: Key): Cell {
  if (key === ABSENT) return { absent: true, values: noValues(domain) };
  if (typeof key === "number" && (domain.kind === "int" || domain.kind === "number")) return { absent: false, values: { kind: "ranges", intervals: [[key, key, true, true]] } };
  return { absent: false, values: { kind: "finite", values: [key] } };
}

/**
 * Whether `cell` meets the one-key cell of `key`: what
 * `cellsMeet(domain, cell, keyCell(domain, key))` answers, decided without
 * building that cell for absent and for the values of finite and
 * co-finite cells and for the number keys of number cells (an open query
 * asks it of every bucket of every branch it walks, and the cells built
 * for it were a good part of what a query allocated).
 */
export function cellMeetsKey(domain: ColumnDomain, cell: Cell, key: Key): boolean {
  if (key === ABSENT) return cell.absent;
  const values = cell.values;
  const numeric = typeof key === "number" && (domain.kind === "int" || domain.kind === "number");
  if (!numeric && values.kind === "finite") return sortedHas(values.values, key);
  if (!numeric && values.kind === "cofinite") return !sortedHas(values.values, key);
  // A number key meets a number cell exactly when one of its intervals
  // holds it, as a point would (an integer key on an integer column: a
  // fraction there is left to the definition, whose answer differs).
  if (numeric && values.kind === "ranges" && (domain.kind === "number" || Number.isInteger(key))) return cellHoldsValue(domain, cell, key);
  return cellsMeet(domain, cell, keyCell(domain, key));
}

const NO_COLUMNS: ReadonlySet<number> = new Set();

export class UnionIndex implements SearchableUnion {
  private readonly root: IndexNode;
  /** Columns any box constrains, ascending. */
  readonly columnsUsed: readonly number[];
  /** Each column's literals, gathered when the column's are first asked for (see `literalSet`). */
  private readonly literalsByColumn = new Map<number, ReadonlySet<Scalar>>();
  /** The keys each box pins, numbered, as the branches were built from them; kept for `cheapestKeyColumn`. */
  private readonly pins: PinnedKeys;
  /** Per-query marks, so that a box found through several buckets is listed once. */
  private readonly seen: Uint32Array;
  private stamp = 0;
  /** The boxes' cells compiled for point queries, built by the first one. */
  private pointTests: PointTests | undefined;
  /** The boxes' guard for point queries (point-guard.ts), built by the first one; null when the tuning turns it off. */
  private pointGuard: PointGuard | null | undefined;
  /** A second guard, on another number column (see `PointGuard.over`); null when the tuning turns guards off or no other column has one. */
  private secondGuard: PointGuard | null = null;
  /** For each position, 1 once it is dropped (see `drop`). */
  private readonly dropped: Uint8Array;
  /** For each position, a nearby position whose box contains its box (strictly, or equal and earlier), or -1. */
  private readonly dominator: Int32Array;

  private constructor(
    private readonly columns: ColumnTable,
    readonly boxes: readonly Box[],
    private readonly tuning: IndexTuning,
  ) {
    const used = new Set<number>();
    for (let b = 0; b < boxes.length; b++) addColumns(boxes[b]!, used);
    this.columnsUsed = [...used].sort((a, b) => a - b);
    this.seen = new Uint32Array(boxes.length);
    this.dropped = new Uint8Array(boxes.length);
    this.dominator = new Int32Array(boxes.length).fill(-1);
    const shapes = new ColumnShapes(columns, boxes);
    boxes.forEach((box, p) => {
      for (let q = Math.max(0, p - DOMINATOR_REACH); q <= Math.min(boxes.length - 1, p + DOMINATOR_REACH); q++) {
        if (q === p || !shapes.mayLieWithin(p, q) || !boxWithin(columns, box, boxes[q]!)) continue;
        // Equal boxes: only the later one is dominated, so no two boxes drop each other.
        if (q < p || !boxWithin(columns, boxes[q]!, box)) {
          this.dominator[p] = q;
          break;
        }
      }
    });
    const budget = { entries: ENTRIES_PER_BOX * boxes.length };
    const pins = (this.pins = new PinnedKeys(columns, boxes));
    this.root = this.build(
      pins,
      boxes.map((_, i) => i),
      new Set(),
      budget,
    );
  }

  /** An index over `boxes`; positions in answers are positions in this list. */
  static over(columns: ColumnTable, boxes: readonly Box[], tuning: IndexTuning = TUNING): UnionIndex {
    return new UnionIndex(columns, boxes, tuning);
  }

  /**
   * Leaves the box at `position` out of every later query, for a caller
   * whose windows will never again accept it (pruning drops a row once the
   * rows before it are found to cover it, and every later question's
   * window rejects it). Answers are then what they were, but a point query
   * no longer walks the position: it takes it out of each leaf where it
   * meets it. On `wide` 10,000 a fifth of the positions point queries
   * visited were rows already dropped.
   */
  drop(position: number): void {
    this.dropped[position] = 1;
  }

  /** A nearby position whose box contains the box at `position` (strictly, or equal and earlier), or -1. */
  dominatorOf(position: number): number {
    return this.dominator[position] ?? -1;
  }

  /** Every literal the boxes name on `column` (finite and co-finite values, list elements), in first-seen order. */
  literals(column: number): readonly Scalar[] {
    return [...this.literalSet(column)];
  }

  /** Whether some box names `value` on `column`. */
  namesLiteral(column: number, value: Scalar): boolean {
    return this.literalSet(column).has(value);
  }

  /**
   * `cheapestKeyColumn` over every box of the index, counted on the keys
   * numbered for building it (`PinnedKeys.cheapestColumn` answers the same)
   * rather than by finding every cell's keys again: a growing union over
   * the index chooses its dispatch column so.
   */
  cheapestKeyColumn(gain: number): number | null {
    const positions: number[] = [];
    for (let p = 0; p < this.boxes.length; p++) positions.push(p);
    return this.pins.cheapestColumn(positions, gain, NO_COLUMNS);
  }

  /**
   * The literals the boxes name on `column`, in first-seen order (box by
   * box, each cell's values in its order). Only the point search asks, and
   * only about string and list columns, so they are gathered per column
   * when first asked rather than for every cell while the index is built.
   */
  private literalSet(column: number): ReadonlySet<Scalar> {
    let found = this.literalsByColumn.get(column);
    if (found === undefined) {
      const named = new Set<Scalar>();
      for (let p = 0; p < this.boxes.length; p++) {
        const values = this.boxes[p]!.get(column)?.values;
        if (values === undefined) continue;
        if (values.kind === "finite" || values.kind === "cofinite") for (let i = 0; i < values.values.length; i++) named.add(values.values[i]!);
        if (values.kind === "lists" && values.conj) {
          for (let i = 0; i < values.conj.req.length; i++) named.add(values.conj.req[i]!);
          for (let i = 0; i < values.conj.forb.length; i++) named.add(values.conj.forb[i]!);
        }
      }
      this.literalsByColumn.set(column, (found = named));
    }
    return found;
  }

  /** Builds the branch over `positions` (ascending, so every list under it is ascending too). */
  private build(pins: PinnedKeys, positions: number[], split: ReadonlySet<number>, budget: { entries: number }): IndexNode {
    const first = positions[0] ?? 0;
    const last = positions[positions.length - 1] ?? -1;
    if (positions.length <= this.tuning.leafSize || budget.entries <= 0) return { kind: "leaf", first, last, positions };
    const best = pins.cheapestColumn(positions, SPLIT_GAIN, split);
    if (best === null) return { kind: "leaf", first, last, positions };
    const { buckets, open } = pins.split(positions, best);
    let entries = open.length;
    for (const bucket of buckets.values()) entries += bucket.length;
    budget.entries -= entries - positions.length;
    const deeper = new Set(split).add(best);
    const built = new Map<Key, IndexNode>();
    for (const [key, bucket] of buckets) built.set(key, this.build(pins, bucket, deeper, budget));
    return { kind: "split", first, last, column: best, buckets: built, keys: [...built.keys()], branches: [...built.values()], open: this.build(pins, open, deeper, budget) };
  }

  private nextStamp(): number {
    if (++this.stamp === 0xffffffff) {
      this.seen.fill(0);
      this.stamp = 1;
    }
    return this.stamp;
  }

  /** Positions (ascending) of the boxes in the window that may intersect any of `boxes`. */
  candidatePositions(boxes: readonly Box[], window: IndexWindow = {}): number[] {
    const count = this.collectCandidates(boxes, window);
    const found = this.found!;
    const positions: number[] = [];
    for (let i = 0; i < count; i++) positions.push(found[i]!);
    return positions;
  }

  /**
   * Where `collectCandidates` leaves its positions: one array as long as
   * the list, made by the first query. A query's positions were a list of
   * numbers sorted with a comparing function, called for every comparison
   * (at `wide` 1,000 pruning's exact questions collect about 900 positions
   * each); a typed array sorts its numbers natively, and
   * `maximalCandidates` reads them from here without a list of its own.
   */
  private found: Int32Array | null = null;

  /**
   * Puts the positions `candidatePositions` lists, ascending, at the start
   * of `found`, and returns how many there are. They are read before the
   * next query on this index, which overwrites them.
   */
  private collectCandidates(boxes: readonly Box[], window: IndexWindow): number {
    const start = window.start ?? 0;
    const end = Math.min(window.end ?? this.boxes.length, this.boxes.length);
    const alive = window.alive;
    const found = (this.found ??= new Int32Array(this.boxes.length));
    let count = 0;
    if (end - start <= this.tuning.windowScan) {
      // A narrow window is cheaper to scan than the buckets of an open query are to walk.
      for (let p = start; p < end; p++) if (this.dropped[p] === 0 && (!alive || alive(p)) && boxes.some((box) => boxesMeet(this.columns, box, this.boxes[p]!))) found[count++] = p;
      return count;
    }
    const stamp = this.nextStamp();
    const visit = (node: IndexNode, box: Box): void => {
      if (node.last < start || node.first >= end) return;
      if (node.kind === "leaf") {
        const positions = node.positions;
        for (let i = 0; i < positions.length; i++) {
          const p = positions[i]!;
          if (p >= end) break;
          if (p < start || this.seen[p] === stamp || this.dropped[p] === 1 || (alive && !alive(p))) continue;
          this.seen[p] = stamp;
          found[count++] = p;
        }
        return;
      }
      visit(node.open, box);
      const domain = this.columns.domain(node.column);
      const cell = box.get(node.column);
      const keys = cell ? pinnedKeys(domain, cell) : null;
      if (keys !== null) {
        for (let k = 0; k < keys.length; k++) {
          const bucket = node.buckets.get(keys[k]!);
          if (bucket) visit(bucket, box);
        }
      } else {
        const { keys: named, branches } = node;
        for (let k = 0; k < named.length; k++) if (cell === undefined || cellMeetsKey(domain, cell, named[k]!)) visit(branches[k]!, box);
      }
    };
    for (const box of boxes) visit(this.root, box);
    // Each position is listed once (`seen`), so the numeric order is the one the comparing sort gave.
    found.subarray(0, count).sort();
    return count;
  }

  /**
   * Visits, in ascending order, the positions of the window whose boxes may
   * meet one of `boxes` (every one that does, and maybe others), until
   * `visit` returns true; returns whether it did. Boxes are told apart by
   * the keys they pin on the column of the index's first split, which the
   * index chose because its keys tell most boxes apart: when every query
   * box pins a few keys there, only the positions pinning one of those
   * keys, or none on that column, are visited, merged from their lists
   * (`PinnedKeys.positionsByKey`); otherwise the window is scanned
   * position by position, each told apart by its keys. For a caller that
   * wants the first few positions that meet a query, this costs about the
   * positions before them that may meet it, where `candidatePositions`
   * walks the whole index for every window
   * (docs/analysis.md#keeping-each-step-cheap).
   */
  scanCandidates(boxes: readonly Box[], window: IndexWindow, visit: (position: number) => boolean): boolean {
    const start = window.start ?? 0;
    const end = Math.min(window.end ?? this.boxes.length, this.boxes.length);
    const alive = window.alive;
    const root = this.root;
    const accepts = (p: number): boolean => this.dropped[p] === 0 && (!alive || alive(p));
    if (root.kind !== "split" || !boxes.every((box) => box.has(root.column))) {
      for (let p = start; p < end; p++) if (accepts(p) && visit(p)) return true;
      return false;
    }
    const column = root.column;
    const domain = this.columns.domain(column);
    const lists = this.queryLists(boxes, column, domain);
    if (lists !== null) return mergeVisit(lists, start, end, (p) => accepts(p) && visit(p));
    // A key is missed when every query box's cell on the column misses it,
    // found when a box first pins it (0 unknown, 1 met, 2 missed).
    const known = new Uint8Array(this.pins.keyCount(column));
    const misses = (id: number, key: Key): boolean => {
      if (known[id] === 0) known[id] = boxes.some((box) => cellMeetsKey(domain, box.get(column)!, key)) ? 1 : 2;
      return known[id] === 2;
    };
    for (let p = start; p < end; p++) {
      if (!accepts(p) || this.pins.pinsOnlyMissed(p, column, misses)) continue;
      if (visit(p)) return true;
    }
    return false;
  }

  /**
   * The position lists a query on `column` must visit: those pinning none
   * there and those pinning one of the keys the query boxes pin (a box
   * pinning keys meets another pinning keys there exactly when they share
   * one); null when some query box's cell there is not a few keys.
   */
  private queryLists(boxes: readonly Box[], column: number, domain: ColumnDomain): Int32Array[] | null {
    const ids: number[] = [];
    for (const box of boxes) {
      const keys = pinnedKeys(domain, box.get(column)!);
      if (keys === null) return null;
      for (const key of keys) {
        const id = this.pins.keyId(column, key);
        if (id >= 0 && !ids.includes(id)) ids.push(id);
      }
    }
    const { open, keyed } = this.pins.positionsByKey(column);
    return [open, ...ids.map((id) => keyed[id]!)];
  }

  /**
   * The candidates for `box`, less each box that a nearby box of the window
   * contains: the union is the same (the order "contains, or equal and
   * earlier" has no cycles, so every dropped box lies in one that is kept),
   * with fewer boxes for an exact coverage search to split on. A holder
   * taken out by `drop` is out of every window, as its contract says, so
   * the box it holds stays: a caller whose `alive` rejects exactly the
   * dropped positions may leave `alive` out and gets the same boxes.
   */
  maximalCandidates(box: Box, window: IndexWindow = {}, keepAllUpTo = 0): Box[] {
    const start = window.start ?? 0;
    const end = Math.min(window.end ?? this.boxes.length, this.boxes.length);
    const alive = window.alive;
    // One search serves both answers: asking for the candidates and then for
    // the maximal ones searched the index twice for every exact question.
    const count = this.collectCandidates([box], window);
    const found = this.found!;
    const boxes: Box[] = [];
    const all = count <= keepAllUpTo;
    for (let i = 0; i < count; i++) {
      const p = found[i]!;
      const d = this.dominator[p]!;
      if (all || d < start || d >= end || this.dropped[d] === 1 || (alive !== undefined && !alive(d))) boxes.push(this.boxes[p]!);
    }
    return boxes;
  }

  /** Boxes in the window that may intersect `box`, in list order. */
  candidates(box: Box, window: IndexWindow = {}): Box[] {
    return this.candidatesOfAny([box], window);
  }

  /** Boxes in the window that may intersect any of `boxes`, in list order. */
  candidatesOfAny(boxes: readonly Box[], window: IndexWindow = {}): Box[] {
    return this.candidatePositions(boxes, window).map((p) => this.boxes[p]!);
  }

  /**
   * The position of a box in the window that contains `point`, or null when
   * none does. `point` must pin one key on every column of `columnsUsed`
   * (a single value, or absent), so that each box either contains it or
   * misses it; a point that is not a box comes with its values.
   */
  containing(point: Box, window?: IndexWindow, known?: readonly PointValue[]): number | null;
  containing(point: PointCells, window: IndexWindow, known: readonly PointValue[]): number | null;
  containing(point: PointCells, window: IndexWindow = {}, known?: readonly PointValue[]): number | null {
    const start = window.start ?? 0;
    const end = Math.min(window.end ?? this.boxes.length, this.boxes.length);
    const alive = window.alive;
    // Without values the point is a box (the overloads above).
    const values = known ?? pointValues(point as Box);
    const tests = (this.pointTests ??= new PointTests(this.columns, this.boxes));
    const dropped = this.dropped;
    if (end - start <= this.tuning.windowScan) {
      for (let p = start; p < end; p++) if (dropped[p] === 0 && (!alive || alive(p)) && tests.holds(p, point, values)) return p;
      return null;
    }
    if (this.pointGuard === undefined) {
      const guard = (this.pointGuard = this.tuning.pointGuard === false ? null : PointGuard.over(this.columns, tests));
      const second = guard === null || guard.column < 0 ? null : PointGuard.over(this.columns, tests, guard.column);
      this.secondGuard = second !== null && second.column >= 0 ? second : null;
    }
    const guard = this.pointGuard;
    const second = this.secondGuard;
    return this.search(this.root, point, values, start, end, alive, guard === null ? null : guard.reading(values), second === null ? null : second.reading(values));
  }

  /**
   * `containing`'s walk of the branch `node`: the bucket of the point's key
   * (every bucket when it has none), then the open branch. A method with
   * the query as arguments rather than a closure made per query, which
   * allocated a function and its context for each of the point search's
   * queries (docs/analysis.md#keeping-each-step-cheap).
   */
  private search(
    node: IndexNode,
    point: PointCells,
    values: readonly PointValue[],
    start: number,
    end: number,
    alive: ((position: number) => boolean) | undefined,
    reading: number | typeof ABSENT_VALUE | null,
    secondReading: number | typeof ABSENT_VALUE | null,
  ): number | null {
    if (node.last < start || node.first >= end) return null;
    if (node.kind === "leaf") {
      const positions = node.positions;
      const dropped = this.dropped;
      const guard = this.pointGuard ?? null;
      const second = this.secondGuard;
      const tests = this.pointTests!;
      for (let i = 0; i < positions.length; i++) {
        const p = positions[i]!;
        if (p >= end) break;
        if (dropped[p] === 1) {
          // Dropped for good: taken out here, so no later query walks it (the order of the rest is kept).
          positions.splice(i--, 1);
          continue;
        }
        if (p < start || (guard !== null && guard.rejects(p, reading)) || (second !== null && second.rejects(p, secondReading)) || (alive && !alive(p))) continue;
        if (tests.holds(p, point, values)) return p;
      }
      return null;
    }
    const cell = point.get(node.column);
    const key = cell ? singleKey(this.columns.domain(node.column), cell) : undefined;
    if (key !== undefined) {
      const bucket = node.buckets.get(key);
      const inBucket = bucket ? this.search(bucket, point, values, start, end, alive, reading, secondReading) : null;
      if (inBucket !== null) return inBucket;
    } else {
      const branches = node.branches;
      for (let k = 0; k < branches.length; k++) {
        const inBucket = this.search(branches[k]!, point, values, start, end, alive, reading, secondReading);
        if (inBucket !== null) return inBucket;
      }
    }
    return this.search(node.open, point, values, start, end, alive, reading, secondReading);
  }
}

/**
 * Visits the positions of ascending `lists` in ascending order, each once,
 * from `start` to before `end`, until `visit` returns true; returns whether
 * it did. The lists are few (a query's keys and the open positions), so
 * the next position is the least of their heads.
 */
function mergeVisit(lists: readonly Int32Array[], start: number, end: number, visit: (position: number) => boolean): boolean {
  const at = lists.map((list) => firstFrom(list, start));
  let last = -1;
  for (;;) {
    let next = end;
    for (let k = 0; k < lists.length; k++) {
      const list = lists[k]!;
      let i = at[k]!;
      // A position pinning several of the keys is in several lists: it is visited once.
      while (i < list.length && list[i]! <= last) i++;
      at[k] = i;
      if (i < list.length && list[i]! < next) next = list[i]!;
    }
    if (next >= end) return false;
    last = next;
    if (visit(next)) return true;
  }
}

/** The first index of ascending `list` holding `start` or more. */
function firstFrom(list: Int32Array, start: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (list[middle]! < start) low = middle + 1;
    else high = middle;
  }
  return low;
}
