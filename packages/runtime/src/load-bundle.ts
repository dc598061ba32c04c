/**
 * Structural validation of a `scn.bundle/1` document, written by hand because
 * the runtime has no dependencies. It checks every field against the types in
 * bundle.ts and cross-checks what types cannot say: row and index references
 * in range, tests that suit their column's type, `split` bounds sorted, the
 * index free of cycles, the context schema inside the supported subset.
 *
 * Invariants:
 * - Never throws, whatever the input (garbage, cycles, 100,000-level
 *   nesting): every defect becomes a `path: message` line.
 * - When it reports no problems, the value really is a `Bundle` whose every
 *   reference resolves, so the compiled runtime needs no further checks, and
 *   every JSON value in it is nested at most MAX_JSON_DEPTH levels, so later
 *   recursive walks cannot exhaust the stack.
 */
import { BUNDLE_FORMAT, type Bundle, type ColumnType } from "./bundle.js";
import { readContextSchema } from "./context-schema.js";
import { describeValue } from "./describe-value.js";
import { appendIndex, appendKey } from "./value-path.js";

/** Problems listed before the rest are only counted. */
const MAX_PROBLEMS = 200;
export const MAX_JSON_DEPTH = 256;

const COLUMN_TYPES: ReadonlySet<string> = new Set<ColumnType>(["bool", "int", "number", "string", "enum", "list"]);
const TEST_KEYS: ReadonlySet<string> = new Set(["eq", "in", "notIn", "range", "bool", "contains", "notContains", "present"]);
const NODE_KINDS = ["switch", "split", "test", "rows"] as const;
const HASH = /^sha256:[0-9a-f]{64}$/;
const INDEX_KEY = /^(0|[1-9][0-9]*)$/;

type Rec = Record<string, unknown>;

/** Collects `path: message` lines, up to MAX_PROBLEMS of them. */
class Problems {
  readonly lines: string[] = [];
  private unlisted = 0;

  add(path: string, message: string): void {
    if (this.lines.length < MAX_PROBLEMS) this.lines.push(`${path === "" ? "(bundle)" : path}: ${message}`);
    else this.unlisted++;
  }

  addLine(line: string): void {
    if (this.lines.length < MAX_PROBLEMS) this.lines.push(line);
    else this.unlisted++;
  }

  done(): string[] {
    return this.unlisted === 0 ? this.lines : [...this.lines, `… and ${this.unlisted} more problems`];
  }
}

export interface BundleReadResult {
  /** The bundle, when `problems` is empty; null otherwise. */
  readonly value: Bundle | null;
  readonly problems: readonly string[];
}

/**
 * Reads a bundle given as JSON text or as a value. A value is read the way
 * `JSON.stringify` sees it (a fresh copy, so the runtime owns what it keeps
 * and may freeze it).
 */
export function readBundle(input: unknown): BundleReadResult {
  let data: unknown;
  try {
    data = JSON.parse(typeof input === "string" ? input : (JSON.stringify(input) ?? "null"));
  } catch (error) {
    const reason = error instanceof Error ? error.message : describeValue(error);
    const what =
      typeof input === "string"
        ? "the text is not valid JSON"
        : "the value cannot be read as JSON (cyclic, too deeply nested, or not serializable)";
    return { value: null, problems: [`(bundle): ${what}: ${reason}`] };
  }
  const problems = checkBundle(data);
  return problems.length === 0 ? { value: data as Bundle, problems } : { value: null, problems };
}

/** Every structural problem of `data` as a bundle; empty when it is one. */
export function checkBundle(data: unknown): string[] {
  const p = new Problems();
  if (!isRecord(data)) {
    p.add("", `expected a bundle object, got ${describeValue(data)}`);
    return p.done();
  }
  if (data.format !== BUNDLE_FORMAT) {
    const hint = typeof data.format === "string" && data.format.startsWith("scn.bundle/") ? "; this runtime reads only that version" : "";
    p.add("format", `expected \`${BUNDLE_FORMAT}\`, got ${describeValue(data.format)}${hint}`);
    return p.done();
  }
  expectString(field(data, "compiler", "", p), "compiler", p);
  const hash = field(data, "hash", "", p);
  if (hash !== undefined && (typeof hash !== "string" || !HASH.test(hash)))
    p.add("hash", `expected \`sha256:\` and 64 lowercase hex digits, got ${describeValue(hash)}`);
  const sources = field(data, "sources", "", p);
  // When `sources` itself is broken, row positions are not checked against it (one problem, not one per row).
  const sourceCount = expectStringList(sources, "sources", p) ? (sources as string[]).length : null;
  const context = field(data, "context", "", p);
  if (isRecord(context)) {
    for (const line of readContextSchema(context, "context").problems) p.addLine(line);
    if (nestingExceeds(context, MAX_JSON_DEPTH)) p.add("context", `nested deeper than ${MAX_JSON_DEPTH} levels`);
  } else if (context !== undefined) {
    p.add("context", `expected a JSON Schema object, got ${describeValue(context)}`);
  }
  checkConsent(field(data, "consent", "", p), p);
  const metrics = field(data, "metrics", "", p);
  const metricNames = new Set<string>();
  if (expectRecord(metrics, "metrics", p)) {
    for (const name of Object.keys(metrics)) {
      metricNames.add(name);
      checkMetric(metrics[name], appendKey("metrics", name), p);
    }
  }
  const decisions = field(data, "decisions", "", p);
  const decisionNames = new Set(isRecord(decisions) ? Object.keys(decisions) : []);
  const scenarios = field(data, "scenarios", "", p);
  const scenarioNames = new Set<string>();
  if (expectRecord(scenarios, "scenarios", p)) {
    for (const name of Object.keys(scenarios)) {
      scenarioNames.add(name);
      checkScenario(scenarios[name], appendKey("scenarios", name), decisionNames, metricNames, p);
    }
  }
  if (expectRecord(decisions, "decisions", p)) {
    const names = { sourceCount, scenarios: scenarioNames, metrics: metricNames };
    for (const name of Object.keys(decisions)) checkDecision(decisions[name], appendKey("decisions", name), names, p);
  }
  return p.done();
}

function isRecord(value: unknown): value is Rec {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** An own field of `record`; reports it when missing. */
function field(record: Rec, key: string, path: string, p: Problems): unknown {
  if (Object.hasOwn(record, key)) return record[key];
  p.add(path, `missing field \`${key}\``);
  return undefined;
}

/** Type mismatches on missing fields are already reported by `field`. */
function mismatch(value: unknown, path: string, expected: string, p: Problems): void {
  if (value !== undefined) p.add(path, `expected ${expected}, got ${describeValue(value)}`);
}

function expectRecord(value: unknown, path: string, p: Problems): value is Rec {
  if (isRecord(value)) return true;
  mismatch(value, path, "an object", p);
  return false;
}

function expectArray(value: unknown, path: string, p: Problems): value is unknown[] {
  if (Array.isArray(value)) return true;
  mismatch(value, path, "a list", p);
  return false;
}

function expectString(value: unknown, path: string, p: Problems): value is string {
  if (typeof value === "string") return true;
  mismatch(value, path, "a string", p);
  return false;
}

function expectNullableString(value: unknown, path: string, p: Problems): void {
  if (value !== null) expectString(value, path, p);
}

function expectBoolean(value: unknown, path: string, p: Problems): void {
  if (typeof value !== "boolean") mismatch(value, path, "true or false", p);
}

function expectNumber(value: unknown, path: string, p: Problems): void {
  if (typeof value !== "number") mismatch(value, path, "a number", p);
}

function expectOneOf(value: unknown, choices: readonly (string | null)[], path: string, p: Problems): void {
  if (!choices.includes(value as string | null)) {
    mismatch(value, path, `one of ${choices.map((choice) => `\`${String(choice)}\``).join(", ")}`, p);
  }
}

function expectStringList(value: unknown, path: string, p: Problems): boolean {
  if (!expectArray(value, path, p)) return false;
  let ok = true;
  value.forEach((item, index) => {
    ok = expectString(item, appendIndex(path, index), p) && ok;
  });
  return ok;
}

/** An integer index into a list of `count` entries. */
function expectIndex(value: unknown, count: number, path: string, what: string, p: Problems): value is number {
  if (Number.isInteger(value) && (value as number) >= 0 && (value as number) < count) return true;
  if (Number.isInteger(value))
    p.add(path, `${what} ${describeValue(value)} does not exist (there ${count === 1 ? "is 1" : `are ${count}`})`);
  else mismatch(value, path, `the index of ${/^[aeiou]/.test(what) ? "an" : "a"} ${what}`, p);
  return false;
}

/** A dot-joined context path with non-empty steps. */
function expectContextPath(value: unknown, path: string, p: Problems): void {
  if (!expectString(value, path, p)) return;
  if (value === "" || value.split(".").some((step) => step === ""))
    p.add(path, `expected a dot-joined context path, got ${describeValue(value)}`);
}

/** A JSON object, nested at most MAX_JSON_DEPTH levels. */
function expectJsonObject(value: unknown, path: string, p: Problems): void {
  if (expectRecord(value, path, p) && nestingExceeds(value, MAX_JSON_DEPTH)) {
    p.add(path, `nested deeper than ${MAX_JSON_DEPTH} levels`);
  }
}

function nestingExceeds(value: unknown, budget: number): boolean {
  if (typeof value !== "object" || value === null) return false;
  if (budget === 0) return true;
  const children = Array.isArray(value) ? value : Object.values(value as Rec);
  return children.some((child) => nestingExceeds(child, budget - 1));
}

function checkConsent(consent: unknown, p: Problems): void {
  if (!expectArray(consent, "consent", p)) return;
  const seen = new Set<string>();
  consent.forEach((gate, index) => {
    const path = appendIndex("consent", index);
    if (!expectRecord(gate, path, p)) return;
    const name = field(gate, "name", path, p);
    if (expectString(name, appendKey(path, "name"), p)) {
      if (seen.has(name)) p.add(appendKey(path, "name"), `the consent gate \`${name}\` is listed twice`);
      seen.add(name);
    }
    expectContextPath(field(gate, "path", path, p), appendKey(path, "path"), p);
  });
}

function checkMetric(metric: unknown, path: string, p: Problems): void {
  if (!expectRecord(metric, path, p)) return;
  expectNullableString(field(metric, "title", path, p), appendKey(path, "title"), p);
  expectNullableString(field(metric, "unit", path, p), appendKey(path, "unit"), p);
  expectOneOf(field(metric, "better", path, p), ["higher", "lower"], appendKey(path, "better"), p);
}

function checkScenario(scenario: unknown, path: string, decisions: ReadonlySet<string>, metrics: ReadonlySet<string>, p: Problems): void {
  if (!expectRecord(scenario, path, p)) return;
  const at = (key: string) => appendKey(path, key);
  expectNullableString(field(scenario, "title", path, p), at("title"), p);
  expectString(field(scenario, "goal", path, p), at("goal"), p);
  const decision = field(scenario, "decision", path, p);
  if (expectString(decision, at("decision"), p) && !decisions.has(decision)) {
    p.add(at("decision"), `the decision \`${decision}\` is not in \`decisions\``);
  }
  expectNullableString(field(scenario, "owner", path, p), at("owner"), p);
  expectOneOf(field(scenario, "status", path, p), ["draft", "active", "paused", "retired"], at("status"), p);
  expectNumber(field(scenario, "priority", path, p), at("priority"), p);
  expectOneOf(field(scenario, "impact", path, p), ["low", "medium", "high", null], at("impact"), p);
  expectOneOf(field(scenario, "feasibility", path, p), ["low", "medium", "high", null], at("feasibility"), p);
  expectNullableString(field(scenario, "expires", path, p), at("expires"), p);
  expectStringList(field(scenario, "tags", path, p), at("tags"), p);
  const list = field(scenario, "metrics", path, p);
  if (!expectArray(list, at("metrics"), p)) return;
  list.forEach((entry, index) => {
    const entryPath = appendIndex(at("metrics"), index);
    if (!expectRecord(entry, entryPath, p)) return;
    expectOneOf(field(entry, "role", entryPath, p), ["primary", "secondary", "guardrail"], appendKey(entryPath, "role"), p);
    const metric = field(entry, "metric", entryPath, p);
    if (expectString(metric, appendKey(entryPath, "metric"), p) && !metrics.has(metric)) {
      p.add(appendKey(entryPath, "metric"), `the metric \`${metric}\` is not in \`metrics\``);
    }
    const target = field(entry, "target", entryPath, p);
    if (target !== null) expectNumber(target, appendKey(entryPath, "target"), p);
    const window = field(entry, "window", entryPath, p);
    const windowPath = appendKey(entryPath, "window");
    if (window !== null && expectRecord(window, windowPath, p)) {
      expectNumber(field(window, "amount", windowPath, p), appendKey(windowPath, "amount"), p);
      expectOneOf(field(window, "unit", windowPath, p), ["days", "weeks"], appendKey(windowPath, "unit"), p);
    }
  });
}

interface KnownNames {
  readonly sourceCount: number | null;
  readonly scenarios: ReadonlySet<string>;
  readonly metrics: ReadonlySet<string>;
}

/** What the rest of a decision needs to know about a column that checked out. */
interface ColumnShape {
  readonly type: ColumnType;
  /** The type of the test literals: the column type, or the element type of a list. */
  readonly scalar: Exclude<ColumnType, "list">;
}

function checkDecision(decision: unknown, path: string, names: KnownNames, p: Problems): void {
  if (!expectRecord(decision, path, p)) return;
  const at = (key: string) => appendKey(path, key);
  expectNullableString(field(decision, "title", path, p), at("title"), p);
  expectJsonObject(field(decision, "output", path, p), at("output"), p);
  const fallback = field(decision, "default", path, p);
  if (fallback !== null) expectJsonObject(fallback, at("default"), p);

  const columnList = field(decision, "columns", path, p);
  const columns: (ColumnShape | null)[] = expectArray(columnList, at("columns"), p)
    ? columnList.map((column, index) => checkColumn(column, appendIndex(at("columns"), index), p))
    : [];

  const outcomeList = field(decision, "outcomes", path, p);
  let outcomeCount = 0;
  if (expectArray(outcomeList, at("outcomes"), p)) {
    outcomeCount = outcomeList.length;
    outcomeList.forEach((outcome, index) => checkOutcome(outcome, appendIndex(at("outcomes"), index), names, p));
  }

  const rowList = field(decision, "rows", path, p);
  let rowCount = 0;
  if (expectArray(rowList, at("rows"), p)) {
    rowCount = rowList.length;
    rowList.forEach((row, index) =>
      checkRow(row, appendIndex(at("rows"), index), { columns, outcomeCount, sourceCount: names.sourceCount }, p),
    );
  }

  const index = field(decision, "index", path, p);
  if (expectRecord(index, at("index"), p)) checkIndex(index, at("index"), columns, rowCount, p);
}

function checkColumn(column: unknown, path: string, p: Problems): ColumnShape | null {
  if (!expectRecord(column, path, p)) return null;
  const at = (key: string) => appendKey(path, key);
  expectContextPath(field(column, "path", path, p), at("path"), p);
  if (Object.hasOwn(column, "consent")) expectBoolean(column.consent, at("consent"), p);
  const type = field(column, "type", path, p);
  if (typeof type !== "string" || !COLUMN_TYPES.has(type)) {
    mismatch(type, at("type"), `one of ${[...COLUMN_TYPES].map((name) => `\`${name}\``).join(", ")}`, p);
    return null;
  }
  let scalar = type as Exclude<ColumnType, "list">;
  if (type === "list") {
    const element = column.element;
    if (typeof element !== "string" || element === "list" || !COLUMN_TYPES.has(element)) {
      p.add(at("element"), `a \`list\` column needs an \`element\` type other than \`list\`, got ${describeValue(element)}`);
      return null;
    }
    scalar = element as Exclude<ColumnType, "list">;
  } else if (Object.hasOwn(column, "element")) {
    p.add(at("element"), `only \`list\` columns have an \`element\` type; this column is \`${type}\``);
  }
  if (scalar === "enum") {
    if (!Object.hasOwn(column, "values")) {
      p.add(path, "an `enum` column (or a list of enums) needs its `values`");
      return null;
    }
    if (!expectStringList(column.values, at("values"), p)) return null;
  } else if (Object.hasOwn(column, "values")) {
    p.add(at("values"), "only enum columns (or lists of enums) have `values`");
  }
  return { type: type as ColumnType, scalar };
}

function checkOutcome(outcome: unknown, path: string, names: KnownNames, p: Problems): void {
  if (!expectRecord(outcome, path, p)) return;
  const at = (key: string) => appendKey(path, key);
  expectString(field(outcome, "rule", path, p), at("rule"), p);
  const scenario = field(outcome, "scenario", path, p);
  if (expectString(scenario, at("scenario"), p) && !names.scenarios.has(scenario)) {
    p.add(at("scenario"), `the scenario \`${scenario}\` is not in \`scenarios\``);
  }
  expectString(field(outcome, "pathway", path, p), at("pathway"), p);
  expectNullableString(field(outcome, "variation", path, p), at("variation"), p);
  expectJsonObject(field(outcome, "output", path, p), at("output"), p);
  const metrics = field(outcome, "metrics", path, p);
  if (expectStringList(metrics, at("metrics"), p)) {
    (metrics as string[]).forEach((metric, index) => {
      if (!names.metrics.has(metric)) p.add(appendIndex(at("metrics"), index), `the metric \`${metric}\` is not in \`metrics\``);
    });
  }
}

interface RowContext {
  readonly columns: readonly (ColumnShape | null)[];
  readonly outcomeCount: number;
  readonly sourceCount: number | null;
}

function checkRow(row: unknown, path: string, context: RowContext, p: Problems): void {
  if (!expectRecord(row, path, p)) return;
  const at = (key: string) => appendKey(path, key);
  expectIndex(field(row, "outcome", path, p), context.outcomeCount, at("outcome"), "outcome", p);
  const tests = field(row, "tests", path, p);
  if (expectRecord(tests, at("tests"), p)) {
    for (const key of Object.keys(tests)) {
      const testPath = appendKey(at("tests"), key);
      if (!INDEX_KEY.test(key)) {
        p.add(testPath, 'test keys must be column indexes written as decimal strings, like `"0"`');
        continue;
      }
      if (expectIndex(Number(key), context.columns.length, testPath, "column", p)) {
        checkTest(tests[key], testPath, context.columns[Number(key)] ?? null, p);
      }
    }
  }
  const src = field(row, "src", path, p);
  if (!Array.isArray(src) || src.length !== 3) {
    mismatch(src, at("src"), "[source index, line, column]", p);
    return;
  }
  if (context.sourceCount !== null) expectIndex(src[0], context.sourceCount, appendIndex(at("src"), 0), "source", p);
  for (const position of [1, 2]) {
    const value: unknown = src[position];
    if (!Number.isInteger(value) || (value as number) < 1) mismatch(value, appendIndex(at("src"), position), "a 1-based line or column", p);
  }
}

/** Whether `value` is a literal a test on a column with literal type `scalar` may hold. */
function isLiteralOf(scalar: Exclude<ColumnType, "list">, value: unknown): boolean {
  switch (scalar) {
    case "bool":
      return typeof value === "boolean";
    case "int":
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "string":
    case "enum":
      return typeof value === "string";
  }
}

const LITERAL_WORDS: { readonly [type in Exclude<ColumnType, "list">]: string } = {
  bool: "true or false",
  int: "a number",
  number: "a number",
  string: "a string",
  enum: "a string",
};

/** Which column types each test applies to. */
function testSuits(key: string, column: ColumnShape): boolean {
  switch (key) {
    case "present":
      return true;
    case "eq":
    case "in":
    case "notIn":
      return column.type !== "list";
    case "range":
      return column.type === "int" || column.type === "number";
    case "bool":
      return column.type === "bool";
    default:
      return column.type === "list";
  }
}

/** A unary test on `column` (null when the column itself was malformed). */
function checkTest(test: unknown, path: string, column: ColumnShape | null, p: Problems): void {
  if (!expectRecord(test, path, p)) return;
  const keys = Object.keys(test);
  const key = keys[0];
  if (keys.length !== 1 || key === undefined || !TEST_KEYS.has(key)) {
    p.add(
      path,
      `a test has exactly one of ${[...TEST_KEYS].map((name) => `\`${name}\``).join(", ")}, got ${keys.length === 0 ? "none" : keys.map((name) => `\`${name}\``).join(", ")}`,
    );
    return;
  }
  const at = appendKey(path, key);
  const value = test[key];
  if (column === null) return;
  if (!testSuits(key, column)) {
    p.add(at, `\`${key}\` does not apply to \`${column.type}\` columns`);
    return;
  }
  const literal = (candidate: unknown, where: string) => {
    if (!isLiteralOf(column.scalar, candidate)) mismatch(candidate, where, LITERAL_WORDS[column.scalar], p);
  };
  switch (key) {
    case "present":
    case "bool":
      expectBoolean(value, at, p);
      break;
    case "in":
    case "notIn":
      if (expectArray(value, at, p)) value.forEach((item, index) => literal(item, appendIndex(at, index)));
      break;
    case "range":
      if (expectArray(value, at, p)) value.forEach((interval, index) => checkInterval(interval, appendIndex(at, index), p));
      break;
    default:
      literal(value, at);
  }
}

function checkInterval(interval: unknown, path: string, p: Problems): void {
  const ok =
    Array.isArray(interval) &&
    interval.length === 4 &&
    interval.slice(0, 2).every((bound) => bound === null || (typeof bound === "number" && Number.isFinite(bound))) &&
    interval.slice(2).every((flag) => typeof flag === "boolean");
  if (!ok) mismatch(interval, path, "[low, high, lowInclusive, highInclusive] with numbers or null bounds", p);
}

/** The kind of an index node: which one of the kind keys it has. */
function nodeKind(node: Rec): (typeof NODE_KINDS)[number] | null {
  const kinds = NODE_KINDS.filter((kind) => Object.hasOwn(node, kind));
  return kinds.length === 1 ? (kinds[0] ?? null) : null;
}

function checkIndex(index: Rec, path: string, columns: readonly (ColumnShape | null)[], rowCount: number, p: Problems): void {
  const nodeList = field(index, "nodes", path, p);
  if (!expectArray(nodeList, appendKey(path, "nodes"), p)) return;
  const count = nodeList.length;
  expectIndex(field(index, "root", path, p), count, appendKey(path, "root"), "node", p);
  const edges: number[][] = nodeList.map((node, position) =>
    checkNode(node, appendIndex(appendKey(path, "nodes"), position), columns, rowCount, count, p),
  );
  const cycle = findCycle(edges);
  if (cycle !== null) p.add(appendKey(path, "nodes"), `the index has a cycle through nodes ${cycle.join(" → ")}`);
}

/** Checks one node; returns the indexes of the nodes it leads to (valid ones only). */
function checkNode(
  node: unknown,
  path: string,
  columns: readonly (ColumnShape | null)[],
  rowCount: number,
  nodeCount: number,
  p: Problems,
): number[] {
  if (!expectRecord(node, path, p)) return [];
  const kind = nodeKind(node);
  if (kind === null) {
    p.add(path, "an index node has exactly one of `switch`, `split`, `test`, `rows`");
    return [];
  }
  const at = (key: string) => appendKey(path, key);
  const next: number[] = [];
  const target = (value: unknown, where: string) => {
    if (expectIndex(value, nodeCount, where, "node", p)) next.push(value);
  };
  if (kind === "rows") {
    const rows = node.rows;
    if (!expectArray(rows, at("rows"), p)) return next;
    rows.forEach((row, position) => {
      const where = appendIndex(at("rows"), position);
      if (
        expectIndex(row, rowCount, where, "row", p) &&
        position > 0 &&
        typeof rows[position - 1] === "number" &&
        row <= (rows[position - 1] as number)
      ) {
        p.add(where, "candidate rows must be listed in first-hit order (increasing row indexes)");
      }
    });
    return next;
  }
  const columnIndex = node[kind];
  if (!expectIndex(columnIndex, columns.length, at(kind), "column", p)) return next;
  const column = columns[columnIndex] ?? null;
  if (kind === "switch") {
    if (column !== null && column.type === "list") p.add(at("switch"), "a `switch` cannot dispatch on a `list` column");
    const cases = field(node, "cases", path, p);
    if (expectRecord(cases, at("cases"), p)) for (const key of Object.keys(cases)) target(cases[key], appendKey(at("cases"), key));
    target(field(node, "other", path, p), at("other"));
    target(field(node, "absent", path, p), at("absent"));
  } else if (kind === "split") {
    if (column !== null && column.type !== "int" && column.type !== "number")
      p.add(at("split"), `a \`split\` needs an \`int\` or \`number\` column, not \`${column.type}\``);
    const bounds = field(node, "bounds", path, p);
    const nextList = field(node, "next", path, p);
    let boundCount = 0;
    if (expectArray(bounds, at("bounds"), p)) {
      boundCount = bounds.length;
      bounds.forEach((bound, position) => {
        const where = appendIndex(at("bounds"), position);
        if (typeof bound !== "number" || !Number.isFinite(bound)) mismatch(bound, where, "a finite number", p);
        else if (position > 0 && typeof bounds[position - 1] === "number" && bound <= (bounds[position - 1] as number))
          p.add(where, "bounds must be strictly increasing");
      });
    }
    if (expectArray(nextList, at("next"), p)) {
      if (nextList.length !== 2 * boundCount + 1)
        p.add(at("next"), `with ${boundCount} bounds, \`next\` needs ${2 * boundCount + 1} entries, got ${nextList.length}`);
      nextList.forEach((entry, position) => target(entry, appendIndex(at("next"), position)));
    }
    target(field(node, "absent", path, p), at("absent"));
  } else {
    checkTest(field(node, "t", path, p), at("t"), column, p);
    target(field(node, "then", path, p), at("then"));
    target(field(node, "else", path, p), at("else"));
  }
  return next;
}

/** A cycle among the nodes, as a list of node indexes, or null. Iterative, so any size is safe. */
function findCycle(edges: readonly (readonly number[])[]): number[] | null {
  const state = new Uint8Array(edges.length); // 0 unvisited, 1 on the stack, 2 done
  for (let start = 0; start < edges.length; start++) {
    if (state[start] !== 0) continue;
    const stack: { node: number; next: number }[] = [{ node: start, next: 0 }];
    state[start] = 1;
    while (stack.length > 0) {
      const frame = stack[stack.length - 1] as { node: number; next: number };
      const targets = edges[frame.node] ?? [];
      if (frame.next >= targets.length) {
        state[frame.node] = 2;
        stack.pop();
        continue;
      }
      const target = targets[frame.next++] as number;
      if (state[target] === 1) {
        const from = stack.findIndex((entry) => entry.node === target);
        return [...stack.slice(from).map((entry) => entry.node), target];
      }
      if (state[target] === 0) {
        state[target] = 1;
        stack.push({ node: target, next: 0 });
      }
    }
  }
  return null;
}
