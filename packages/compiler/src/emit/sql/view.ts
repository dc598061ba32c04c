/**
 * The `sql` target (docs/warehouse.md): one view per decision that answers
 * every row of an input relation with the JSON runtime's answer.
 *
 * The view is a chain of stages, each one SELECT over the one before, so
 * that every context value is read and typed once per row:
 *
 *   1. the context document (the `context` column parsed, or a record built
 *      from top-level columns; with typed columns, none: typed.ts);
 *   2. the raw JSON value at each column's path and each consent gate's path;
 *   3. each value typed by the lenient rules (docs/bundle-format.md, "Unary
 *      tests and absent values"): SQL NULL stands for an absent value, so a
 *      wrongly typed value, `null` and a missing path all become NULL;
 *      numbers are read as doubles, and ints are kept only when integral and
 *      within ±(2^53 − 1);
 *   3b. each experiment's bucket and arm, hashed only for the rows that can
 *      reach a test of the arm (see decisionView);
 *   4. the first row whose tests all hold, in first-hit order (a CASE over
 *      the rows in order, a test every row has tested once before it), as
 *      its outcome number, -1 for none;
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
import { jsonKindOf, resolvePath, type SqlColumnType, type TypedColumns, type TypedSource } from "./typed.js";

export type SqlContextShape = "json" | "columns";
export type { SqlColumnType, TypedColumns, DuckDBTypeDescription } from "./typed.js";
export { sqlColumnTypeOfDuckDB } from "./typed.js";

export interface SqlOptions {
  readonly dialect: SqlDialectName;
  /** The input relation, possibly qualified (`db.schema.table`); default `scn_contexts`. */
  readonly input?: string;
  /** Where the context is read from (default `json`, a `context` column). */
  readonly context?: SqlContextShape;
  /** The views' name prefix, possibly qualified (`marts.scn_`); default `scn_`. */
  readonly prefix?: string;
  /**
   * DuckDB with `context: "columns"` only: the types of the input's
   * top-level context columns, so that values of the expected type are read
   * from their struct fields directly (typed.ts; docs/warehouse.md, "Typed
   * columns").
   */
  readonly typed?: TypedColumns;
  /**
   * DuckDB only: each text answer column as an ENUM of the values the
   * decision can give, instead of VARCHAR, the SQL making one ENUM type per
   * column before the view (docs/warehouse.md, "Answer columns as enums"). The values are the same; an enum is a small integer
   * per row, which DuckDB's Parquet writer turns into its dictionary without
   * hashing each row's text, and which takes a byte where the text takes a
   * hundred while answers wait to be written in order. `scn score` asks for
   * it; the views of `scn build --target sql` keep VARCHAR columns.
   */
  readonly enumAnswers?: boolean;
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
  if (options.typed !== undefined && (options.dialect !== "duckdb" || options.context !== "columns")) {
    throw new Error("emitSql: typed columns are read by the duckdb dialect in the columns shape only");
  }
  if (options.enumAnswers === true && options.dialect !== "duckdb") throw new Error("emitSql: enum answer columns are a duckdb feature");
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
  const typedColumns = options.typed;
  const sourceOf = (path: string): TypedSource | undefined => (typedColumns === undefined ? undefined : resolvePath(typedColumns, path, (name) => dialect.ident(name)));
  const values = table.columns.map((column, index) => columnValues(dialect, column, index, table, rawFor, helper, typed, hashHelper, sourceOf(column.path)));
  const consent = bundle.consent.map((gate, index) => {
    const label = helper(`scn__g${index}`);
    const source = sourceOf(gate.path);
    const kind = source?.kind === "typed" ? jsonKindOf(source.type) : undefined;
    if (source?.kind === "absent" || (kind !== undefined && kind !== "boolean")) typed.push([label, "false"]);
    else if (source?.kind === "typed" && kind === "boolean") typed.push([label, `coalesce(${source.sql}, false)`]);
    else {
      const j = rawFor(gate.path);
      typed.push([label, `CASE WHEN ${dialect.isBool(j)} THEN ${dialect.asBool(j)} ELSE false END`]);
    }
    return { name: gate.name, label };
  });
  // Numbers are converted in stage 3 and checked in a stage of their own, so the conversion is written once.
  const checks: [string, string][] = values.flatMap((v) => v.checks);
  // An arm's bucket is hashed only for rows that can reach a test of its
  // column: those where every other test of some row testing it holds (a
  // row whose other tests fail cannot hit, whatever its arm). Hashing is
  // the dearest step of a view, and most rows never need it.
  const buckets: [string, string][] = [];
  const arms: [string, string][] = [];
  values.forEach((v, index) => {
    if (v.arm === undefined) return;
    const reaching = table.rows
      .filter((row) => row.tests[String(index)] !== undefined)
      .map((row) => {
        const others = Object.entries(row.tests)
          .filter(([other]) => values[Number(other)]!.arm === undefined)
          .map(([other, test]) => testSql(dialect, table.columns[Number(other)]!, values[Number(other)]!, test));
        return others.length === 0 ? "true" : others.join(" AND ");
      });
    const guard = reaching.includes("true") ? null : reaching.length === 0 ? "false" : reaching.map((r) => `(${r})`).join(" OR ");
    buckets.push([v.arm.bucketLabel, guard === null ? v.arm.bucketSql : `CASE WHEN ${guard} THEN ${v.arm.bucketSql} END`]);
    arms.push([v.arm.label, v.arm.armSql]);
  });

  // Stage 4: the first hit, as an outcome number.
  const hit = helper("scn__hit");
  const rowTests = table.rows.map((row) => ({
    outcome: row.outcome,
    tests: Object.entries(row.tests).map(([column, test]) => ({ key: `${column} ${canonicalJson(test)}`, sql: testSql(dialect, table.columns[Number(column)]!, values[Number(column)]!, test) })),
  }));
  const hitSql = firstHitSql(rowTests);

  // Stage 5: the answer. Each text column is a CASE over the outcome
  // number giving constants (null: SQL NULL); with enum answers, constants
  // of an ENUM type made for that column, whose members are the texts the
  // column can give.
  const h = col(hit);
  const fallback = table.default === null ? "none" : "default";
  const nullText = `CAST(NULL AS ${stringType(dialect)})`;
  const types: string[] = [];
  const typeOf = (column: string, values: readonly (string | null)[]): string | null => {
    if (options.enumAnswers !== true) return null;
    const type = enumType(dialect, viewName(dialect, options.prefix ?? "scn_", `${name}__${column}`), values);
    if (type !== null) types.push(type.statement);
    return type?.name ?? null;
  };
  const constant = (value: string | null, type: string | null): string => {
    if (type === null) return value === null ? nullText : text(dialect, value);
    return `CAST(${value === null ? "NULL" : text(dialect, value)} AS ${type})`;
  };
  const byOutcome = (column: string, pick: (index: number) => string | null, otherwise: string | null): string => {
    const picked = table.outcomes.map((_, i) => pick(i));
    const type = typeOf(column, [...picked, otherwise]);
    if (table.outcomes.length === 0) return constant(otherwise, type);
    return `CASE ${h} ${picked.map((value, i) => `WHEN ${i} THEN ${constant(value, type)}`).join(" ")} ELSE ${constant(otherwise, type)} END`;
  };
  const reasonType = typeOf("reason", ["scenario", fallback]);
  const consentJson = consentSql(dialect, consent.map((gate) => ({ name: gate.name, value: col(gate.label) })), (records) => typeOf("consent", records));
  const answer: [string, string][] = [
    ["reason", `CASE WHEN ${h} >= 0 THEN ${constant("scenario", reasonType)} ELSE ${constant(fallback, reasonType)} END`],
    ["rule", byOutcome("rule", (i) => table.outcomes[i]!.rule, null)],
    ["scenario", byOutcome("scenario", (i) => table.outcomes[i]!.scenario, null)],
    ["pathway", byOutcome("pathway", (i) => table.outcomes[i]!.pathway, null)],
    ["variation", byOutcome("variation", (i) => table.outcomes[i]!.variation, null)],
    ["output", byOutcome("output", (i) => canonicalJson(table.outcomes[i]!.output), table.default === null ? null : canonicalJson(table.default))],
    ["experiment", byOutcome("experiment", (i) => exposureOf(table.outcomes[i]!)?.name ?? null, null)],
    ["arm", byOutcome("arm", (i) => exposureOf(table.outcomes[i]!)?.arm ?? null, null)],
    ["metrics", byOutcome("metrics", (i) => canonicalJson(table.outcomes[i]!.metrics), "[]")],
    ["consent", consentJson],
  ];

  // Stage 2 reads every path at once where the engine can (one parse of the document), else path by path.
  const paths = [...rawOf.keys()].map((path) => path.split("."));
  const document = col("scn__doc");
  const list = dialect.paths?.list(document, paths) ?? null;
  const read: Stage[] = [];
  if (typedColumns !== undefined) {
    // Values read through JSON in typed mode: each from its own field's JSON.
    read.push({ columns: [...rawOf].map(([path, label]) => [label, typedRawJson(dialect, sourceOf(path)!)] as const) });
  } else if (list === null || dialect.paths === undefined) {
    read.push({ columns: [...rawOf.values()].map((label, i) => [label, dialect.path(document, paths[i]!)] as const) });
  } else {
    const all = helper("scn__p");
    const item = dialect.paths.item;
    read.push({ columns: [[all, list]] }, { columns: [...rawOf.values()].map((label, i) => [label, item(col(all), i)] as const) });
  }
  const stages: Stage[] = [...read, { columns: typed }, { columns: checks }, { columns: buckets }, { columns: arms }, { columns: [[hit, hitSql]] }];
  const input = qualified(dialect, options.input ?? "scn_contexts");
  // Typed columns need no document: the values are read from the row's own columns.
  const doc = typedColumns !== undefined ? null : documentSql(dialect, bundle, options.context ?? "json", "scn__i");
  const view = `CREATE OR REPLACE VIEW ${viewName(dialect, options.prefix ?? "scn_", name)} AS\n${viewBody(dialect, input, doc, stages, helpers, answer)};\n`;
  return types.map((type) => `${type}\n`).join("") + view;
}

/**
 * The first row whose tests all hold, as its outcome number, or -1. A test
 * that every row has is tested once, outside the CASE over the rows (and
 * so on inside it): a context that fails it is answered after one test
 * instead of one per row, and the first hit is the same.
 */
function firstHitSql(rows: readonly { readonly outcome: number; readonly tests: readonly { readonly key: string; readonly sql: string }[] }[]): string {
  if (rows.length === 0) return "-1";
  const [first, ...rest] = rows;
  const shared = first!.tests.filter((test) => rest.every((row) => row.tests.some((other) => other.key === test.key)));
  if (shared.length > 0) {
    const keys = new Set(shared.map((test) => test.key));
    const inner = firstHitSql(rows.map((row) => ({ outcome: row.outcome, tests: row.tests.filter((test) => !keys.has(test.key)) })));
    return `CASE WHEN ${shared.map((test) => test.sql).join(" AND ")} THEN ${inner} ELSE -1 END`;
  }
  const whens = rows.map((row) => `WHEN ${row.tests.length === 0 ? "true" : row.tests.map((test) => test.sql).join(" AND ")} THEN ${row.outcome}`);
  return `CASE\n        ${whens.join("\n        ")}\n        ELSE -1 END`;
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
function viewBody(dialect: Dialect, input: string, doc: string | null, stages: readonly Stage[], helpers: readonly string[], answer: readonly (readonly [string, string])[]): string {
  const list = (columns: readonly (readonly [string, string])[]): string => columns.map(([label, sql]) => `${sql} AS ${dialect.ident(label)}`).join(",\n    ");
  const pass = dialect.passThrough;
  if (pass.kind === "exclude") {
    let from = doc === null ? `SELECT * FROM ${input}` : `SELECT scn__i.*, ${doc} AS ${dialect.ident("scn__doc")} FROM ${input} AS scn__i`;
    stages.forEach((stage, i) => {
      if (stage.columns.length === 0) return;
      from = `SELECT scn__s${i}.*,\n    ${list(stage.columns)}\n  FROM (${from}) AS scn__s${i}`;
    });
    const dropped = [...(doc === null ? [] : ["scn__doc"]), ...helpers].map((label) => dialect.ident(label)).join(", ");
    return `SELECT * ${pass.keyword} (${dropped}),\n    ${list(answer)}\n  FROM (${from}) AS scn__s`;
  }
  if (doc === null) throw new Error("viewBody: typed columns need a dialect that drops columns from *");
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
  /** For an arm column: its bucket (hashed in a stage after `checks`, only where needed) and its arm, from the bucket. */
  readonly arm?: { readonly label: string; readonly armSql: string; readonly bucketLabel: string; readonly bucketSql: string };
}

/** A JSON value for the read stage in typed mode: a field's own JSON, or NULL where no row has a value. */
function typedRawJson(dialect: Dialect, source: TypedSource): string {
  switch (source.kind) {
    case "absent":
      return "CAST(NULL AS JSON)";
    case "typed":
      return `to_json(${source.sql})`;
    case "json":
      return source.keys.length === 0 ? source.json : dialect.path(source.json, source.keys);
  }
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
  source: TypedSource | undefined,
): ColumnValues {
  const label = helper(`scn__c${index}`);
  const value = dialect.ident(label);
  const assignment = armOf(column);
  if (assignment !== undefined) {
    const unit = (source === undefined ? undefined : typedUnit(dialect, assignment.unit, source)) ?? jsonUnit(dialect, assignment.unit, rawFor(column.path));
    return armValues(dialect, column, assignment, unit, label, helper, typed, hashHelper);
  }
  if (source !== undefined) {
    const direct = typedValues(dialect, column, index, table, source, label, helper, typed);
    if (direct !== undefined) return direct;
  }
  const j = rawFor(column.path);
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
  typed.push([label, scalarValue(dialect, j, column.type, column.values, membersMatter(table, index))]);
  return { value, contains: new Map(), checks: [] };
}

/**
 * Whether an enum column's value must be checked against the members: only
 * for `is present` and `not in` tests. An `==` or `in` test compares with
 * members only, which a non-member never equals, so it gives the same
 * answer without the check.
 */
function membersMatter(table: DecisionTable, index: number): boolean {
  return table.rows.some((row) => {
    const test = row.tests[String(index)];
    return test !== undefined && ("present" in test || "notIn" in test);
  });
}

/** The JSON kind a column's present values have. */
function expectedKind(type: Column["type"]): "boolean" | "number" | "string" | "array" {
  switch (type) {
    case "bool":
      return "boolean";
    case "int":
    case "number":
      return "number";
    case "string":
    case "enum":
      return "string";
    case "list":
      return "array";
  }
}

/**
 * How a typed value reads as a scalar of `type`: the SQL of the value (NULL
 * when absent) for a field of SQL type `sqlType` holding `x`; "absent" when
 * no value of that SQL type can have the column's type; undefined when it
 * must be read through JSON (typed.ts).
 */
function typedScalar(
  dialect: Dialect,
  x: string,
  sqlType: SqlColumnType,
  type: Exclude<Column["type"], "list">,
  members: readonly string[] | undefined,
  checkMembers = true,
): string | "absent" | undefined {
  const kind = jsonKindOf(sqlType);
  if (kind === undefined) return undefined;
  if (kind !== expectedKind(type)) return "absent";
  switch (type) {
    case "bool":
      return x;
    case "string":
      return x;
    case "enum": {
      const list = memberList(dialect, members ?? []);
      if (list === null) return "absent";
      return checkMembers ? `CASE WHEN ${x} IN (${list}) THEN ${x} END` : x;
    }
    case "int":
    case "number": {
      const integral = type === "int";
      if (sqlType.kind === "integer") {
        // Every integer type converts to the nearest double, as JavaScript reads the integer's decimal text.
        return integral ? `CASE WHEN ${x} BETWEEN -${MAX_SAFE} AND ${MAX_SAFE} THEN CAST(${x} AS DOUBLE) END` : `CAST(${x} AS DOUBLE)`;
      }
      if (sqlType.kind === "double") {
        const checks = integral ? ` AND ${dialect.integral(x)} AND abs(${x}) <= ${dialect.double(MAX_SAFE)}` : "";
        return `CASE WHEN ${dialect.finite(x)}${checks} THEN ${x} END`;
      }
      return undefined;
    }
  }
}

/** A column's values read from a typed field, or undefined when the field must be read through JSON. */
function typedValues(
  dialect: Dialect,
  column: Column,
  index: number,
  table: DecisionTable,
  source: TypedSource,
  label: string,
  helper: (label: string) => string,
  typed: [string, string][],
): ColumnValues | undefined {
  const value = dialect.ident(label);
  const absent = (): ColumnValues => {
    typed.push([label, column.type === "list" ? "CAST(NULL AS BOOLEAN)" : `CAST(NULL AS ${sqlTypeOf(column.type)})`]);
    return { value, contains: new Map(), checks: [] };
  };
  if (source.kind === "absent") return absent();
  if (source.kind === "json") return undefined;
  const kind = jsonKindOf(source.type);
  if (kind === undefined) return undefined;
  if (kind !== expectedKind(column.type)) return absent();
  if (column.type !== "list") {
    const scalar = typedScalar(dialect, source.sql, source.type, column.type, column.values, membersMatter(table, index));
    if (scalar === undefined) return undefined;
    if (scalar === "absent") return absent();
    typed.push([label, scalar]);
    return { value, contains: new Map(), checks: [] };
  }
  if (source.type.kind !== "list") return undefined;
  const element = column.element!;
  const elementType = source.type.element;
  const read = typedScalar(dialect, "scn__e", elementType, element, column.values);
  if (read === undefined) return undefined;
  const list = source.sql;
  // Present when every element has the element type; an empty list always is.
  const present =
    read === "absent"
      ? `CASE WHEN len(${list}) = 0 THEN true END`
      : read === "scn__e" && (element === "string" || element === "bool")
        ? `CASE WHEN list_count(${list}) = len(${list}) THEN true END`
        : `CASE WHEN coalesce(list_bool_and(list_transform(${list}, lambda scn__e: ${read} IS NOT NULL)), true) THEN true END`;
  typed.push([label, present]);
  const contains = new Map<string, string>();
  const checks: [string, string][] = [];
  listLiterals(table, index).forEach((literal, k) => {
    const flag = helper(`scn__c${index}_${k}`);
    let has: string;
    if (read === "absent" || !comparable(element, literal, column.values)) has = "false";
    else if (element === "string" || element === "enum") has = `list_contains(${list}, ${scalarLiteral(dialect, element, literal) ?? "NULL"})`;
    else has = `coalesce(list_bool_or(list_transform(${list}, lambda scn__e: ${equalsLiteral(dialect, read, element, literal, column.values)})), false)`;
    checks.push([flag, `CASE WHEN ${value} THEN ${has} END`]);
    contains.set(canonicalJson(literal), dialect.ident(flag));
  });
  return { value, contains, checks };
}

function sqlTypeOf(type: Exclude<Column["type"], "list">): string {
  return type === "bool" ? "BOOLEAN" : type === "int" || type === "number" ? "DOUBLE" : "VARCHAR";
}

/** An experiment unit's text read from JSON: a non-empty string, or a nonzero int within ±(2^53 − 1) in decimal. */
function jsonUnit(dialect: Dialect, unit: ArmAssignment["unit"], j: string): string {
  if (unit === "int") {
    const n = dialect.asDouble(j);
    const safe = `${dialect.finite(n)} AND ${dialect.integral(n)} AND abs(${n}) <= ${dialect.double(MAX_SAFE)} AND ${n} <> 0`;
    return `CASE WHEN ${dialect.isNumber(j)} THEN CASE WHEN ${safe} THEN ${dialect.integerText(n)} END END`;
  }
  return `CASE WHEN ${dialect.isString(j)} THEN CASE WHEN ${dialect.asText(j)} <> '' THEN ${dialect.asText(j)} END END`;
}

/** An experiment unit's text read from a typed field; undefined when it must be read through JSON. */
function typedUnit(dialect: Dialect, unit: ArmAssignment["unit"], source: TypedSource): string | undefined {
  if (source.kind === "absent") return "CAST(NULL AS VARCHAR)";
  if (source.kind === "json") return undefined;
  const read = typedScalar(dialect, source.sql, source.type, unit === "int" ? "int" : "string", undefined);
  if (read === undefined) return undefined;
  if (read === "absent") return "CAST(NULL AS VARCHAR)";
  if (unit === "int") return `CASE WHEN ${read} <> 0 THEN ${dialect.integerText(read)} END`;
  return `CASE WHEN ${read} <> '' THEN ${read} END`;
}

/**
 * An arm column's value: the unit's text (`unit`, NULL when the unit
 * enrolls nobody), its bucket `fnv(decimal(fnv(seed + unit))) % 10000 /
 * 10000`, and the arm whose range `[start, end)` holds the bucket first
 * (NULL when none does).
 */
function armValues(
  dialect: Dialect,
  column: Column,
  assignment: ArmAssignment,
  unitSql: string,
  label: string,
  helper: (label: string) => string,
  typed: [string, string][],
  hashHelper: string,
): ColumnValues {
  const unitLabel = helper(`${label}_unit`);
  typed.push([unitLabel, unitSql]);
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
  const armSql = whens.length === 0 ? `CAST(NULL AS ${stringType(dialect)})` : `CASE ${whens.join(" ")} END`;
  return { value, contains: new Map(), checks: [], arm: { label, armSql, bucketLabel, bucketSql } };
}

/** The typed value of a bool, string or enum JSON value; NULL when it does not have the type. */
function scalarValue(dialect: Dialect, j: string, type: Column["type"], members: readonly string[] | undefined, checkMembers = true): string {
  switch (type) {
    case "bool":
      return `CASE WHEN ${dialect.isBool(j)} THEN ${dialect.asBool(j)} END`;
    case "string":
      return `CASE WHEN ${dialect.isString(j)} THEN ${dialect.asText(j)} END`;
    case "enum": {
      const list = memberList(dialect, members ?? []);
      if (list === null) return "CAST(NULL AS VARCHAR)";
      if (!checkMembers) return `CASE WHEN ${dialect.isString(j)} THEN ${dialect.asText(j)} END`;
      return `CASE WHEN ${dialect.isString(j)} THEN CASE WHEN ${dialect.asText(j)} IN (${list}) THEN ${dialect.asText(j)} END END`;
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

/**
 * The ENUM type `name` of the texts `values` (null being NULL) and the
 * statement that makes it, or null when there can be none: an ENUM needs
 * at least one member, and its members must be plain literals, which a text
 * holding control characters is not (the dialect writes it as a
 * concatenation), so such a column stays text.
 */
function enumType(dialect: Dialect, name: string, values: readonly (string | null)[]): { readonly name: string; readonly statement: string } | null {
  const members = [...new Set(values.filter((v): v is string => v !== null).map(shownName))].map((m) => text(dialect, m));
  if (members.length === 0 || members.some((m) => !/^'([^']|'')*'$/.test(m))) return null;
  return { name, statement: `CREATE OR REPLACE TYPE ${name} AS ENUM (${members.join(", ")});` };
}

/** Gates up to this many get their consent record from constants (one per combination of values); more are concatenated per row. */
const CONSENT_CONSTANTS_UP_TO = 4;

/**
 * The consent record as JSON text with sorted keys: `{"gate":true,…}`. With
 * `typeOf` (enum answers), few gates give it as one of the records every
 * combination of their values makes (a nested CASE over the gates), as
 * constants of the ENUM type `typeOf` makes of those records, which costs a
 * few tests per row where building the text costs an allocation.
 */
function consentSql(dialect: Dialect, gates: readonly { name: string; value: string }[], typeOf?: (records: readonly string[]) => string | null): string {
  const sorted = [...gates].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (sorted.length === 0) return "'{}'";
  if (typeOf !== undefined && sorted.length <= CONSENT_CONSTANTS_UP_TO) {
    const record = (values: readonly boolean[]): string => `{${sorted.map((gate, i) => `${JSON.stringify(gate.name)}:${values[i]}`).join(",")}}`;
    const combinations = (values: readonly boolean[]): boolean[][] => (values.length === sorted.length ? [[...values]] : [...combinations([...values, true]), ...combinations([...values, false])]);
    const type = typeOf(combinations([]).map(record));
    if (type !== null) {
      const choose = (values: readonly boolean[]): string =>
        values.length === sorted.length
          ? `CAST(${text(dialect, record(values))} AS ${type})`
          : `CASE WHEN ${sorted[values.length]!.value} THEN ${choose([...values, true])} ELSE ${choose([...values, false])} END`;
      return choose([]);
    }
  }
  const parts: string[] = [];
  sorted.forEach((gate, i) => {
    parts.push(text(dialect, `${i === 0 ? "{" : ","}${JSON.stringify(gate.name)}:`));
    parts.push(`CASE WHEN ${gate.value} THEN 'true' ELSE 'false' END`);
  });
  parts.push("'}'");
  return `(${parts.join(" || ")})`;
}
