/**
 * How `scn score` reads its input file (docs/warehouse.md, "scn score"): the
 * format from the option or the file's extension, and the DuckDB query that
 * turns each row into one context as JSON, so that the decision's view (the
 * `sql` target, JSON shape) answers it.
 *
 * - NDJSON: one context per line, read as JSON objects.
 * - CSV: a header names each column by a dotted context path
 *   (`order.channel`). Every cell is text, so it is read as the type its
 *   path has in the bundle's context schema: a string or enum field takes
 *   the cell as it is; any other field takes the cell as JSON when it is
 *   valid JSON (`12`, `true`, `["a","b"]`) and as a string otherwise, which
 *   the lenient rules then treat as a wrongly typed value. An empty cell is
 *   absent.
 * - Parquet: a `context` column holding JSON text, or nested columns, one per
 *   top-level context field, whose structs map to records. Those columns are
 *   given to the view as they are, with their types, so that values of the
 *   expected type are read without JSON (docs/warehouse.md, "Typed
 *   columns").
 */
import type { JsonValue } from "@scn/runtime";
import { ANSWER_COLUMNS, type SqlColumnType, type TypedColumns } from "@scn/compiler";

export type DataFormat = "csv" | "ndjson" | "parquet";

const EXTENSIONS: readonly (readonly [string, DataFormat])[] = [
  [".csv", "csv"],
  [".ndjson", "ndjson"],
  [".jsonl", "ndjson"],
  [".json", "ndjson"],
  [".parquet", "parquet"],
];

/** The format named by a file's extension, or undefined. */
export function formatOfPath(path: string): DataFormat | undefined {
  const lower = path.toLowerCase();
  return EXTENSIONS.find(([extension]) => lower.endsWith(extension))?.[1];
}

/** A SQL string literal for DuckDB. */
export function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** A quoted DuckDB identifier. */
export function sqlIdent(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

/** A leaf of the context schema: its dotted path and whether it holds text (string or enum). */
export interface SchemaLeaf {
  readonly path: string;
  readonly text: boolean;
}

type SchemaNode = { readonly [key: string]: JsonValue };

/** The leaves of a bundle's context schema, in the schema's key order. */
export function schemaLeaves(schema: SchemaNode, prefix = ""): SchemaLeaf[] {
  const properties = schema["properties"] as SchemaNode | undefined;
  if (properties === undefined) return [];
  return Object.keys(properties).flatMap((key) => {
    const node = properties[key] as SchemaNode;
    const path = prefix === "" ? key : `${prefix}.${key}`;
    if (node["properties"] !== undefined) return schemaLeaves(node, path);
    const types = Array.isArray(node["type"]) ? (node["type"] as string[]) : [node["type"] as string];
    return [{ path, text: types.includes("string") }];
  });
}

/** The JSON value of a CSV cell for a leaf (see the module comment). */
function cellJson(column: string, leaf: SchemaLeaf): string {
  const cell = sqlIdent(column);
  if (leaf.text) return `to_json(${cell})`;
  return `CASE WHEN json_valid(${cell}) THEN CAST(${cell} AS JSON) ELSE to_json(${cell}) END`;
}

interface Tree {
  readonly children: Map<string, Tree>;
  value?: string;
}

/** A nested `json_object(…)` from dotted paths, each with the SQL of its value. */
function nestedObject(entries: readonly (readonly [string, string])[]): string {
  const root: Tree = { children: new Map() };
  for (const [path, value] of entries) {
    let node = root;
    for (const key of path.split(".")) {
      let child = node.children.get(key);
      if (child === undefined) {
        child = { children: new Map() };
        node.children.set(key, child);
      }
      node = child;
    }
    node.value = value;
  }
  const write = (node: Tree): string =>
    node.value ?? `json_object(${[...node.children].map(([key, child]) => `${sqlString(key)}, ${write(child)}`).join(", ")})`;
  return write(root);
}

/** The table function that reads the file. */
export function readerSql(format: DataFormat, path: string): string {
  switch (format) {
    case "ndjson":
      return `read_json_objects(${sqlString(path)}, format = 'newline_delimited')`;
    case "csv":
      return `read_csv(${sqlString(path)}, header = true, all_varchar = true, auto_detect = true)`;
    case "parquet":
      return `read_parquet(${sqlString(path)})`;
  }
}

export interface InputPlan {
  /**
   * SELECT giving one row per input row: the id column when asked for, and
   * either `context` as JSON or, when `typed` is set, the top-level context
   * fields as typed columns.
   */
  readonly select: string;
  /** The types of the context columns, when the view reads them typed. */
  readonly typed?: TypedColumns;
  /** The context as JSON, over the columns `select` gives (for `--strict`). */
  readonly contextJson: string;
  /** Columns that name no context path (CSV), or no top-level field (Parquet), and are ignored. */
  readonly ignored: readonly string[];
}

/**
 * The query that reads the file as contexts. `columns` are the file's
 * column names (from DESCRIBE); `id` the column (CSV, Parquet) or dotted
 * path (NDJSON) to carry to the output.
 */
export function inputSelect(
  format: DataFormat,
  path: string,
  columns: readonly string[],
  schema: SchemaNode,
  id: string | undefined,
  types?: { readonly [column: string]: SqlColumnType },
): InputPlan | string {
  const from = readerSql(format, path);
  const idColumn = (sql: string): string => (id === undefined ? "" : `${sql} AS ${sqlIdent(id)}, `);
  const context = sqlIdent("context");
  if (format === "ndjson") {
    const idSql = id === undefined ? "" : `json_extract_string(json, ${sqlString("$." + id.split(".").map((k) => JSON.stringify(k)).join("."))})`;
    return { select: `SELECT ${idColumn(idSql)}json AS context FROM ${from}`, ignored: [], contextJson: context };
  }
  if (id !== undefined && !columns.includes(id)) return `the input has no column \`${id}\` for --id; it has ${columns.map((c) => `\`${c}\``).join(", ")}`;
  if (format === "parquet" && columns.includes("context")) {
    return { select: `SELECT ${idColumn(sqlIdent(id ?? ""))}CAST(context AS JSON) AS context FROM ${from}`, ignored: columns.filter((c) => c !== "context" && c !== id), contextJson: context };
  }
  if (format === "parquet") {
    const fields = Object.keys((schema["properties"] ?? {}) as SchemaNode).filter((field) => columns.includes(field));
    const record = fields.length === 0 ? "json_object()" : `json_object(${fields.map((f) => `${sqlString(f)}, ${sqlIdent(f)}`).join(", ")})`;
    const ignored = columns.filter((c) => !fields.includes(c) && c !== id);
    // The view's own columns and answer columns cannot be input columns, so such a field is read from the JSON record instead.
    const clash = fields.some((f) => f === id || f.startsWith("scn__") || (ANSWER_COLUMNS as readonly string[]).includes(f) || f === "errors");
    if (types !== undefined && !clash && fields.length > 0) {
      const typed: TypedColumns = Object.fromEntries(fields.map((f): [string, SqlColumnType] => [f, types[f] ?? { kind: "other" }]));
      return { select: `SELECT ${idColumn(sqlIdent(id ?? ""))}${fields.map(sqlIdent).join(", ")} FROM ${from}`, typed, ignored, contextJson: record };
    }
    return { select: `SELECT ${idColumn(sqlIdent(id ?? ""))}${record} AS context FROM ${from}`, ignored, contextJson: context };
  }
  const leaves = new Map(schemaLeaves(schema).map((leaf) => [leaf.path, leaf]));
  const used = columns.filter((c) => leaves.has(c));
  const record = used.length === 0 ? "json_object()" : nestedObject(used.map((c) => [c, cellJson(c, leaves.get(c)!)] as const));
  return { select: `SELECT ${idColumn(sqlIdent(id ?? ""))}${record} AS context FROM ${from}`, ignored: columns.filter((c) => !leaves.has(c) && c !== id), contextJson: context };
}
