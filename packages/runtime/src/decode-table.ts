/**
 * Reading an encoded decision table (docs/bundle-format.md, "Encoded
 * tables") back into its rows and index, the form the rest of the runtime
 * and the compiler's tools work with. Only the encoding's own structure is
 * checked here (integers where integers belong, every position inside its
 * array, operations and node kinds known, each row's tests in column
 * order); what the rows and nodes refer to (columns, outcomes, rows,
 * nodes, sources, cycles, the worst walk) is checked on the result by
 * load-bundle.ts and check-index.ts, exactly as for expanded tables.
 *
 * Invariant: never throws; a table with any structural problem gives null
 * and at least one problem.
 */
import type { IndexNode, Interval, Row, Scalar, UnaryTest } from "./bundle.js";
import { expectArray, field, isRecord, mismatch, type Problems, type Rec } from "./bundle-problems.js";
import { sourcePositions } from "./encode-table.js";
import { $convertNodes, $nodeEnd, $walkerRows, type LaidOutTable } from "./table-layout.js";
import type { WalkerTable } from "./walker.js";
import { appendIndex, appendKey } from "./value-path.js";

/** A decoded test: its column and unary test. */
export interface DecodedTest {
  readonly column: number;
  readonly test: UnaryTest;
}

/** The expanded form of an encoded table; `index` is null when it was not asked for. */
export interface DecodedTable {
  /** The table laid out (table-layout.ts): node numbers and absolute rows, what the checks and `decodeIndex` read. */
  readonly walker: LaidOutTable & Rec;
  /** The same table as the file holds it, which the walker reads (walker.ts). */
  readonly file: WalkerTable;
  readonly rows: Row[];
  readonly index: { root: number; nodes: IndexNode[] } | null;
  /** Each test of `tests`, decoded, by test number. */
  readonly tests: readonly DecodedTest[];
}

const INTEGER_ARRAYS = ["tests", "lists", "rows", "rowTests", "src", "nodes"] as const;
/** The arrays that hold differences (table-layout.ts), where any integer may appear; the others hold positions, or -1. */
const SIGNED_ARRAYS: ReadonlySet<string> = new Set(["rows", "src", "nodes"]);

function isScalar(value: unknown): value is Scalar {
  return typeof value === "string" || typeof value === "boolean" || (typeof value === "number" && Number.isFinite(value));
}

/**
 * Decodes `table`'s tests and rows and, when `withIndex` is true, its
 * index; without the index, the nodes' integers are checked only as
 * integers (check-encoded-index.ts checks them, or `decodeIndex` does).
 */
export function decodeTable(table: Rec, path: string, p: Problems, withIndex = true): DecodedTable | null {
  const before = p.count();
  const at = (key: string) => appendKey(path, key);
  const literals = field(table, "literals", path, p);
  if (expectArray(literals, at("literals"), p)) {
    literals.forEach((literal, i) => {
      if (!isScalar(literal)) mismatch(literal, appendIndex(at("literals"), i), "a string, a finite number or a boolean", p);
    });
  }
  const arrays: { [key in (typeof INTEGER_ARRAYS)[number]]?: number[] } = {};
  for (const key of INTEGER_ARRAYS) {
    const value = field(table, key, path, p);
    if (!expectArray(value, at(key), p)) continue;
    const least = SIGNED_ARRAYS.has(key) ? -Number.MAX_SAFE_INTEGER : -1;
    const bad = value.findIndex((item) => !Number.isSafeInteger(item) || (item as number) < least);
    if (bad >= 0) mismatch(value[bad], appendIndex(at(key), bad), least === -1 ? "an integer of at least -1" : "an integer", p);
    else arrays[key] = value as number[];
  }
  const root = field(table, "root", path, p);
  if (!Number.isSafeInteger(root) || (root as number) < 0) mismatch(root, at("root"), "a node number", p);
  const { tests, lists, rows: fileRows, rowTests, src: fileSrc, nodes: fileNodes } = arrays;
  if (p.count() > before || !Array.isArray(literals) || !tests || !lists || !fileRows || !rowTests || !fileSrc || !fileNodes) return null;

  const problem = (where: string, message: string): null => {
    p.add(where, message);
    return null;
  };
  const literal = (position: number): Scalar | undefined => (position >= 0 && position < literals.length ? (literals[position] as Scalar) : undefined);
  if (tests.length % 4 !== 0) return problem(at("tests"), "expected four integers per test");
  if (fileRows.length % 2 !== 0) return problem(at("rows"), "expected two integers (outcome difference, test count) per row");
  if (fileSrc.length !== (fileRows.length / 2) * 3) return problem(at("src"), "expected three integers (source, line difference, column) per row");
  // What every check below and in load-bundle.ts reads: the file's
  // differences turned into rows, lines and node numbers (the walker reads
  // the file's form, which says the same).
  const rows = $walkerRows(fileRows);
  const src = sourcePositions(fileSrc);
  const walker = { literals: literals as Scalar[], tests, lists, rows, rowTests, nodes: $convertNodes(fileNodes, true), root: root as number } as LaidOutTable & Rec;
  const file: WalkerTable = { literals: literals as Scalar[], tests, lists, rows: fileRows, rowTests, nodes: fileNodes, root: root as number };

  // Tests: each decoded into its column and unary test.
  const decoded: DecodedTest[] = [];
  for (let t = 0; t < tests.length / 4; t++) {
    const [op, column, a, b] = tests.slice(4 * t, 4 * t + 4) as [number, number, number, number];
    const where = appendIndex(at("tests"), 4 * t);
    const test = decodeTest(op, a, b, literal, lists);
    if (typeof test === "string") return problem(where, test);
    if (column < 0) return problem(where, "the test's column must be a column index");
    decoded.push({ column, test });
  }

  // A large table has tens of thousands of rows: each is read in place, without copying its integers first.
  const expandedRows: Row[] = [];
  const rowsPath = at("rows");
  for (let r = 0; r < rows.length / 3; r++) {
    const outcome = rows[3 * r] as number;
    const first = rows[3 * r + 1] as number;
    const count = rows[3 * r + 2] as number;
    // A problem is reported at the row's place in the file's `rows`, two integers per row.
    if (first < 0 || count < 0 || first + count > rowTests.length) return problem(appendIndex(rowsPath, 2 * r), "the row's tests lie outside `rowTests`");
    const rowTestsOf: { [column: string]: UnaryTest } = {};
    let previous = -1;
    for (let i = first; i < first + count; i++) {
      const id = rowTests[i] as number;
      const test = decoded[id];
      if (test === undefined) return problem(appendIndex(rowsPath, 2 * r), `the row refers to test ${id}, which does not exist`);
      if (test.column <= previous) return problem(appendIndex(rowsPath, 2 * r), "a row's tests must be on distinct columns, in increasing column order");
      previous = test.column;
      // A column index is a non-negative integer, so the key is an array index, never `__proto__`, and the plain assignment defines it.
      rowTestsOf[test.column] = test.test;
    }
    expandedRows.push({ outcome, tests: rowTestsOf, src: [src[3 * r] as number, src[3 * r + 1] as number, src[3 * r + 2] as number] });
  }

  if (!withIndex) return { walker, file, rows: expandedRows, index: null, tests: decoded };
  const index = decodeIndex(walker, decoded, path, p);
  return index === null ? null : { walker, file, rows: expandedRows, index, tests: decoded };
}

/**
 * The index of a table as the walker reads it (`DecodedTable.walker`, whose
 * arrays and tests `decodeTable` has read, `tests` its decoded tests), or
 * null with a problem at the node's position in `nodes`.
 */
export function decodeIndex(table: Rec, decoded: readonly DecodedTest[], path: string, p: Problems): { root: number; nodes: IndexNode[] } | null {
  const at = (key: string) => appendKey(path, key);
  const literals = table["literals"] as readonly Scalar[];
  const nodes = table["nodes"] as readonly number[];
  const root = table["root"] as number;
  const problem = (where: string, message: string): null => {
    p.add(where, message);
    return null;
  };
  const literal = (position: number): Scalar | undefined => (position >= 0 && position < literals.length ? (literals[position] as Scalar) : undefined);
  const expandedNodes: IndexNode[] = [];
  for (let at_ = 0; at_ < nodes.length; ) {
    const where = appendIndex(at("nodes"), at_);
    const kind = nodes[at_] as number;
    if (kind !== 0 && kind !== 1 && kind !== 2 && kind !== 3 && kind !== 4) {
      return problem(where, `unknown node kind ${kind}; expected 0 (rows), 1 (switch), 2 (split), 3 (test) or 4 (union)`);
    }
    // The count that sizes the node (table-layout.ts) must not be negative, and the node must fit.
    const count = kind === 1 ? nodes[at_ + 4] : kind === 2 ? nodes[at_ + 3] : kind === 3 ? 0 : nodes[at_ + 1];
    const end = $nodeEnd(nodes, at_);
    if (count === undefined || count < 0 || !(end <= nodes.length)) return problem(where, "the node runs past the end of `nodes`");
    const whole = nodes.slice(at_, end);
    let node: IndexNode;
    if (kind === 0) node = { rows: whole.slice(2) };
    else if (kind === 4) node = { union: whole.slice(2) };
    else if (kind === 1) {
      const cases: { [key: string]: number } = {};
      for (let i = 0; i < count; i++) {
        const value = literal(whole[5 + 2 * i] as number);
        if (typeof value !== "string" && typeof value !== "boolean") return problem(where, "a switch case must be a string or boolean literal");
        const key = String(value);
        if (Object.hasOwn(cases, key)) return problem(where, `the switch has the case ${JSON.stringify(key)} twice`);
        Object.defineProperty(cases, key, { value: whole[6 + 2 * i] as number, enumerable: true, writable: true, configurable: true });
      }
      node = { switch: whole[1] as number, cases, other: whole[3] as number, absent: whole[2] as number };
    } else if (kind === 2) {
      const bounds: number[] = [];
      for (let i = 0; i < count; i++) {
        const value = literal(whole[4 + i] as number);
        if (typeof value !== "number") return problem(where, "a split's bounds must be number literals");
        bounds.push(value);
      }
      node = { split: whole[1] as number, bounds, next: whole.slice(4 + count), absent: whole[2] as number };
    } else {
      const test = decoded[whole[1] as number];
      if (test === undefined) return problem(where, `the node refers to test ${whole[1]}, which does not exist`);
      node = { test: test.column, t: test.test, then: whole[2] as number, else: whole[3] as number };
    }
    expandedNodes.push(node);
    at_ = end;
  }
  return { root, nodes: expandedNodes };
}

/** The unary test of operation `op` with operands `a`, `b`, or what is wrong with them. */
function decodeTest(op: number, a: number, b: number, literal: (position: number) => Scalar | undefined, lists: readonly number[]): UnaryTest | string {
  const listed = (): Scalar[] | string => {
    if (a < 0 || b < 0 || a + b > lists.length) return "the test's literals lie outside `lists`";
    const values: Scalar[] = [];
    for (const position of lists.slice(a, a + b)) {
      const value = literal(position);
      if (value === undefined) return `the test refers to literal ${position}, which does not exist`;
      values.push(value);
    }
    return values;
  };
  const flag = (): boolean | string => (a === 0 || a === 1 ? a === 1 : "expected 0 or 1");
  switch (op) {
    case 0: {
      const value = flag();
      return typeof value === "string" ? value : { present: value };
    }
    case 1: {
      const value = literal(a);
      return value === undefined ? `the test refers to literal ${a}, which does not exist` : { eq: value };
    }
    case 2:
    case 3: {
      const values = listed();
      if (typeof values === "string") return values;
      return op === 2 ? { in: values } : { notIn: values };
    }
    case 4: {
      if (a < 0 || b < 0 || a + 3 * b > lists.length) return "the test's intervals lie outside `lists`";
      const range: Interval[] = [];
      for (let i = 0; i < b; i++) {
        const [low, high, flags] = lists.slice(a + 3 * i, a + 3 * i + 3) as [number, number, number];
        const bound = (position: number): number | null | string => {
          if (position === -1) return null;
          const value = literal(position);
          return typeof value === "number" ? value : "a range bound must be a number literal, or -1 for none";
        };
        const lo = bound(low);
        const hi = bound(high);
        if (typeof lo === "string") return lo;
        if (typeof hi === "string") return hi;
        if (flags < 0 || flags > 3) return "interval flags must be 0 to 3";
        range.push([lo, hi, (flags & 1) !== 0, (flags & 2) !== 0]);
      }
      return { range };
    }
    case 5: {
      const value = flag();
      return typeof value === "string" ? value : { bool: value };
    }
    case 6:
    case 7: {
      const value = literal(a);
      if (value === undefined) return `the test refers to literal ${a}, which does not exist`;
      return op === 6 ? { contains: value } : { notContains: value };
    }
    default:
      return `unknown test operation ${op}; expected 0 to 7`;
  }
}

/** Whether a decision record holds an encoded table rather than expanded rows and index. */
export function isEncoded(decision: unknown): decision is Rec & { table: unknown } {
  return isRecord(decision) && Object.hasOwn(decision, "table");
}
