/**
 * Resolves what a command works on. A *program* is a set of `.scn` files
 * compiled together; a directory with a `scn.config.json` is the root of its
 * own program. So `scn check examples/` checks each example project as its
 * own program, the way a monorepo tool treats each package.
 *
 * - With paths: every `.scn` file found is grouped by the nearest
 *   `scn.config.json` above it (files with none form one program together).
 * - Without paths: the config found by walking up from the working directory
 *   gives the sources (its `sources` globs, or its directory); with no config,
 *   the working directory is searched.
 *
 * Settings come from the flag, else the program's config, else the default.
 */
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { PipelineOptions } from "@scn/compiler";
import { CONFIG_FILE, loadConfig, loadConfigFile, type ProjectConfig } from "./config.js";
import { findSourceFiles, readSourceFiles, type SourceText } from "./sources.js";
import { expandGlobs } from "./glob.js";

export interface ProgramSources {
  /** The program's config, or null for files under no config. */
  readonly config: ProjectConfig | null;
  /** The program's root: the config's directory, or the working directory. */
  readonly root: string;
  readonly files: readonly SourceText[];
}

/** The characters of a program's sources: what sizes V8's heap growth and tiering budget and decides on the analysis worker. */
export function sourceCharacters(program: ProgramSources): number {
  return program.files.reduce((size, file) => size + file.text.length, 0);
}

export type ProjectResult =
  | { readonly ok: true; readonly programs: readonly ProgramSources[] }
  | { readonly ok: false; readonly message: string };

/** The nearest scn.config.json at or above `directory`, memoized per directory. */
function nearestConfig(directory: string, memo: Map<string, string | null>): string | null {
  const cached = memo.get(directory);
  if (cached !== undefined) return cached;
  const candidate = join(directory, CONFIG_FILE);
  const parent = dirname(directory);
  const found = existsSync(candidate) ? candidate : parent === directory ? null : nearestConfig(parent, memo);
  memo.set(directory, found);
  return found;
}

function programFromConfig(config: ProjectConfig, cwd: string): ProjectResult {
  const absolute = config.sources
    ? expandGlobs(config.root, config.sources).map((relative) => join(config.root, relative))
    : (() => {
        const found = findSourceFiles([config.root], cwd);
        return found.ok ? found.files : [];
      })();
  if (absolute.length === 0) return { ok: false, message: `no .scn files match the \`sources\` of ${config.file}` };
  const read = readSourceFiles(absolute, cwd);
  return read.ok ? { ok: true, programs: [{ config, root: config.root, files: read.files }] } : read;
}

export function loadPrograms(paths: readonly string[], cwd: string): ProjectResult {
  if (paths.length === 0) {
    const loaded = loadConfig(cwd);
    if (!loaded.ok) return loaded;
    if (loaded.config) return programFromConfig(loaded.config, cwd);
  }
  const found = findSourceFiles(paths, cwd);
  if (!found.ok) return found;
  if (found.files.length === 0) {
    const where = paths.length > 0 ? paths.map((p) => `\`${p}\``).join(", ") : "the current directory";
    return { ok: false, message: `no .scn files found in ${where}` };
  }
  const memo = new Map<string, string | null>();
  const groups = new Map<string, string[]>();
  for (const file of found.files) {
    const key = nearestConfig(dirname(file), memo) ?? "";
    groups.set(key, [...(groups.get(key) ?? []), file]);
  }
  const programs: ProgramSources[] = [];
  for (const [configFile, files] of [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    let config: ProjectConfig | null = null;
    if (configFile !== "") {
      const loaded = loadConfigFile(configFile);
      if (!loaded.ok) return loaded;
      config = loaded.config;
    }
    const read = readSourceFiles(files, cwd);
    if (!read.ok) return read;
    programs.push({ config, root: config?.root ?? resolve(cwd), files: read.files });
  }
  return { ok: true, programs };
}

/**
 * The driver's options for one program: the date from the flag, else from
 * the program's config; the config's severity settings.
 */
export function programOptions(config: ProjectConfig | null, today: string | undefined): PipelineOptions {
  const date = today ?? config?.today;
  return { ...(date !== undefined ? { today: date } : {}), ...(config ? { severity: config.severity } : {}) };
}

export type SingleProjectResult =
  | { readonly ok: true; readonly config: ProjectConfig | null; readonly files: readonly SourceText[] }
  | { readonly ok: false; readonly message: string };

/** Like loadPrograms, for commands that work on exactly one program (e.g. `diff`). */
export function loadProject(paths: readonly string[], cwd: string): SingleProjectResult {
  const loaded = loadPrograms(paths, cwd);
  if (!loaded.ok) return loaded;
  const [only, ...rest] = loaded.programs;
  if (!only) return { ok: false, message: "no .scn files found" };
  if (rest.length > 0) {
    const roots = loaded.programs.map((p) => p.config?.file ?? "(no config)").join(", ");
    return { ok: false, message: `these paths hold ${loaded.programs.length} separate programs (${roots}); give the files of one program` };
  }
  return { ok: true, config: only.config, files: only.files };
}
