/**
 * Encoding a decision table's rows and index into the flat integer arrays
 * that the walker (walker.ts) evaluates, and decoding one test back into
 * its unary-test form for explanations. docs/bundle-format.md ("Encoded
 * tables") describes the encoding.
 *
 * Invariant: `encodeTable` is deterministic (the same table gives the same
 * arrays), and evaluating the encoding answers every context exactly as
 * scanning the table's rows does; identical tests and literals are stored
 * once.
 */
import type { Bundle, BundleDocument, DecisionDocument, DecisionTable, EncodedTable, IndexNode, Interval, Scalar, ScenarioMeta, ScenarioTuple, UnaryTest } from "./bundle.js";
import { outcomeTuples, scenarioTuple } from "./document-records.js";
import { $convertNodes, $nodeEnd, type LaidOutTable } from "./table-layout.js";
import type { WalkerTable } from "./walker.js";

/** A table as the compiler builds it: first-hit rows and the index DAG over them. */
export interface TableModel {
  readonly columns: readonly { readonly type: string }[];
  readonly rows: readonly { readonly outcome: number; readonly tests: { readonly [column: string]: UnaryTest } }[];
  readonly index: { readonly root: number; readonly nodes: readonly IndexNode[] };
}

/** Test operation codes, in the order of docs/bundle-format.md. */
export const TEST_OPS = ["present", "eq", "in", "notIn", "range", "bool", "contains", "notContains"] as const;
/** Node kind codes. */
export const NODE_KINDS = ["rows", "switch", "split", "test", "union"] as const;

class Pool {
  readonly literals: Scalar[] = [];
  private readonly positions = new Map<string, number>();

  add(value: Scalar): number {
    // The type joins the key so that `1`, `"1"` and `true` stay distinct.
    const key = `${typeof value}:${String(value)}`;
    let position = this.positions.get(key);
    if (position === undefined) {
      position = this.literals.length;
      this.literals.push(Object.is(value, -0) ? 0 : value);
      this.positions.set(key, position);
    }
    return position;
  }
}

/** `table`'s rows and index laid out with node numbers and absolute rows (table-layout.ts); `fileTable` gives the file's form, which the walker reads. */
export function encodeTable(table: TableModel): LaidOutTable & { literals: Scalar[] } {
  const pool = new Pool();
  const tests: number[] = [];
  const lists: number[] = [];
  const testIds = new Map<string, number>();
  // The compiler's lowering makes a cell's tests once and the rows made from
  // it share those objects, so most lookups are answered by the object
  // itself, per column, before its text is worked out; equal tests that are
  // different objects still meet in `testIds`, so the ids are what the text
  // alone gives.
  const idsByObject: Map<UnaryTest, number>[] = [];
  const testId = (column: number, test: UnaryTest): number => {
    const byObject = (idsByObject[column] ??= new Map());
    const known = byObject.get(test);
    if (known !== undefined) return known;
    const key = `${column} ${JSON.stringify(test)}`;
    let id = testIds.get(key);
    if (id === undefined) {
      id = tests.length >> 2;
      testIds.set(key, id);
      tests.push(...encodeTest(column, test, pool, lists));
    }
    byObject.set(test, id);
    return id;
  };
  const rows: number[] = [];
  const rowTests: number[] = [];
  // Indexed loops: this runs once per build, mostly before V8 optimizes
  // it, where every step of a `for…of` made an iterator result.
  const tableRows = table.rows;
  for (let r = 0; r < tableRows.length; r++) {
    const row = tableRows[r] as TableModel["rows"][number];
    const keys = Object.keys(row.tests);
    // A row's keys are column numbers, which an object lists in ascending
    // order already (array-index keys come first, ascending): they are
    // sorted only when some key is not such a number. Sorting a list per
    // row, through a comparator, was a sixth of encoding a 10,000-scenario
    // table and most of what it allocated.
    let ordered = true;
    for (let k = 1; k < keys.length && ordered; k++) ordered = Number(keys[k - 1]) <= Number(keys[k]);
    const columns = ordered ? keys : keys.sort((a, b) => Number(a) - Number(b));
    rows.push(row.outcome, rowTests.length, columns.length);
    for (let k = 0; k < columns.length; k++) {
      const column = Number(columns[k]);
      rowTests.push(testId(column, row.tests[String(column)] as UnaryTest));
    }
  }
  const nodes: number[] = [];
  // Each node's lists are appended element by element: spreading them into
  // push made an argument list per node (a fifth of the encoding's time).
  const append = (list: readonly number[]): void => {
    for (let i = 0; i < list.length; i++) nodes.push(list[i] as number);
  };
  const indexNodes = table.index.nodes;
  for (let n = 0; n < indexNodes.length; n++) {
    const node = indexNodes[n] as IndexNode;
    if ("rows" in node) {
      nodes.push(0, node.rows.length);
      append(node.rows);
    } else if ("switch" in node) {
      const keys = inCodeUnitOrder(Object.keys(node.cases));
      nodes.push(1, node.switch, node.absent, node.other, keys.length);
      const type = table.columns[node.switch]?.type;
      for (let k = 0; k < keys.length; k++) {
        const key = keys[k] as string;
        nodes.push(pool.add(caseLiteral(type, key)), node.cases[key] as number);
      }
    } else if ("split" in node) {
      nodes.push(2, node.split, node.absent, node.bounds.length);
      for (let i = 0; i < node.bounds.length; i++) nodes.push(pool.add(node.bounds[i] as number));
      append(node.next);
    } else if ("test" in node) nodes.push(3, testId(node.test, node.t), node.then, node.else);
    else {
      nodes.push(4, node.union.length);
      append(node.union);
    }
  }
  return { literals: pool.literals, tests, lists, rows, rowTests, nodes, root: table.index.root };
}

/**
 * `keys` sorted by UTF-16 code units, as `sort()` sorts them: in place,
 * and only when they are not in that order already, which they usually
 * are (the index builder adds a switch's cases in order), so most
 * switches of a large table sort nothing.
 */
function inCodeUnitOrder(keys: string[]): string[] {
  for (let k = 1; k < keys.length; k++) if ((keys[k - 1] as string) > (keys[k] as string)) return keys.sort();
  return keys;
}

/**
 * Whether the walker may evaluate `table`, an encoded table that passed the
 * bundle checks, as it is: true when encoding its decoded rows and index
 * again would give the same switch cases. The one thing decoding forgets
 * is a case literal's type (cases are keyed by their string), which
 * encoding restores from the column's type; a case literal of another type
 * (the string "true" on a `bool` column) would match differently, so such a
 * table is encoded again. Every other part of an encoding means exactly
 * what its decoded form says (decode-table.ts reads it the way the walker
 * does), whatever order or duplicates it holds.
 */
export function walkableAsIs(table: WalkerTable | LaidOutTable, columns: readonly { readonly type: string }[]): boolean {
  const nodes = table.nodes;
  for (let at = 0; at < nodes.length; ) {
    const kind = nodes[at] as number;
    if (kind === 1) {
      const type = columns[nodes[at + 1] as number]?.type;
      const cases = nodes[at + 4] as number;
      for (let i = 0; i < cases; i++) {
        const literal = table.literals[nodes[at + 5 + 2 * i] as number] as Scalar;
        if (caseLiteral(type, String(literal)) !== literal) return false;
      }
    }
    at = $nodeEnd(nodes, at);
  }
  return true;
}

/** A switch case key as the value it matches: a boolean on a `bool` column, a number on a numeric one, else the string. */
function caseLiteral(type: string | undefined, key: string): Scalar {
  if (type === "bool") return key === "true";
  if (type === "int" || type === "number") return Number(key);
  return key;
}

function encodeTest(column: number, test: UnaryTest, pool: Pool, lists: number[]): [number, number, number, number] {
  if ("present" in test) return [0, column, test.present ? 1 : 0, 0];
  if ("eq" in test) return [1, column, pool.add(test.eq), 0];
  if ("in" in test || "notIn" in test) {
    const values = "in" in test ? test.in : test.notIn;
    const first = lists.length;
    for (const value of values) lists.push(pool.add(value));
    return ["in" in test ? 2 : 3, column, first, values.length];
  }
  if ("range" in test) {
    const first = lists.length;
    for (const [low, high, lowInclusive, highInclusive] of test.range) {
      lists.push(low === null ? -1 : pool.add(low), high === null ? -1 : pool.add(high), (lowInclusive ? 1 : 0) | (highInclusive ? 2 : 0));
    }
    return [4, column, first, test.range.length];
  }
  if ("bool" in test) return [5, column, test.bool ? 1 : 0, 0];
  if ("contains" in test) return [6, column, pool.add(test.contains), 0];
  return [7, column, pool.add(test.notContains), 0];
}

/** Test `t` of an encoded table as its column and unary test. */
export function decodeTest(table: WalkerTable | LaidOutTable, t: number): { column: number; test: UnaryTest } {
  const at = 4 * t;
  const op = table.tests[at] as number;
  const column = table.tests[at + 1] as number;
  const a = table.tests[at + 2] as number;
  const b = table.tests[at + 3] as number;
  const literal = (position: number) => table.literals[position] as Scalar;
  const listed = () => table.lists.slice(a, a + b).map(literal);
  switch (op) {
    case 0:
      return { column, test: { present: a === 1 } };
    case 1:
      return { column, test: { eq: literal(a) } };
    case 2:
      return { column, test: { in: listed() } };
    case 3:
      return { column, test: { notIn: listed() } };
    case 4: {
      const range: Interval[] = [];
      for (let i = 0; i < b; i++) {
        const low = table.lists[a + 3 * i] as number;
        const high = table.lists[a + 3 * i + 1] as number;
        const flags = table.lists[a + 3 * i + 2] as number;
        range.push([low < 0 ? null : (literal(low) as number), high < 0 ? null : (literal(high) as number), (flags & 1) !== 0, (flags & 2) !== 0]);
      }
      return { column, test: { range } };
    }
    case 5:
      return { column, test: { bool: a === 1 } };
    case 6:
      return { column, test: { contains: literal(a) } };
    default:
      return { column, test: { notContains: literal(a) } };
  }
}

/** Where each node of an encoded index starts in `nodes` (node i at `starts[i]`). */
export function nodeStarts(nodes: readonly number[]): number[] {
  const starts: number[] = [];
  for (let at = 0; at < nodes.length; at = $nodeEnd(nodes, at)) starts.push(at);
  return starts;
}

/**
 * The key each slot of the walker reads, by slot number: every distinct
 * prefix of the column paths and then of the consent gate paths, in order
 * of first appearance, numbered as walker.ts numbers them (the JS module's
 * step functions read these keys with constant names).
 */
export function slotKeys(columnPaths: readonly string[], gatePaths: readonly string[]): string[] {
  const seen = new Set<string>();
  const keys: string[] = [];
  for (const path of [...columnPaths, ...gatePaths]) {
    const steps = path.split(".");
    for (let depth = 0; depth < steps.length; depth++) {
      const prefix = JSON.stringify(steps.slice(0, depth + 1));
      if (seen.has(prefix)) continue;
      seen.add(prefix);
      keys.push(steps[depth] as string);
    }
  }
  return keys;
}

/** A table's rows and index encoded as the file holds them, with the rows' source positions. */
export function encodeDecision(table: DecisionTable): EncodedTable {
  // Filled in place rather than by flatMap, which at 10,000 scenarios (some
  // 50,000 rows) was the assembly's hottest line: it makes an array per row
  // and grows the result as it goes (docs/benchmarks.md, "Session 2026-12-05
  // morning").
  const rows = table.rows;
  const src = new Array<number>(3 * rows.length);
  for (let r = 0; r < rows.length; r++) {
    const own = (rows[r] as DecisionTable["rows"][number]).src;
    src[3 * r] = own[0];
    src[3 * r + 1] = own[1];
    src[3 * r + 2] = own[2];
  }
  return fileTable(encodeTable(table), src);
}

/**
 * The file's form (table-layout.ts) of a table as the walker reads it, whose
 * rows' tests follow each other in `rowTests` (as encodeTable lays them
 * out), with `src`, three integers per row, as source, line and column.
 */
export function fileTable(table: LaidOutTable & { literals: Scalar[] }, src: readonly number[]): EncodedTable {
  const rows: number[] = [];
  for (let at = 0, outcome = 0, first = 0; at < table.rows.length; at += 3) {
    if (table.rows[at + 1] !== first) throw new Error(`internal: row ${at / 3}'s tests do not follow the rows before it`);
    rows.push((table.rows[at] as number) - outcome, table.rows[at + 2] as number);
    outcome = table.rows[at] as number;
    first += table.rows[at + 2] as number;
  }
  const { literals, tests, lists, rowTests, root } = table;
  return { literals, tests: [...tests], lists: [...lists], rows, rowTests: [...rowTests], src: fileSources(src), nodes: $convertNodes(table.nodes, false), root };
}

/**
 * Source positions as the file holds them: each row's line as its
 * difference from the previous row's line (rows of one scenario sit a few
 * lines apart, where absolute lines of a large program take six digits).
 */
export function fileSources(src: readonly number[]): number[] {
  const out = src.slice();
  for (let at = out.length - 3 + 1; at > 3; at -= 3) out[at] = (out[at] as number) - (out[at - 3] as number);
  return out;
}

/** The rows' source, line and column for `src` as the file holds it (`fileSources`). */
export function sourcePositions(src: readonly number[]): number[] {
  const out = src.slice();
  for (let at = 4; at < out.length; at += 3) out[at] = (out[at] as number) + (out[at - 3] as number);
  return out;
}

/**
 * The bundle as its file holds it: every decision's rows and index replaced
 * by their encoding, its outcomes and every scenario's metadata by tuples
 * (document-records.ts).
 */
export function bundleDocument<B extends Omit<Bundle, "hash">>(bundle: B): Omit<BundleDocument, "hash"> & Omit<B, "decisions" | "scenarios"> {
  const decisions: { [name: string]: DecisionDocument } = {};
  for (const name of Object.keys(bundle.decisions)) {
    const table = bundle.decisions[name] as DecisionTable;
    const { rows: _rows, index: _index, outcomes, ...rest } = table;
    // defineProperty, so that a decision called `__proto__` stays a key.
    Object.defineProperty(decisions, name, {
      value: { ...rest, ...outcomeTuples(outcomes), table: encodeDecision(table) },
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  const scenarios: { [name: string]: ScenarioTuple } = {};
  for (const name of Object.keys(bundle.scenarios)) {
    Object.defineProperty(scenarios, name, { value: scenarioTuple(bundle.scenarios[name] as ScenarioMeta), enumerable: true, writable: true, configurable: true });
  }
  return { ...bundle, decisions, scenarios };
}

export { ruleOf } from "./document-records.js";
