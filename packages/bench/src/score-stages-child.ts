/**
 * Where the time of scoring Parquet goes, in a process of its own: the
 * decision's typed view (docs/warehouse.md, "Typed columns") over a Parquet
 * file, run by DuckDB in steps that each add one part of the work of
 * `scn score` — reading the columns, typing the values and finding the first
 * hit, building the answer columns (enums, as `scn score` builds them), and
 * writing them as Parquet in order — with the
 * CPU time of each step (DuckDB's threads run in this process, so
 * `process.cpuUsage` counts them). The difference between two steps is the
 * cost of the part the second adds. Prints the steps as JSON.
 */
import { rmSync } from "node:fs";
import { readFileSync } from "node:fs";
import { DuckDBInstance } from "@duckdb/node-api";
import { readBundle, type Bundle } from "@scn/runtime";
import { ANSWER_COLUMNS, emitSql, sqlColumnTypeOfDuckDB, type TypedColumns } from "@scn/compiler";

const [bundlePath, decision, input, output] = process.argv.slice(2) as [string, string, string, string];
const bundle = readBundle(readFileSync(bundlePath, "utf8")).value as Bundle;
const one: Bundle = { ...bundle, decisions: { [decision]: bundle.decisions[decision]! } };
const instance = await DuckDBInstance.create(":memory:", { preserve_insertion_order: "true", memory_limit: "512MB" });
const connection = await instance.connect();
const fields = Object.keys((bundle.context["properties"] ?? {}) as object).map((f) => `"${f}"`);
await connection.run(`CREATE VIEW scn_contexts AS SELECT ${fields.join(", ")} FROM read_parquet('${input}')`);
const described = await connection.runAndReadAll("SELECT * FROM scn_contexts LIMIT 0");
const typed: TypedColumns = Object.fromEntries(described.columnNames().map((name, i) => [name, sqlColumnTypeOfDuckDB(described.columnTypes()[i]!)]));
await connection.run(emitSql(one, { dialect: "duckdb", context: "columns", typed, enumAnswers: true }));
const view = `"scn_${decision}"`;
const answers = ANSWER_COLUMNS.map((c) => `"${c}"`).join(", ");

const steps: [string, string][] = [
  ["read the columns", `SELECT count(${fields.map((f) => `hash(${f})`).join(") + count(")}) FROM scn_contexts`],
  ["and type the values and find the first hit", `SELECT count(*) FILTER (WHERE reason = 'scenario') FROM ${view}`],
  // Counting each column's values makes DuckDB compute every one of them, and costs little itself.
  ["and build the answer columns", `SELECT ${ANSWER_COLUMNS.map((c) => `count("${c}")`).join(" + ")} FROM ${view}`],
  ["and write them as Parquet (zstd), in order", `COPY (SELECT ${answers} FROM ${view}) TO '${output}' (FORMAT parquet, COMPRESSION zstd)`],
];
const results: { step: string; cpuSeconds: number; wallSeconds: number }[] = [];
for (const [step, sql] of steps) {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await connection.runAndReadAll(sql);
  const used = process.cpuUsage(cpu);
  results.push({ step, cpuSeconds: (used.user + used.system) / 1e6, wallSeconds: (performance.now() - started) / 1000 });
}
rmSync(output, { force: true });
process.stdout.write(JSON.stringify(results) + "\n");
connection.closeSync();
instance.closeSync();
