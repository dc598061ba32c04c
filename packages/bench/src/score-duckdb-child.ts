/**
 * The scoring bench's DuckDB peer, in a process of its own: the decision's
 * `sql` view (DuckDB dialect; typed columns for Parquet; answer columns as
 * enums, as `scn score` has them) run directly on DuckDB over a file, its
 * answers copied to Parquet, without `scn score`'s checks, progress and
 * summary. Prints the rows and the seconds taken as JSON.
 */
import { readFileSync } from "node:fs";
import { DuckDBInstance } from "@duckdb/node-api";
import { readBundle, type Bundle } from "@scn/runtime";
import { emitSql, sqlColumnTypeOfDuckDB, type TypedColumns } from "@scn/compiler";

const [bundlePath, decision, input, output] = process.argv.slice(2) as [string, string, string, string];
const bundle = readBundle(readFileSync(bundlePath, "utf8")).value as Bundle;
const one: Bundle = { ...bundle, decisions: { [decision]: bundle.decisions[decision]! } };
const started = performance.now();
const instance = await DuckDBInstance.create(":memory:");
const connection = await instance.connect();
const fields = Object.keys((bundle.context["properties"] ?? {}) as object);
if (input.endsWith(".parquet")) {
  // Parquet's struct columns are read typed, as `scn score` reads them (docs/warehouse.md, "Typed columns").
  await connection.run(`CREATE VIEW scn_contexts AS SELECT ${fields.map((f) => `"${f}"`).join(", ")} FROM read_parquet('${input}')`);
  const described = await connection.runAndReadAll("SELECT * FROM scn_contexts LIMIT 0");
  const typed: TypedColumns = Object.fromEntries(described.columnNames().map((name, i) => [name, sqlColumnTypeOfDuckDB(described.columnTypes()[i]!)]));
  await connection.run(emitSql(one, { dialect: "duckdb", context: "columns", typed, enumAnswers: true }));
} else {
  await connection.run(`CREATE VIEW scn_contexts AS SELECT json AS context FROM read_json_objects('${input}', format = 'newline_delimited')`);
  await connection.run(emitSql(one, { dialect: "duckdb", enumAnswers: true }));
}
const result = await connection.runAndReadAll(
  `COPY (SELECT reason, rule, scenario, pathway, variation, output, experiment, arm, metrics, consent FROM "scn_${decision}") TO '${output}' (FORMAT parquet, COMPRESSION zstd)`,
);
const rows = Number(result.getRowObjectsJson()[0]?.["Count"] ?? -1);
process.stdout.write(JSON.stringify({ rows, seconds: (performance.now() - started) / 1000 }) + "\n");
connection.closeSync();
instance.closeSync();
