/**
 * `scn score BUNDLE DECISION INPUT -o OUTPUT`: answers one decision for every
 * row of a CSV, NDJSON or Parquet file on embedded DuckDB, writing NDJSON,
 * CSV or Parquet (docs/warehouse.md, "scn score").
 *
 * The rows never pass through JavaScript: the decision's `sql` view (DuckDB
 * dialect, JSON shape) runs over a view that reads the file, and DuckDB's
 * COPY streams the answers to a temporary file beside the output, in the
 * input's row order, within a memory limit (spilling to a temporary
 * directory when it must). The temporary file is renamed over the output
 * only when every row was written, so a failed run leaves no partial file.
 */
import { basename, dirname, join, resolve } from "node:path";
import { accessSync, closeSync, constants, existsSync, fsyncSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, statSync } from "node:fs";
import { readBundle, type Bundle } from "@scn/runtime";
import { emitSql, sqlColumnTypeOfDuckDB, type SqlColumnType } from "@scn/compiler";
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CliIO } from "../io.js";
import { checkOutputFile } from "../outputs/manifest.js";
import { fsyncDirectory, processIsAlive, sweepStaleTemporaries, temporaryName, temporaryOwner } from "../temporaries.js";
import { formatOfPath, inputSelect, readerSql, sqlIdent, sqlString, type DataFormat } from "../score/input.js";
import { progressReporter } from "../score/progress.js";
import { registerStrictProblems, strictProblemsSql } from "../score/strict.js";

export interface ScoreOptions {
  readonly output: string;
  readonly id?: string;
  readonly strict: boolean;
  readonly inputFormat?: DataFormat;
  readonly outputFormat?: DataFormat;
  /** DuckDB's memory limit, e.g. `1GB` (default 512MB; docs/warehouse.md, "scn score": memory). */
  readonly memoryLimit?: string;
  /** Whether standard error is a terminal (draws a progress bar); default: whether it is. */
  readonly terminal?: boolean;
}

const SCORE_INPUT = "scn_score_input";
const VIEW_PREFIX = "scn_score_";

/** The answer columns written, in order; JSON text columns become JSON values in NDJSON. */
const ANSWER_COLUMNS = ["reason", "rule", "scenario", "pathway", "variation", "output", "experiment", "arm", "metrics", "consent"] as const;
const JSON_COLUMNS = new Set(["output", "metrics", "consent"]);

function fail(io: CliIO, message: string): number {
  io.stderr(`error: ${message}\n`);
  return EXIT_USAGE;
}

/** The first line of an engine's message, without DuckDB's error-kind prefix. */
function engineMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split("\n")[0]!.trim();
}

/** Parquet files end with the four bytes `PAR1`; a file cut short does not. */
function parquetProblem(path: string): string | undefined {
  const size = statSync(path).size;
  if (size < 12) return "it is too short to be a Parquet file";
  const descriptor = openSync(path, "r");
  try {
    const tail = Buffer.alloc(4);
    readSync(descriptor, tail, 0, 4, size - 4);
    return tail.toString("latin1") === "PAR1" ? undefined : "it does not end like a Parquet file (truncated, or another format)";
  } finally {
    closeSync(descriptor);
  }
}

export async function runScore(bundlePath: string, decision: string, inputPath: string, options: ScoreOptions, io: CliIO): Promise<number> {
  // The bundle, checked as `scn eval` checks it.
  const bundleFile = resolve(io.cwd, bundlePath);
  let bundleBytes: Buffer;
  try {
    bundleBytes = readFileSync(bundleFile);
  } catch (error) {
    return fail(io, `cannot read bundle \`${bundlePath}\`: ${(error as NodeJS.ErrnoException).code ?? "unreadable"}`);
  }
  const set = checkOutputFile(bundleFile, bundleBytes, bundlePath);
  if (set.kind === "mixed") return fail(io, set.problem);
  // Checked in full, as loadBundle checks it; the tables come back expanded for the SQL emitter.
  const read = readBundle(bundleBytes.toString("utf8"));
  if (read.value === null) return fail(io, `\`${bundlePath}\` is not a valid scn bundle:\n${read.problems.slice(0, 20).map((p) => `  ${p}`).join("\n")}`);
  const bundle = read.value;
  const decisions = Object.keys(bundle.decisions);
  if (!decisions.includes(decision)) {
    return fail(io, `the bundle has no decision \`${decision}\`; it has ${decisions.map((d) => `\`${d}\``).join(", ") || "none"}`);
  }

  // The input and output files and their formats.
  const input = resolve(io.cwd, inputPath);
  const output = resolve(io.cwd, options.output);
  const inputFormat = options.inputFormat ?? formatOfPath(input);
  if (inputFormat === undefined) return fail(io, `cannot tell the format of \`${inputPath}\` from its name; name it .csv, .ndjson, .jsonl or .parquet, or give --input-format`);
  const outputFormat = options.outputFormat ?? formatOfPath(output);
  if (outputFormat === undefined) return fail(io, `cannot tell the format of \`${options.output}\` from its name; name it .ndjson, .csv or .parquet, or give --output-format`);
  try {
    if (!statSync(input).isFile()) return fail(io, `\`${inputPath}\` is not a file`);
    accessSync(input, constants.R_OK);
  } catch (error) {
    return fail(io, `cannot read \`${inputPath}\`: ${(error as NodeJS.ErrnoException).code ?? "unreadable"}`);
  }
  if (input === output) return fail(io, "the output would replace the input; give another -o");
  if (inputFormat === "parquet") {
    const problem = parquetProblem(input);
    if (problem !== undefined) return fail(io, `cannot read \`${inputPath}\` as Parquet: ${problem}`);
  }
  const directory = dirname(output);
  try {
    mkdirSync(directory, { recursive: true });
  } catch (error) {
    return fail(io, `cannot create \`${dirname(options.output)}\`: ${(error as NodeJS.ErrnoException).code ?? "unwritable"}`);
  }

  const { DuckDBInstance } = await import("@duckdb/node-api");
  // Answers and spill directories left by a run that was killed (its process is gone) are removed first.
  sweepStaleTemporaries([directory]);
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const owner = temporaryOwner(entry.name);
    if (entry.isDirectory() && owner !== undefined && entry.name.includes("-spill.tmp") && !processIsAlive(owner)) rmSync(join(directory, entry.name), { recursive: true, force: true });
  }
  const temporary = join(directory, temporaryName(basename(output)));
  const spill = mkdtempSync(join(directory, temporaryName("spill")));
  // Ctrl-C or a kill while scoring removes the unfinished answers and the
  // spill directory, and the output stays as it was (docs/warehouse.md,
  // "scn score"): exit 130 for an interrupt, 143 for a termination.
  const interrupted = (signal: NodeJS.Signals): void => {
    rmSync(temporary, { force: true });
    rmSync(spill, { recursive: true, force: true });
    process.stderr.write(`\nscn score: ${signal === "SIGINT" ? "interrupted" : "terminated"}; nothing was written\n`);
    process.exit(signal === "SIGINT" ? 130 : 143);
  };
  let instance: Awaited<ReturnType<typeof DuckDBInstance.create>>;
  try {
    instance = await DuckDBInstance.create(":memory:", {
      // DuckDB's threads finish batches out of order and it holds the answers
      // until they can be written in the input's order, up to this limit, past
      // which the threads wait, so memory stays flat in the input's size. With
      // enum answer columns a held-back row takes a few bytes and the limit is
      // not reached in practice (docs/warehouse.md, "scn score": memory).
      memory_limit: options.memoryLimit ?? "512MB",
      temp_directory: spill,
      preserve_insertion_order: "true",
    });
  } catch (error) {
    rmSync(spill, { recursive: true, force: true });
    return fail(io, `cannot start DuckDB with --memory-limit \`${options.memoryLimit ?? "512MB"}\`: ${engineMessage(error)}; give a size such as 512MB or 2GB`);
  }
  const connection = await instance.connect();
  process.once("SIGINT", interrupted);
  process.once("SIGTERM", interrupted);
  const started = performance.now();
  try {
    // What the file holds, so that its columns can be mapped to the context.
    let columns: string[];
    const types: { [column: string]: SqlColumnType } = {};
    try {
      const described = await connection.runAndReadAll(`SELECT * FROM ${readerSql(inputFormat, input)} LIMIT 0`);
      columns = described.columnNames();
      const columnTypes = described.columnTypes();
      for (const [i, column] of columns.entries()) types[column] = sqlColumnTypeOfDuckDB(columnTypes[i]!);
    } catch (error) {
      return fail(io, `cannot read \`${inputPath}\` as ${inputFormat}: ${engineMessage(error)}`);
    }
    // Parquet's typed columns are read as they are (docs/warehouse.md, "Typed columns"); CSV cells are all text and NDJSON lines are JSON.
    const plan = inputSelect(inputFormat, input, columns, bundle.context, options.id, inputFormat === "parquet" ? types : undefined);
    if (typeof plan === "string") return fail(io, plan);
    if (plan.ignored.length > 0) io.stderr(`note: ignoring columns that name no context field: ${plan.ignored.map((c) => `\`${c}\``).join(", ")}\n`);

    await connection.run(`CREATE VIEW ${SCORE_INPUT} AS ${plan.select}`);
    const one: Bundle = { ...bundle, decisions: { [decision]: bundle.decisions[decision]! } };
    const shape = plan.typed === undefined ? {} : { context: "columns" as const, typed: plan.typed };
    // The answer columns come as enums, which the writers turn back into the same text (docs/warehouse.md, "Answer columns as enums").
    await connection.run(emitSql(one, { dialect: "duckdb", input: SCORE_INPUT, prefix: VIEW_PREFIX, enumAnswers: true, ...shape }));
    const view = sqlIdent(VIEW_PREFIX + decision);
    if (options.strict) await registerStrictProblems(connection, bundle);
    const problems = options.strict ? strictProblemsSql(plan.contextJson) : undefined;
    const selected = [
      ...(options.id !== undefined ? [sqlIdent(options.id)] : []),
      ...ANSWER_COLUMNS.map((column) => {
        const value = outputFormat === "ndjson" && JSON_COLUMNS.has(column) ? `CAST(CAST(${sqlIdent(column)} AS VARCHAR) AS JSON)` : sqlIdent(column);
        // A row with problems gets no answer in strict mode, as the runtime's strict decide would refuse it.
        return problems === undefined ? `${value} AS ${sqlIdent(column)}` : `CASE WHEN scn__problems IS NULL THEN ${value} END AS ${sqlIdent(column)}`;
      }),
      ...(problems === undefined ? [] : [`${outputFormat === "ndjson" ? "CAST(scn__problems AS JSON)" : "scn__problems"} AS errors`]),
    ];
    const source = problems === undefined ? view : `(SELECT *, ${problems} AS scn__problems FROM ${view})`;
    const copy = `COPY (SELECT ${selected.join(", ")} FROM ${source}) TO ${sqlString(temporary)} (${copyOptions(outputFormat)})`;

    await connection.run("SET enable_progress_bar = true; SET enable_progress_bar_print = false");
    const reporter = progressReporter(io.stderr, options.terminal ?? Boolean(process.stderr.isTTY));
    // A terminal shows the bar from the start, before DuckDB has counted any row.
    reporter.update({ percentage: -1, rows: 0, seconds: 0 });
    const timer = setInterval(() => {
      const progress = connection.progress;
      reporter.update({ percentage: progress.percentage, rows: Number(progress.rows_processed), seconds: (performance.now() - started) / 1000 });
    }, 200);
    try {
      // The query runs on DuckDB's own threads while this thread stays free
      // for the progress timer and for the strict mode's validator, a
      // JavaScript function DuckDB calls back into. Running the query's
      // tasks on this thread instead (a pending result's runAllTasks) could
      // deadlock: a task that calls the validator waits for this thread,
      // which is busy running that very task.
      await connection.run(copy);
    } catch (error) {
      return fail(io, `cannot score \`${inputPath}\` (${inputFormat}): ${engineMessage(error)}; nothing was written`);
    } finally {
      clearInterval(timer);
      reporter.finish();
    }

    // Counted from the file just written, before it is put in place.
    const summary = (await connection.runAndReadAll(summarySql(outputFormat, temporary, problems !== undefined))).getRowObjectsJson()[0]!;
    const descriptor = openSync(temporary, "r");
    try {
      fsyncSync(descriptor);
    } finally {
      closeSync(descriptor);
    }
    renameSync(temporary, output);
    fsyncDirectory(directory);
    const seconds = (performance.now() - started) / 1000;
    const rows = Number(summary["rows"]);
    const parts = [`${Number(summary["scenario"]).toLocaleString("en-US")} scenario`, `${Number(summary["default"]).toLocaleString("en-US")} default`, `${Number(summary["none"]).toLocaleString("en-US")} none`];
    if (problems !== undefined) parts.push(`${Number(summary["errors"]).toLocaleString("en-US")} with errors`);
    io.stdout(`scored ${rows.toLocaleString("en-US")} rows in ${seconds.toFixed(1)} s (${Math.round(rows / Math.max(seconds, 1e-9)).toLocaleString("en-US")} rows/s): ${parts.join(", ")}\nwrote ${options.output}\n`);
    return problems !== undefined && Number(summary["errors"]) > 0 ? EXIT_FAILURE : EXIT_OK;
  } finally {
    process.removeListener("SIGINT", interrupted);
    process.removeListener("SIGTERM", interrupted);
    connection.closeSync();
    instance.closeSync();
    rmSync(temporary, { force: true });
    rmSync(spill, { recursive: true, force: true });
    if (existsSync(temporary)) io.stderr(`warning: could not remove \`${temporary}\`\n`);
  }
}

function copyOptions(format: DataFormat): string {
  switch (format) {
    case "ndjson":
      return "FORMAT json";
    case "csv":
      return "FORMAT csv, HEADER true";
    case "parquet":
      return "FORMAT parquet, COMPRESSION zstd";
  }
}

function summarySql(format: DataFormat, path: string, strict: boolean): string {
  const reader = format === "parquet" ? `read_parquet(${sqlString(path)})` : format === "csv" ? `read_csv(${sqlString(path)}, header = true, all_varchar = true)` : `read_json(${sqlString(path)}, format = 'newline_delimited', columns = {reason: 'VARCHAR', errors: 'JSON'})`;
  const errors = strict ? ", count(errors) AS errors" : "";
  return `SELECT count(*) AS rows, count(*) FILTER (WHERE reason = 'scenario') AS scenario, count(*) FILTER (WHERE reason = 'default') AS default, count(*) FILTER (WHERE reason = 'none') AS none${errors} FROM ${reader}`;
}
