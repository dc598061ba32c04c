/**
 * `scn build [paths…] -o DIR --target …`: compile a program into its bundle.
 * Nothing is written when the program has errors; the files are published as
 * a set (outputs/publish.ts), so a failed or killed build leaves each output
 * directory with the complete old set or the complete new one.
 */
import { availableParallelism } from "node:os";
import { basename, dirname, relative, resolve } from "node:path";
import { writePretty } from "@scn/language";
import { compile, compileWithDetachedAnalysis, type Compilation, type PipelineOptions, type SqlTargetOptions, type StageName } from "@scn/compiler";
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CliIO } from "../io.js";
import { loadPrograms, programOptions, sourceCharacters, type ProgramSources } from "../project.js";
import { publishOutputs, type BundleOutputs } from "../outputs/publish.js";
import { bundleNameFrom, bundleNameProblem } from "../bundle-name.js";
import { sweepStaleTemporaries } from "../temporaries.js";
import type { Target } from "../config.js";
import { DEFAULT_TARGETS } from "../targets.js";
import { startAnalysisWorker } from "../workers/analysis-client.js";
import { usesAnalysisWorker, type AnalysisWorkerMode } from "../workers/analysis-policy.js";


export interface BuildOptions {
  readonly outDir?: string;
  readonly targets?: readonly Target[];
  readonly name?: string;
  readonly today?: string;
  /** The `sql` target's dialects and names (docs/warehouse.md). */
  readonly sql?: SqlTargetOptions;
  /** Told the size of the sources (in characters) once they are read, before compiling; the command line sets V8's tiering budget by it (jit-budget.ts). */
  readonly onSources?: (characters: number) => void;
  /** Told when each stage of a program's compilation ends (the tests follow the stages through it). */
  readonly onStage?: (stage: StageName) => void;
}

const FILE_SUFFIX: Record<Target, string> = {
  json: ".scn.json",
  js: ".mjs",
  cjs: ".cjs",
  // TypeScript pairs `x.mjs` with `x.d.mts` (NodeNext and bundler resolution
  // both look there), so the declarations take that name.
  dts: ".d.mts",
  vectors: ".vectors.json",
  // One file per dialect: `<name>.<dialect>.sql` (the dialect is put in by fileNameOf).
  sql: ".sql",
};

function fileNameOf(name: string, artifact: { readonly target: Target; readonly dialect?: string }): string {
  return artifact.dialect === undefined ? name + FILE_SUFFIX[artifact.target] : `${name}.${artifact.dialect}${FILE_SUFFIX[artifact.target]}`;
}

/**
 * The bundle's file name stem: the flag, the program's config `name`, the
 * config's directory name, the single directory given, or `bundle`. The
 * flag and the config are validated by bundleNameProblem before this runs;
 * a name derived from a directory is made valid by bundleNameFrom.
 */
function bundleName(paths: readonly string[], cwd: string, option: string | undefined, program: ProgramSources): string {
  if (option) return option;
  if (program.config?.name) return program.config.name;
  const source = program.config ? program.config.root : paths.length === 1 ? resolve(cwd, paths[0]!) : undefined;
  return bundleNameFrom(source ? basename(source).replace(/\.scn$/, "") : "");
}

/**
 * `1,234,567 bytes`: the digits grouped by threes by hand, since the first
 * `toLocaleString` of a process loads the locale data, about 30 ms of a build.
 */
export function formatBytes(bytes: number): string {
  return `${String(bytes).replace(/\B(?=(\d{3})+$)/g, ",")} bytes`;
}

/** Where the analysis worker's module is and when to use it (workers/analysis-policy.ts). */
export interface AnalysisWorkerOptions {
  readonly module: URL;
  readonly mode: AnalysisWorkerMode;
}

/** A build's programs, read and named, before compiling: or the exit code of a usage error already reported. */
interface BuildPlan {
  readonly project: { readonly programs: readonly ProgramSources[] };
  readonly compiles: readonly { readonly program: ProgramSources; readonly options: PipelineOptions }[];
}

/**
 * Builds on this thread alone. The command line uses `runBuildConcurrently`,
 * which gives the same output; this synchronous form is for callers that
 * cannot wait, such as tests that run a build in-process.
 */
export function runBuild(paths: readonly string[], options: BuildOptions, io: CliIO): number {
  const plan = planBuild(paths, options, io);
  if (typeof plan === "number") return plan;
  return finishBuild(paths, options, io, plan, plan.compiles.map(({ program, options: compileOptions }) => ({ program, compilation: compile(program.files, compileOptions) })));
}

/**
 * Builds with each large program's analysis in a worker thread, beside its
 * optimization (docs/cli.md#the-analysis-runs-beside-the-build): the
 * printed diagnostics, the exit code and every written file are those of
 * `runBuild`.
 */
export async function runBuildConcurrently(paths: readonly string[], options: BuildOptions, io: CliIO, worker: AnalysisWorkerOptions): Promise<number> {
  const plan = planBuild(paths, options, io);
  if (typeof plan === "number") return plan;
  const built: Built[] = [];
  for (const { program, options: compileOptions } of plan.compiles) {
    if (!usesAnalysisWorker(worker.mode, sourceCharacters(program), availableParallelism())) {
      built.push({ program, compilation: compile(program.files, compileOptions) });
      continue;
    }
    // The day is fixed once, so that the worker's checker and this thread's agree on it.
    const pinned: PipelineOptions = { ...compileOptions, today: compileOptions.today ?? new Date().toISOString().slice(0, 10) };
    const analysis = startAnalysisWorker(worker.module, { sources: program.files, options: { today: pinned.today, ...(pinned.limits !== undefined ? { limits: pinned.limits } : {}) } });
    built.push({ program, compilation: await compileWithDetachedAnalysis(program.files, pinned, analysis) });
  }
  return finishBuild(paths, options, io, plan, built);
}

type Built = { readonly program: ProgramSources; readonly compilation: Compilation };

function planBuild(paths: readonly string[], options: BuildOptions, io: CliIO): BuildPlan | number {
  // The flag names files inside the output directory, so it is held to the
  // same rule as the config's `name` (`--name ../escaped` would escape -o).
  const nameProblem = options.name === undefined ? undefined : bundleNameProblem(options.name);
  if (nameProblem !== undefined) {
    io.stderr(`error: option '--name <name>': ${nameProblem}\n`);
    return EXIT_USAGE;
  }
  const project = loadPrograms(paths, io.cwd);
  if (!project.ok) {
    io.stderr(`error: ${project.message}\n`);
    return EXIT_USAGE;
  }
  if (options.name && project.programs.length > 1) {
    io.stderr(`error: --name names one bundle, but these paths hold ${project.programs.length} programs\n`);
    return EXIT_USAGE;
  }

  options.onSources?.(project.programs.reduce((sum, program) => sum + sourceCharacters(program), 0));
  const compiles = project.programs.map((program) => {
    const chosen = options.targets ?? program.config?.targets ?? DEFAULT_TARGETS;
    // Naming a dialect asks for SQL: `--dialect postgres` adds the sql target to the others.
    const targets = options.sql?.dialects !== undefined && !chosen.includes("sql") ? [...chosen, "sql" as const] : chosen;
    // A build has no use for the lowered rows once the decisions are optimized (see `keepLowering`).
    const compileOptions: PipelineOptions = {
      ...programOptions(program.config, options.today),
      targets,
      keepLowering: false,
      ...(options.sql !== undefined ? { sql: options.sql } : {}),
      ...(options.onStage !== undefined ? { onStage: options.onStage } : {}),
    };
    return { program, options: compileOptions };
  });
  return { project, compiles };
}

/** Reports the diagnostics and, when no program has errors, writes every program's files. */
function finishBuild(paths: readonly string[], options: BuildOptions, io: CliIO, plan: BuildPlan, built: readonly Built[]): number {
  const { project } = plan;
  // Every program was compiled before anything is written: if any has
  // errors, nothing at all is written.
  // Notes (info) are for `scn check`; a build shows only what needs attention.
  const diagnostics = built.flatMap((b) => b.compilation.diagnostics).filter((d) => d.severity !== "info");
  if (diagnostics.length > 0) {
    const texts = new Map(project.programs.flatMap((p) => p.files.map((f) => [f.path, f.text] as const)));
    // Written a megabyte at a time rather than rendered whole: the warnings of 10,000 scenarios are 19 MB (docs/cli.md#what-a-build-allocates).
    writePretty(diagnostics, (file) => texts.get(file), texts.size, { color: io.color }, io.stderr);
  }
  if (built.some((b) => b.compilation.compiled === null)) {
    io.stderr("error: the program has errors, so nothing was written\n");
    return EXIT_FAILURE;
  }

  const directories = new Map<string, { directory: string; bundles: BundleOutputs[] }>();
  const lines: string[] = [];
  for (const { program, compilation } of built) {
    const compiled = compilation.compiled!;
    const config = program.config;
    const outDir = options.outDir ? resolve(io.cwd, options.outDir) : config?.outDir ? resolve(config.root, config.outDir) : resolve(io.cwd, "dist");
    const name = bundleName(paths, io.cwd, options.name, program);
    const directory = directories.get(outDir) ?? { directory: outDir, bundles: [] };
    directories.set(outDir, directory);
    if (directory.bundles.some((b) => b.name === name)) {
      io.stderr(`error: two programs would both write \`${relative(io.cwd, resolve(outDir, name))}.*\`; give each a different \`name\` in its scn.config.json\n`);
      return EXIT_USAGE;
    }
    const files = compilation.artifacts.map((artifact) => ({ fileName: fileNameOf(name, artifact), content: artifact.text }));
    directory.bundles.push({ name, bundleHash: compiled.bundle.hash, files });
    if (project.programs.length > 1) lines.push(`${name}:`);
    for (const stats of compiled.stats) {
      lines.push(
        `${project.programs.length > 1 ? "  " : ""}${stats.decision}: rows ${stats.rowsBefore} → ${stats.rowsAfter}, ${stats.columns} column${stats.columns === 1 ? "" : "s"}, index depth ${stats.indexDepth}, ${stats.indexNodes} node${stats.indexNodes === 1 ? "" : "s"}`,
      );
    }
  }
  // Temporaries a killed `scn fmt` left beside the sources are never read as
  // sources; this only tidies them away.
  sweepStaleTemporaries(project.programs.flatMap((p) => p.files.map((f) => dirname(resolve(io.cwd, f.path)))));
  const published = publishOutputs([...directories.values()], (path) => relative(io.cwd, path) || ".");
  if (!published.ok) {
    io.stderr(`error: ${published.message}\n`);
    return EXIT_USAGE;
  }
  for (const output of published.written) lines.push(`wrote ${relative(io.cwd, output.path)} (${formatBytes(output.bytes)})`);
  io.stdout(lines.join("\n") + "\n");
  return EXIT_OK;
}
