/**
 * `scn build --target sql --dialect …` end to end: the files it writes (one
 * per dialect, listed in the output manifest), and the DuckDB file run by
 * DuckDB over the example's contexts in both input shapes, a JSON `context`
 * column and struct columns read from NDJSON, answering as `scn eval`.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DuckDBInstance } from "@duckdb/node-api";
import { scn } from "./harness.js";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const CONTEXTS = join(ROOT, "examples/retail/contexts");

let tmp: string;
beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), "scn-sql-"));
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

async function evalAnswer(bundle: string, decision: string, context: string): Promise<Record<string, unknown>> {
  const run = await scn(["eval", bundle, decision, context], ROOT);
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as Record<string, unknown>;
}

describe("scn build --target sql", () => {
  it("writes one file per dialect, listed in the manifest", async () => {
    const out = join(tmp, "out");
    const run = await scn(["build", "examples/retail", "--target", "json,sql", "--dialect", "duckdb,postgres,spark,trino,bigquery,snowflake", "-o", out], ROOT);
    expect(run.code).toBe(0);
    const files = readdirSync(out).sort();
    expect(files).toEqual(
      ["bigquery", "duckdb", "postgres", "snowflake", "spark", "trino"].map((d) => `retail.${d}.sql`).concat(["retail.scn.json", "retail.scn.manifest.json"]).sort(),
    );
    const manifest = JSON.parse(readFileSync(join(out, "retail.scn.manifest.json"), "utf8")) as { files: Record<string, string> };
    expect(Object.keys(manifest.files).sort()).toEqual(files.filter((f) => !f.endsWith(".manifest.json")));
    expect(readFileSync(join(out, "retail.trino.sql"), "utf8")).toContain('CREATE OR REPLACE VIEW "scn_store_returns" AS');
  });

  it("naming a dialect adds the sql target, and an unknown dialect is a usage error", async () => {
    const out = join(tmp, "out");
    expect((await scn(["build", "examples/retail", "--target", "json", "--dialect", "postgres", "-o", out], ROOT)).code).toBe(0);
    expect(readdirSync(out)).toContain("retail.postgres.sql");
    const bad = await scn(["build", "examples/retail", "--dialect", "oracle", "-o", out], ROOT);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("unknown dialect `oracle`");
  });

  it("run by DuckDB, answers every example context as scn eval, from JSON text and from struct columns", async () => {
    const out = join(tmp, "out");
    expect((await scn(["build", "examples/retail", "--target", "json,sql", "--dialect", "duckdb", "-o", out, "--sql-input", "main.inputs", "--sql-prefix", "answer_"], ROOT)).code).toBe(0);
    const sql = readFileSync(join(out, "retail.duckdb.sql"), "utf8");
    expect((await scn(["build", "examples/retail", "--target", "sql", "--sql-context", "columns", "--sql-input", "records", "-o", join(tmp, "columns")], ROOT)).code).toBe(0);
    const columnsSql = readFileSync(join(tmp, "columns", "retail.duckdb.sql"), "utf8");
    const names = readdirSync(CONTEXTS).filter((f) => f.endsWith(".json")).sort();
    expect(names.length).toBeGreaterThan(2);
    const ndjson = join(tmp, "contexts.ndjson");
    writeFileSync(ndjson, names.map((n) => JSON.stringify(JSON.parse(readFileSync(join(CONTEXTS, n), "utf8")))).join("\n") + "\n");

    const instance = await DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    try {
      const values = names.map((n, id) => `(${id}, '${readFileSync(join(CONTEXTS, n), "utf8").replaceAll("'", "''")}')`).join(", ");
      await connection.run(`CREATE TABLE inputs (id INTEGER, context JSON); INSERT INTO inputs VALUES ${values}`);
      await connection.run(`CREATE TABLE records AS SELECT * FROM read_json('${ndjson}', format = 'newline_delimited')`);
      await connection.run(sql);
      await connection.run(columnsSql);
      for (const decision of ["store_returns", "return_follow_up"]) {
        const fromJson = (await connection.runAndReadAll(`SELECT * FROM answer_${decision} ORDER BY id`)).getRowObjectsJson();
        const fromColumns = (await connection.runAndReadAll(`SELECT * FROM scn_${decision}`)).getRowObjectsJson();
        expect(fromColumns.length).toBe(names.length);
        for (const [id, name] of names.entries()) {
          const expected = await evalAnswer(join(out, "retail.scn.json"), decision, join(CONTEXTS, name));
          for (const row of [fromJson[id]!, fromColumns[id]!]) {
            expect({
              decision,
              reason: row["reason"],
              rule: row["rule"],
              scenario: row["scenario"],
              pathway: row["pathway"],
              variation: row["variation"],
              output: row["output"] === null ? null : JSON.parse(String(row["output"])),
              metrics: JSON.parse(String(row["metrics"])),
              consent: JSON.parse(String(row["consent"])),
              experiment: row["experiment"] === null ? null : { name: row["experiment"], arm: row["arm"] },
            }).toEqual(expected);
          }
        }
      }
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });
});
