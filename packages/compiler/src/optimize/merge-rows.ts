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
  let rows: (Row | null)[] = decision.rows.map(copyRow);
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

function copyRow(row: Row): Row {
  return { outcome: row.outcome, tests: { ...row.tests }, src: [...row.src] as Row["src"] };
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
 */
export function mergeGroups(rows: readonly (Row | null)[], candidates: readonly number[][], key: string, signatures: RowSignatures = new RowSignatures()): number[][] {
  const groups: number[][] = [];
  for (const sameOutcome of candidates) {
    const bySignature = new Map<string, number[]>();
    for (const position of sameOutcome) {
      const row = rows[position];
      if (row === undefined || row === null) continue;
      const signature = signatures.without(row, key);
      const group = bySignature.get(signature);
      if (group) group.push(position);
      else bySignature.set(signature, [position]);
    }
    for (const group of bySignature.values()) if (group.length > 1) groups.push(group);
  }
  return groups.sort((a, b) => (a[0] as number) - (b[0] as number));
}

/** A row's tests as the parts of its signatures (see RowSignatures). */
interface RowParts {
  /** The columns it tests, in the order of `parts`. */
  readonly keys: readonly string[];
  /** `column=id` for each test, the id numbering its test's canonical key. */
  readonly parts: readonly string[];
  /** Every part joined: the signature on a column the row does not test. */
  readonly full: string;
  /** The signature without each part, made when first asked. */
  readonly without: (string | undefined)[];
}

/**
 * Each row's tests on every column but one, as text equal exactly when the
 * tests are (docs/optimizer.md#2-merge-rows). Grouping asks this of every
 * row that shares its outcome, for every column, in every pass, and rows
 * change only when they merge (a merged row is a new object), so each
 * row's tests are sorted and keyed once and each signature is made once:
 * sorting and keying them at every question was nearly all of merging on
 * tables with many columns.
 */
export class RowSignatures {
  /** Each distinct test's number, by column and canonical key (testKey). */
  private readonly ids = new Map<string, number>();
  private readonly rows = new WeakMap<Row, RowParts>();

  /** The signature of `row` without its test on column `key`. */
  without(row: Row, key: string): string {
    let parts = this.rows.get(row);
    if (parts === undefined) this.rows.set(row, (parts = this.partsOf(row)));
    const at = parts.keys.indexOf(key);
    if (at < 0) return parts.full;
    let signature = parts.without[at];
    if (signature === undefined) parts.without[at] = signature = parts.parts.filter((_, k) => k !== at).join("|");
    return signature;
  }

  private partsOf(row: Row): RowParts {
    const keys = Object.keys(row.tests).sort();
    const parts = keys.map((key) => {
      const test = `${key}=${testKey(row.tests[key] as UnaryTest)}`;
      let id = this.ids.get(test);
      if (id === undefined) this.ids.set(test, (id = this.ids.size));
      return `${key}=${id}`;
    });
    return { keys, parts, full: parts.join("|"), without: [] };
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
