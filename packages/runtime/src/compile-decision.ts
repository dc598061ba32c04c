/**
 * Load-time preparation of one decision table for fast evaluation: column
 * paths split once, unary tests compiled to predicates, `switch` cases turned
 * into Maps, outputs and metric lists frozen and shared by every answer.
 *
 * Invariant: the input has passed `checkBundle`, so every reference (column,
 * outcome, row, node) resolves and the index has no cycles; nothing here
 * re-checks it, and nothing built here is mutated after it is returned
 * except the column cache that `decideOne` reuses between calls.
 */
import type { DecisionTable, JsonValue, Row, UnaryTest } from "./bundle.js";
import { pathReader, splitPath } from "./context-path.js";
import { ColumnValues } from "./column-values.js";
import { columnKind, compileTest, presenceOf, type ColumnKind, type Predicate } from "./unary-test.js";

export interface CompiledColumn {
  readonly index: number;
  /** Dot-joined, as in the bundle. */
  readonly path: string;
  readonly keys: readonly string[];
  /** Reads the column's raw value out of a context (context-path.ts). */
  readonly read: (context: unknown) => unknown;
  readonly kind: ColumnKind;
  /** Present, not null, and of the column's type. */
  readonly present: Predicate;
}

export interface CompiledTest {
  readonly column: CompiledColumn;
  readonly test: UnaryTest;
  readonly holds: Predicate;
}

export type JsonObject = { readonly [key: string]: JsonValue };

export interface CompiledOutcome {
  readonly rule: string;
  readonly scenario: string;
  readonly pathway: string;
  readonly variation: string | null;
  /** Frozen, shared by every answer. */
  readonly output: JsonObject;
  readonly metrics: readonly string[];
}

export interface CompiledRow {
  readonly index: number;
  readonly outcome: CompiledOutcome;
  /** In column order, so "the first failing test" is well defined. */
  readonly tests: readonly CompiledTest[];
  readonly src: Row["src"];
}

export type CompiledNode =
  | {
      readonly kind: "switch";
      readonly column: CompiledColumn;
      /** The case key of a value, or null when the value counts as absent. */
      readonly keyOf: (value: unknown) => string | null;
      readonly cases: ReadonlyMap<string, number>;
      readonly other: number;
      readonly absent: number;
    }
  | {
      readonly kind: "split";
      readonly column: CompiledColumn;
      readonly bounds: readonly number[];
      readonly next: readonly number[];
      readonly absent: number;
    }
  | { readonly kind: "test"; readonly test: CompiledTest; readonly then: number; readonly else: number }
  | { readonly kind: "rows"; readonly rows: readonly CompiledRow[] }
  | { readonly kind: "seq"; readonly parts: readonly number[] };

export interface CompiledDecision {
  readonly name: string;
  readonly columns: readonly CompiledColumn[];
  readonly rows: readonly CompiledRow[];
  readonly nodes: readonly CompiledNode[];
  readonly root: number;
  /** Frozen, or null when the decision has no default. */
  readonly fallback: JsonObject | null;
  /** The split paths of the columns, then of the bundle's consent gates: the slots of `values`. */
  readonly paths: readonly (readonly string[])[];
  /** The per-call column cache of `decideOne` (decide.ts): the one mutable part. */
  readonly values: ColumnValues;
}

/** Freezes a JSON value in place, all the way down (its depth is bounded by checkBundle). */
export function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * Prepares `table`; `gatePaths` are the bundle's consent gate paths, cached
 * after the columns so that an answer's consent record reads them through
 * the same per-call cache.
 */
export function compileDecision(name: string, table: DecisionTable, gatePaths: readonly string[]): CompiledDecision {
  const columns = table.columns.map((column, index): CompiledColumn => {
    const kind = columnKind(column);
    const keys = splitPath(column.path);
    return { index, path: column.path, keys, read: pathReader(keys), kind, present: presenceOf(kind) };
  });
  const outcomes = table.outcomes.map((outcome): CompiledOutcome => ({
    rule: outcome.rule,
    scenario: outcome.scenario,
    pathway: outcome.pathway,
    variation: outcome.variation,
    output: deepFreeze(outcome.output),
    metrics: Object.freeze(outcome.metrics),
  }));
  // Rows of one table repeat the same tests (every row of a scenario tests its
  // situation), so identical tests share one compiled test: less to build and
  // fewer distinct objects for each decision to touch.
  const compiledTests = new Map<string, CompiledTest>();
  const testOn = (columnIndex: number, test: UnaryTest): CompiledTest => {
    const key = `${columnIndex} ${JSON.stringify(test)}`;
    let compiled = compiledTests.get(key);
    if (compiled === undefined) {
      const column = columns[columnIndex] as CompiledColumn;
      compiled = { column, test, holds: compileTest(column.kind, test, column.present) };
      compiledTests.set(key, compiled);
    }
    return compiled;
  };
  const switchKeys = new Map<CompiledColumn, (value: unknown) => string | null>();
  const keyOf = (column: CompiledColumn) => {
    let compiled = switchKeys.get(column);
    if (compiled === undefined) {
      compiled = switchKey(column);
      switchKeys.set(column, compiled);
    }
    return compiled;
  };
  const rows = table.rows.map((row, index): CompiledRow => ({
    index,
    outcome: outcomes[row.outcome] as CompiledOutcome,
    tests: Object.keys(row.tests)
      .map(Number)
      .sort((a, b) => a - b)
      .map((columnIndex) => testOn(columnIndex, row.tests[String(columnIndex)] as UnaryTest)),
    src: row.src,
  }));
  const nodes = table.index.nodes.map((node): CompiledNode => {
    if ("rows" in node) return { kind: "rows", rows: node.rows.map((row) => rows[row] as CompiledRow) };
    if ("seq" in node) return { kind: "seq", parts: node.seq };
    if ("test" in node) return { kind: "test", test: testOn(node.test, node.t), then: node.then, else: node.else };
    if ("split" in node) {
      const column = columns[node.split] as CompiledColumn;
      return { kind: "split", column, bounds: node.bounds, next: node.next, absent: node.absent };
    }
    const column = columns[node.switch] as CompiledColumn;
    return {
      kind: "switch",
      column,
      keyOf: keyOf(column),
      cases: new Map(Object.entries(node.cases)),
      other: node.other,
      absent: node.absent,
    };
  });
  const paths = [...columns.map((column) => column.keys), ...gatePaths.map(splitPath)];
  return {
    name,
    columns,
    rows,
    nodes,
    root: table.index.root,
    fallback: table.default === null ? null : deepFreeze(table.default),
    paths,
    values: new ColumnValues(paths),
  };
}

/**
 * How a `switch` turns a value into a case key: the string itself, `"true"`
 * / `"false"` for booleans, the number's JSON spelling for numbers.
 */
function switchKey(column: CompiledColumn): (value: unknown) => string | null {
  const present = column.present;
  switch (column.kind.type) {
    case "string":
    case "enum":
      return (value) => (present(value) ? (value as string) : null);
    case "bool":
      return (value) => (value === true ? "true" : value === false ? "false" : null);
    default:
      return (value) => (present(value) ? String(value) : null);
  }
}
