/**
 * The `scn` command: a commander program whose actions call one function per
 * command (commands/*.ts) with parsed options and an injectable IO. Each
 * command module is imported only when its command runs, so `scn --help`
 * and `scn eval` do not pay for loading the compiler or prettier. Usage
 * errors exit 2; a bug in scn itself prints a short "internal error" with how
 * to report it, never a stack trace (set SCN_DEBUG=1 to see one).
 */
import { existsSync } from "node:fs";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { EXIT_USAGE, processIO, type CliIO } from "./io.js";
import { parseDialects, parseTargets } from "./targets.js";
import type { SqlDialectName } from "@scn/compiler";
import type { Target } from "./config.js";
import { COMPILER_VERSION } from "./version.js";
import { bundleNameProblem } from "./bundle-name.js";

/** Exit code for a bug in scn (not the user's input). */
export const EXIT_INTERNAL = 3;

function parseCount(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError("expected a whole number, e.g. 0 or 10.");
  return Number(value);
}

function parseDate(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const valid = match !== null && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
  if (!valid) throw new InvalidArgumentError("expected a date as YYYY-MM-DD, e.g. 2027-01-31.");
  return value;
}

function parseTargetList(value: string): Target[] {
  const parsed = parseTargets(value);
  if (typeof parsed === "string") throw new InvalidArgumentError(parsed + ".");
  return parsed;
}

function parseDialectList(value: string): SqlDialectName[] {
  const parsed = parseDialects(value);
  if (typeof parsed === "string") throw new InvalidArgumentError(parsed + ".");
  return parsed;
}

/** A relation or view prefix name: dot-separated parts, none empty. */
function parseSqlName(value: string): string {
  if (value.split(".").some((part) => part === "")) throw new InvalidArgumentError("expected a name such as scn_contexts or analytics.scn_contexts.");
  return value;
}

function parseBundleName(value: string): string {
  const problem = bundleNameProblem(value);
  if (problem !== undefined) throw new InvalidArgumentError(problem + ".");
  return value;
}

function parseDeny(value: string): "warnings" {
  if (value !== "warnings") throw new InvalidArgumentError("the only accepted value is `warnings`.");
  return value;
}

/**
 * Runs a command once, or under `--watch` again after every change until
 * Ctrl-C (watch.ts). Interrupting a watch is how it ends, so SIGINT stops the
 * loop and the CLI exits with the last run's code instead of being killed.
 */
async function onceOrWatch(name: string, watching: boolean, paths: readonly string[], io: CliIO, command: () => number | Promise<number>): Promise<number> {
  if (!watching) return command();
  const { watchLoop } = await import("./watch.js");
  const controller = new AbortController();
  const interrupt = (): void => controller.abort();
  process.once("SIGINT", interrupt);
  try {
    return await watchLoop(name, paths, command, io, { signal: controller.signal });
  } finally {
    process.removeListener("SIGINT", interrupt);
  }
}

/**
 * An argument's or option's help line: its description, its choices, and its
 * default when that tells the reader something. A description that already
 * states its default in words ("default: the current directory"), an empty
 * list and a flag's `false` are not repeated as "(default: [])" or
 * "(default: false)".
 */
function describeWithDefault(description: string, choices: readonly string[] | undefined, value: unknown, valueDescription: string | undefined): string {
  const extra: string[] = [];
  if (choices) extra.push(`choices: ${choices.map((choice) => JSON.stringify(choice)).join(", ")}`);
  const says = value !== undefined && value !== false && !(Array.isArray(value) && value.length === 0) && !/\(default[: ]/.test(description);
  if (says) extra.push(`default: ${valueDescription ?? JSON.stringify(value)}`);
  return extra.length > 0 ? `${description} (${extra.join(", ")})` : description;
}

/** Builds the program; `setExit` receives each action's exit code. */
export function buildProgram(io: CliIO, setExit: (code: number) => void): Command {
  const program = new Command("scn")
    .description("The scn toolchain: check, build, test and format .scn scenario programs.")
    .version(COMPILER_VERSION, "-V, --version")
    .showHelpAfterError("(run with --help for usage)")
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) })
    .configureHelp({
      argumentDescription: (argument) => describeWithDefault(argument.description, argument.argChoices, argument.defaultValue, argument.defaultValueDescription),
      optionDescription: (option) => describeWithDefault(option.description, option.argChoices, option.defaultValue, option.defaultValueDescription),
    })
    .exitOverride();

  program
    .command("check")
    .description("Parse, type-check and analyze .scn files; report every problem with its code and location.")
    .argument("[paths...]", "files or directories (searched recursively for .scn files)", [])
    .addOption(new Option("--format <format>", "output format").choices(["pretty", "json", "sarif", "github"]).default("pretty"))
    .option("--max-warnings <n>", "fail (exit 1) when there are more than n warnings", parseCount)
    .option("--deny <what>", "`warnings`: treat warnings as errors", parseDeny)
    .addOption(new Option("--witness <which>", "what a witness shows: the fields the finding depends on, or the full context").choices(["relevant", "full"]).default("relevant"))
    .option("--today <date>", "the date expiry checks compare against (YYYY-MM-DD)", parseDate)
    .option("-w, --watch", "check again whenever a .scn file or scn.config.json changes, until Ctrl-C", false)
    .addHelpText(
      "after",
      "\nExamples:\n  scn check examples/retail\n  scn check --format json src/ > diagnostics.json\n  scn check --deny warnings --today 2027-01-01 .\n  scn check --witness full examples/retail\n  scn check --watch\n",
    )
    .action(async (paths: string[], opts: { format: "pretty" | "json" | "sarif" | "github"; maxWarnings?: number; deny?: "warnings"; today?: string; watch: boolean; witness: "relevant" | "full" }) => {
      const { runCheck } = await import("./commands/check.js");
      const { collectAfterCheckStage } = await import("./heap-growth.js");
      const { delayTiering, limitInlining } = await import("./jit-budget.js");
      limitInlining();
      setExit(
        await onceOrWatch("check", opts.watch, paths, io, () => runCheck(paths, {
          format: opts.format,
          witness: opts.witness,
          denyWarnings: opts.deny === "warnings",
          onSources: delayTiering,
          onStage: collectAfterCheckStage,
          ...(opts.maxWarnings !== undefined ? { maxWarnings: opts.maxWarnings } : {}),
          ...(opts.today !== undefined ? { today: opts.today } : {}),
        }, io)),
      );
    });

  program
    .command("build")
    .description("Compile .scn files into a bundle: JSON, a self-contained JS module, TypeScript types and conformance vectors.")
    .argument("[paths...]", "files or directories (default: the config's sources, else the current directory)", [])
    .option("-o, --out-dir <dir>", "where to write (default: the config's outDir, else dist)")
    .option("--target <list>", "comma-separated targets: json, js, cjs, dts, vectors, sql", parseTargetList)
    .option("--name <name>", "the bundle's file name stem (letters, digits, . _ -)", parseBundleName)
    .option("--today <date>", "the date expiry checks compare against (YYYY-MM-DD)", parseDate)
    .option("-w, --watch", "build again whenever a .scn file or scn.config.json changes, until Ctrl-C", false)
    .option("--dialect <list>", "with --target sql: comma-separated dialects: duckdb, postgres, spark, trino, bigquery, snowflake (default duckdb)", parseDialectList)
    .option("--sql-input <name>", "with --target sql: the input relation (default scn_contexts)", parseSqlName)
    .addOption(new Option("--sql-context <shape>", "with --target sql: a JSON `context` column, or one column per top-level field").choices(["json", "columns"]))
    .option("--sql-prefix <prefix>", "with --target sql: the views' name prefix (default scn_)", parseSqlName)
    .addHelpText("after", "\nExamples:\n  scn build examples/retail -o out\n  scn build --target json,vectors -o dist/scn\n  scn build --watch\n  scn build examples/retail --target sql --dialect duckdb,postgres -o out\n")
    .action(async (paths: string[], opts: { outDir?: string; target?: Target[]; name?: string; today?: string; watch: boolean; dialect?: SqlDialectName[]; sqlInput?: string; sqlContext?: "json" | "columns"; sqlPrefix?: string }) => {
      const { runBuildConcurrently } = await import("./commands/build.js");
      const { limitHeapGrowth } = await import("./heap-growth.js");
      const { delayTiering, limitInlining } = await import("./jit-budget.js");
      limitInlining();
      const { analysisWorkerMode } = await import("./workers/analysis-policy.js");
      limitHeapGrowth();
      // The worker's module sits beside this one in dist/ and in the bundle
      // (scripts/bundle.mjs); run from the TypeScript sources (in-process
      // tests) there is none, and unless told to use it anyway the build
      // then analyzes on its main thread.
      const module = new URL("./workers/analysis-worker.js", import.meta.url);
      const asked = analysisWorkerMode(process.env["SCN_ANALYSIS_WORKER"]);
      const worker = { module, mode: asked === "auto" && !existsSync(module) ? ("never" as const) : asked };
      const sql = {
        ...(opts.dialect !== undefined ? { dialects: opts.dialect } : {}),
        ...(opts.sqlInput !== undefined ? { input: opts.sqlInput } : {}),
        ...(opts.sqlContext !== undefined ? { context: opts.sqlContext } : {}),
        ...(opts.sqlPrefix !== undefined ? { prefix: opts.sqlPrefix } : {}),
      };
      setExit(
        await onceOrWatch("build", opts.watch, paths, io, () => runBuildConcurrently(paths, {
          sql,
          onSources: delayTiering,
          ...(opts.outDir !== undefined ? { outDir: opts.outDir } : {}),
          ...(opts.target !== undefined ? { targets: opts.target } : {}),
          ...(opts.name !== undefined ? { name: opts.name } : {}),
          ...(opts.today !== undefined ? { today: opts.today } : {}),
        }, io, worker)),
      );
    });

  program
    .command("eval")
    .description("Answer one decision for one context with a compiled bundle, and print the answer as JSON.")
    .argument("<bundle>", "a .scn.json bundle written by scn build")
    .argument("<decision>", "the decision to answer")
    .argument("[context]", "a JSON file with the context, or - for standard input (read when the context is left out and input is piped)")
    .option("--explain", "print a trace of why, with the source lines of the rules tried", false)
    .option("--strict", "reject a context that does not match the context schema, listing every bad path", false)
    .addHelpText(
      "after",
      "\nExamples:\n  scn eval out/retail.scn.json store_returns context.json\n  echo '{\"order\": {\"channel\": \"online\"}}' | scn eval out/retail.scn.json store_returns -\n  scn eval out/retail.scn.json store_returns context.json --explain\n",
    )
    .action(async (bundle: string, decision: string, context: string | undefined, opts: { explain: boolean; strict: boolean }) => {
      const { runEval } = await import("./commands/eval.js");
      setExit(runEval(bundle, decision, context, { explain: opts.explain, strict: opts.strict, stdinIsTerminal: io.stdinIsTerminal === true }, io));
    });

  program
    .command("score")
    .description("Answer one decision for every row of a CSV, NDJSON or Parquet file on embedded DuckDB, writing NDJSON, CSV or Parquet.")
    .argument("<bundle>", "a .scn.json bundle written by scn build")
    .argument("<decision>", "the decision to answer")
    .argument("<input>", "the contexts: .csv (columns named by context paths), .ndjson/.jsonl (one context per line) or .parquet")
    .requiredOption("-o, --output <file>", "where to write the answers: .ndjson, .csv or .parquet (written whole or not at all)")
    .option("--id <column>", "carry this column (CSV, Parquet) or context path (NDJSON) to the output as the row's id")
    .option("--strict", "validate every context against the context schema; a row with problems gets them in an `errors` column and no answer", false)
    .addOption(new Option("--input-format <format>", "the input's format, when its name does not say").choices(["csv", "ndjson", "parquet"]))
    .addOption(new Option("--output-format <format>", "the output's format, when its name does not say").choices(["csv", "ndjson", "parquet"]))
    .option("--memory-limit <size>", "DuckDB's memory limit, e.g. 1GB (default 512MB); beyond it DuckDB spills to a temporary directory beside the output")
    .addHelpText(
      "after",
      "\nExamples:\n  scn score out/retail.scn.json store_returns customers.parquet -o answers.parquet\n  scn score out/retail.scn.json store_returns contexts.ndjson -o answers.csv --id customer.id --strict\n",
    )
    .action(async (bundle: string, decision: string, input: string, opts: { output: string; id?: string; strict: boolean; inputFormat?: "csv" | "ndjson" | "parquet"; outputFormat?: "csv" | "ndjson" | "parquet"; memoryLimit?: string }) => {
      const { runScore } = await import("./commands/score.js");
      setExit(
        await runScore(bundle, decision, input, {
          output: opts.output,
          strict: opts.strict,
          ...(opts.id !== undefined ? { id: opts.id } : {}),
          ...(opts.inputFormat !== undefined ? { inputFormat: opts.inputFormat } : {}),
          ...(opts.outputFormat !== undefined ? { outputFormat: opts.outputFormat } : {}),
          ...(opts.memoryLimit !== undefined ? { memoryLimit: opts.memoryLimit } : {}),
        }, io),
      );
    });

  program
    .command("test")
    .description("Run the program's test blocks through the JSON runtime and the generated JS module.")
    .argument("[paths...]", "files or directories (default: the config's sources, else the current directory)", [])
    .option("--coverage", "list the rows no test exercised", false)
    .option("--today <date>", "the date expiry checks compare against (YYYY-MM-DD)", parseDate)
    .option("-w, --watch", "run the tests again whenever a .scn file or scn.config.json changes, until Ctrl-C", false)
    .addHelpText("after", "\nExamples:\n  scn test examples/retail\n  scn test --coverage examples/\n  scn test --watch\n")
    .action(async (paths: string[], opts: { coverage: boolean; today?: string; watch: boolean }) => {
      const { runTest } = await import("./commands/test.js");
      setExit(await onceOrWatch("test", opts.watch, paths, io, () => runTest(paths, { coverage: opts.coverage, ...(opts.today !== undefined ? { today: opts.today } : {}) }, io)));
    });

  program
    .command("fmt")
    .description("Format .scn files in place with the canonical style (through prettier).")
    .argument("[paths...]", "files or directories (default: the current directory)", [])
    .option("--check", "write nothing; list the files that would change and exit 1 if any", false)
    .addHelpText("after", "\nExamples:\n  scn fmt examples/\n  scn fmt --check .\n")
    .action(async (paths: string[], opts: { check: boolean }) => {
      // prettier is loaded only when formatting, so other commands start fast.
      const { runFmt } = await import("./commands/fmt.js");
      setExit(await runFmt(paths, { check: opts.check }, io));
    });

  program
    .command("diff")
    .description("Show what a change does to real customers: the answers that differ between two versions, each with an example context.")
    .argument("[versions...]", "OLD NEW (directories, .scn files or .scn.json bundles); with --git, the paths to compare", [])
    .option("--git <rev>", "compare REV with the working tree, or two revisions as A..B")
    .addOption(new Option("--format <format>", "output format").choices(["text", "markdown", "json"]).default("text"))
    .option("--exit-code", "exit 1 when behavior changed (like git diff --exit-code)", false)
    .option("--today <date>", "the date expiry checks compare against (YYYY-MM-DD)", parseDate)
    .addHelpText(
      "after",
      "\nExamples:\n  scn diff old/ new/\n  scn diff old.scn.json new.scn.json --format json\n  scn diff --git HEAD --format markdown > comment.md\n  scn diff --git main..feature --exit-code\n",
    )
    .action(async (versions: string[], opts: { git?: string; format: "text" | "markdown" | "json"; exitCode: boolean; today?: string }) => {
      const { runDiff } = await import("./commands/diff.js");
      setExit(
        runDiff(versions, {
          format: opts.format,
          exitCode: opts.exitCode,
          ...(opts.git !== undefined ? { git: opts.git } : {}),
          ...(opts.today !== undefined ? { today: opts.today } : {}),
        }, io),
      );
    });

  program
    .command("report")
    .description("Write the scenario catalog: a static site (index.html, opens from file://) and report.json.")
    .argument("[paths...]", "files or directories (default: the config's sources, else the current directory)", [])
    .option("-o, --out-dir <dir>", "where to write the site (default: report)")
    .option("--today <date>", "the date expiry is judged against (YYYY-MM-DD)", parseDate)
    .addHelpText("after", "\nExamples:\n  scn report examples/ -o site\n  scn report --today 2027-01-01 -o catalog\n")
    .action(async (paths: string[], opts: { outDir?: string; today?: string }) => {
      const { runReport } = await import("./commands/report.js");
      setExit(runReport(paths, { ...(opts.outDir !== undefined ? { outDir: opts.outDir } : {}), ...(opts.today !== undefined ? { today: opts.today } : {}) }, io));
    });

  program
    .command("lsp")
    .description("Run the language server for editors (diagnostics, hover, completion, rename, formatting, …).")
    .option("--stdio", "talk LSP over standard input and output (the only transport)", false)
    .addHelpText("after", "\nExamples:\n  scn lsp --stdio\n\nEditor setups: docs/editors.md\n")
    .action(async (opts: { stdio: boolean }) => {
      const { runLsp } = await import("./commands/lsp.js");
      setExit(runLsp({ stdio: opts.stdio }, io));
    });

  program
    .command("init")
    .description("Scaffold a project: config, an example scenario with tests, .gitignore and a CI workflow.")
    .argument("[dir]", "where to create it (default: the current directory)")
    .addHelpText("after", "\nExamples:\n  scn init my-scenarios\n")
    .action(async (dir: string | undefined) => {
      const { runInit } = await import("./commands/init.js");
      setExit(runInit(dir, io));
    });

  return program;
}

/** Runs the CLI with `argv` (without node and script); resolves to the exit code. */
export async function runMain(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  let exit = 0;
  const program = buildProgram(io, (code) => {
    exit = code;
  });
  try {
    await program.parseAsync([...argv], { from: "user" });
    return exit;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are successful exits; everything else commander
      // rejects is a usage error.
      if (error.code === "commander.helpDisplayed" || error.code === "commander.version" || error.code === "commander.help") return 0;
      return EXIT_USAGE;
    }
    const detail = error instanceof Error ? error.message : String(error);
    io.stderr(
      `internal error: ${detail}\n` +
        "This is a bug in scn, not in your input. Please report it with the command you ran and the .scn files involved.\n",
    );
    if (process.env["SCN_DEBUG"] && error instanceof Error && error.stack) io.stderr(error.stack + "\n");
    return EXIT_INTERNAL;
  }
}
