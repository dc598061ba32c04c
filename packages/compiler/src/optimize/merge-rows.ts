/**
 * Row merging (docs/optimizer.md#2-merge-rows): two rows with the same outcome whose
 * tests differ in exactly one column become one row whose test on that column
 * is the union of theirs (`channel == online` and `channel == app` become
 * `channel in [app, online]`).
 *
 * Invariant: first-hit meaning is kept for every context. Rows i < j merge
 * only when the merged row can take the place of one of them without jumping
 * over a row that could answer differently: placed at i, every row between
 * them either has the same outcome or cannot overlap row j; placed at j, the
 * same holds for row i. The union must be exactly one unary test
 * (boxes/test-algebra.ts checks it), never an approximation.
 */
import type { Column, Row, UnaryTest } from "@scn/runtime";
import type { LoweredDecision } from "../lower/lowered.js";
import { testKey, testsOverlap, unionTest } from "../boxes/test-algebra.js";

/** How many rows between two merge partners are inspected before giving up on the pair. */
const MAX_GAP = 512;
/** Passes over the table; each pass can only shrink it, and a few reach the fixed point in practice. */
const MAX_PASSES = 8;

export function mergeRows(decision: LoweredDecision): LoweredDecision {
  return mergeRowsTraced(decision).decision;
}

/**
 * mergeRows, with the rows of the input each row of the result was merged
 * from (`origins[k]`, the row that kept its place first), so that what is
 * known of an input row (a context reaching it) can be carried to its
 * merged row.
 */
export function mergeRowsTraced(decision: LoweredDecision): { readonly decision: LoweredDecision; readonly origins: readonly (readonly number[])[] } {
  // The input's rows themselves, not copies: merging never changes a row
  // (a merged row is a new object, its tests a new map), and a copy of
  // every row was kept by the table for the rest of the build (16.6 MB at
  // 10,000 `wide` scenarios, docs/optimizer.md#2-merge-rows).
  let rows: (Row | null)[] = decision.rows.slice();
  let origins: number[][] = decision.rows.map((_, r) => [r]);
  const signatures = new RowSignatures();
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    let merged = false;
    const candidates = rowsSharingAnOutcome(rows);
    decision.columns.forEach((column, index) => {
      if (mergeOnColumn(decision.columns, rows, origins, candidates, column, String(index), signatures)) merged = true;
    });
    origins = origins.filter((_, r) => rows[r] !== null);
    rows = rows.filter((row) => row !== null);
    if (!merged) break;
  }
  return { decision: { ...decision, rows: rows as Row[] }, origins };
}

/**
 * The positions of rows whose outcome some other row also has, grouped by
 * outcome, in table order. Only such rows can merge, and in large tables most
 * outcomes belong to one row each, so the per-column work below skips them.
 * Merging keeps a merged row's outcome and never moves rows within a pass, so
 * the grouping stays valid for the whole pass (merged-away rows become null).
 */
export function rowsSharingAnOutcome(rows: readonly (Row | null)[]): number[][] {
  const byOutcome = new Map<number, number[]>();
  rows.forEach((row, position) => {
    if (row === null) return;
    const positions = byOutcome.get(row.outcome);
    if (positions) positions.push(position);
    else byOutcome.set(row.outcome, [position]);
  });
  return [...byOutcome.values()].filter((positions) => positions.length > 1);
}

/**
 * The groups of rows that may merge on column `key`: rows with the same
 * outcome and the same tests on every other column, two or more per group.
 * Groups come in the order of their first row, and rows in table order.
 * Rows are grouped by a number (RowSignatures.hashWithout) and then
 * compared test by test (sameWithout), rather than by a text of their
 * tests made for every row and column.
 */
export function mergeGroups(rows: readonly (Row | null)[], candidates: readonly number[][], key: string, signatures: RowSignatures = new RowSignatures()): number[][] {
  const column = Number(key);
  const groups: number[][] = [];
  // One outcome's groups at a time, in the order of their first row, the
  // first `count` entries of lists reused for every outcome (written over,
  // never emptied, which would free their storage): each group's hash,
  // first row, its rows once it has a second (null until then: most rows
  // have no partner, and a list for each was most of what grouping
  // allocated), and, in an outcome of many rows, the next group with the
  // same hash (-1 for none), the first of which `byHash` holds. Most
  // outcomes have a few rows, whose groups are scanned instead.
  const byHash = new Map<number, number>();
  const hashes: number[] = [];
  const firsts: number[] = [];
  const members: (number[] | null)[] = [];
  const nextSameHash: number[] = [];
  // Indexed loops rather than `for ... of`: merging runs once per column
  // and pass, mostly before V8 optimizes it, and unoptimized iteration
  // allocates a result object per step (docs/optimizer.md#loops-v8-compiles-while-they-run).
  for (let o = 0; o < candidates.length; o++) {
    const sameOutcome = candidates[o] as number[];
    const many = sameOutcome.length > FEW_ROWS;
    if (many) byHash.clear();
    let count = 0;
    for (let k = 0; k < sameOutcome.length; k++) {
      const position = sameOutcome[k] as number;
      const row = rows[position];
      if (row === undefined || row === null) continue;
      const parts = signatures.partsAt(row, position);
      const hash = hashWithout(parts, column);
      // Rows with the same tests but on `column` are one group: a row matches at most one group of its hash.
      let group = -1;
      const head = many ? (byHash.get(hash) ?? -1) : -1;
      if (many) {
        for (let g = head; g >= 0; g = nextSameHash[g] as number) {
          if (!sameWithout(signatures.partsAt(rows[firsts[g] as number] as Row, firsts[g] as number), parts, column)) continue;
          group = g;
          break;
        }
      } else {
        for (let g = 0; g < count; g++) {
          if (hashes[g] !== hash || !sameWithout(signatures.partsAt(rows[firsts[g] as number] as Row, firsts[g] as number), parts, column)) continue;
          group = g;
          break;
        }
      }
      if (group < 0) {
        hashes[count] = hash;
        firsts[count] = position;
        members[count] = null;
        if (many) {
          nextSameHash[count] = head;
          byHash.set(hash, count);
        }
        count++;
        continue;
      }
      const list = members[group];
      if (list === null || list === undefined) members[group] = [firsts[group] as number, position];
      else list.push(position);
    }
    for (let g = 0; g < count; g++) {
      const list = members[g];
      if (list !== null && list !== undefined) groups.push(list);
    }
  }
  return groups.sort((a, b) => (a[0] as number) - (b[0] as number));
}

/** Up to this many rows sharing an outcome, grouping scans the groups made so far rather than looking their hash up in a map. */
const FEW_ROWS = 8;

/** A row's tests as numbers (see RowSignatures). */
export interface RowParts {
  /** The columns it tests, ascending. */
  readonly columns: Int32Array;
  /** The number of its test on each of `columns` (equal exactly when the tests' canonical keys are, on the same column). */
  readonly ids: Int32Array;
  /** The sum of mixTest over its tests, so that the hash without one test is a subtraction. */
  readonly hash: number;
}

/**
 * Each row's tests as numbers, so that its tests on every column but one
 * are compared without text (docs/optimizer.md#2-merge-rows). Grouping asks
 * this of every row that shares its outcome, for every column, in every
 * pass, and rows change only when they merge (a merged row is a new
 * object), so each row's tests are numbered once: keying them at every
 * question, and then joining a text per row and column, was nearly all of
 * merging on tables with many columns.
 */
export class RowSignatures {
  /** Each distinct test's number, by column and canonical key (testKey). */
  private readonly ids = new Map<string, number>();
  /** The same numbers by column and test object: neighbouring rows mostly share their tests' objects. */
  private readonly byObject: Map<UnaryTest, number>[] = [];
  private readonly rows = new WeakMap<Row, RowParts>();
  /**
   * The row last asked for at each position and its numbers: grouping asks
   * for every row at every column, and an array read answers that where a
   * lookup in the weak map by the row cost more than the grouping around
   * it; the map still keeps a row's numbers when it moves (rows merged away
   * are dropped between passes).
   */
  private readonly atRow: (Row | undefined)[] = [];
  private readonly atParts: (RowParts | undefined)[] = [];

  /** The numbers of `row`'s tests, made once per row. */
  partsOf(row: Row): RowParts {
    let parts = this.rows.get(row);
    if (parts === undefined) this.rows.set(row, (parts = this.numbered(row)));
    return parts;
  }

  /** partsOf for `row`, which is at `position` of the rows being grouped. */
  partsAt(row: Row, position: number): RowParts {
    if (this.atRow[position] === row) return this.atParts[position] as RowParts;
    const parts = this.partsOf(row);
    // Grown in order, so that the lists stay dense arrays (positions are not asked in order).
    while (this.atRow.length <= position) {
      this.atRow.push(undefined);
      this.atParts.push(undefined);
    }
    this.atRow[position] = row;
    this.atParts[position] = parts;
    return parts;
  }

  private numbered(row: Row): RowParts {
    const keys = Object.keys(row.tests);
    const columns = Int32Array.from(keys, Number).sort();
    const ids = new Int32Array(columns.length);
    let hash = 0;
    for (let k = 0; k < columns.length; k++) {
      const column = columns[k] as number;
      const test = row.tests[String(column)] as UnaryTest;
      const objects = (this.byObject[column] ??= new Map());
      let id = objects.get(test);
      if (id === undefined) {
        const text = `${column}=${testKey(test)}`;
        id = this.ids.get(text);
        if (id === undefined) this.ids.set(text, (id = this.ids.size));
        objects.set(test, id);
      }
      ids[k] = id;
      hash = (hash + mixTest(column, id)) | 0;
    }
    return { columns, ids, hash };
  }
}

/** A 32-bit mix of a column and a test's number, summed into a row's hash. */
function mixTest(column: number, id: number): number {
  let h = Math.imul(column + 1, 0x9e3779b1) ^ id;
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
  return h ^ (h >>> 16);
}

/** The hash of a row's tests on every column but `column`, below 2^30 (a small integer as a map key). */
function hashWithout(parts: RowParts, column: number): number {
  let hash = parts.hash;
  for (let k = 0; k < parts.columns.length; k++) if (parts.columns[k] === column) hash = (hash - mixTest(column, parts.ids[k] as number)) | 0;
  return hash & 0x3fffffff;
}

/** Whether two rows have the same tests on every column but `column`. */
function sameWithout(a: RowParts, b: RowParts, column: number): boolean {
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < a.columns.length && a.columns[i] === column) i++;
    while (j < b.columns.length && b.columns[j] === column) j++;
    if (i === a.columns.length || j === b.columns.length) return i === a.columns.length && j === b.columns.length;
    if (a.columns[i] !== b.columns[j] || a.ids[i] !== b.ids[j]) return false;
    i++;
    j++;
  }
}

/**
 * Merges pairs that differ only on column `key`, in place (`null` marks a row
 * merged away). Groups are visited in the order of their first row: a merge
 * changes the rows that later groups look across, so this order is part of
 * the result.
 */
function mergeOnColumn(columns: readonly Column[], rows: (Row | null)[], origins: number[][], candidates: readonly number[][], column: Column, key: string, signatures: RowSignatures): boolean {
  let merged = false;
  for (const positions of mergeGroups(rows, candidates, key, signatures)) {
    let keeper = positions[0] as number;
    for (const position of positions.slice(1)) {
      const result = tryMerge(columns, rows, origins, column, key, keeper, position);
      if (result === null) {
        keeper = position;
        continue;
      }
      merged = true;
      keeper = result;
    }
  }
  return merged;
}

/** Merges rows i < j if allowed; returns the position of the merged row, or null. */
function tryMerge(columns: readonly Column[], rows: (Row | null)[], origins: number[][], column: Column, key: string, i: number, j: number): number | null {
  const first = rows[i] as Row;
  const second = rows[j] as Row;
  if (j - i - 1 > MAX_GAP) return null;
  const union = unionTest(column, first.tests[key], second.tests[key]);
  if (union === null) return null;
  const between = rows.slice(i + 1, j).filter((row): row is Row => row !== null && row.outcome !== first.outcome);
  const target = between.every((row) => !rowsOverlap(columns, row, second))
    ? i
    : between.every((row) => !rowsOverlap(columns, row, first))
      ? j
      : null;
  if (target === null) return null;
  const tests: { [column: string]: UnaryTest } = { ...first.tests };
  if (union === undefined) delete tests[key];
  else tests[key] = union;
  // The merged row points at the earlier source position, which is the one
  // a reader meets first in the file.
  rows[target] = { outcome: first.outcome, tests, src: first.src };
  const other = target === i ? j : i;
  rows[other] = null;
  origins[target] = [...(origins[target] as number[]), ...(origins[other] as number[])];
  return target;
}

/** Whether some context satisfies both rows: every column's two tests can hold together. */
export function rowsOverlap(columns: readonly Column[], a: Row, b: Row): boolean {
  for (const key of Object.keys(a.tests)) {
    const other = b.tests[key];
    if (other === undefined) continue;
    if (!testsOverlap(columns[Number(key)] as Column, a.tests[key], other)) return false;
  }
  return true;
}
