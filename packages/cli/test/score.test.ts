/**
 * `scn score` end to end on embedded DuckDB: every input format to every
 * output format, row order and ids kept, each answer equal to the JSON
 * runtime's on the same context (lenient, and strict with an `errors`
 * column), and bad input files refused with exit 2 and no output written.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DuckDBInstance } from "@duckdb/node-api";
import { loadBundle, type Answer } from "@scn/runtime";
import { readVectors } from "@scn/compiler";
import { scn } from "./harness.js";
import { progressBar, progressLine, progressReporter } from "../src/score/progress.js";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));

let tmp: string;
let bundlePath: string;
beforeEach(async () => {
  tmp = mkdtempSync(join(tmpdir(), "scn-score-"));
  expect((await scn(["build", "examples/retail", "--target", "json,vectors", "-o", join(tmp, "out")], ROOT)).code).toBe(0);
  bundlePath = join(tmp, "out", "retail.scn.json");
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

/** The retail vectors' contexts, each given an id, plus contexts with absent and wrongly typed values. */
function contexts(): Record<string, unknown>[] {
  const vectors = readVectors(JSON.parse(readFileSync(join(tmp, "out", "retail.vectors.json"), "utf8")));
  const odd: Record<string, unknown>[] = [{}, { order: { channel: "fax", value: "junk" } }, { order: { days_since_delivery: 4.5, channel: "store" }, visit: { location: "store" } }];
  return [...vectors.map((v) => v.context), ...odd].map((context, i) => ({ ...context, row: `r${i}` }));
}

type Row = Record<string, unknown>;

/** Reads an output file back through DuckDB, in file order. */
async function readOutput(path: string): Promise<Row[]> {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  try {
    const reader = path.endsWith(".parquet")
      ? `read_parquet('${path}')`
      : path.endsWith(".csv")
        ? `read_csv('${path}', header = true, all_varchar = true)`
        : `read_json('${path}', format = 'newline_delimited', records = true, columns = {${["row", ...TEXT_COLUMNS].map((c) => `${c}: 'VARCHAR'`).join(", ")}, ${[...JSON_COLUMNS, "errors"].map((c) => `${c}: 'JSON'`).join(", ")}})`;
    return (await connection.runAndReadAll(`SELECT * FROM ${reader}`)).getRowObjectsJson() as Row[];
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

function text(value: unknown): unknown {
  return value === null || value === undefined ? null : typeof value === "string" ? JSON.parse(value) : value;
}

const TEXT_COLUMNS = ["reason", "rule", "scenario", "pathway", "variation", "experiment", "arm"] as const;
const JSON_COLUMNS = ["output", "metrics", "consent"] as const;

/** Every answer column of an output row, JSON columns parsed; a CSV's empty cell is null. */
function answerOf(row: Row): Row {
  return Object.fromEntries([...TEXT_COLUMNS.map((c) => [c, row[c] ?? null]), ...JSON_COLUMNS.map((c) => [c, text(row[c])])]);
}

/** The same columns for the runtime's answer. */
function expectedAnswer(answer: Answer): Row {
  const { decision: _decision, experiment, ...rest } = answer;
  return { ...rest, metrics: [...rest.metrics], experiment: experiment?.name ?? null, arm: experiment?.arm ?? null };
}

function expectAnswers(rows: readonly Row[], inputs: readonly Record<string, unknown>[], answer: (context: unknown) => Answer): void {
  expect(rows.map((r) => r["row"])).toEqual(inputs.map((c) => c["row"]));
  rows.forEach((row, i) => {
    expect({ row: row["row"], ...answerOf(row) }).toEqual({ row: inputs[i]!["row"], ...expectedAnswer(answer(inputs[i])) });
  });
}

describe("scn score", () => {
  it("scores NDJSON into NDJSON, CSV and Parquet in the input's order, as the runtime answers", async () => {
    const inputs = contexts();
    const input = join(tmp, "contexts.ndjson");
    writeFileSync(input, inputs.map((c) => JSON.stringify(c)).join("\n") + "\n");
    const runtime = loadBundle(readFileSync(bundlePath, "utf8"));
    for (const extension of ["ndjson", "csv", "parquet"]) {
      const output = join(tmp, `answers.${extension}`);
      const run = await scn(["score", bundlePath, "store_returns", input, "-o", output, "--id", "row"], ROOT);
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`^scored ${inputs.length} rows in [\\d.]+ s \\([\\d,]+ rows/s\\): \\d+ scenario, \\d+ default, 0 none\\n`));
      expectAnswers(await readOutput(output), inputs, (c) => runtime.decide("store_returns", c));
    }
  });

  it("reads CSV columns named by context paths, each cell as its field's type", async () => {
    const runtime = loadBundle(readFileSync(bundlePath, "utf8"));
    const header = ["row", "order.channel", "visit.location", "order.days_since_delivery", "order.value", "order.category", "order.condition", "customer.loyalty", "customer.tags", "customer.consent.personalization", "note"];
    const lines = [
      ["a", "online", "store", "12", "80", "apparel", "unopened", "gold", '"[""vip""]"', "true", "x"],
      ["b", "online", "store", "40", "80.5", "apparel", "opened", "gold", "", "false", "y"],
      ["c", "store", "store", "", "", "home", "", "", "", "", ""],
      ["d", "online", "store", "twelve", "1e3", "electronics", "unopened", "platinum", "[1]", "yes", "z"],
    ];
    const input = join(tmp, "contexts.csv");
    writeFileSync(input, [header, ...lines].map((l) => l.join(",")).join("\n") + "\n");
    // The same rule in JavaScript: text fields take the cell, others take it as JSON when it parses; empty is absent.
    const textPaths = new Set(["row", "order.channel", "visit.location", "order.category", "order.condition", "customer.loyalty"]);
    const inputs = lines.map((cells) => {
      const context: Record<string, unknown> = {};
      header.forEach((path, i) => {
        const raw = cells[i]!.startsWith('"') ? cells[i]!.slice(1, -1).replaceAll('""', '"') : cells[i]!;
        if (raw === "" || path === "note") return;
        let value: unknown = raw;
        if (!textPaths.has(path)) {
          try {
            value = JSON.parse(raw);
          } catch {
            value = raw;
          }
        }
        const keys = path.split(".");
        let node = context;
        for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
        node[keys[keys.length - 1]!] = value;
      });
      return context;
    });
    const output = join(tmp, "answers.ndjson");
    const run = await scn(["score", bundlePath, "store_returns", input, "-o", output, "--id", "row"], ROOT);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("note: ignoring columns that name no context field: `note`");
    expect(inputs.map((c) => runtime.decide("store_returns", c).reason)).toContain("scenario");
    expectAnswers(await readOutput(output), inputs, (c) => runtime.decide("store_returns", c));
  });

  it("reads Parquet whose nested columns are the context's records", async () => {
    const inputs = contexts().slice(0, 40);
    const ndjson = join(tmp, "contexts.ndjson");
    writeFileSync(ndjson, inputs.map((c) => JSON.stringify(c)).join("\n") + "\n");
    const parquet = join(tmp, "contexts.parquet");
    const instance = await DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    await connection.run(`COPY (SELECT * FROM read_json('${ndjson}', format = 'newline_delimited')) TO '${parquet}' (FORMAT parquet)`);
    const described = (await connection.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${parquet}')`)).getRowObjectsJson();
    connection.closeSync();
    instance.closeSync();
    expect(described.find((c) => c["column_name"] === "order")?.["column_type"]).toMatch(/^STRUCT\(/);
    const output = join(tmp, "answers.parquet");
    const run = await scn(["score", bundlePath, "store_returns", parquet, "-o", output, "--id", "row"], ROOT);
    expect(run.code).toBe(0);
    const runtime = loadBundle(readFileSync(bundlePath, "utf8"));
    expectAnswers(await readOutput(output), inputs, (c) => runtime.decide("store_returns", c));
  });

  it("in strict mode, gives a row with problems its errors and no answer, counts them and exits 1", async () => {
    const inputs = contexts().slice(-6);
    const input = join(tmp, "contexts.ndjson");
    writeFileSync(input, inputs.map((c) => JSON.stringify(c)).join("\n") + "\n");
    const output = join(tmp, "answers.ndjson");
    const run = await scn(["score", bundlePath, "store_returns", input, "-o", output, "--id", "row", "--strict"], ROOT);
    const runtime = loadBundle(readFileSync(bundlePath, "utf8"));
    // Each input has a `row` field the schema does not declare, so every row has at least that problem.
    const problems = inputs.map((c) => runtime.validateContext(c));
    const bad = problems.filter((p) => p.length > 0).length;
    expect(bad).toBeGreaterThan(0);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`, ${bad} with errors`);
    const rows = await readOutput(output);
    rows.forEach((row, i) => {
      expect(text(row["errors"])).toEqual(problems[i]!.length === 0 ? null : problems[i]!.map((p) => ({ path: p.path, message: p.message })));
      if (problems[i]!.length > 0) expect(row["reason"]).toBeNull();
    });
  });

  it("in strict mode, reads Parquet's typed columns and gives the errors and answers the same contexts as NDJSON get", async () => {
    // Without the `row` field: a Parquet column that names no context field is no part of the context, while an NDJSON line's fields all are.
    const inputs = [...contexts().slice(0, 20), { order: { channel: "store" }, visit: { location: "store" } }].map(({ row: _row, ...context }) => context);
    const source = join(tmp, "source.ndjson");
    writeFileSync(source, inputs.map((c) => JSON.stringify(c)).join("\n") + "\n");
    // The NDJSON is written back from the Parquet file, so both hold the same contexts (a missing struct field is null in both).
    const parquet = join(tmp, "contexts.parquet");
    const ndjson = join(tmp, "contexts.ndjson");
    const instance = await DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    await connection.run(`COPY (SELECT * FROM read_json('${source}', format = 'newline_delimited')) TO '${parquet}' (FORMAT parquet)`);
    await connection.run(`COPY (SELECT * FROM read_parquet('${parquet}')) TO '${ndjson}' (FORMAT json)`);
    connection.closeSync();
    instance.closeSync();
    const outputs: Row[][] = [];
    for (const input of [parquet, ndjson]) {
      const output = join(tmp, `answers-${outputs.length}.ndjson`);
      const run = await scn(["score", bundlePath, "store_returns", input, "-o", output, "--strict"], ROOT);
      expect(run.code).toBe(1);
      outputs.push(await readOutput(output));
    }
    expect(outputs[0]!.some((row) => row["errors"] !== null)).toBe(true);
    expect(outputs[0]).toEqual(outputs[1]);
  });

  it("refuses missing, unreadable, mistyped and truncated files with exit 2, writing nothing", async () => {
    const output = join(tmp, "answers.parquet");
    writeFileSync(output, "old answers");
    const good = join(tmp, "good.ndjson");
    writeFileSync(good, contexts().slice(0, 3).map((c) => JSON.stringify(c)).join("\n") + "\n");
    const parquet = join(tmp, "good.parquet");
    expect((await scn(["score", bundlePath, "store_returns", good, "-o", parquet], ROOT)).code).toBe(0);
    const truncated = join(tmp, "truncated.parquet");
    writeFileSync(truncated, readFileSync(parquet).subarray(0, Math.floor(readFileSync(parquet).length / 2)));
    const notParquet = join(tmp, "text.parquet");
    writeFileSync(notParquet, "order.channel\nonline\n");
    const broken = join(tmp, "broken.ndjson");
    writeFileSync(broken, `${JSON.stringify(contexts()[0])}\n{"order": \n`);
    const cases: [string[], string][] = [
      [["score", bundlePath, "store_returns", join(tmp, "missing.ndjson"), "-o", output], "cannot read `"],
      [["score", bundlePath, "store_returns", join(tmp, "directory.ndjson"), "-o", output], "is not a file"],
      [["score", bundlePath, "store_returns", truncated, "-o", output], "as Parquet"],
      [["score", bundlePath, "store_returns", notParquet, "-o", output], "as Parquet"],
      [["score", bundlePath, "store_returns", broken, "-o", output], "cannot score"],
      [["score", bundlePath, "store_returns", join(tmp, "contexts.xlsx"), "-o", output], "cannot tell the format"],
      [["score", bundlePath, "no_such_decision", good, "-o", output], "has no decision `no_such_decision`"],
      [["score", join(tmp, "missing.scn.json"), "store_returns", good, "-o", output], "cannot read bundle"],
      [["score", bundlePath, "store_returns", good, "-o", output, "--memory-limit", "lots"], "cannot start DuckDB with --memory-limit `lots`"],
    ];
    writeFileSync(join(tmp, "contexts.xlsx"), "x");
    mkdirSync(join(tmp, "directory.ndjson"));
    for (const [args, message] of cases) {
      const run = await scn(args, ROOT);
      expect({ args: args[3], code: run.code }).toEqual({ args: args[3], code: 2 });
      expect(run.stderr).toContain(message);
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(readFileSync(output, "utf8")).toBe("old answers");
    }
    // No temporary file or spill directory is left beside the output.
    expect(readdirSync(tmp).filter((name) => name.startsWith(".scn-tmp-"))).toEqual([]);
    expect(existsSync(join(tmp, "answers.parquet"))).toBe(true);
  });
});

describe("scn score interrupted", () => {
  it("removes its unfinished answers and spill directory on Ctrl-C, exits 130 and leaves the output as it was; a later run sweeps what a killed run left", async () => {
    const input = join(tmp, "many.parquet");
    const instance = await DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    await connection.run(`COPY (SELECT {'channel': CASE WHEN range % 2 = 0 THEN 'store' ELSE 'online' END, 'value': range % 900} AS "order" FROM range(4000000)) TO '${input}' (FORMAT parquet)`);
    connection.closeSync();
    instance.closeSync();
    const output = join(tmp, "answers.parquet");
    writeFileSync(output, "old answers");
    // What a killed run leaves: answers and a spill directory named for a process that is gone.
    const gone = spawnSync("true").pid!;
    writeFileSync(join(tmp, `.scn-tmp-${gone}-0000-answers.parquet.tmp`), "partial");
    mkdirSync(join(tmp, `.scn-tmp-${gone}-0000-spill.tmpAbCdEf`));
    const child = spawn(process.execPath, [join(ROOT, "packages/cli/bin/scn.js"), "score", bundlePath, "store_returns", input, "-o", output], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((done) => child.on("exit", (code) => done(code)));
    // Interrupted once its own answers file exists, that is while DuckDB writes it.
    const mine = (name: string): boolean => name.startsWith(`.scn-tmp-${child.pid}-`) && name.endsWith("answers.parquet.tmp");
    while (!readdirSync(tmp).some(mine) && child.exitCode === null) await new Promise((wait) => setTimeout(wait, 10));
    expect(readdirSync(tmp).filter((name) => name.includes(`-${gone}-`))).toEqual([]);
    child.kill("SIGINT");
    expect(await exited).toBe(130);
    expect(stderr).toContain("scn score: interrupted; nothing was written");
    expect(readdirSync(tmp).filter((name) => name.startsWith(".scn-tmp-"))).toEqual([]);
    expect(readFileSync(output, "utf8")).toBe("old answers");
  }, 60_000);
});

describe("scn score progress", () => {
  it("draws the bar when standard error is a terminal and plain lines only otherwise", async () => {
    // The built command line, as a user runs it: under `script`, standard error is a pseudo-terminal.
    const bin = join(ROOT, "packages/cli/bin/scn.js");
    const input = join(tmp, "contexts.ndjson");
    writeFileSync(input, contexts().map((c) => JSON.stringify(c)).join("\n") + "\n");
    const args = [bin, "score", bundlePath, "store_returns", input, "-o", join(tmp, "answers.parquet")];
    const quote = (arg: string): string => `'${arg.replaceAll("'", "'\\''")}'`;
    const onTerminal = spawnSync("script", ["-qec", [process.execPath, ...args].map(quote).join(" "), "/dev/null"], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
    expect(onTerminal.status).toBe(0);
    // Drawn in place (a carriage return, no newline), then cleared before the summary.
    expect(onTerminal.stdout).toMatch(/\r\[[#.]{24}\] +(\?|\d+)% [\d,]+ rows [\d,]+ rows\/s ETA [-:\d]+\u001b\[K/);
    expect(onTerminal.stdout).toMatch(/\r\u001b\[K(\r\n|\n)?scored \d+ rows/);
    const piped = spawnSync(process.execPath, args, { encoding: "utf8" });
    expect(piped.status).toBe(0);
    expect(piped.stderr).toBe("");
    expect(piped.stdout).toMatch(/^scored \d+ rows/);
  });


  it("draws a bar with rows, rate and ETA on a terminal", () => {
    expect(progressBar({ percentage: 50, rows: 1_000_000, seconds: 4 })).toBe("[############............]  50% 1,000,000 rows 250,000 rows/s ETA 0:04");
    expect(progressBar({ percentage: -1, rows: 0, seconds: 0 })).toBe("[........................]   ?% 0 rows 0 rows/s ETA --:--");
    expect(progressLine({ percentage: 12.7, rows: 5000, seconds: 2 })).toBe("scored 5,000 rows (12%), 2,500 rows/s");
  });

  it("redraws in place on a terminal and writes a plain line every few seconds elsewhere", () => {
    let terminal = "";
    const bar = progressReporter((t) => (terminal += t), true);
    bar.update({ percentage: 10, rows: 10, seconds: 1 });
    bar.update({ percentage: 20, rows: 20, seconds: 2 });
    bar.finish();
    expect(terminal.split("\r").length).toBe(4);
    expect(terminal).not.toContain("\n");
    let plain = "";
    const lines = progressReporter((t) => (plain += t), false);
    for (let second = 1; second <= 12; second++) lines.update({ percentage: second * 8, rows: second * 100, seconds: second });
    lines.finish();
    expect(plain.split("\n").filter(Boolean)).toEqual(["scored 500 rows (40%), 100 rows/s", "scored 1,000 rows (80%), 100 rows/s"]);
  });
});
