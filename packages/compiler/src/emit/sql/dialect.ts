/**
 * What the SQL emitter (view.ts) needs from an engine: how to quote, how to
 * read one JSON value, how to tell its type, and how to scan a JSON array.
 * Everything else — the stages of the view, the lenient presence and type
 * rules, first-hit order — is written once in view.ts from these pieces
 * (docs/warehouse.md, "How the SQL is built").
 *
 * Every function returns SQL text. `j` arguments are expressions of the
 * engine's JSON type that may be SQL NULL (a missing value); the type
 * predicates must be false or NULL on NULL, and a conversion (`asDouble`,
 * `asText`, `asBool`) is only ever evaluated inside a CASE branch whose
 * predicate said it has that type.
 */

export const SQL_DIALECTS = ["duckdb", "postgres", "spark", "trino", "bigquery", "snowflake"] as const;
export type SqlDialectName = (typeof SQL_DIALECTS)[number];

/** How the view keeps the input's own columns without its helper columns. */
export type PassThrough =
  /** `SELECT * EXCLUDE (helpers)` (DuckDB, Snowflake) or `* EXCEPT (helpers)` (BigQuery). */
  | { readonly kind: "exclude"; readonly keyword: "EXCLUDE" | "EXCEPT" }
  /** The answer is computed in a `LATERAL` subquery beside the input row (PostgreSQL, Trino, Spark). */
  | { readonly kind: "lateral"; readonly join: string };

export interface Dialect {
  readonly name: SqlDialectName;
  readonly passThrough: PassThrough;
  /** A quoted identifier. */
  ident(name: string): string;
  /** A string literal, or null when the engine's strings cannot hold `text` (it then equals no value). */
  string(text: string): string | null;
  /** A double-precision literal of a finite number. */
  double(value: number): string;
  readonly doubleType: string;
  /** The context document from the `context` column (JSON or text). */
  parse(column: string): string;
  /** The context document built from top-level columns (`--sql-context columns`). */
  record(fields: readonly (readonly [string, string])[]): string;
  /** The JSON value at `keys` below `doc`; NULL when a step is missing or not an object. */
  path(doc: string, keys: readonly string[]): string;
  /**
   * Where the engine can read many paths in one pass over the document: a
   * list of the values at `paths` (null when some path needs `path` instead),
   * and the list's element `index` (0-based).
   */
  readonly paths?: {
    list(doc: string, paths: readonly (readonly string[])[]): string | null;
    item(list: string, index: number): string;
  };
  isBool(j: string): string;
  isNumber(j: string): string;
  isString(j: string): string;
  isArray(j: string): string;
  asBool(j: string): string;
  /** The number as a double; for engines whose JSON numbers are decimals, NULL where the double would be infinite. */
  asDouble(j: string): string;
  asText(j: string): string;
  /** A predicate: the double is finite. */
  finite(x: string): string;
  /** A predicate: the finite double has no fractional part. */
  integral(x: string): string;
  /** True when `predicate(element)` holds for every element of the JSON array `j` (true for an empty array). */
  every(j: string, predicate: (element: string) => string): string;
  /** True when `predicate(element)` holds for some element of the JSON array `j`. */
  some(j: string, predicate: (element: string) => string): string;
  /** The decimal text of an integral double within ±(2^53 − 1), as JavaScript's `String(n)` writes it. */
  integerText(x: string): string;
  /**
   * FNV-1a (32 bits) over the UTF-16 code units of a string, as a BIGINT
   * (docs/warehouse.md, "Experiments"); null when the dialect cannot compute
   * it, and then experiment arms are absent. `helper` is the quoted,
   * qualified name of the helper function the prelude creates, for the
   * dialects that need one.
   */
  fnv1a32(text: string, helper: string): string | null;
  /** The remainder of a non-negative integer divided by `n` (BigQuery has no `%` operator). */
  mod(x: string, n: number): string;
  /** Statements the file needs before its views (the helper function `helper`), when it assigns arms. */
  experimentPrelude(helper: string): string;
}

/**
 * The UTF-16 code units of a code point `cp`, as the two halves of a
 * surrogate pair for code points past U+FFFF (how JavaScript's strings hold
 * them, and what GrowthBook hashes).
 */
function codeUnits(cp: string): { high: string; low: string } {
  return { high: `55296 + ((${cp} - 65536) >> 10)`, low: `56320 + ((${cp} - 65536) & 1023)` };
}

/** Doubles a quote character inside a quoted identifier or literal. */
function doubled(text: string, quote: string): string {
  return quote + text.split(quote).join(quote + quote) + quote;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** A lone UTF-16 surrogate has no UTF-8 form, so no engine's string can hold it. */
function hasLoneSurrogate(text: string): boolean {
  return text.search(LONE_SURROGATE) >= 0;
}

/** `text` with each lone surrogate replaced by U+FFFD. */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, "\ufffd");
}

/**
 * For engines with backslash escapes in string literals (Spark, BigQuery,
 * Snowflake): backslash and quote escaped, and every control character and
 * line or paragraph separator written as a `\u` escape of four hex
 * digits, so the literal is one line of printable text.
 */
function backslashString(text: string): string {
  let out = "'";
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (char === "\\" || char === "'") out += "\\" + char;
    else if (code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029) out += "\\u" + code.toString(16).padStart(4, "0");
    else out += char;
  }
  return out + "'";
}

/**
 * For engines whose literals only double the quote (DuckDB, PostgreSQL,
 * Trino): control characters are spelled with `chr(n)` so the file stays
 * printable; NUL only where the engine's strings can hold it.
 */
function standardString(text: string, allowNul: boolean): string | null {
  if (!allowNul && text.includes("\u0000")) return null;
  const parts: string[] = [];
  let run = "";
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029) {
      if (run !== "") parts.push(doubled(run, "'"));
      run = "";
      parts.push(`chr(${code})`);
    } else run += char;
  }
  if (run !== "" || parts.length === 0) parts.push(doubled(run, "'"));
  return parts.length === 1 ? parts[0]! : `(${parts.join(" || ")})`;
}

function representable(text: string, literal: (text: string) => string | null): string | null {
  return hasLoneSurrogate(text) ? null : literal(text);
}

/** The shortest round-trip decimal form of a finite double, as every engine parses it. */
function doubleText(value: number): string {
  return Object.is(value, -0) ? "0" : String(value);
}

/** A string literal, or NULL where the engine cannot hold the text (no value then equals it). */
export function lit(dialect: Dialect, text: string): string {
  return dialect.string(text) ?? "NULL";
}

/** A path key that an engine might take as an array position rather than an object key. */
export function looksLikeIndex(key: string): boolean {
  return /^-?\d*$/.test(key);
}

const duckdb: Dialect = {
  name: "duckdb",
  passThrough: { kind: "exclude", keyword: "EXCLUDE" },
  ident: (name) => doubled(name, '"'),
  string: (text) => representable(text, (t) => standardString(t, false)),
  double: (value) => `CAST('${doubleText(value)}' AS DOUBLE)`,
  doubleType: "DOUBLE",
  // DuckDB's JSON functions read JSON text as it is; a cast would parse every document once more.
  parse: (column) => column,
  record: (fields) => `json_object(${fields.map(([key, value]) => `${lit(duckdb, key)}, ${value}`).join(", ")})`,
  // One JSON Pointer (RFC 6901) per path; a key that reads as an array
  // position is taken one step at a time behind an object check instead.
  path: (doc, keys) => {
    if (!keys.some(looksLikeIndex)) return `json_extract(${doc}, ${lit(duckdb, pointer(keys))})`;
    return keys.reduce((parent, key) => `CASE WHEN json_type(${parent}) = 'OBJECT' THEN json_extract(${parent}, ${lit(duckdb, pointer([key]))}) END`, doc);
  },
  // `json_extract` with a list of paths parses the document once for all of them.
  paths: {
    list: (doc, paths) => (paths.some((keys) => keys.some(looksLikeIndex)) ? null : `json_extract(${doc}, [${paths.map((keys) => lit(duckdb, pointer(keys))).join(", ")}])`),
    item: (list, index) => `${list}[${index + 1}]`,
  },
  isBool: (j) => `json_type(${j}) = 'BOOLEAN'`,
  isNumber: (j) => `json_type(${j}) IN ('BIGINT', 'UBIGINT', 'DOUBLE', 'HUGEINT')`,
  isString: (j) => `json_type(${j}) = 'VARCHAR'`,
  isArray: (j) => `json_type(${j}) = 'ARRAY'`,
  asBool: (j) => `CAST(${j} AS BOOLEAN)`,
  asDouble: (j) => `CAST(${j} AS DOUBLE)`,
  asText: (j) => `json_extract_string(${j}, '$')`,
  finite: (x) => `isfinite(${x})`,
  integral: (x) => `${x} = trunc(${x})`,
  every: (j, predicate) => `coalesce(list_bool_and(list_transform(json_extract(${j}, '$[*]'), lambda scn__e: ${predicate("scn__e")})), true)`,
  some: (j, predicate) => `coalesce(list_bool_or(list_transform(json_extract(${j}, '$[*]'), lambda scn__e: ${predicate("scn__e")})), false)`,
  integerText: (x) => `CAST(CAST(${x} AS BIGINT) AS VARCHAR)`,
  // The string split into code points, each past U+FFFF as its surrogate pair, folded from FNV's offset basis.
  fnv1a32: (text) => {
    const { high, low } = codeUnits("unicode(scn__ch)");
    const units = `flatten(list_transform(string_split(${text}, ''), lambda scn__ch: CASE WHEN unicode(scn__ch) > 65535 THEN [${high}, ${low}] ELSE [unicode(scn__ch)] END))`;
    return `list_reduce(list_concat([CAST(2166136261 AS BIGINT)], ${units}), lambda scn__h, scn__u: (xor(scn__h, scn__u) * 16777619) % 4294967296)`;
  },
  experimentPrelude: () => "",
  mod: (x, n) => `${x} % ${n}`,
};

function pointer(keys: readonly string[]): string {
  return keys.map((key) => "/" + key.replaceAll("~", "~0").replaceAll("/", "~1")).join("");
}

/**
 * PostgreSQL's jsonb numbers are exact decimals, so a number a double cannot
 * hold would make the cast to float8 fail. A double rounds to infinity at
 * 2^1024 − 2^970 (halfway past the largest double) and to zero at or below
 * 2^-1075 (half the smallest subnormal), the rounding JavaScript's JSON.parse
 * applies; both limits are compared exactly as numerics first.
 */
const PG_OVERFLOW = (2n ** 1024n - 2n ** 970n).toString();
const PG_UNDERFLOW = `1 / 2 ^ 1075::numeric`;

const postgres: Dialect = {
  name: "postgres",
  passThrough: { kind: "lateral", join: "CROSS JOIN LATERAL" },
  ident: (name) => doubled(name.replaceAll("\u0000", "\ufffd"), '"'),
  string: (text) => representable(text, (t) => standardString(t, false)),
  double: (value) => `CAST('${doubleText(value)}' AS DOUBLE PRECISION)`,
  doubleType: "DOUBLE PRECISION",
  parse: (column) => `CAST(${column} AS JSONB)`,
  record: (fields) => `jsonb_build_object(${fields.map(([key, value]) => `${lit(postgres, key)}::text, to_jsonb(${value})`).join(", ")})`,
  // `->` with a text key is NULL on anything but an object holding the key.
  path: (doc, keys) => keys.reduce((parent, key) => `(${parent} -> ${lit(postgres, key)}::text)`, doc),
  isBool: (j) => `jsonb_typeof(${j}) = 'boolean'`,
  isNumber: (j) => `jsonb_typeof(${j}) = 'number'`,
  isString: (j) => `jsonb_typeof(${j}) = 'string'`,
  isArray: (j) => `jsonb_typeof(${j}) = 'array'`,
  asBool: (j) => `CAST(${j} AS BOOLEAN)`,
  asDouble: (j) =>
    `CASE WHEN abs(CAST(${j} AS NUMERIC)) >= ${PG_OVERFLOW} THEN NULL WHEN abs(CAST(${j} AS NUMERIC)) <= ${PG_UNDERFLOW} THEN CAST(0 AS DOUBLE PRECISION) ELSE CAST(CAST(${j} AS NUMERIC) AS DOUBLE PRECISION) END`,
  asText: (j) => `(${j} #>> '{}')`,
  finite: (x) => `${x} IS NOT NULL`,
  integral: (x) => `${x} = trunc(${x})`,
  every: (j, predicate) => `NOT EXISTS (SELECT 1 FROM jsonb_array_elements(${j}) AS scn__a(scn__e) WHERE NOT coalesce(${predicate("scn__e")}, false))`,
  some: (j, predicate) => `EXISTS (SELECT 1 FROM jsonb_array_elements(${j}) AS scn__a(scn__e) WHERE ${predicate("scn__e")})`,
  integerText: (x) => `CAST(CAST(${x} AS BIGINT) AS TEXT)`,
  fnv1a32: (text, helper) => `${helper}(${text})`,
  mod: (x, n) => `${x} % ${n}`,
  // A loop over the string's characters, each past U+FFFF hashed as its surrogate pair.
  experimentPrelude: (helper) => [
    `CREATE OR REPLACE FUNCTION ${helper}(t text) RETURNS bigint LANGUAGE plpgsql IMMUTABLE STRICT AS $scn$`,
    "DECLARE h bigint := 2166136261; cp integer; ch text;",
    "BEGIN",
    "  FOREACH ch IN ARRAY regexp_split_to_array(t, '') LOOP",
    "    cp := ascii(ch);",
    "    IF cp > 65535 THEN",
    `      h := ((h # (${codeUnits("cp").high})) * 16777619) % 4294967296;`,
    `      h := ((h # (${codeUnits("cp").low})) * 16777619) % 4294967296;`,
    "    ELSE",
    "      h := ((h # cp) * 16777619) % 4294967296;",
    "    END IF;",
    "  END LOOP;",
    "  RETURN h;",
    "END $scn$;",
    "",
  ].join("\n"),
};

/**
 * Spark (3.4+ and Databricks) has no JSON type that keeps a value's kind, so
 * the context is read as a VARIANT (`parse_json`, Spark 4.0 and Databricks
 * Runtime 15.3+), whose `schema_of_variant` names the kind of each value.
 */
const spark: Dialect = {
  name: "spark",
  passThrough: { kind: "lateral", join: "CROSS JOIN LATERAL" },
  ident: (name) => doubled(name, "`"),
  string: (text) => representable(text, backslashString),
  double: (value) => `CAST('${doubleText(value)}' AS DOUBLE)`,
  doubleType: "DOUBLE",
  parse: (column) => `parse_json(CAST(${column} AS STRING))`,
  record: (fields) => `parse_json(to_json(named_struct(${fields.map(([key, value]) => `${lit(spark, key)}, ${value}`).join(", ")})))`,
  path: (doc, keys) => keys.reduce((parent, key) => `CASE WHEN schema_of_variant(${parent}) LIKE 'OBJECT%' THEN variant_get(${parent}, ${lit(spark, `$[${JSON.stringify(key)}]`)}) END`, doc),
  isBool: (j) => `schema_of_variant(${j}) = 'BOOLEAN'`,
  isNumber: (j) => `(schema_of_variant(${j}) IN ('BIGINT', 'DOUBLE', 'FLOAT', 'INT', 'SMALLINT', 'TINYINT') OR schema_of_variant(${j}) LIKE 'DECIMAL%')`,
  isString: (j) => `schema_of_variant(${j}) = 'STRING'`,
  isArray: (j) => `schema_of_variant(${j}) LIKE 'ARRAY%'`,
  asBool: (j) => `variant_get(${j}, '$', 'boolean')`,
  asDouble: (j) => `variant_get(${j}, '$', 'double')`,
  asText: (j) => `variant_get(${j}, '$', 'string')`,
  finite: (x) => `(${x} IS NOT NULL AND NOT isnan(${x}) AND abs(${x}) < CAST('Infinity' AS DOUBLE))`,
  integral: (x) => `${x} % 1 = 0`,
  every: (j, predicate) => `forall(variant_get(${j}, '$', 'array<variant>'), scn__e -> coalesce(${predicate("scn__e")}, false))`,
  some: (j, predicate) => `exists(variant_get(${j}, '$', 'array<variant>'), scn__e -> coalesce(${predicate("scn__e")}, false))`,
  integerText: (x) => `CAST(CAST(${x} AS BIGINT) AS STRING)`,
  // `encode(…, 'UTF-16BE')` gives the code units two bytes each, surrogate pairs included.
  fnv1a32: (text) => {
    const bytes = `encode(${text}, 'UTF-16BE')`;
    const unit = `CAST(conv(hex(substr(${bytes}, 2 * scn__i + 1, 2)), 16, 10) AS BIGINT)`;
    return `aggregate(sequence(0, CAST(octet_length(${bytes}) / 2 AS INT) - 1), CAST(2166136261 AS BIGINT), (scn__h, scn__i) -> pmod((scn__h ^ ${unit}) * 16777619, 4294967296))`;
  },
  experimentPrelude: () => "",
  mod: (x, n) => `${x} % ${n}`,
};

/**
 * Trino's JSON values do not expose their kind directly; `json_format`
 * writes a value in canonical form, whose first character tells it (a
 * string starts with a quote, an array with a bracket, and so on).
 */
const trino: Dialect = {
  name: "trino",
  passThrough: { kind: "lateral", join: "CROSS JOIN LATERAL" },
  ident: (name) => doubled(name, '"'),
  string: (text) => representable(text, (t) => standardString(t, true)),
  double: (value) => `CAST('${doubleText(value)}' AS DOUBLE)`,
  doubleType: "DOUBLE",
  parse: (column) => `json_parse(CAST(${column} AS VARCHAR))`,
  record: (fields) => `json_parse(json_format(CAST(CAST(ROW(${fields.map(([, value]) => value).join(", ")}) AS ROW(${fields.map(([key]) => `${trino.ident(key)} JSON`).join(", ")})) AS JSON)))`,
  path: (doc, keys) => keys.reduce((parent, key) => `CASE WHEN substr(json_format(${parent}), 1, 1) = '{' THEN json_extract(${parent}, ${lit(trino, `$[${JSON.stringify(key)}]`)}) END`, doc),
  isBool: (j) => `substr(json_format(${j}), 1, 1) IN ('t', 'f')`,
  isNumber: (j) => `substr(json_format(${j}), 1, 1) IN ('-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9')`,
  isString: (j) => `substr(json_format(${j}), 1, 1) = '"'`,
  isArray: (j) => `substr(json_format(${j}), 1, 1) = '['`,
  asBool: (j) => `CAST(${j} AS BOOLEAN)`,
  asDouble: (j) => `CAST(${j} AS DOUBLE)`,
  asText: (j) => `CAST(${j} AS VARCHAR)`,
  finite: (x) => `is_finite(${x})`,
  integral: (x) => `${x} = truncate(${x})`,
  every: (j, predicate) => `all_match(CAST(${j} AS ARRAY(JSON)), scn__e -> coalesce(${predicate("scn__e")}, false))`,
  some: (j, predicate) => `any_match(CAST(${j} AS ARRAY(JSON)), scn__e -> coalesce(${predicate("scn__e")}, false))`,
  integerText: (x) => `CAST(CAST(${x} AS BIGINT) AS VARCHAR)`,
  fnv1a32: (text) => {
    const cp = `codepoint(substr(${text}, scn__i, 1))`;
    const { high, low } = codeUnits(cp);
    const units = `flatten(transform(sequence(1, length(${text})), scn__i -> IF(${cp} > 65535, ARRAY[${high}, ${low}], ARRAY[${cp}])))`;
    return `reduce(${units}, CAST(2166136261 AS BIGINT), (scn__h, scn__u) -> (bitwise_xor(scn__h, scn__u) * 16777619) % 4294967296, scn__h -> scn__h)`;
  },
  experimentPrelude: () => "",
  mod: (x, n) => `${x} % ${n}`,
};

/**
 * The body of BigQuery's JavaScript helper: FNV-1a over the string's UTF-16
 * code units, from the offset basis, each step an XOR and a 32-bit multiply
 * (`Math.imul`), kept unsigned. Exported so that a test runs it in Node.
 */
export const BIGQUERY_FNV_BODY = [
  "if (s === null) return null;",
  "var h = 2166136261;",
  "for (var i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;",
  "return h;",
].join("\n");

/** BigQuery's JSON type: `JSON_TYPE` names a value's kind; the subscript operator reads a key. */
const bigquery: Dialect = {
  name: "bigquery",
  passThrough: { kind: "exclude", keyword: "EXCEPT" },
  ident: (name) => "`" + name.replaceAll("\\", "\\\\").replaceAll("`", "\\`") + "`",
  string: (text) => representable(text, backslashString),
  double: (value) => `CAST('${doubleText(value)}' AS FLOAT64)`,
  doubleType: "FLOAT64",
  parse: (column) => `SAFE.PARSE_JSON(${column})`,
  record: (fields) => `TO_JSON(STRUCT(${fields.map(([key, value]) => `${value} AS ${bigquery.ident(key)}`).join(", ")}))`,
  path: (doc, keys) => keys.reduce((parent, key) => `CASE WHEN JSON_TYPE(${parent}) = 'object' THEN ${parent}[${lit(bigquery, key)}] END`, doc),
  isBool: (j) => `JSON_TYPE(${j}) = 'boolean'`,
  isNumber: (j) => `JSON_TYPE(${j}) = 'number'`,
  isString: (j) => `JSON_TYPE(${j}) = 'string'`,
  isArray: (j) => `JSON_TYPE(${j}) = 'array'`,
  asBool: (j) => `BOOL(${j})`,
  asDouble: (j) => `LAX_FLOAT64(${j})`,
  asText: (j) => `STRING(${j})`,
  finite: (x) => `(${x} IS NOT NULL AND NOT IS_NAN(${x}) AND NOT IS_INF(${x}))`,
  integral: (x) => `${x} = TRUNC(${x})`,
  every: (j, predicate) => `(SELECT LOGICAL_AND(coalesce(${predicate("scn__e")}, false)) IS NOT FALSE FROM UNNEST(JSON_QUERY_ARRAY(${j})) AS scn__e)`,
  some: (j, predicate) => `(SELECT LOGICAL_OR(coalesce(${predicate("scn__e")}, false)) IS TRUE FROM UNNEST(JSON_QUERY_ARRAY(${j})) AS scn__e)`,
  integerText: (x) => `CAST(CAST(${x} AS INT64) AS STRING)`,
  // BigQuery SQL has no fold over an array and a view cannot call a
  // temporary function, so the file creates a persistent JavaScript UDF
  // beside the views; JavaScript strings are UTF-16, so `charCodeAt` gives
  // exactly the code units GrowthBook hashes. JavaScript UDFs return no
  // INT64, so the hash (below 2^32, exact in a double) comes back as FLOAT64.
  fnv1a32: (text, helper) => `CAST(${helper}(${text}) AS INT64)`,
  mod: (x, n) => `MOD(${x}, ${n})`,
  experimentPrelude: (helper) => [`CREATE OR REPLACE FUNCTION ${helper}(s STRING) RETURNS FLOAT64 LANGUAGE js AS r"""`, BIGQUERY_FNV_BODY, `""";`, ""].join("\n"),
};

/** Snowflake's VARIANT: `TYPEOF` names a value's kind; `GET` reads a key of an object. */
const snowflake: Dialect = {
  name: "snowflake",
  passThrough: { kind: "exclude", keyword: "EXCLUDE" },
  ident: (name) => doubled(name, '"'),
  string: (text) => representable(text, backslashString),
  double: (value) => `CAST('${doubleText(value)}' AS DOUBLE)`,
  doubleType: "DOUBLE",
  parse: (column) => `TRY_PARSE_JSON(CAST(${column} AS VARCHAR))`,
  record: (fields) => `OBJECT_CONSTRUCT_KEEP_NULL(${fields.map(([key, value]) => `${lit(snowflake, key)}, ${value}`).join(", ")})`,
  path: (doc, keys) => keys.reduce((parent, key) => `CASE WHEN IS_OBJECT(${parent}) THEN GET(${parent}, ${lit(snowflake, key)}) END`, doc),
  isBool: (j) => `TYPEOF(${j}) = 'BOOLEAN'`,
  isNumber: (j) => `TYPEOF(${j}) IN ('INTEGER', 'DECIMAL', 'DOUBLE')`,
  isString: (j) => `TYPEOF(${j}) = 'VARCHAR'`,
  isArray: (j) => `TYPEOF(${j}) = 'ARRAY'`,
  asBool: (j) => `AS_BOOLEAN(${j})`,
  asDouble: (j) => `TO_DOUBLE(${j})`,
  asText: (j) => `AS_VARCHAR(${j})`,
  finite: (x) => `(${x} IS NOT NULL AND ${x} <> CAST('NaN' AS DOUBLE) AND abs(${x}) < CAST('inf' AS DOUBLE))`,
  integral: (x) => `${x} = TRUNC(${x})`,
  every: (j, predicate) => `(ARRAY_SIZE(FILTER(${j}, scn__e -> NOT coalesce(${predicate("scn__e")}, false))) = 0)`,
  some: (j, predicate) => `(ARRAY_SIZE(FILTER(${j}, scn__e -> coalesce(${predicate("scn__e")}, false))) > 0)`,
  integerText: (x) => `CAST(CAST(${x} AS BIGINT) AS VARCHAR)`,
  fnv1a32: (text) => {
    const cp = `UNICODE(SUBSTR(${text}, scn__i::INT, 1))`;
    const { high, low } = codeUnits(cp);
    const units = `ARRAY_FLATTEN(TRANSFORM(ARRAY_GENERATE_RANGE(1, LENGTH(${text}) + 1), scn__i -> IFF(${cp} > 65535, ARRAY_CONSTRUCT(${high}, ${low}), ARRAY_CONSTRUCT(${cp}))))`;
    return `REDUCE(${units}, CAST(2166136261 AS BIGINT), (scn__h, scn__u) -> MOD(BITXOR(scn__h, scn__u::BIGINT) * 16777619, 4294967296))`;
  },
  experimentPrelude: () => "",
  mod: (x, n) => `${x} % ${n}`,
};

export const DIALECTS: { readonly [name in SqlDialectName]: Dialect } = { duckdb, postgres, spark, trino, bigquery, snowflake };
