/**
 * The `sql` target (docs/warehouse.md): one view per decision that answers
 * every row of an input relation with the JSON runtime's answer.
 *
 * The view is a chain of stages, each one SELECT over the one before, so
 * that every context value is read and typed once per row:
 *
 *   1. the context document (the `context` column parsed, or a record built
 *      from top-level columns);
 *   2. the raw JSON value at each column's path and each consent gate's path;
 *   3. each value typed by the lenient rules (docs/bundle-format.md, "Unary
 *      tests and absent values"): SQL NULL stands for an absent value, so a
 *      wrongly typed value, `null` and a missing path all become NULL;
 *      numbers are read as doubles, and ints are kept only when integral and
 *      within ±(2^53 − 1);
 *   4. the first row whose tests all hold, in first-hit order (a CASE over
 *      the rows in order), as its outcome number, -1 for none;
 *   5. the answer columns, from constants per outcome.
 *
 * The index is not used: it only narrows the rows to try, and a flat CASE in
 * row order gives the same first hit (docs/bundle-format.md, "index").
 *
 * Every name and string from the program enters the SQL only through the
 * dialect's identifier and literal quoting, so no `.scn` text can inject SQL.
 */
import type { Bundle, Column, DecisionTable, JsonValue, Scalar, UnaryTest } from "@scn/runtime";
import { canonicalJson } from "../../bundle/canonical-json.js";
import { DIALECTS, wellFormed, type Dialect, type SqlDialectName } from "./dialect.js";

export type SqlContextShape = "json" | "columns";

export interface SqlOptions {
  readonly dialect: SqlDialectName;
  /** The input relation, possibly qualified (`db.schema.table`); default `scn_contexts`. */
  readonly input?: string;
  /** Where the context is read from (default `json`, a `context` column). */
  readonly context?: SqlContextShape;
  /** The views' name prefix, possibly qualified (`marts.scn_`); default `scn_`. */
  readonly prefix?: string;
}

const MAX_SAFE = 9007199254740991;

/**
 * An experiment's arm column (docs/bundle-format.md, "Experiments"): its
 * value is the arm the unit at `path` is assigned to, computed from the
 * unit by GrowthBook's hash v2, not read from the context.
 */
type ArmAssignment = NonNullable<Column["experiment"]>;

function armOf(column: Column): ArmAssignment | undefined {
  return column.experiment;
}

/** The experiment and arm an outcome is, for a variation that runs a split. */
function exposureOf(outcome: DecisionTable["outcomes"][number]): { readonly name: string; readonly arm: string } | undefined {
  return outcome.experiment;
}

/** The answer columns each view adds after the input's own, in order. */
export const ANSWER_COLUMNS = ["reason", "rule", "scenario", "pathway", "variation", "output", "experiment", "arm", "metrics", "consent"] as const;

/** A dotted name, each part quoted. */
function qualified(dialect: Dialect, name: string): string {
  return name.split(".").map((part) => dialect.ident(part)).join(".");
}

/**
 * The hashing helper function of the dialects that need one (PostgreSQL,
 * BigQuery): `scn__fnv1a32` in the views' schema or dataset, so that the
 * views find it whatever the search path, and BigQuery, whose persistent
 * functions must name a dataset, can create it.
 */
function fnvHelper(dialect: Dialect, prefix: string): string {
  const parts = prefix.split(".");
  parts[parts.length - 1] = "scn__fnv1a32";
  return parts.map((part) => dialect.ident(shownName(part))).join(".");
}

function viewName(dialect: Dialect, prefix: string, decision: string): string {
  const parts = prefix.split(".");
  parts[parts.length - 1] = parts[parts.length - 1]! + decision;
  return parts.map((part) => dialect.ident(shownName(part))).join(".");
}

/**
 * A string the view shows (a name, a rule): no engine's strings hold a lone
 * surrogate, and PostgreSQL's and DuckDB's hold no NUL, so those become
 * U+FFFD, as writing them to a UTF-8 file would make them anyway.
 */
function text(dialect: Dialect, value: string): string {
  const shown = wellFormed(value);
  return dialect.string(shown) ?? dialect.string(shown.replaceAll("\u0000", "\ufffd"))!;
}

/** How the view shows a name (see `text`), for tests and tools that compare. */
export function shownName(value: string): string {
  return wellFormed(value).replaceAll("\u0000", "\ufffd");
}

/** The SQL of every decision of the bundle, for one dialect. */
export function emitSql(bundle: Bundle, options: SqlOptions): string {
  const dialect = DIALECTS[options.dialect];
  const header = [
    `-- scn ${bundle.compiler}, ${options.dialect}: one view per decision over ${options.input ?? "scn_contexts"} (docs/warehouse.md).`,
    `-- bundle ${bundle.hash}`,
    "",
  ];
  const views = Object.keys(bundle.decisions)
    .sort()
    .map((name) => decisionView(dialect, bundle, name, bundle.decisions[name]!, options));
  const assigns = Object.values(bundle.decisions).some((table) => table.columns.some((column) => armOf(column) !== undefined));
  return header.join("\n") + (assigns ? dialect.experimentPrelude(fnvHelper(dialect, options.prefix ?? "scn_")) : "") + views.join("\n");
}

interface Stage {
  readonly columns: readonly (readonly [string, string])[];
}

function decisionView(dialect: Dialect, bundle: Bundle, name: string, table: DecisionTable, options: SqlOptions): string {
  const helpers: string[] = [];
  const helper = (label: string): string => {
    helpers.push(label);
    return label;
  };
  const col = (label: string): string => dialect.ident(label);

  // Stage 2 and 3: each column's raw value and typed value; a list column
  // gets its presence and one flag per element literal it is tested with.
  const typed: [string, string][] = [];
  const rawOf = new Map<string, string>();
  const rawFor = (path: string): string => {
    let label = rawOf.get(path);
    if (label === undefined) {
      label = helper(`scn__j${rawOf.size}`);
      rawOf.set(path, label);
    }
    return col(label);
  };
  const hashHelper = fnvHelper(dialect, options.prefix ?? "scn_");
  const values = table.columns.map((column, index) => columnValues(dialect, column, index, table, rawFor, helper, typed, hashHelper));
  const consent = bundle.consent.map((gate, index) => {
    const label = helper(`scn__g${index}`);
    const j = rawFor(gate.path);
    typed.push([label, `CASE WHEN ${dialect.isBool(j)} THEN ${dialect.asBool(j)} ELSE false END`]);
    return { name: gate.name, label };
  });
  // Numbers are converted in stage 3 and checked in a stage of their own, so the conversion is written once.
  const checks: [string, string][] = values.flatMap((v) => v.checks);
  const late: [string, string][] = values.flatMap((v) => v.late ?? []);

  // Stage 4: the first hit, as an outcome number.
  const hit = helper("scn__hit");
  const whens = table.rows.map((row) => {
    const tests = Object.entries(row.tests).map(([column, test]) => testSql(dialect, table.columns[Number(column)]!, values[Number(column)]!, test));
    return `WHEN ${tests.length === 0 ? "true" : tests.join(" AND ")} THEN ${row.outcome}`;
  });
  const hitSql = whens.length === 0 ? "-1" : `CASE\n        ${whens.join("\n        ")}\n        ELSE -1 END`;

  // Stage 5: the answer.
  const h = col(hit);
  const byOutcome = (pick: (index: number) => string, otherwise: string): string =>
    table.outcomes.length === 0 ? otherwise : `CASE ${h} ${table.outcomes.map((_, i) => `WHEN ${i} THEN ${pick(i)}`).join(" ")} ELSE ${otherwise} END`;
  const fallback = table.default === null ? "none" : "default";
  const nullText = `CAST(NULL AS ${stringType(dialect)})`;
  const consentJson = consentSql(dialect, consent.map((gate) => ({ name: gate.name, value: col(gate.label) })));
  const answer: [string, string][] = [
    ["reason", `CASE WHEN ${h} >= 0 THEN 'scenario' ELSE ${text(dialect, fallback)} END`],
    ["rule", byOutcome((i) => text(dialect, table.outcomes[i]!.rule), nullText)],
    ["scenario", byOutcome((i) => text(dialect, table.outcomes[i]!.scenario), nullText)],
    ["pathway", byOutcome((i) => text(dialect, table.outcomes[i]!.pathway), nullText)],
    ["variation", byOutcome((i) => { const v = table.outcomes[i]!.variation; return v === null ? nullText : text(dialect, v); }, nullText)],
    ["output", byOutcome((i) => text(dialect, canonicalJson(table.outcomes[i]!.output)), table.default === null ? nullText : text(dialect, canonicalJson(table.default)))],
    ["experiment", byOutcome((i) => { const e = exposureOf(table.outcomes[i]!); return e === undefined ? nullText : text(dialect, e.name); }, nullText)],
    ["arm", byOutcome((i) => { const e = exposureOf(table.outcomes[i]!); return e === undefined ? nullText : text(dialect, e.arm); }, nullText)],
    ["metrics", byOutcome((i) => text(dialect, canonicalJson(table.outcomes[i]!.metrics)), "'[]'")],
    ["consent", consentJson],
  ];

  // Stage 2 reads every path at once where the engine can (one parse of the document), else path by path.
  const paths = [...rawOf.keys()].map((path) => path.split("."));
  const document = col("scn__doc");
  const list = dialect.paths?.list(document, paths) ?? null;
  const read: Stage[] = [];
  if (list === null || dialect.paths === undefined) {
    read.push({ columns: [...rawOf.values()].map((label, i) => [label, dialect.path(document, paths[i]!)] as const) });
  } else {
    const all = helper("scn__p");
    const item = dialect.paths.item;
    read.push({ columns: [[all, list]] }, { columns: [...rawOf.values()].map((label, i) => [label, item(col(all), i)] as const) });
  }
  const stages: Stage[] = [...read, { columns: typed }, { columns: checks }, { columns: late }, { columns: [[hit, hitSql]] }];
  const input = qualified(dialect, options.input ?? "scn_contexts");
  const doc = documentSql(dialect, bundle, options.context ?? "json", "scn__i");
  return `CREATE OR REPLACE VIEW ${viewName(dialect, options.prefix ?? "scn_", name)} AS\n${viewBody(dialect, input, doc, stages, helpers, answer)};\n`;
}

function stringType(dialect: Dialect): string {
  return dialect.name === "bigquery" || dialect.name === "spark" ? "STRING" : "VARCHAR";
}

/** The context document of the input row `alias`. */
function documentSql(dialect: Dialect, bundle: Bundle, shape: SqlContextShape, alias: string): string {
  if (shape === "json") return dialect.parse(`${alias}.${dialect.ident("context")}`);
  const properties = (bundle.context["properties"] ?? {}) as { readonly [key: string]: JsonValue };
  const fields = Object.keys(properties).sort().map((key) => [key, `${alias}.${dialect.ident(key)}`] as const);
  return dialect.record(fields);
}

/**
 * The stages nested as derived tables. Dialects that can drop columns from
 * `*` select the input row with the helpers and drop them at the end; the
 * others compute the answer in a LATERAL subquery beside the input row.
 */
function viewBody(dialect: Dialect, input: string, doc: string, stages: readonly Stage[], helpers: readonly string[], answer: readonly (readonly [string, string])[]): string {
  const list = (columns: readonly (readonly [string, string])[]): string => columns.map(([label, sql]) => `${sql} AS ${dialect.ident(label)}`).join(",\n    ");
  const pass = dialect.passThrough;
  if (pass.kind === "exclude") {
    let from = `SELECT scn__i.*, ${doc} AS ${dialect.ident("scn__doc")} FROM ${input} AS scn__i`;
    stages.forEach((stage, i) => {
      if (stage.columns.length === 0) return;
      from = `SELECT scn__s${i}.*,\n    ${list(stage.columns)}\n  FROM (${from}) AS scn__s${i}`;
    });
    const dropped = ["scn__doc", ...helpers].map((label) => dialect.ident(label)).join(", ");
    return `SELECT * ${pass.keyword} (${dropped}),\n    ${list(answer)}\n  FROM (${from}) AS scn__s`;
  }
  let from = `SELECT ${doc} AS ${dialect.ident("scn__doc")}`;
  stages.forEach((stage, i) => {
    if (stage.columns.length === 0) return;
    from = `SELECT scn__s${i}.*,\n    ${list(stage.columns)}\n  FROM (${from}) AS scn__s${i}`;
  });
  return `SELECT scn__i.*, scn__a.*\n  FROM ${input} AS scn__i\n  ${pass.join} (SELECT\n    ${list(answer)}\n  FROM (${from}) AS scn__s) AS scn__a`;
}

/** A column's SQL values: the expression of its typed value, and for lists a flag per element literal. */
interface ColumnValues {
  /** The typed value (NULL when absent); for a list, TRUE when present and NULL when absent. */
  readonly value: string;
  /** For a list column: element literal (canonical JSON) → flag that the list contains it (NULL when absent). */
  readonly contains: ReadonlyMap<string, string>;
  readonly checks: [string, string][];
  /** Values computed from `checks` (an arm, from its bucket), in a stage after them. */
  readonly late?: [string, string][];
}

function columnValues(
  dialect: Dialect,
  column: Column,
  index: number,
  table: DecisionTable,
  rawFor: (path: string) => string,
  helper: (label: string) => string,
  typed: [string, string][],
  hashHelper: string,
): ColumnValues {
  const j = rawFor(column.path);
  const label = helper(`scn__c${index}`);
  const value = dialect.ident(label);
  const assignment = armOf(column);
  if (assignment !== undefined) return armValues(dialect, column, assignment, j, label, helper, typed, hashHelper);
  if (column.type === "list") {
    const element = column.element!;
    const present = `CASE WHEN ${dialect.isArray(j)} THEN CASE WHEN ${dialect.every(j, (e) => elementPresent(dialect, e, element, column.values))} THEN true END END`;
    typed.push([label, present]);
    const contains = new Map<string, string>();
    const checks: [string, string][] = [];
    listLiterals(table, index).forEach((literal, k) => {
      const flag = helper(`scn__c${index}_${k}`);
      const equal = (e: string): string => equalsLiteral(dialect, elementValue(dialect, e, element, column.values), element, literal, column.values);
      // A list that is absent (one bad element is enough) makes the flag NULL, so both `contains` and `notContains` are false on it.
      checks.push([flag, `CASE WHEN ${value} THEN ${dialect.some(j, equal)} END`]);
      contains.set(canonicalJson(literal), dialect.ident(flag));
    });
    return { value, contains, checks };
  }
  if (column.type === "int" || column.type === "number") {
    const number = helper(`scn__n${index}`);
    typed.push([number, `CASE WHEN ${dialect.isNumber(j)} THEN ${dialect.asDouble(j)} END`]);
    const n = dialect.ident(number);
    const integral = column.type === "int" ? ` AND ${dialect.integral(n)} AND abs(${n}) <= ${dialect.double(MAX_SAFE)}` : "";
    return { value, contains: new Map(), checks: [[label, `CASE WHEN ${dialect.finite(n)}${integral} THEN ${n} END`]] };
  }
  typed.push([label, scalarValue(dialect, j, column.type, column.values)]);
  return { value, contains: new Map(), checks: [] };
}

/**
 * An arm column's value: the unit's text (a non-empty string, or a nonzero
 * int within ±(2^53 − 1) in decimal; anything else enrolls nobody), its
 * bucket `fnv(decimal(fnv(seed + unit))) % 10000 / 10000`, and the arm
 * whose range `[start, end)` holds the bucket first (NULL when none does).
 */
function armValues(
  dialect: Dialect,
  column: Column,
  assignment: ArmAssignment,
  j: string,
  label: string,
  helper: (label: string) => string,
  typed: [string, string][],
  hashHelper: string,
): ColumnValues {
  const unitLabel = helper(`${label}_unit`);
  if (assignment.unit === "int") {
    const n = dialect.asDouble(j);
    const safe = `${dialect.finite(n)} AND ${dialect.integral(n)} AND abs(${n}) <= ${dialect.double(MAX_SAFE)} AND ${n} <> 0`;
    typed.push([unitLabel, `CASE WHEN ${dialect.isNumber(j)} THEN CASE WHEN ${safe} THEN ${dialect.integerText(n)} END END`]);
  } else {
    typed.push([unitLabel, `CASE WHEN ${dialect.isString(j)} THEN CASE WHEN ${dialect.asText(j)} <> '' THEN ${dialect.asText(j)} END END`]);
  }
  const unit = dialect.ident(unitLabel);
  const seed = dialect.string(assignment.seed);
  const inner = seed === null ? null : dialect.fnv1a32(`${seed} || ${unit}`, hashHelper);
  const outer = inner === null ? null : dialect.fnv1a32(dialect.integerText(inner), hashHelper);
  const value = dialect.ident(label);
  if (outer === null) return { value, contains: new Map(), checks: [[label, `CAST(NULL AS ${stringType(dialect)})`]] };
  const bucketLabel = helper(`${label}_bucket`);
  const bucketSql = `CASE WHEN ${unit} IS NOT NULL THEN CAST(${dialect.mod(outer, 10000)} AS ${dialect.doubleType}) / 10000 END`;
  const bucket = dialect.ident(bucketLabel);
  const arms = column.values ?? [];
  const whens = assignment.ranges.map(([start, end], i) => `WHEN ${bucket} >= ${dialect.double(start)} AND ${bucket} < ${dialect.double(end)} THEN ${text(dialect, arms[i] ?? "")}`);
  const arm = whens.length === 0 ? `CAST(NULL AS ${stringType(dialect)})` : `CASE ${whens.join(" ")} END`;
  return { value, contains: new Map(), checks: [[bucketLabel, bucketSql]], late: [[label, arm]] };
}

/** The typed value of a bool, string or enum JSON value; NULL when it does not have the type. */
function scalarValue(dialect: Dialect, j: string, type: Column["type"], members: readonly string[] | undefined): string {
  switch (type) {
    case "bool":
      return `CASE WHEN ${dialect.isBool(j)} THEN ${dialect.asBool(j)} END`;
    case "string":
      return `CASE WHEN ${dialect.isString(j)} THEN ${dialect.asText(j)} END`;
    case "enum": {
      const list = memberList(dialect, members ?? []);
      return list === null ? "CAST(NULL AS VARCHAR)" : `CASE WHEN ${dialect.isString(j)} THEN CASE WHEN ${dialect.asText(j)} IN (${list}) THEN ${dialect.asText(j)} END END`;
    }
    default:
      throw new Error(`scalarValue: ${type} is not a scalar column type`);
  }
}

function memberList(dialect: Dialect, members: readonly string[]): string | null {
  const literals = members.map((m) => dialect.string(m)).filter((m): m is string => m !== null);
  return literals.length === 0 ? null : literals.join(", ");
}

/** The typed value of a list element (NULL when it lacks the element type), written inline. */
function elementValue(dialect: Dialect, e: string, type: Exclude<Column["type"], "list">, members: readonly string[] | undefined): string {
  if (type === "int" || type === "number") {
    const n = dialect.asDouble(e);
    const integral = type === "int" ? ` AND ${dialect.integral(n)} AND abs(${n}) <= ${dialect.double(MAX_SAFE)}` : "";
    return `CASE WHEN ${dialect.isNumber(e)} THEN CASE WHEN ${dialect.finite(n)}${integral} THEN ${n} END END`;
  }
  return scalarValue(dialect, e, type, members);
}

function elementPresent(dialect: Dialect, e: string, type: Exclude<Column["type"], "list">, members: readonly string[] | undefined): string {
  return `${elementValue(dialect, e, type, members)} IS NOT NULL`;
}

/** The distinct element literals of the `contains` and `notContains` tests on list column `index`. */
function listLiterals(table: DecisionTable, index: number): Scalar[] {
  const seen = new Map<string, Scalar>();
  for (const row of table.rows) {
    const test = row.tests[String(index)];
    if (test === undefined) continue;
    const literal = "contains" in test ? test.contains : "notContains" in test ? test.notContains : undefined;
    if (literal !== undefined) seen.set(canonicalJson(literal), literal);
  }
  return [...seen.values()];
}

/** Whether a present value of a column of `type` could equal `literal` (JSON equality: a boolean never equals a number). */
function comparable(type: Column["type"], literal: Scalar, members: readonly string[] | undefined): boolean {
  switch (type) {
    case "bool":
      return typeof literal === "boolean";
    case "int":
      return typeof literal === "number" && Number.isInteger(literal);
    case "number":
      return typeof literal === "number" && Number.isFinite(literal);
    case "string":
      return typeof literal === "string";
    case "enum":
      return typeof literal === "string" && (members ?? []).includes(literal);
    case "list":
      return false;
  }
}

/** The SQL literal of a comparable scalar, or null when the engine cannot hold it. */
function scalarLiteral(dialect: Dialect, type: Column["type"], literal: Scalar): string | null {
  if (type === "bool") return literal ? "true" : "false";
  if (type === "int" || type === "number") return dialect.double(literal as number);
  return dialect.string(literal as string);
}

/** `value = literal` as SQL, FALSE when no present value can equal it. */
function equalsLiteral(dialect: Dialect, value: string, type: Exclude<Column["type"], "list">, literal: Scalar, members?: readonly string[]): string {
  if (!comparable(type, literal, members)) return "false";
  const sql = scalarLiteral(dialect, type, literal);
  return sql === null ? "false" : `${value} = ${sql}`;
}

function literalsIn(dialect: Dialect, column: Column, literals: readonly Scalar[]): string[] {
  return literals
    .filter((l) => comparable(column.type, l, column.values))
    .map((l) => scalarLiteral(dialect, column.type, l))
    .filter((l): l is string => l !== null);
}

/** One unary test as a SQL predicate: TRUE when it holds, FALSE or NULL when not. */
function testSql(dialect: Dialect, column: Column, values: ColumnValues, test: UnaryTest): string {
  const v = values.value;
  if ("present" in test) return test.present ? `${v} IS NOT NULL` : `${v} IS NULL`;
  if ("contains" in test) return values.contains.get(canonicalJson(test.contains)) ?? "false";
  if ("notContains" in test) {
    const flag = values.contains.get(canonicalJson(test.notContains));
    return flag === undefined ? `${v} IS NOT NULL` : `NOT ${flag}`;
  }
  if (column.type === "list") return "false";
  if ("eq" in test) return `(${equalsLiteral(dialect, v, column.type, test.eq, column.values)})`;
  if ("bool" in test) return column.type === "bool" ? `${v} = ${test.bool ? "true" : "false"}` : "false";
  if ("in" in test) {
    const list = literalsIn(dialect, column, test.in);
    return list.length === 0 ? "false" : `${v} IN (${list.join(", ")})`;
  }
  if ("notIn" in test) {
    const list = literalsIn(dialect, column, test.notIn);
    return list.length === 0 ? `${v} IS NOT NULL` : `${v} NOT IN (${list.join(", ")})`;
  }
  if (column.type !== "int" && column.type !== "number") return "false";
  const intervals = test.range.map(([lo, hi, loIn, hiIn]) => {
    const parts: string[] = [];
    if (lo !== null) parts.push(`${v} ${loIn ? ">=" : ">"} ${dialect.double(lo)}`);
    if (hi !== null) parts.push(`${v} ${hiIn ? "<=" : "<"} ${dialect.double(hi)}`);
    return parts.length === 0 ? `${v} IS NOT NULL` : parts.join(" AND ");
  });
  return intervals.length === 0 ? "false" : `(${intervals.map((i) => `(${i})`).join(" OR ")})`;
}

/** The consent record as JSON text with sorted keys: `{"gate":true,…}`. */
function consentSql(dialect: Dialect, gates: readonly { name: string; value: string }[]): string {
  const sorted = [...gates].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (sorted.length === 0) return "'{}'";
  const parts: string[] = [];
  sorted.forEach((gate, i) => {
    parts.push(text(dialect, `${i === 0 ? "{" : ","}${JSON.stringify(gate.name)}:`));
    parts.push(`CASE WHEN ${gate.value} THEN 'true' ELSE 'false' END`);
  });
  parts.push("'}'");
  return `(${parts.join(" || ")})`;
}
