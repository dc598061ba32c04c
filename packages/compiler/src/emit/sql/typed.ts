/**
 * Typed columns (DuckDB only; docs/warehouse.md, "Typed columns"): when the
 * input's top-level context columns have known SQL types — a Parquet file's
 * nested structs — a context value whose type is the one its column expects
 * is read straight from its struct field, without turning it into JSON and
 * parsing it back. That is what makes `scn score` fast on Parquet.
 *
 * The lenient rules still decide (docs/bundle-format.md, "Unary tests and
 * absent values"); a type is matched against what its values would be as
 * JSON:
 *
 * - a field whose type gives exactly the JSON kind the column expects
 *   (BOOLEAN for `bool`; VARCHAR for `string`, `enum` and string units;
 *   integers and DOUBLE for `int` and `number`; lists of those) is read
 *   directly, NULL being absent, and the per-value checks the JSON path
 *   makes (enum members, finite, integral within ±(2^53 − 1), every list
 *   element typed) made on the typed value;
 * - a field whose type can only give another JSON kind (a VARCHAR where a
 *   number is expected, a struct where a string is) is absent in every row,
 *   as the JSON runtime treats a wrongly typed value;
 * - anything else — DECIMAL, FLOAT and HUGEINT, whose doubles JavaScript
 *   would read from their decimal text, and dates, maps, JSON and other
 *   types whose JSON form is not known here — is turned into JSON and read
 *   the JSON way, so its answer is the one the JSON shape gives.
 */

/** A column type as the SQL emitter needs to know it, converted from the engine's own description. */
export type SqlColumnType =
  | { readonly kind: "boolean" | "varchar" | "integer" | "double" }
  /** A number that is read through its JSON text (FLOAT, DECIMAL, HUGEINT). */
  | { readonly kind: "number" }
  | { readonly kind: "struct"; readonly fields: { readonly [name: string]: SqlColumnType } }
  | { readonly kind: "list"; readonly element: SqlColumnType }
  /** A type whose JSON form is not known here: read through JSON. */
  | { readonly kind: "other" };

/** The top-level input columns and their types. */
export type TypedColumns = { readonly [column: string]: SqlColumnType };

/** Where a context path's value is in typed columns. */
export type TypedSource =
  /** The value is the SQL expression `sql`, of type `type`. */
  | { readonly kind: "typed"; readonly sql: string; readonly type: SqlColumnType }
  /** No row holds a value there (a missing field, or a step that is not an object). */
  | { readonly kind: "absent" }
  /** The value is read as JSON: `json` is a JSON expression, `keys` the rest of the path below it. */
  | { readonly kind: "json"; readonly json: string; readonly keys: readonly string[] };

/**
 * Resolves a dotted context path in the typed columns of the row `row`
 * (a SQL alias or nothing), quoting with `ident`.
 */
export function resolvePath(columns: TypedColumns, path: string, ident: (name: string) => string): TypedSource {
  const keys = path.split(".");
  const top = keys[0]!;
  if (!Object.hasOwn(columns, top)) return { kind: "absent" };
  let type = columns[top]!;
  let sql = ident(top);
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i]!;
    if (type.kind === "struct") {
      if (!Object.hasOwn(type.fields, key)) return { kind: "absent" };
      type = type.fields[key]!;
      // Struct field access: NULL when the struct itself is NULL, as a missing parent makes the value absent.
      sql = `${sql}.${ident(key)}`;
      continue;
    }
    if (type.kind === "other") return { kind: "json", json: `to_json(${sql})`, keys: keys.slice(i) };
    // A scalar or a list has no keys.
    return { kind: "absent" };
  }
  return { kind: "typed", sql, type };
}

/** The JSON kind a value of a type always has, or undefined when it depends on the value or is not known. */
export function jsonKindOf(type: SqlColumnType): "boolean" | "number" | "string" | "object" | "array" | undefined {
  switch (type.kind) {
    case "boolean":
      return "boolean";
    case "integer":
    case "double":
    case "number":
      return "number";
    case "varchar":
      return "string";
    case "struct":
      return "object";
    case "list":
      return "array";
    case "other":
      return undefined;
  }
}

/**
 * A type as DuckDB describes it (the shape of `@duckdb/node-api`'s
 * `DuckDBType`): the type id of DuckDB's C API, the alias (`JSON` is a
 * VARCHAR with an alias), a struct's entries and a list's element.
 */
export interface DuckDBTypeDescription {
  readonly typeId: number;
  readonly alias?: string | undefined;
  readonly entryNames?: readonly string[];
  readonly entryTypes?: readonly DuckDBTypeDescription[];
  readonly valueType?: DuckDBTypeDescription;
}

/** DuckDB C API type ids (`duckdb_type`) that typed columns tell apart. */
const DUCKDB_INTEGERS = new Set([2, 3, 4, 5, 6, 7, 8, 9]);
const DUCKDB_BOOLEAN = 1;
const DUCKDB_DOUBLE = 11;
const DUCKDB_VARCHAR = 17;
const DUCKDB_LIST = 24;
const DUCKDB_STRUCT = 25;
/** FLOAT, HUGEINT, DECIMAL and UHUGEINT: numbers JavaScript would read from their decimal text, which a cast to DOUBLE does not always round alike. */
const DUCKDB_TEXT_NUMBERS = new Set([10, 16, 19, 32]);

/** The column type of a DuckDB type: only types whose JSON form is certain are named, the rest are `other`. */
export function sqlColumnTypeOfDuckDB(type: DuckDBTypeDescription): SqlColumnType {
  if (type.typeId === DUCKDB_BOOLEAN) return { kind: "boolean" };
  if (DUCKDB_INTEGERS.has(type.typeId)) return { kind: "integer" };
  if (type.typeId === DUCKDB_DOUBLE) return { kind: "double" };
  if (DUCKDB_TEXT_NUMBERS.has(type.typeId)) return { kind: "number" };
  // A JSON column is VARCHAR underneath: its text is a JSON document, not a string value.
  if (type.typeId === DUCKDB_VARCHAR) return type.alias === undefined || type.alias === null ? { kind: "varchar" } : { kind: "other" };
  if (type.typeId === DUCKDB_STRUCT && type.entryNames !== undefined && type.entryTypes !== undefined) {
    const types = type.entryTypes;
    return { kind: "struct", fields: Object.fromEntries(type.entryNames.map((name, i) => [name, sqlColumnTypeOfDuckDB(types[i]!)])) };
  }
  if (type.typeId === DUCKDB_LIST && type.valueType !== undefined) return { kind: "list", element: sqlColumnTypeOfDuckDB(type.valueType) };
  return { kind: "other" };
}
