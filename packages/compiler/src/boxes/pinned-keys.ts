/**
 * The keys each box of a list pins on each column (see `pinnedKeys`),
 * worked out once for the whole list and held as small integers: each
 * column numbers its distinct keys in order of first appearance.
 *
 * A union index chooses the column of every branch it builds by counting,
 * over the branch's boxes, how many pin each column and how many distinct
 * keys they pin (`cheapestKeyColumn`). Done on the boxes themselves, every
 * level of the index recomputed every box's keys and filled a map of sets,
 * which made building an index the largest single cost of analysing and
 * pruning a program of overlapping scenarios
 * (docs/analysis.md#keeping-each-step-cheap). Here a branch's count is a loop over
 * integer arrays that allocates nothing, and distinct keys are counted by
 * stamping them rather than by adding them to sets.
 *
 * Invariant: `cheapestColumn` answers exactly what `cheapestKeyColumn`
 * answers for the same boxes, and `keysOf` gives `pinnedKeys`'s keys in the
 * same order, so an index built from them is the same index.
 */
import type { Box } from "./box.js";
import type { ColumnTable } from "./column-table.js";
import type { Cell, ColumnDomain, Scalar } from "./cell.js";

/** The key of the "absent" value (missing, null or wrongly typed). */
export const ABSENT = Symbol("absent");
export type Key = Scalar | typeof ABSENT;

/** Cells pinning more keys than this count as open: bucketing them would copy the box too often. */
const MAX_KEYS = 16;
/** The keys a cell pins, or null when it pins none or too many. */
export function pinnedKeys(domain: ColumnDomain, cell: Cell): Key[] | null {
  const keys: Key[] = cell.absent ? [ABSENT] : [];
  const values = cell.values;
  switch (values.kind) {
    case "finite":
      // A cell of more values than a cell may pin (the complement of a few
      // members of a long category enum) pins none, told before its values
      // are copied: on `wide` 10,000 that copy was a twentieth of what
      // pruning allocated (docs/optimizer.md#1-prune-unreachable-rows).
      if (keys.length + values.values.length > MAX_KEYS) return null;
      for (let i = 0; i < values.values.length; i++) keys.push(values.values[i]!);
      break;
    case "ranges":
      for (let i = 0; i < values.intervals.length; i++) {
        const interval = values.intervals[i]!;
        const lo = interval[0];
        const hi = interval[1];
        if (lo === null || hi === null) return null;
        if (lo === hi && interval[2] && interval[3]) keys.push(lo);
        // Normalized integer intervals have inclusive integer bounds.
        else if (domain.kind === "int" && hi - lo < MAX_KEYS) for (let v = lo; v <= hi; v++) keys.push(v);
        else return null;
        if (keys.length > MAX_KEYS) return null;
      }
      break;
    case "cofinite":
    case "lists":
      return null;
  }
  return keys.length > 0 && keys.length <= MAX_KEYS ? keys : null;
}

/**
 * The key of a cell that pins exactly one (what `pinnedKeys` gives as its
 * only key), or undefined: a point query asks this at every level of the
 * index, and building the list of keys there cost more than the lookup.
 */
export function singleKey(domain: ColumnDomain, cell: Cell): Key | undefined {
  const values = cell.values;
  if (cell.absent) return (values.kind === "finite" && values.values.length === 0) || (values.kind === "ranges" && values.intervals.length === 0) ? ABSENT : undefined;
  if (values.kind === "finite") return values.values.length === 1 ? values.values[0] : undefined;
  if (values.kind !== "ranges" || values.intervals.length !== 1) return undefined;
  const only = values.intervals[0]!;
  const lo = only[0];
  const hi = only[1];
  if (lo === null || hi === null) return undefined;
  if (lo === hi && only[2] && only[3]) return lo;
  // An integer interval shorter than one pins its lower bound alone (normalized ones never are).
  return domain.kind === "int" && lo <= hi && hi - lo < 1 ? lo : undefined;
}


export class PinnedKeys {
  /*
   * Flat arrays rather than an array per box: the cells of box `b` that pin
   * keys are `boxStart[b]` to `boxStart[b + 1]`, cell `c` pins on column
   * `cellColumn[c]` the key ids `keyIds[cellStart[c]]` to `keyIds[cellStart[c + 1]]`.
   */
  private readonly boxStart: Int32Array;
  private readonly cellColumn: Int32Array;
  private readonly cellStart: Int32Array;
  private readonly keyIds: Int32Array;
  /** For each column, its keys by id. */
  private readonly keyValues: Key[][];
  /** For each column, the id of each key. */
  private readonly ids: Map<Key, number>[];
  /** For each column asked about, the positions pinning each key id, and those pinning none there (see `positionsByKey`). */
  private readonly byKey = new Map<number, { readonly open: Int32Array; readonly keyed: readonly Int32Array[] }>();
  private readonly size: number;
  /** Per column, the stamp of the last count that saw each key id, so that a count tells distinct keys without a set. */
  private readonly keyStamps: Int32Array[];
  private stamp = 0;
  /** Per-count tallies by column, reused between counts. */
  private readonly pinned: Int32Array;
  private readonly entries: Int32Array;
  private readonly distinct: Int32Array;

  constructor(columns: ColumnTable, boxes: readonly Box[]) {
    const width = columns.domains.length;
    const ids: Map<Key, number>[] = [];
    const keyValues: Key[][] = [];
    for (let c = 0; c < width; c++) {
      ids.push(new Map());
      keyValues.push([]);
    }
    const idOf = (column: number, key: Key): number => {
      const byKey = ids[column]!;
      let id = byKey.get(key);
      if (id === undefined) {
        id = keyValues[column]!.length;
        byKey.set(key, id);
        keyValues[column]!.push(key);
      }
      return id;
    };
    // Filled in place, in typed arrays sized by the cells of the boxes (the
    // cells pinning keys are at most those, and most pin one key), rather
    // than pushed into arrays that grow and are then copied: over pruning's
    // 62,000 rows of `wide` 10,000 their growth was 60 MB of the build's
    // allocation (docs/analysis.md#keeping-each-step-cheap). The arrays may
    // be longer than the cells they hold; they are read by range only.
    let cells = 0;
    for (let b = 0; b < boxes.length; b++) cells += boxes[b]!.size;
    const boxStart = new Int32Array(boxes.length + 1);
    const cellColumn = new Int32Array(cells);
    const cellStart = new Int32Array(cells + 1);
    let keyIds = new Int32Array(cells + MAX_KEYS);
    let cellCount = 0;
    let keyCount = 0;
    const addKey = (id: number): void => {
      if (keyCount === keyIds.length) {
        const grown = new Int32Array(2 * keyIds.length);
        grown.set(keyIds);
        keyIds = grown;
      }
      keyIds[keyCount++] = id;
    };
    // Each box's cells by `forEach` and one function, not `for ... of` over
    // its keys, which allocates a result per cell before V8 optimizes it
    // (docs/optimizer.md#loops-v8-compiles-while-they-run).
    const visit = (cell: Cell, column: number): void => {
      const domain = columns.domain(column);
      // A cell pinning one key (most do) is read without building its list of keys.
      const single = singleKey(domain, cell);
      if (single !== undefined) {
        cellColumn[cellCount] = column;
        cellStart[cellCount++] = keyCount;
        addKey(idOf(column, single));
        return;
      }
      const keys = pinnedKeys(domain, cell);
      if (keys === null) return;
      cellColumn[cellCount] = column;
      cellStart[cellCount++] = keyCount;
      for (let k = 0; k < keys.length; k++) addKey(idOf(column, keys[k]!));
    };
    for (let b = 0; b < boxes.length; b++) {
      boxStart[b] = cellCount;
      boxes[b]!.forEach(visit);
    }
    boxStart[boxes.length] = cellCount;
    cellStart[cellCount] = keyCount;
    this.boxStart = boxStart;
    this.cellColumn = cellColumn;
    this.cellStart = cellStart;
    this.keyIds = keyIds;
    this.keyValues = keyValues;
    this.ids = ids;
    this.size = boxes.length;
    this.keyStamps = keyValues.map((values) => new Int32Array(values.length));
    this.pinned = new Int32Array(width);
    this.entries = new Int32Array(width);
    this.distinct = new Int32Array(width);
  }

  /** The cell of the box at `position` that pins keys on `column`, or -1 when the box pins none there. */
  private cellOn(position: number, column: number): number {
    for (let c = this.boxStart[position]!; c < this.boxStart[position + 1]!; c++) if (this.cellColumn[c] === column) return c;
    return -1;
  }

  /**
   * Whether the box at `position` pins keys on `column` and `misses` says
   * true of every one of them (given by column and key id, with its key):
   * a box that pins only keys a query misses cannot meet the query.
   */
  pinsOnlyMissed(position: number, column: number, misses: (id: number, key: Key) => boolean): boolean {
    const c = this.cellOn(position, column);
    if (c < 0) return false;
    const values = this.keyValues[column]!;
    for (let k = this.cellStart[c]!; k < this.cellStart[c + 1]!; k++) {
      const id = this.keyIds[k]!;
      if (!misses(id, values[id]!)) return false;
    }
    return true;
  }

  /** The id of `key` on `column`, or -1 when no box pins it there. */
  keyId(column: number, key: Key): number {
    return this.ids[column]!.get(key) ?? -1;
  }

  /**
   * Every position, ascending, split by the keys it pins on `column`:
   * `keyed[id]` holds the positions pinning the key `id` (a box pinning
   * several keys is in each of their lists), `open` those pinning none
   * there. Found once per column, when first asked.
   */
  positionsByKey(column: number): { readonly open: Int32Array; readonly keyed: readonly Int32Array[] } {
    let lists = this.byKey.get(column);
    if (lists === undefined) {
      const open: number[] = [];
      const keyed: number[][] = this.keyValues[column]!.map(() => []);
      for (let p = 0; p < this.size; p++) {
        const c = this.cellOn(p, column);
        if (c < 0) open.push(p);
        else for (let k = this.cellStart[c]!; k < this.cellStart[c + 1]!; k++) keyed[this.keyIds[k]!]!.push(p);
      }
      lists = { open: Int32Array.from(open), keyed: keyed.map((list) => Int32Array.from(list)) };
      this.byKey.set(column, lists);
    }
    return lists;
  }

  /** How many distinct keys the boxes pin on `column`: key ids run from 0 to this. */
  keyCount(column: number): number {
    return this.keyValues[column]!.length;
  }

  /** The keys the box at `position` pins on `column`, as `pinnedKeys` lists them, or null when it pins none there. */
  keys(position: number, column: number): Key[] | null {
    const c = this.cellOn(position, column);
    if (c < 0) return null;
    const values = this.keyValues[column]!;
    const keys: Key[] = [];
    for (let k = this.cellStart[c]!; k < this.cellStart[c + 1]!; k++) keys.push(values[this.keyIds[k]!]!);
    return keys;
  }

  /**
   * The boxes at `positions` by the keys they pin on `column`, keys in
   * order of first appearance (each box under every key it pins, in
   * `positions`' order), and the boxes that pin none there: how an index
   * branch splits on `column`.
   */
  split(positions: readonly number[], column: number): { readonly buckets: Map<Key, number[]>; readonly open: number[] } {
    const byId = new Map<number, number[]>();
    const open: number[] = [];
    this.fillBuckets(positions, column, byId, open);
    const values = this.keyValues[column]!;
    const buckets = new Map<Key, number[]>();
    for (const [id, bucket] of byId) buckets.set(values[id]!, bucket);
    return { buckets, open };
  }

  /**
   * `split`'s loop, alone in a method that returns right after it: the
   * first split is over every box, so V8 compiles the loop while it runs,
   * before the code after it in `split` has run once, and that code's
   * property reads without type feedback left the compiled loop with a
   * deoptimization at its exit that V8 took on most later splits (699 in
   * one build of `wide` 10,000;
   * docs/optimizer.md#loops-v8-compiles-while-they-run).
   */
  private fillBuckets(positions: readonly number[], column: number, byId: Map<number, number[]>, open: number[]): void {
    const { cellStart, keyIds } = this;
    for (let i = 0; i < positions.length; i++) {
      const p = positions[i]!;
      const c = this.cellOn(p, column);
      if (c < 0) {
        open.push(p);
        continue;
      }
      for (let k = cellStart[c]!; k < cellStart[c + 1]!; k++) {
        const id = keyIds[k]!;
        const bucket = byId.get(id);
        if (bucket) bucket.push(p);
        else byId.set(id, [p]);
      }
    }
  }

  /**
   * `cheapestKeyColumn` over the boxes at `positions`: the column whose keys
   * leave the fewest boxes for a typical point query to scan, if below
   * `gain` times their number; columns in `skip` are not considered.
   */
  cheapestColumn(positions: readonly number[], gain: number, skip: ReadonlySet<number>): number | null {
    this.countKeys(positions, skip);
    const { pinned, entries, distinct } = this;
    // The same arithmetic as `cheapestKeyColumn`, so that equal scans tie the same way (to the lower column).
    let best: number | null = null;
    let bestScan = gain * positions.length;
    for (let column = 0; column < pinned.length; column++) {
      if (pinned[column] === 0) continue;
      const scan = positions.length - pinned[column]! + entries[column]! / distinct[column]!;
      if (scan < bestScan) {
        best = column;
        bestScan = scan;
      }
    }
    return best;
  }

  /**
   * Fills `pinned`, `entries` and `distinct` for the boxes at `positions`
   * (see `cheapestColumn`). The loop is alone in a method that returns
   * right after it: the first count is over every box, so V8 compiles the
   * loop while it runs (on-stack replacement), before the code after it
   * has run once, and any operation there without type feedback left that
   * compiled loop with a deoptimization at its exit that V8 then took on
   * most later counts (up to 736 on one `wide` 1,000 build;
   * docs/optimizer.md#loops-v8-compiles-while-they-run).
   */
  private countKeys(positions: readonly number[], skip: ReadonlySet<number>): void {
    const { pinned, entries, distinct, boxStart, cellColumn, cellStart, keyIds } = this;
    pinned.fill(0);
    entries.fill(0);
    distinct.fill(0);
    const stamp = this.nextStamp();
    for (let i = 0; i < positions.length; i++) {
      const p = positions[i]!;
      for (let c = boxStart[p]!; c < boxStart[p + 1]!; c++) {
        const column = cellColumn[c]!;
        if (skip.has(column)) continue;
        const stamps = this.keyStamps[column]!;
        pinned[column]!++;
        entries[column]! += cellStart[c + 1]! - cellStart[c]!;
        for (let k = cellStart[c]!; k < cellStart[c + 1]!; k++) {
          const id = keyIds[k]!;
          if (stamps[id] === stamp) continue;
          stamps[id] = stamp;
          distinct[column]!++;
        }
      }
    }
  }

  private nextStamp(): number {
    if (++this.stamp === 0x7fffffff) {
      for (const stamps of this.keyStamps) stamps.fill(0);
      this.stamp = 1;
    }
    return this.stamp;
  }
}
