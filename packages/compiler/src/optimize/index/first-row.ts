/**
 * The first row of a table that a point reaches, found through the table's
 * index (docs/optimizer.md#conformance-witnesses): a point gives each column
 * a value (a `Probe`, as the witness search does), the walk follows the
 * index's nodes with those values, and the leaves it arrives at hold every
 * row that matches up to the first (the index's invariant, dag.ts), so the
 * earliest of their rows whose tests all hold is the first row the point
 * reaches. The vectors check with it that a point found before merging
 * still reaches the row it stands for, at the cost of one walk instead of
 * a question about every earlier row.
 *
 * Node semantics are the runtime's (bundle.ts's `IndexNode`): a value of
 * the wrong type for its column is absent, an enum value must be a member.
 */
import { type Column, type DecisionIndex, type IndexNode, type Row, type UnaryTest } from "@scn/runtime";
import { ABSENT } from "../../semantics/context-value.js";
import { holds, type Probe } from "../../boxes/test-algebra.js";

/**
 * The first row before row `before` (default: any row) whose tests all
 * hold for `values` (one per column), or -1 when none does.
 */
export function firstRowAt(columns: readonly Column[], rows: readonly Row[], index: DecisionIndex, values: readonly Probe[], before: number = rows.length): number {
  const { earliest, kinds } = layoutOf(index);
  const tests = testsOfRows(rows);
  // Rows from `limit` on need not be looked at: one before them holds, or they are past `before`.
  let limit = before;
  const visit = (id: number): void => {
    if ((earliest[id] as number) >= limit) return;
    const node = index.nodes[id] as IndexNode;
    const kind = kinds[id];
    if (kind === LEAF) {
      // Each leaf lists its rows in table order: the first that holds is the leaf's answer.
      const leaf = (node as Extract<IndexNode, { rows: unknown }>).rows;
      for (let i = 0; i < leaf.length; i++) {
        const row = leaf[i] as number;
        if (row >= limit) return;
        if (testsHold(tests, rows, row, values)) {
          limit = row;
          return;
        }
      }
      return;
    }
    if (kind === UNION) {
      const parts = (node as Extract<IndexNode, { union: unknown }>).union;
      for (let i = 0; i < parts.length; i++) visit(parts[i] as number);
      return;
    }
    if (kind === TEST) {
      const test = node as Extract<IndexNode, { test: unknown }>;
      visit(holds(test.t, values[test.test] as Probe) ? test.then : test.else);
      return;
    }
    if (kind === SWITCH) {
      const dispatch = node as Extract<IndexNode, { switch: unknown }>;
      const value = typed(columns[dispatch.switch] as Column, values[dispatch.switch] as Probe);
      if (value === ABSENT) visit(dispatch.absent);
      else visit(Object.hasOwn(dispatch.cases, String(value)) ? (dispatch.cases[String(value)] as number) : dispatch.other);
      return;
    }
    const split = node as Extract<IndexNode, { split: unknown }>;
    const value = typed(columns[split.split] as Column, values[split.split] as Probe);
    if (value === ABSENT) {
      visit(split.absent);
      return;
    }
    visit(split.next[splitCell(split.bounds, value as number)] as number);
  };
  visit(index.root);
  return limit < before ? limit : -1;
}

/** Whether `values` reach row `target`: its tests hold and no earlier row's do. */
export function reachesRow(columns: readonly Column[], rows: readonly Row[], index: DecisionIndex, values: readonly Probe[], target: number): boolean {
  return testsHold(testsOfRows(rows), rows, target, values) && firstRowAt(columns, rows, index, values, target) < 0;
}

/** A row's tests as two lists, the column of each and the test on it: a row is tried once per point that reaches a leaf holding it. */
export interface RowTests {
  readonly columns: readonly number[];
  readonly tests: readonly UnaryTest[];
}

/**
 * Each row's tests as RowTests, made the first time the row is tried and
 * kept for as long as the rows array lives (the vectors walk each decision's
 * rows with a copy of their own, row-witness.ts). Reading a row's tests
 * through `for…in`, as rowHolds does, makes its keys anew on every try and
 * was most of the walk's allocation at 1,000 scenarios (docs/optimizer.md,
 * "Conformance witnesses").
 */
const rowTestsOf = new WeakMap<readonly Row[], (RowTests | undefined)[]>();

function testsOfRows(rows: readonly Row[]): (RowTests | undefined)[] {
  let tests = rowTestsOf.get(rows);
  if (tests === undefined) rowTestsOf.set(rows, (tests = new Array<RowTests | undefined>(rows.length)));
  return tests;
}

/** Row `r`'s tests (of `rows`) as RowTests, kept as above: the vectors read them again to probe the row's bounds. */
export function testsOfRow(rows: readonly Row[], r: number): RowTests {
  return rowTestsAt(testsOfRows(rows), rows, r);
}

function rowTestsAt(all: (RowTests | undefined)[], rows: readonly Row[], r: number): RowTests {
  let own = all[r];
  if (own === undefined) {
    // Lists of their final size: a list grown by push holds room for more.
    const row = rows[r] as Row;
    const keys = Object.keys(row.tests);
    const columns = new Array<number>(keys.length);
    const tests = new Array<UnaryTest>(keys.length);
    for (let k = 0; k < keys.length; k++) {
      columns[k] = Number(keys[k]);
      tests[k] = row.tests[keys[k] as string] as UnaryTest;
    }
    all[r] = own = { columns, tests };
  }
  return own;
}

/** rowHolds of row `r`, through its RowTests. */
function testsHold(all: (RowTests | undefined)[], rows: readonly Row[], r: number, values: readonly Probe[]): boolean {
  const { columns, tests } = rowTestsAt(all, rows, r);
  for (let i = 0; i < columns.length; i++) if (!holds(tests[i] as UnaryTest, values[columns[i] as number] as Probe)) return false;
  return true;
}

/** A node's kind, by which the walk tells its nodes apart (see layoutOf). */
const LEAF = 0;
const UNION = 1;
const TEST = 2;
const SWITCH = 3;
const SPLIT = 4;

/**
 * Per index, worked out once: each node's earliest row below it (children
 * come before their parents), and its kind, so that the walk asks one
 * number which node it is at rather than asking the node, by name, whether
 * it has each kind's key in turn (nodes of five shapes, where each such
 * question was most of a step's time).
 */
const layouts = new WeakMap<DecisionIndex, { readonly earliest: Int32Array; readonly kinds: Uint8Array }>();

function layoutOf(index: DecisionIndex): { readonly earliest: Int32Array; readonly kinds: Uint8Array } {
  let layout = layouts.get(index);
  if (layout !== undefined) return layout;
  const earliest = new Int32Array(index.nodes.length);
  const kinds = new Uint8Array(index.nodes.length);
  const nodes = index.nodes;
  // Each kind's children are read where they lie rather than listed by
  // childrenOf, which made a list per node (181,000 of them at 10,000
  // `wide` scenarios): a loop rather than Math.min(...children), since a
  // switch over many categories or a wide union has more children than a
  // call may take arguments.
  const least = (children: readonly number[], from: number): number => {
    for (let i = 0; i < children.length; i++) {
      const child = earliest[children[i] as number] as number;
      if (child < from) from = child;
    }
    return from;
  };
  for (let id = 0; id < nodes.length; id++) {
    const node = nodes[id] as IndexNode;
    if ("rows" in node) {
      kinds[id] = LEAF;
      earliest[id] = node.rows[0] ?? 0x7fffffff;
    } else if ("union" in node) {
      kinds[id] = UNION;
      earliest[id] = least(node.union, 0x7fffffff);
    } else if ("test" in node) {
      kinds[id] = TEST;
      earliest[id] = Math.min(earliest[node.then] as number, earliest[node.else] as number);
    } else if ("switch" in node) {
      kinds[id] = SWITCH;
      let first = Math.min(earliest[node.other] as number, earliest[node.absent] as number);
      for (const key in node.cases) first = Math.min(first, earliest[node.cases[key] as number] as number);
      earliest[id] = first;
    } else {
      kinds[id] = SPLIT;
      earliest[id] = least(node.next, earliest[node.absent] as number);
    }
  }
  layouts.set(index, (layout = { earliest, kinds }));
  return layout;
}

/** Whether every test of `row` holds for `values`. */
export function rowHolds(row: Row, values: readonly Probe[]): boolean {
  for (const key in row.tests) if (!holds(row.tests[key]!, values[Number(key)] as Probe)) return false;
  return true;
}

/**
 * An enum column's members as a set, made once per column: a switch on a
 * column of many members (the 1,250 categories of the benchmark's `wide`
 * program) asked `includes` of the whole list at every visit.
 */
const members = new WeakMap<Column, ReadonlySet<string>>();

function membersOf(column: Column): ReadonlySet<string> {
  let known = members.get(column);
  if (known === undefined) members.set(column, (known = new Set(column.values ?? [])));
  return known;
}

/** The value as the runtime reads it for a dispatch on `column`: absent when absent or of the wrong type. */
function typed(column: Column, value: Probe): Probe {
  if (value === ABSENT) return ABSENT;
  switch (column.type) {
    case "bool":
      return typeof value === "boolean" ? value : ABSENT;
    case "int":
      return Number.isSafeInteger(value) ? value : ABSENT;
    case "number":
      return typeof value === "number" && Number.isFinite(value) ? value : ABSENT;
    case "string":
      return typeof value === "string" ? value : ABSENT;
    case "enum":
      return typeof value === "string" && membersOf(column).has(value) ? value : ABSENT;
    default:
      return ABSENT;
  }
}

/** The position in a split's `next` of `value`: `2i` just below `bounds[i]`, `2i + 1` at it, `2k` above the last. */
function splitCell(bounds: readonly number[], value: number): number {
  let low = 0;
  let high = bounds.length;
  // The first bound at least `value`.
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((bounds[middle] as number) < value) low = middle + 1;
    else high = middle;
  }
  return low < bounds.length && bounds[low] === value ? 2 * low + 1 : 2 * low;
}
