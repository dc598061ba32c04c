/**
 * `scn check [paths…]`: parse, type-check and analyze, then report in the
 * chosen format. Exit 0 when clean, 1 on errors (or warnings past
 * `--max-warnings`, or any warning under `--deny warnings`), 2 on a usage
 * error, a bad config or an unreadable path.
 */
import { renderGithub, renderJson, renderSarif, summarize, withRelevantWitness, writePretty } from "@scn/language";
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CliIO } from "../io.js";
import { loadPrograms, programOptions, sourceCharacters } from "../project.js";
import type { Diagnostic } from "@scn/language";
import { compile } from "@scn/compiler";
import { COMPILER_VERSION } from "../version.js";

export type CheckFormat = "pretty" | "json" | "sarif" | "github";

export interface CheckOptions {
  readonly format: CheckFormat;
  /** Fail when there are more warnings than this. */
  readonly maxWarnings?: number;
  /** Treat warnings as errors. */
  readonly denyWarnings: boolean;
  readonly today?: string;
  /**
   * `relevant` (the default): each witness shows only the fields its finding
   * depends on; `full`: the whole valid context, those fields first.
   */
  readonly witness?: "relevant" | "full";
  /** Told the size of the sources (in characters, all programs together) once they are read, before compiling; the command line tunes V8's tiering by it (jit-budget.ts). */
  readonly onSources?: (characters: number) => void;
  /** Told each stage's end, for a program of the given number of source characters (the command line collects garbage there; see heap-growth.ts). */
  readonly onStage?: (stage: string, sourceCharacters: number) => void;
}

export function runCheck(paths: readonly string[], options: CheckOptions, io: CliIO): number {
  const project = loadPrograms(paths, io.cwd);
  if (!project.ok) {
    io.stderr(`error: ${project.message}\n`);
    return EXIT_USAGE;
  }
  const sizes = project.programs.map(sourceCharacters);
  options.onSources?.(sizes.reduce((sum, size) => sum + size, 0));
  // Each program is checked on its own; the report covers all of them, in
  // path order.
  const diagnostics: Diagnostic[] = [];
  const texts = new Map<string, string>();
  const filePaths: string[] = [];
  for (const [p, program] of project.programs.entries()) {
    const characters = sizes[p] as number;
    const onStage = options.onStage;
    const checked = compile(program.files, {
      ...programOptions(program.config, options.today),
      stopAfter: "analyze",
      ...(onStage !== undefined ? { onStage: (stage: string) => onStage(stage, characters) } : {}),
    });
    diagnostics.push(...(options.witness === "full" ? checked.diagnostics : checked.diagnostics.map(withRelevantWitness)));
    for (const file of program.files) {
      texts.set(file.path, file.text);
      filePaths.push(file.path);
    }
  }
  switch (options.format) {
    case "json":
      io.stdout(renderJson(diagnostics, filePaths));
      break;
    case "sarif":
      io.stdout(renderSarif(diagnostics, { toolVersion: COMPILER_VERSION }));
      break;
    case "github":
      io.stdout(renderGithub(diagnostics));
      break;
    case "pretty":
      // Written a megabyte at a time, as `scn build` writes its warnings (docs/cli.md#what-a-build-allocates).
      writePretty(diagnostics, (file) => texts.get(file), filePaths.length, { color: io.color }, io.stdout);
      break;
  }

  const summary = summarize(diagnostics);
  if (summary.errors > 0) return EXIT_FAILURE;
  if (options.denyWarnings && summary.warnings > 0) return EXIT_FAILURE;
  if (options.maxWarnings !== undefined && summary.warnings > options.maxWarnings) {
    io.stderr(`error: ${summary.warnings} warnings exceed --max-warnings ${options.maxWarnings}\n`);
    return EXIT_FAILURE;
  }
  return EXIT_OK;
}
