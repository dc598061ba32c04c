/**
 * Replaces one file so that a reader, or a process killed at any moment,
 * sees either the whole old file or the whole new one: the text goes to a
 * temporary file beside the target (same file system, so the rename is
 * atomic), is flushed to disk, keeps the old file's permissions, and is
 * renamed over the target. Used for single files (`scn fmt`, `scn init`);
 * a build's set of files goes through outputs/publish.ts instead.
 *
 * The temporary's name never looks like a source (temporaries.ts), and a
 * killed run's leftovers are swept by the next `scn fmt` or `scn build`.
 */
import { chmodSync, closeSync, fsyncSync, mkdirSync, openSync, realpathSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { crashPoint } from "./crash-point.js";
import { fsyncDirectory, temporaryName } from "./temporaries.js";

/** Writes all of `content` to a new file and flushes it; the file must not exist. */
export function writeNewFileDurably(path: string, content: string | Uint8Array, mode = 0o666): void {
  const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : content;
  const descriptor = openSync(path, "wx", mode);
  try {
    let written = 0;
    while (written < bytes.length) written += writeSync(descriptor, bytes, written, bytes.length - written);
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
}

function existingMode(path: string): number | undefined {
  try {
    return statSync(path).mode & 0o7777;
  } catch {
    return undefined;
  }
}

/** Where the bytes of `path` live: a symlinked source is replaced at its target, so the link stays a link. */
function realTarget(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

export function writeFileAtomic(given: string, content: string): void {
  const path = realTarget(given);
  const directory = dirname(path);
  mkdirSync(directory, { recursive: true });
  const temporary = join(directory, temporaryName(basename(path)));
  const mode = existingMode(path);
  try {
    writeNewFileDurably(temporary, content);
    // openSync's mode is masked by the umask; the old file's bits are restored exactly.
    if (mode !== undefined) chmodSync(temporary, mode);
    crashPoint(`write:staged:${basename(path)}`);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  fsyncDirectory(directory);
  crashPoint(`write:renamed:${basename(path)}`);
}
