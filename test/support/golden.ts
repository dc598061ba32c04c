/**
 * The one golden-file mechanism of the repository. Every test that compares
 * output with a committed file goes through `expectGolden`, so every golden
 * behaves the same way:
 *
 * - By default the committed file is the answer, compared byte for byte. A
 *   missing golden is a failure, never silently written: a test that writes
 *   its own expectation cannot fail.
 * - With `UPDATE_GOLDENS=1` in the environment, the test writes what it
 *   produced instead (creating folders as needed) and passes; the change is
 *   then reviewed as a diff before it is committed.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";

/** True when goldens are being regenerated rather than checked. */
export const UPDATE_GOLDENS = process.env["UPDATE_GOLDENS"] === "1";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** The path as a reader finds it: relative to the repository root. */
export function repositoryPath(path: string): string {
  return relative(ROOT, path);
}

/** The command that regenerates the goldens of one test file. */
export function updateCommand(testFile: string): string {
  return `UPDATE_GOLDENS=1 npx vitest run ${testFile}`;
}

function readIfPresent(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/** Writes through a temporary file and a rename, so a golden is never half written. */
function writeAtomically(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}

export interface GoldenOptions {
  /** The test file that owns the golden, for the regenerate command in failure messages. */
  readonly testFile: string;
  /** Said first when the golden differs, e.g. which kind of change is expected to move it. */
  readonly hint?: string;
}

/**
 * Compares `actual` with the golden file at `path` (or rewrites the golden
 * under `UPDATE_GOLDENS=1`).
 */
export function expectGolden(path: string, actual: string, options: GoldenOptions): void {
  if (UPDATE_GOLDENS) {
    if (readIfPresent(path) !== actual) writeAtomically(path, actual);
    return;
  }
  const shown = repositoryPath(path);
  const expected = readIfPresent(path);
  const regenerate = `run \`${updateCommand(options.testFile)}\` and review the diff before committing it`;
  if (expected === undefined) {
    expect.fail(`the golden ${shown} does not exist; to create it, ${regenerate}`);
  }
  const why = options.hint ? `${options.hint}; ` : "";
  expect(actual, `${shown} differs from what the test produced; ${why}if the change is intended, ${regenerate}`).toBe(expected);
}
