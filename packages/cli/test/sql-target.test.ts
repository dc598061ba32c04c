/**
 * `scn build --target sql --dialect …` end to end: the files it writes (one
 * per dialect, listed in the output manifest), and the DuckDB file run by
 * DuckDB over the example's contexts in both input shapes, a JSON `context`
 * column and struct columns read from NDJSON, answering as `scn eval`; and
 * the check of docs/warehouse.md, "Checking a warehouse's answers against
 * the vectors", run as the page writes it.
 */
import { spawnSync } from "node:child_process";
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

  it("checks a warehouse's answers against the vectors with the page's own SQL, which finds no row, and finds an edited vector", async () => {
    const out = join(tmp, "out");
    expect((await scn(["build", "examples/retail", "--target", "sql,vectors", "--dialect", "duckdb", "-o", out], ROOT)).code).toBe(0);
    // The page's expand command and SQL block, with its paths pointed at this build.
    const page = readFileSync(join(ROOT, "docs/warehouse.md"), "utf8");
    const section = page.slice(page.indexOf("## Checking a warehouse's answers against the vectors"), page.indexOf("## `scn score`"));
    const block = /```sql\n([^]*?)```/.exec(section)![1]!.replaceAll("out/retail.vectors.ndjson", join(out, "retail.vectors.ndjson"));
    expect(section).toContain("python3 examples/consumers/python/scn_bundle.py --expand out/retail.vectors.json > out/retail.vectors.ndjson");
    const expand = spawnSync("python3", [join(ROOT, "examples/consumers/python/scn_bundle.py"), "--expand", join(out, "retail.vectors.json")], { encoding: "utf8" });
    expect(expand.status).toBe(0);
    const lines = expand.stdout.trim().split("\n");
    const [setup, check] = block.split("-- .read out/retail.duckdb.sql\n") as [string, string];
    expect(check).toContain("SELECT");
    const mismatches = async (vectorLines: readonly string[]): Promise<number> => {
      writeFileSync(join(out, "retail.vectors.ndjson"), vectorLines.join("\n") + "\n");
      const instance = await DuckDBInstance.create(":memory:");
      const connection = await instance.connect();
      try {
        await connection.run(setup);
        await connection.run(readFileSync(join(out, "retail.duckdb.sql"), "utf8"));
        // As many contexts as the page says the check covers.
        const stated = Number(/for the retail example's (\d+) `store_returns` vectors/.exec(section)![1]);
        expect(Number((await connection.runAndReadAll("SELECT count(*) AS n FROM scn_contexts")).getRowObjectsJson()[0]!["n"])).toBe(stated);
        return (await connection.runAndReadAll(check)).getRowObjectsJson().length;
      } finally {
        connection.closeSync();
        instance.closeSync();
      }
    };
    expect(await mismatches(lines)).toBe(0);
    // One store_returns vector's expected output edited: exactly that row is found.
    const edited = lines.findIndex((line) => (JSON.parse(line) as { decision: string; expect: { output: unknown } }).decision === "store_returns");
    const vector = JSON.parse(lines[edited]!) as { expect: { output: unknown } };
    vector.expect.output = { edited: true };
    expect(await mismatches(lines.map((line, i) => (i === edited ? JSON.stringify(vector) : line)))).toBe(1);
  });
});
