/**
 * The `.scn` files the grammar tests read: the syntax-test cases beside this
 * module and every `.scn` file under examples/ (whoever wrote it).
 *
 * Invariant: lists are sorted and complete (directories are walked
 * recursively, nothing is skipped), so a new file is tested as soon as it
 * exists, in a stable order.
 */
import { existsSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const CASES_DIR = fileURLToPath(new URL("./cases/", import.meta.url));
export const EXAMPLES_DIR = join(REPO_ROOT, "examples");

/** Absolute paths of the `.scn` files under `dir`, sorted; none if `dir` does not exist. */
export function scnFilesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const found: string[] = [];
  const walk = (current: string): void => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && entry.name.endsWith(".scn")) found.push(path);
    }
  };
  walk(dir);
  return found.sort();
}

/** A path relative to the repository root, for test names and messages. */
export function repoRelative(path: string): string {
  return relative(REPO_ROOT, path);
}
