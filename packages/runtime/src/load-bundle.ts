/**
 * Structural validation of a `scn.bundle/5` document, written by hand because
 * the runtime has no dependencies. It checks every field against the types in
 * bundle.ts and cross-checks what types cannot say: row references in range,
 * names that resolve (scenarios, metrics, decisions), the context schema
 * inside the supported subset (context-schema.ts), tests that suit their
 * column's type (check-unary-test.ts), and a sound index (check-index.ts).
 *
 * Invariants:
 * - Never throws, whatever the input (garbage, cycles, 100,000-level
 *   nesting): every defect becomes a `path: message` line.
 * - When it reports no problems, the value really is a `Bundle` whose every
 *   reference resolves, so the compiled runtime needs no further checks, and
 *   every JSON value in it is nested at most MAX_JSON_DEPTH levels, so later
 *   recursive walks cannot exhaust the stack.
 */
import { BUNDLE_FORMAT, type Bundle, type ColumnType, type Row } from "./bundle.js";
import {
  expectArray,
  expectBoolean,
  expectContextPath,
  expectIndex,
  expectJsonObject,
  expectNullableString,
  expectNumber,
  expectOneOf,
  expectRecord,
  expectString,
  expectStringList,
  field,
  isRecord,
  MAX_JSON_DEPTH,
  mismatch,
  nestingExceeds,
  Problems,
  type Rec,
} from "./bundle-problems.js";
import type { WalkerTable } from "./walker.js";
import { decodeIndex, decodeTable, isEncoded, type DecodedTable } from "./decode-table.js";
import { encodedIndexIsSound } from "./check-encoded-index.js";
import { expandOutcome, expandScenario, stringLists } from "./document-records.js";
import { checkArmColumn, checkExperimentsSection, checkExposure, type KnownExperiments } from "./check-experiments.js";
import { checkIndex } from "./check-index.js";
import { checkTest, type ColumnShape } from "./check-unary-test.js";
import { readContextSchema } from "./context-schema.js";
import { describeValue } from "./describe-value.js";
import { appendIndex, appendKey } from "./value-path.js";

export { MAX_JSON_DEPTH } from "./bundle-problems.js";

const COLUMN_TYPES: ReadonlySet<string> = new Set<ColumnType>(["bool", "int", "number", "string", "enum", "list"]);
const HASH = /^sha256:[0-9a-f]{64}$/;
const INDEX_KEY = /^(0|[1-9][0-9]*)$/;

/**
 * Each encoded table `checkDecision` decoded, by the table record: reading a
 * bundle expands the very tables it checked, so each is decoded once.
 */
const decodedTables = new WeakMap<object, DecodedTable>();

/**
 * The outcome objects `checkDecision` expanded from a decision's tuples, and
 * the metadata `checkBundle` expanded from each scenario tuple, by the
 * record they came from, so that reading a bundle expands each once.
 */
const expandedOutcomes = new WeakMap<object, unknown[]>();
const expandedScenarios = new WeakMap<object, Rec>();

/**
 * The encoded table an expanded decision record was read from, by the
 * record (see expandTables): the runtime can walk those arrays as they are
 * instead of encoding the rows and index again.
 */
const encodedForms = new WeakMap<object, WalkerTable>();

/** The encoded table `readBundle` expanded into `decision`'s rows and index, if it read one, as the file holds it (which the walker reads). */
export function encodedFormOf(decision: object): WalkerTable | undefined {
  return encodedForms.get(decision);
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
  if (problems.length > 0) return { value: null, problems };
  expandTables(data as Rec);
  return { value: data as Bundle, problems };
}

/** Every structural problem of `data` as a bundle; empty when it is one. */
export function checkBundle(data: unknown): string[] {
  const p = new Problems();
  if (!isRecord(data)) {
    p.add("", `expected a bundle object, got ${describeValue(data)}`);
    return p.done();
  }
  if (data.format !== BUNDLE_FORMAT) {
    const hint =
      typeof data.format === "string" && data.format.startsWith("scn.bundle/")
        ? "; this runtime reads only that version (rebuild the bundle with a matching compiler)"
        : "";
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
  // A name list that is itself broken (null here) is not used for cross-checks: one problem, not a cascade.
  const metricNames = expectRecord(metrics, "metrics", p) ? new Set(Object.keys(metrics)) : null;
  if (isRecord(metrics)) for (const name of Object.keys(metrics)) checkMetric(metrics[name], appendKey("metrics", name), p);
  const decisions = field(data, "decisions", "", p);
  const decisionNames = isRecord(decisions) ? new Set(Object.keys(decisions)) : null;
  const scenarios = field(data, "scenarios", "", p);
  const scenarioNames = expectRecord(scenarios, "scenarios", p) ? new Set(Object.keys(scenarios)) : null;
  if (isRecord(scenarios)) {
    for (const name of Object.keys(scenarios)) {
      const path = appendKey("scenarios", name);
      // A file holds each scenario's metadata as a tuple; an expanded bundle (as `readBundle` returns it) as an object.
      const value = scenarios[name];
      if (!Array.isArray(value)) {
        checkScenario(value, path, decisionNames, metricNames, p);
        continue;
      }
      const meta = expandScenario(value, path, p);
      if (meta === null) continue;
      expandedScenarios.set(value, meta);
      // Most metadata is sound: the quick check builds no path strings, and only what it does not accept is checked field by field.
      if (!scenarioIsSound(meta, decisionNames, metricNames)) checkScenario(meta, path, decisionNames, metricNames, p);
    }
  }
  const experiments = checkExperimentsSection(data, p);
  if (expectRecord(decisions, "decisions", p)) {
    const names = { sourceCount, scenarios: scenarioNames, metrics: metricNames, experiments };
    for (const name of Object.keys(decisions)) checkDecision(decisions[name], appendKey("decisions", name), names, p);
  }
  return p.done();
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

const STATUSES: ReadonlySet<unknown> = new Set(["draft", "active", "paused", "retired"]);
const LEVELS: ReadonlySet<unknown> = new Set(["low", "medium", "high", null]);
const ROLES: ReadonlySet<unknown> = new Set(["primary", "secondary", "guardrail"]);
const UNITS: ReadonlySet<unknown> = new Set(["days", "weeks"]);

const isNullableString = (value: unknown): boolean => value === null || typeof value === "string";
const isStringList = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === "string");

/**
 * Whether checkScenario would find no problem in `scenario`, decided
 * without building the paths its reports would need: true only when every
 * field it checks is there with a value it accepts (a test holds the two
 * to that). It reads fields without asking whether they are own, so it is
 * only given the objects expandScenario made, whose fields all are.
 */
export function scenarioIsSound(scenario: unknown, decisions: ReadonlySet<string> | null, metrics: ReadonlySet<string> | null): boolean {
  if (!isRecord(scenario)) return false;
  const s = scenario;
  const decision = s["decision"];
  if (!isNullableString(s["title"]) || typeof s["goal"] !== "string" || typeof decision !== "string") return false;
  if (decisions !== null && !decisions.has(decision)) return false;
  if (!isNullableString(s["owner"]) || !STATUSES.has(s["status"]) || typeof s["priority"] !== "number") return false;
  if (!LEVELS.has(s["impact"]) || !LEVELS.has(s["feasibility"])) return false;
  if (!isNullableString(s["expires"]) || !isStringList(s["tags"])) return false;
  const list = s["metrics"];
  if (!Array.isArray(list)) return false;
  for (const entry of list) {
    if (!isRecord(entry) || !ROLES.has(entry["role"])) return false;
    const metric = entry["metric"];
    if (typeof metric !== "string" || (metrics !== null && !metrics.has(metric))) return false;
    const target = entry["target"];
    if (target !== null && typeof target !== "number") return false;
    const window = entry["window"];
    if (window !== null && !(isRecord(window) && typeof window["amount"] === "number" && UNITS.has(window["unit"]))) return false;
  }
  return true;
}

/**
 * Whether checkOutcome would find no problem in `outcome`, decided without
 * building paths (an outcome of an experiment's arm is left to it); like
 * scenarioIsSound, only given the objects expandOutcome made.
 */
export function outcomeIsSound(outcome: unknown, names: KnownNames): boolean {
  if (!isRecord(outcome) || outcome["experiment"] !== undefined) return false;
  const scenario = outcome["scenario"];
  if (typeof outcome["rule"] !== "string" || typeof scenario !== "string" || typeof outcome["pathway"] !== "string") return false;
  if (names.scenarios !== null && !names.scenarios.has(scenario)) return false;
  if (!isNullableString(outcome["variation"])) return false;
  const output = outcome["output"];
  if (!isRecord(output) || nestingExceeds(output, MAX_JSON_DEPTH)) return false;
  const metrics = outcome["metrics"];
  if (!isStringList(metrics)) return false;
  if (names.metrics !== null) for (const metric of metrics) if (!names.metrics.has(metric)) return false;
  return true;
}

export function checkScenario(
  scenario: unknown,
  path: string,
  decisions: ReadonlySet<string> | null,
  metrics: ReadonlySet<string> | null,
  p: Problems,
): void {
  if (!expectRecord(scenario, path, p)) return;
  const at = (key: string) => appendKey(path, key);
  expectNullableString(field(scenario, "title", path, p), at("title"), p);
  expectString(field(scenario, "goal", path, p), at("goal"), p);
  const decision = field(scenario, "decision", path, p);
  if (expectString(decision, at("decision"), p) && decisions !== null && !decisions.has(decision)) {
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
    if (expectString(metric, appendKey(entryPath, "metric"), p) && metrics !== null && !metrics.has(metric)) {
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

export interface KnownNames {
  readonly sourceCount: number | null;
  readonly scenarios: ReadonlySet<string> | null;
  readonly metrics: ReadonlySet<string> | null;
  readonly experiments: KnownExperiments;
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
    ? columnList.map((column, index) => checkColumn(column, appendIndex(at("columns"), index), names.experiments, p))
    : [];

  const listed = field(decision, "outcomes", path, p);
  // An encoded table's outcomes are tuples; each is checked as the object it stands for.
  const outcomeList = isEncoded(decision) ? expandOutcomes(decision, listed, path, p) : listed;
  let outcomeCount = 0;
  if (expectArray(outcomeList, at("outcomes"), p)) {
    outcomeCount = outcomeList.length;
    outcomeList.forEach((outcome, index) => {
      // An outcome tuple that could not be expanded has been reported already;
      // one that was gets the quick check first, and the full one when it fails.
      if (isEncoded(decision) && (outcome === null || outcomeIsSound(outcome, names))) return;
      checkOutcome(outcome, appendIndex(at("outcomes"), index), names, p);
    });
  }

  // An encoded table is decoded into rows and an index, whose references
  // are then checked exactly as those of an expanded table; the paths of
  // its problems name the decoded row or node (`table.rows[3]`: row 3).
  let rowList: unknown;
  let index: unknown;
  let tablePath = path;
  if (isEncoded(decision)) {
    if (Object.hasOwn(decision, "rows") || Object.hasOwn(decision, "index")) {
      p.add(path, "a decision has either an encoded `table` or `rows` and `index`, not both");
      return;
    }
    tablePath = at("table");
    if (!expectRecord(decision.table, tablePath, p)) return;
    const decoded = decodeTable(decision.table, tablePath, p, false);
    if (decoded === null) return;
    // A sound index is checked on its integers (check-encoded-index.ts) and
    // decoded only when a reader asks for it; any other is decoded and its
    // nodes checked one by one, which reports each problem at its node.
    if (!encodedIndexIsSound(decoded.walker, decoded.tests, columns, decoded.rows.length)) {
      index = decodeIndex(decoded.walker, decoded.tests, tablePath, p);
      if (index === null) return;
    }
    decodedTables.set(decision.table, { ...decoded, index: (index ?? null) as DecodedTable["index"] });
    rowList = decoded.rows;
  } else {
    rowList = field(decision, "rows", path, p);
    index = field(decision, "index", path, p);
  }
  const inTable = (key: string) => appendKey(tablePath, key);
  let rowCount = 0;
  const rowsPath = inTable("rows");
  if (expectArray(rowList, rowsPath, p)) {
    rowCount = rowList.length;
    const context: RowContext = { columns, outcomeCount, sourceCount: names.sourceCount, passed: new Map() };
    // Rows decoded from an encoding have their shape by construction; each
    // that decodedRowIsSound accepts needs no further check, and any other
    // is checked field by field, which reports its problems.
    const decoded = isEncoded(decision);
    rowList.forEach((row, position) => {
      if (!decoded || !decodedRowIsSound(row as Row, context)) checkRow(row, appendIndex(rowsPath, position), context, p);
    });
  }
  // An encoded index found sound has no node objects to check.
  if (isEncoded(decision) && index === undefined) return;
  if (expectRecord(index, inTable("index"), p)) checkIndex(index, inTable("index"), columns, rowCount, p);
}

/**
 * The outcome objects of an encoded decision's tuples (document-records.ts),
 * with its `shapes` and `metricLists`; a tuple that cannot be expanded is
 * reported and stands as null, so the rows' references to outcomes are
 * still checked against the right count.
 */
function expandOutcomes(decision: Rec, listed: unknown, path: string, p: Problems): unknown {
  const shapes = stringLists(field(decision, "shapes", path, p), appendKey(path, "shapes"), p);
  const metricLists = stringLists(field(decision, "metricLists", path, p), appendKey(path, "metricLists"), p);
  if (!Array.isArray(listed)) return listed;
  // Without the lists they refer to, the tuples cannot be read; the broken list was reported, and each outcome still counts for the rows.
  if (shapes === null || metricLists === null) return listed.map(() => null);
  const outcomes: unknown[] = [];
  for (let i = 0; i < listed.length; i++) {
    const outcome = expandOutcome(listed[i], shapes, metricLists, appendIndex(appendKey(path, "outcomes"), i), p);
    outcomes.push(outcome ?? null);
  }
  expandedOutcomes.set(decision, outcomes);
  return outcomes;
}

/**
 * Replaces every encoded table of a checked bundle document by its outcome
 * objects, rows and index, and every scenario tuple by its metadata object,
 * in place.
 */
function expandTables(data: Rec): void {
  const scenarios = data["scenarios"] as Rec;
  for (const name of Object.keys(scenarios)) {
    const value = scenarios[name];
    if (Array.isArray(value)) scenarios[name] = expandedScenarios.get(value) ?? expandScenario(value, "", new Problems());
  }
  const decisions = data["decisions"] as Rec;
  for (const name of Object.keys(decisions)) {
    const decision = decisions[name] as Rec;
    if (!isEncoded(decision)) continue;
    const table = decision["table"] as Rec;
    const decoded = decodedTables.get(table) ?? (decodeTable(table, "", new Problems(), false) as DecodedTable);
    encodedForms.set(decision, decoded.file);
    delete decision["table"];
    decision["outcomes"] = expandedOutcomes.get(decision) ?? expandOutcomes(decision, decision["outcomes"], "", new Problems());
    delete decision["shapes"];
    delete decision["metricLists"];
    decision["rows"] = decoded.rows;
    if (decoded.index !== null) decision["index"] = decoded.index;
    else {
      // Decoded when first read: the runtime walks the encoding and never
      // reads it, while tools that read `index` get the same object each time.
      let index: DecodedTable["index"] = null;
      Object.defineProperty(decision, "index", {
        get: () => (index ??= decodeIndex(decoded.walker, decoded.tests, "", new Problems())),
        enumerable: true,
        configurable: true,
      });
    }
  }
}

function checkColumn(column: unknown, path: string, experiments: KnownExperiments, p: Problems): ColumnShape | null {
  if (!expectRecord(column, path, p)) return null;
  const at = (key: string) => appendKey(path, key);
  expectContextPath(field(column, "path", path, p), at("path"), p);
  if (Object.hasOwn(column, "consent")) expectBoolean(column.consent, at("consent"), p);
  if (Object.hasOwn(column, "experiment")) checkArmColumn(column, path, experiments, p);
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

export function checkOutcome(outcome: unknown, path: string, names: KnownNames, p: Problems): void {
  if (Array.isArray(outcome)) {
    p.add(path, "expected an outcome object {rule, scenario, pathway, variation, output, metrics}; outcomes are lists only beside an encoded `table`");
    return;
  }
  if (!expectRecord(outcome, path, p)) return;
  const at = (key: string) => appendKey(path, key);
  expectString(field(outcome, "rule", path, p), at("rule"), p);
  const scenario = field(outcome, "scenario", path, p);
  if (expectString(scenario, at("scenario"), p) && names.scenarios !== null && !names.scenarios.has(scenario)) {
    p.add(at("scenario"), `the scenario \`${scenario}\` is not in \`scenarios\``);
  }
  expectString(field(outcome, "pathway", path, p), at("pathway"), p);
  expectNullableString(field(outcome, "variation", path, p), at("variation"), p);
  expectJsonObject(field(outcome, "output", path, p), at("output"), p);
  const metrics = field(outcome, "metrics", path, p);
  if (expectStringList(metrics, at("metrics"), p)) {
    (metrics as string[]).forEach((metric, index) => {
      if (names.metrics !== null && !names.metrics.has(metric))
        p.add(appendIndex(at("metrics"), index), `the metric \`${metric}\` is not in \`metrics\``);
    });
  }
  if (Object.hasOwn(outcome, "experiment")) checkExposure(outcome.experiment, at("experiment"), names.experiments, p);
}

interface RowContext {
  readonly columns: readonly (ColumnShape | null)[];
  readonly outcomeCount: number;
  readonly sourceCount: number | null;
  /**
   * Each test value that passed its checks, with the column it passed on.
   * The rows of a decoded table share one value per distinct test, so each
   * is checked once, not once per row that holds it; a test that fails is
   * checked (and reported) wherever it appears.
   */
  readonly passed: Map<unknown, ColumnShape | null>;
}

/**
 * Whether a row decoded from an encoded table (decode-table.ts: an integer
 * outcome, tests keyed by their column's decimal index, a source position of
 * three integers) passes every check of checkRow: its outcome and columns
 * exist, each test suits its column (once per distinct test), and its
 * source position is a known source and 1-based line and column.
 */
function decodedRowIsSound(row: Row, context: RowContext): boolean {
  const outcome = row.outcome;
  if (!(Number.isInteger(outcome) && outcome >= 0 && outcome < context.outcomeCount)) return false;
  const tests = row.tests;
  for (const key of Object.keys(tests)) {
    const shape = context.columns[Number(key)];
    if (shape === undefined || shape === null) return false;
    const test = tests[key];
    if (context.passed.get(test) === shape) continue;
    const scratch = new Problems();
    checkTest(test, "", shape, scratch);
    if (scratch.count() > 0) return false;
    context.passed.set(test, shape);
  }
  const [source, line, column] = row.src;
  if (context.sourceCount !== null && !(Number.isInteger(source) && source >= 0 && source < context.sourceCount)) return false;
  return Number.isInteger(line) && line >= 1 && Number.isInteger(column) && column >= 1;
}

function checkRow(row: unknown, path: string, context: RowContext, p: Problems): void {
  if (!expectRecord(row, path, p)) return;
  const at = (key: string) => appendKey(path, key);
  expectIndex(field(row, "outcome", path, p), context.outcomeCount, at("outcome"), "outcome", p);
  const tests = field(row, "tests", path, p);
  const testsPath = at("tests");
  if (expectRecord(tests, testsPath, p)) {
    for (const key of Object.keys(tests)) {
      const test = tests[key];
      const shape = INDEX_KEY.test(key) ? context.columns[Number(key)] : undefined;
      if (shape !== undefined && typeof test === "object" && test !== null && context.passed.has(test) && context.passed.get(test) === shape) continue;
      const testPath = appendKey(testsPath, key);
      if (!INDEX_KEY.test(key)) {
        p.add(testPath, 'test keys must be column indexes written as decimal strings, like `"0"`');
        continue;
      }
      if (expectIndex(Number(key), context.columns.length, testPath, "column", p)) {
        const before = p.count();
        checkTest(test, testPath, shape ?? null, p);
        if (p.count() === before && shape !== undefined) context.passed.set(test, shape);
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
