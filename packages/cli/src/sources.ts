/**
 * Finds and reads the `.scn` files a command was given: files as they are,
 * directories recursively. Paths are reported relative to the working
 * directory with forward slashes, so diagnostics and bundles never contain
 * absolute or machine-specific paths.
 *
 * Invariant: the result is sorted by path and has no duplicates, whatever
 * order the paths were given in.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { decodeSource, type InvalidByte } from "@scn/language";
import { isScnWorkFile } from "./temporaries.js";

export interface SourceText {
  /** Relative to the working directory, `/`-separated. */
  readonly path: string;
  readonly text: string;
  /** The first byte that is not UTF-8: the commands report it (SCN1008) and `fmt` leaves the file alone. */
  readonly invalidByte?: InvalidByte | undefined;
}

export type SourcesResult =
  | { readonly ok: true; readonly files: readonly SourceText[] }
  | { readonly ok: false; readonly message: string };

/** Directories never worth descending into. */
const SKIPPED_DIRECTORIES = new Set(["node_modules", ".git", "dist"]);

function displayPath(cwd: string, absolute: string): string {
  const rel = relative(cwd, absolute);
  const shown = rel === "" ? "." : rel.startsWith("..") || isAbsolute(rel) ? absolute : rel;
  return shown.split(sep).join("/");
}

function walk(directory: string, found: Set<string>): void {
  const entries = readdirSync(directory, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = join(directory, entry.name);
    // scn's own temporary files and staging directories are never sources,
    // whatever their names end with (docs/cli.md, "Temporary files and locks").
    if (isScnWorkFile(entry.name)) continue;
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) walk(full, found);
    } else if (entry.isFile() && entry.name.endsWith(".scn")) {
      found.add(full);
    }
  }
}

/** Collects `.scn` files under `paths` (default: the working directory). */
export function findSourceFiles(paths: readonly string[], cwd: string): { ok: true; files: string[] } | { ok: false; message: string } {
  const found = new Set<string>();
  for (const given of paths.length > 0 ? paths : ["."]) {
    const absolute = resolve(cwd, given);
    let stats;
    try {
      stats = statSync(absolute);
    } catch {
      return { ok: false, message: `cannot read \`${given}\`: no such file or directory` };
    }
    try {
      if (stats.isDirectory()) walk(absolute, found);
      else found.add(absolute);
    } catch (error) {
      return { ok: false, message: `cannot read \`${given}\`: ${(error as NodeJS.ErrnoException).code ?? "unreadable"}` };
    }
  }
  const files = [...found].sort((a, b) => {
    const da = displayPath(cwd, a);
    const db = displayPath(cwd, b);
    return da < db ? -1 : da > db ? 1 : 0;
  });
  return { ok: true, files };
}

/** Finds and reads the sources; an unreadable file or a path with no `.scn` file is a usage error. */
export function readSources(paths: readonly string[], cwd: string): SourcesResult {
  const found = findSourceFiles(paths, cwd);
  if (!found.ok) return found;
  if (found.files.length === 0) {
    const where = paths.length > 0 ? paths.map((p) => `\`${p}\``).join(", ") : "the current directory";
    return { ok: false, message: `no .scn files found in ${where}` };
  }
  return readSourceFiles(found.files, cwd);
}

/** Reads files given by absolute path; the result is sorted by displayed path. */
export function readSourceFiles(absolutePaths: readonly string[], cwd: string): SourcesResult {
  const files: SourceText[] = [];
  for (const absolute of absolutePaths) {
    const path = displayPath(cwd, absolute);
    try {
      // Decoded strictly: a byte that is not UTF-8 is reported, never silently replaced.
      files.push({ path, ...decodeSource(readFileSync(absolute)) });
    } catch (error) {
      return { ok: false, message: `cannot read \`${path}\`: ${(error as NodeJS.ErrnoException).code ?? "unreadable"}` };
    }
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { ok: true, files };
}
