/**
 * Typed columns (docs/warehouse.md, "Typed columns"): a DuckDB view built
 * with the input's column types reads values of the expected type straight
 * from struct fields, treats a field whose type can only hold another JSON
 * kind as absent, and reads every other type through JSON — and in all
 * three cases answers as the JSON runtime answers the context the row holds.
 * Each table below gives the record `f` of the atoms program (and the
 * consent field `ok`) one SQL type per field, with values chosen to land on
 * every edge: NULL, non-finite and negative-zero doubles, integers past
 * ±(2^53 − 1), non-members, lists with NULL or mistyped elements.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadBundle, type Bundle } from "@scn/runtime";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { compile, emitSql, sqlColumnTypeOfDuckDB, type SqlColumnType, type TypedColumns } from "../src/index.js";
import { ATOM_PROGRAM } from "./support/atoms.js";
import { answerOfRow, expectedOf } from "./sql/engines.js";

/** A value as an SQL literal of the field's type, and the same value as the runtime receives it. */
type Cell = readonly [sql: string, value: unknown];

interface Field {
  readonly type: string;
  readonly described: SqlColumnType;
  readonly cells: readonly Cell[];
}

const NULL: Cell = ["NULL", null];
const bool: Field = { type: "BOOLEAN", described: { kind: "boolean" }, cells: [["true", true], ["false", false], NULL] };
const text = (values: readonly string[]): Field => ({ type: "VARCHAR", described: { kind: "varchar" }, cells: [...values.map((v): Cell => [`'${v}'`, v]), NULL] });
const bigint: Field = {
  type: "BIGINT",
  described: { kind: "integer" },
  cells: [["1", 1], ["4", 4], ["0", 0], ["-3", -3], ["3", 3], ["9007199254740993", 9007199254740992], ["9007199254740991", 9007199254740991], ["-9223372036854775808", -9223372036854775808], NULL],
};
const double: Field = {
  type: "DOUBLE",
  described: { kind: "double" },
  cells: [["0.5", 0.5], ["0.6", 0.6], ["1", 1], ["4", 4], ["4.5", 4.5], ["'-0.0'", -0], ["'inf'", Infinity], ["'-inf'", -Infinity], ["'nan'", Number.NaN], ["1e300", 1e300], ["9007199254740992", 9007199254740992], NULL],
};
const list = (element: string, described: SqlColumnType, cells: readonly Cell[]): Field => ({ type: `${element}[]`, described: { kind: "list", element: described }, cells: [...cells, NULL] });
const stringList = list("VARCHAR", { kind: "varchar" }, [["[]::VARCHAR[]", []], ["['x']", ["x"]], ["['x', 'y']", ["x", "y"]], ["['y']", ["y"]], ["['x', NULL]", ["x", null]], ["[NULL]::VARCHAR[]", [null]]]);
const intList = list("BIGINT", { kind: "integer" }, [["[]::BIGINT[]", []], ["[1]", [1]], ["[1, 4]", [1, 4]], ["[2]", [2]], ["[1, NULL]", [1, null]], ["[9007199254740993]", [9007199254740992]]]);
const other = (type: string, cells: readonly Cell[]): Field => ({ type, described: { kind: "other" }, cells: [...cells, NULL] });
const number = (type: string, cells: readonly Cell[]): Field => ({ type, described: { kind: "number" }, cells: [...cells, NULL] });

/** Tables of `f` (field → SQL type and cells) and `ok`; a field left out is missing from the struct. */
const TABLES: readonly { readonly name: string; readonly f: { readonly [field: string]: Field } | Field; readonly ok?: Field }[] = [
  { name: "the expected types", f: { b: bool, i: bigint, n: double, s: text(["x", "", "y", "é😀"]), e: text(["x", "y", "z", ""]), l: stringList, li: intList, o: text(["o"]) }, ok: bool },
  {
    name: "other number types where numbers are expected",
    f: {
      b: bool,
      i: double,
      n: { type: "UBIGINT", described: { kind: "integer" }, cells: [["0", 0], ["1", 1], ["18446744073709551615", 18446744073709551615], NULL] },
      li: list("DOUBLE", { kind: "double" }, [["[1.0]", [1]], ["[1.5]", [1.5]], ["[1, 'nan'::DOUBLE]", [1, Number.NaN]], ["[]::DOUBLE[]", []]]),
      l: list("VARCHAR", { kind: "varchar" }, [["['x']", ["x"]]]),
      e: text(["y"]),
    },
    ok: text(["true"]),
  },
  {
    name: "types that hold only another JSON kind",
    f: {
      b: text(["true", "x"]),
      i: text(["1", "x"]),
      n: bool,
      s: bigint,
      e: bool,
      l: text(["x", ""]),
      li: list("VARCHAR", { kind: "varchar" }, [["[]::VARCHAR[]", []], ["['1']", ["1"]], ["['x']", ["x"]]]),
      o: { type: "STRUCT(a BIGINT)", described: { kind: "struct", fields: { a: { kind: "integer" } } }, cells: [["{'a': 1}", { a: 1 }], NULL] },
    },
    ok: bigint,
  },
  {
    name: "types read through JSON",
    f: {
      b: other("JSON", [["'true'", true], ["'\"x\"'", "x"], ["'null'", null]]),
      i: number("DECIMAL(10,2)", [["1.00", 1], ["4.50", 4.5], ["2.00", 2]]),
      n: number("FLOAT", [["0.5", 0.5], ["0.6", Math.fround(0.6)], ["1.1", Math.fround(1.1)]]),
      s: other("DATE", [["DATE '2024-01-01'", "2024-01-01"]]),
      e: other("JSON", [["'\"x\"'", "x"], ["'\"y\"'", "y"], ["'1'", 1]]),
      l: other("JSON", [["'[\"x\"]'", ["x"]], ["'\"x\"'", "x"], ["'[]'", []]]),
      li: list("HUGEINT", { kind: "number" }, [["[1]::HUGEINT[]", [1]], ["[4, 1]::HUGEINT[]", [4, 1]]]),
      o: other("MAP(VARCHAR, INTEGER)", [["MAP {'a': 1}", { a: 1 }]]),
    },
    ok: other("JSON", [["'true'", true], ["'1'", 1]]),
  },
  { name: "a record that is not a struct", f: text(["x"]) },
  { name: "a struct missing most fields", f: { b: bool, zz: bigint }, ok: bool },
];

/** Enough rows that each field's cells meet each other field's in many combinations (the pools' sizes are mostly coprime). */
const ROWS = 60;

describe("typed columns on DuckDB", () => {
  let instance: DuckDBInstance;
  let connection: DuckDBConnection;
  let bundle: Bundle;
  const rowsOf = async (sql: string): Promise<Record<string, unknown>[]> => (await connection.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
  beforeAll(async () => {
    instance = await DuckDBInstance.create(":memory:", { threads: "1" });
    connection = await instance.connect();
    const compilation = compile([{ path: "atoms.scn", text: ATOM_PROGRAM }], { analyze: false });
    expect(compilation.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    bundle = compilation.compiled!.bundle;
  }, 120_000);
  afterAll(() => {
    connection?.closeSync();
    instance?.closeSync();
  });

  it.each(TABLES.map((table) => [table.name, table] as const))("answer as the JSON runtime for %s", async (_, table) => {
    const runtime = loadBundle(bundle);
    // Each field picks its cell by a hash of the row and the field, so cells meet in many combinations; every cell is used (checked below).
    const used = new Set<Cell>();
    const cellOf = (field: Field, row: number, salt: number): Cell => {
      const cell = field.cells[((Math.imul(row + 1, 2654435761) ^ Math.imul(salt + 1, 40503)) >>> 8) % field.cells.length]!;
      used.add(cell);
      return cell;
    };
    const rows: string[] = [];
    const contexts: Record<string, unknown>[] = [];
    for (let row = 0; row < ROWS; row++) {
      const context: Record<string, unknown> = {};
      let f: string;
      if ("type" in table.f) {
        const [sql, value] = cellOf(table.f as Field, row, 0);
        f = `CAST(${sql} AS ${(table.f as Field).type})`;
        if (value !== null) context["f"] = value;
      } else {
        const entries = Object.entries(table.f).map(([name, field], k) => [name, field, cellOf(field, row, k + 1)] as const);
        f = `{${entries.map(([name, field, [sql]]) => `'${name}': CAST(${sql} AS ${field.type})`).join(", ")}}`;
        context["f"] = Object.fromEntries(entries.filter(([, , [, value]]) => value !== null).map(([name, , [, value]]) => [name, value]));
      }
      const [okSql, ok] = table.ok === undefined ? ["NULL", null] : cellOf(table.ok, row, 11);
      if (ok !== null) context["ok"] = ok;
      rows.push(`(${row}, ${f}, ${table.ok === undefined ? "" : `CAST(${okSql} AS ${table.ok.type}), `}NULL)`);
      contexts.push(context);
    }
    const fields = "type" in table.f ? [table.f as Field] : Object.values(table.f);
    for (const field of [...fields, ...(table.ok === undefined ? [] : [table.ok])]) for (const cell of field.cells) expect(used.has(cell)).toBe(true);
    const okColumn = table.ok === undefined ? "" : ", ok";
    await connection.run(`CREATE OR REPLACE TABLE scn_contexts AS SELECT * FROM (VALUES ${rows.join(",\n")}) AS t(id, f${okColumn}, unused)`);
    const fType: SqlColumnType = "type" in table.f ? (table.f as Field).described : { kind: "struct", fields: Object.fromEntries(Object.entries(table.f).map(([name, field]) => [name, field.described])) };
    const typed: TypedColumns = { f: fType, ...(table.ok === undefined ? {} : { ok: table.ok.described }) };
    // The types are the ones `scn score` reads from DuckDB's description of a file.
    const described = await connection.runAndReadAll("SELECT * EXCLUDE (id, unused) FROM scn_contexts LIMIT 0");
    expect(Object.fromEntries(described.columnNames().map((name, i) => [name, sqlColumnTypeOfDuckDB(described.columnTypes()[i]!)]))).toEqual(typed);
    await connection.run(emitSql(bundle, { dialect: "duckdb", context: "columns", typed }));
    let scenarios = 0;
    for (const decision of runtime.decisions) {
      const answers = (await rowsOf(`SELECT * FROM "scn_${decision}" ORDER BY id`)).map(answerOfRow);
      expect(answers.length).toBe(ROWS);
      answers.forEach((answer, row) => {
        const expected = expectedOf(runtime.decide(decision, contexts[row]));
        scenarios += expected.reason === "scenario" ? 1 : 0;
        expect({ decision, row, context: contexts[row], answer }).toEqual({ decision, row, context: contexts[row], answer: expected });
      });
    }
    // Some tests hold and some do not, so the comparison is not vacuous.
    expect(scenarios).toBeGreaterThan(0);
    expect(scenarios).toBeLessThan(ROWS * runtime.decisions.length);
  });

  it("reads a typed field directly and a field of unknown type through JSON", () => {
    const sql = emitSql(bundle, { dialect: "duckdb", context: "columns", typed: { f: { kind: "struct", fields: { i: { kind: "integer" }, s: { kind: "other" } } } } });
    const intEq = sql.slice(sql.indexOf('VIEW "scn_int_eq"'), sql.indexOf("VIEW", sql.indexOf('VIEW "scn_int_eq"') + 5));
    expect(intEq).toContain('CAST("f"."i" AS DOUBLE)');
    expect(intEq).not.toContain("json_");
    const stringEq = sql.slice(sql.indexOf('VIEW "scn_string_eq"'), sql.indexOf("VIEW", sql.indexOf('VIEW "scn_string_eq"') + 5));
    expect(stringEq).toContain('to_json("f"."s")');
  });
});
