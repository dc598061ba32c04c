/**
 * The two SQL engines the tests run the `sql` target on: DuckDB through
 * `@duckdb/node-api` (its native binary ships in the npm package) and
 * PostgreSQL through PGlite (PostgreSQL compiled to WebAssembly, in-process;
 * docs/warehouse.md, "How same meaning is tested"). Each loads contexts
 * into `scn_contexts (id, context)`, runs an emitted file, and reads a
 * view's answers back in id order.
 */
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { PGlite } from "@electric-sql/pglite";
import type { Answer } from "@scn/runtime";
import type { SqlDialectName, SqlOptions } from "../../src/index.js";

/** The answer columns of one view row, parsed back into the runtime's Answer shape (without `decision`). */
export type SqlAnswer = Omit<Answer, "decision" | "experiment"> & { readonly arm: string | null; readonly experiment: string | null };

export interface SqlEngine {
  readonly dialect: Extract<SqlDialectName, "duckdb" | "postgres">;
  /** Emitter options beyond the dialect that this engine's runs use (DuckDB's enum answer columns, which `scn score` asks for). */
  readonly options: Pick<SqlOptions, "enumAnswers">;
  /** Replaces `scn_contexts` with one row per context text (null: a NULL context), ids 0, 1, …. */
  load(contexts: readonly (string | null)[]): Promise<void>;
  /** Runs SQL text of one or more statements. */
  exec(sql: string): Promise<void>;
  /** Every row of a query, as plain objects. */
  rows(sql: string): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

function quoted(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

function valuesOf(contexts: readonly (string | null)[], cast: string): string {
  return contexts.map((text, id) => `(${id}, ${text === null ? "NULL" : quoted(text)}${cast})`).join(",\n");
}

export async function duckdbEngine(options: Pick<SqlOptions, "enumAnswers"> = {}): Promise<SqlEngine> {
  const instance = await DuckDBInstance.create(":memory:", { threads: "1" });
  const connection: DuckDBConnection = await instance.connect();
  const engine: SqlEngine = {
    dialect: "duckdb",
    options,
    async load(contexts) {
      await connection.run("CREATE OR REPLACE TABLE scn_contexts (id INTEGER, context JSON)");
      if (contexts.length > 0) await connection.run(`INSERT INTO scn_contexts VALUES ${valuesOf(contexts, "")}`);
    },
    async exec(sql) {
      await connection.run(sql);
    },
    async rows(sql) {
      return (await connection.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
    },
    async close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
  return engine;
}

export async function postgresEngine(): Promise<SqlEngine> {
  const db = await PGlite.create();
  return {
    dialect: "postgres",
    options: {},
    async load(contexts) {
      // Views over the table go with it; every test runs its SQL again after loading.
      await db.exec("DROP TABLE IF EXISTS scn_contexts CASCADE; CREATE TABLE scn_contexts (id INTEGER, context JSONB)");
      if (contexts.length > 0) await db.exec(`INSERT INTO scn_contexts VALUES ${valuesOf(contexts, "")}`);
    },
    async exec(sql) {
      await db.exec(sql);
    },
    async rows(sql) {
      return (await db.query<Record<string, unknown>>(sql)).rows;
    },
    async close() {
      await db.close();
    },
  };
}

/** A view row's answer columns as an Answer (JSON text columns parsed). */
export function answerOfRow(row: Record<string, unknown>): SqlAnswer {
  const json = (value: unknown): never => (value === null || value === undefined ? null : JSON.parse(String(value))) as never;
  return {
    reason: row["reason"] as Answer["reason"],
    rule: (row["rule"] ?? null) as string | null,
    scenario: (row["scenario"] ?? null) as string | null,
    pathway: (row["pathway"] ?? null) as string | null,
    variation: (row["variation"] ?? null) as string | null,
    output: json(row["output"]),
    metrics: json(row["metrics"]),
    consent: json(row["consent"]),
    experiment: (row["experiment"] ?? null) as string | null,
    arm: (row["arm"] ?? null) as string | null,
  };
}

/** What the SQL must give for a runtime answer: the same fields, the exposure as its experiment and arm columns. */
export function expectedOf(answer: Answer): SqlAnswer {
  const { decision: _decision, experiment, ...rest } = answer;
  return { ...rest, metrics: [...rest.metrics], experiment: experiment?.name ?? null, arm: experiment?.arm ?? null };
}
