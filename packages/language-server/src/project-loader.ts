/**
 * Where a file's program comes from. A program is the set of `.scn` files
 * under the nearest `scn.config.json` (or, without one, under the workspace
 * folder holding the file), the same rule `scn check` follows (docs/cli.md).
 *
 * The loader is injectable: `scn lsp` passes one that reads the config the
 * way the CLI does (its `sources` globs and `severity` settings), while this
 * default one, used when the server runs on its own, lists every `.scn` file
 * under the root and reads `severity` and `today` from the config.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { catalogEntry, type Severity } from "@scn/language";

export const CONFIG_FILE = "scn.config.json";

export type SeveritySetting = Severity | "off";

/** One program: its root directory, its files, and the settings its config gives. */
export interface ProjectDescription {
  readonly root: string;
  /** Absolute path of the config, or null when the program has none. */
  readonly configFile: string | null;
  /** Absolute paths of the program's `.scn` files. */
  readonly files: readonly string[];
  /** By catalog code. */
  readonly severity: ReadonlyMap<string, SeveritySetting>;
  readonly today?: string;
  /** A problem with the config, shown on the config file's program (the program is still checked). */
  readonly problem?: string;
}

export interface ProjectLoader {
  /** The root of the program holding `file`, given the workspace folders (absolute paths). */
  rootFor(file: string, workspaceFolders: readonly string[]): string;
  /** The program rooted at `root` (a directory returned by `rootFor`). */
  load(root: string, configFileOverride?: string): ProjectDescription;
}

/** Directories never searched: dependencies, version control, build output. */
const SKIPPED_DIRECTORIES = new Set(["node_modules", ".git", "dist"]);

function isUnder(directory: string, file: string): boolean {
  const rel = relative(directory, file);
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel);
}

export function nearestConfigDirectory(file: string): string | null {
  let directory = dirname(resolve(file));
  for (;;) {
    if (existsSync(join(directory, CONFIG_FILE))) return directory;
    const parent = dirname(directory);
    if (parent === directory) return null;
    directory = parent;
  }
}

/** The root rule shared by every loader: nearest config, else the deepest workspace folder, else the file's directory. */
export function programRoot(file: string, workspaceFolders: readonly string[]): string {
  const configured = nearestConfigDirectory(file);
  if (configured !== null) return configured;
  const folders = workspaceFolders.filter((folder) => isUnder(folder, file)).sort((a, b) => b.length - a.length);
  return folders[0] ?? dirname(resolve(file));
}

/**
 * Every `.scn` file under `root`, sorted, skipping directories that hold a
 * config of their own (they are programs of their own).
 */
export function listSourceFiles(root: string): string[] {
  const found: string[] = [];
  const walk = (directory: string, isRoot: boolean): void => {
    if (!isRoot && existsSync(join(directory, CONFIG_FILE))) return;
    let entries;
    try {
      entries = readdirSync(directory, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = join(directory, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name)) walk(full, false);
      } else if (entry.isFile() && entry.name.endsWith(".scn")) found.push(full);
    }
  };
  walk(root, true);
  return found.sort();
}

function readSettings(configFile: string): { severity: Map<string, SeveritySetting>; today?: string; problem?: string } {
  const severity = new Map<string, SeveritySetting>();
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(configFile, "utf8"));
  } catch (error) {
    return { severity, problem: `cannot read ${CONFIG_FILE}: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (raw === null || typeof raw !== "object") return { severity, problem: `${CONFIG_FILE} must hold a JSON object` };
  const record = raw as Record<string, unknown>;
  const settings = record["severity"];
  if (settings !== null && typeof settings === "object") {
    for (const [key, value] of Object.entries(settings)) {
      const entry = catalogEntry(key);
      if (entry && (value === "error" || value === "warning" || value === "info" || value === "off")) severity.set(entry.code, value);
    }
  }
  const today = typeof record["today"] === "string" ? record["today"] : undefined;
  return today === undefined ? { severity } : { severity, today };
}

export const defaultProjectLoader: ProjectLoader = {
  rootFor: programRoot,
  load(root: string, configFileOverride?: string): ProjectDescription {
    const configFile = configFileOverride ?? (existsSync(join(root, CONFIG_FILE)) ? join(root, CONFIG_FILE) : null);
    const settings = configFile === null ? { severity: new Map<string, SeveritySetting>() } : readSettings(configFile);
    return { root, configFile, files: listSourceFiles(root), ...settings };
  },
};
