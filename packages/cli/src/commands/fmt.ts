/**
 * `scn fmt [paths…]`: formats `.scn` files in place through prettier and the
 * scn plugin, honouring the user's prettier configuration (`.prettierrc`,
 * `.editorconfig`) for each file.
 *
 * Invariants:
 * - A file is written only when its formatted text differs, and atomically
 *   (temporary file + rename), so a reader never sees half a file, and a
 *   killed run leaves each file whole, old or new. The temporary never ends
 *   in `.scn`, and the next run removes one a killed run left.
 * - A file that does not parse, or is not valid UTF-8, is never written; its
 *   syntax errors (or SCN1008) are reported as `file:line:col: error CODE:
 *   message`.
 * - `--check` writes nothing: it lists the files that would change.
 *
 * Paths are files or directories (searched recursively for `.scn` files);
 * with none, the working directory. Each file is formatted on its own, so the
 * paths need not form one program.
 *
 * Exit codes: 0 when every file is (now) formatted; 1 when a file does not
 * parse or, under `--check`, would change; 2 when a path cannot be read, a
 * file cannot be written, or a prettier configuration is invalid.
 */
import { dirname, resolve } from "node:path";
import * as prettier from "prettier";
import { invalidUtf8Diagnostic } from "@scn/language";
import { plugin, ScnSyntaxError } from "@scn/prettier-plugin";
import { writeFileAtomic } from "../atomic-write.js";
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CliIO } from "../io.js";
import { readSources } from "../sources.js";
import { sweepStaleTemporaries } from "../temporaries.js";

export interface FmtOptions {
  /** Report files that would change instead of writing them. */
  readonly check: boolean;
}

type FormatOutcome =
  | { readonly kind: "formatted"; readonly text: string }
  | { readonly kind: "syntax-error"; readonly error: ScnSyntaxError }
  | { readonly kind: "config-error"; readonly message: string };

/**
 * The user's prettier options for `file`. Plugins named in the user's
 * configuration are left out: `.scn` files are printed by this plugin alone,
 * and a plugin name that resolves relative to the user's project must not
 * make `scn fmt` fail where prettier itself would not be asked to load it.
 */
async function userOptions(file: string): Promise<prettier.Options> {
  const config = await prettier.resolveConfig(file, { editorconfig: true });
  if (!config) return {};
  const { plugins: _plugins, parser: _parser, ...rest } = config;
  return rest;
}

async function formatSource(text: string, file: string): Promise<FormatOutcome> {
  let options: prettier.Options;
  try {
    options = await userOptions(file);
  } catch (error) {
    return { kind: "config-error", message: error instanceof Error ? error.message : String(error) };
  }
  try {
    const formatted = await prettier.format(text, { ...options, filepath: file, parser: "scn", plugins: [plugin] });
    return { kind: "formatted", text: formatted };
  } catch (error) {
    if (error instanceof ScnSyntaxError) return { kind: "syntax-error", error };
    throw error;
  }
}

function reportSyntaxErrors(path: string, error: ScnSyntaxError, io: CliIO): void {
  for (const diagnostic of error.diagnostics) {
    const { line, column } = diagnostic.span.start;
    io.stderr(`${path}:${line}:${column}: error ${diagnostic.code}: ${diagnostic.message}\n`);
  }
}

export async function runFmt(paths: string[], options: FmtOptions, io: CliIO): Promise<number> {
  // No scn.config.json is consulted: formatting needs only prettier's
  // configuration, per file.
  const project = readSources(paths, io.cwd);
  if (!project.ok) {
    io.stderr(`error: ${project.message}\n`);
    return EXIT_USAGE;
  }
  // A killed `scn fmt` leaves its temporary beside the source it was
  // replacing; the next run removes it once its process is gone.
  if (!options.check) sweepStaleTemporaries(project.files.map((f) => dirname(resolve(io.cwd, f.path))));
  let exit = EXIT_OK;
  let changed = 0;
  for (const file of project.files) {
    const absolute = resolve(io.cwd, file.path);
    // A file that is not UTF-8 is never formatted: writing its decoded text
    // back would replace the bad bytes with U+FFFD for good.
    if (file.invalidByte) {
      const diagnostic = invalidUtf8Diagnostic(file.text, file.path, file.invalidByte);
      io.stderr(`${file.path}:${diagnostic.span.start.line}:${diagnostic.span.start.column}: error ${diagnostic.code}: ${diagnostic.message}\n`);
      if (exit === EXIT_OK) exit = EXIT_FAILURE;
      continue;
    }
    const outcome = await formatSource(file.text, absolute);
    if (outcome.kind === "config-error") {
      io.stderr(`error: cannot read the prettier configuration for \`${file.path}\`: ${outcome.message}\n`);
      exit = EXIT_USAGE;
      continue;
    }
    if (outcome.kind === "syntax-error") {
      reportSyntaxErrors(file.path, outcome.error, io);
      if (exit === EXIT_OK) exit = EXIT_FAILURE;
      continue;
    }
    if (outcome.text === file.text) continue;
    changed += 1;
    if (options.check) {
      io.stdout(`would reformat ${file.path}\n`);
      if (exit === EXIT_OK) exit = EXIT_FAILURE;
    } else {
      try {
        writeFileAtomic(absolute, outcome.text);
      } catch (error) {
        io.stderr(`error: cannot write \`${file.path}\`: ${(error as NodeJS.ErrnoException).code ?? "unwritable"}\n`);
        exit = EXIT_USAGE;
        continue;
      }
      io.stdout(`formatted ${file.path}\n`);
    }
  }
  const total = project.files.length;
  const summary = options.check
    ? `${changed} of ${total} file${total === 1 ? "" : "s"} would be reformatted\n`
    : `${changed} of ${total} file${total === 1 ? "" : "s"} reformatted\n`;
  io.stderr(summary);
  return exit;
}
