/**
 * The names of scn's temporary files, and the sweep that removes the ones a
 * killed process left behind (docs/cli.md, "Temporary files and locks").
 *
 * A temporary file is `.scn-tmp-<pid>-<random>-<hint>.tmp`: it ends in
 * `.tmp`, never `.scn`, so no source glob matches it, and source discovery
 * skips the `.scn-tmp-<pid>-` prefix anyway (which also covers the
 * `.scn-tmp-<pid>-<file>.scn` names older versions used). The pid says whose
 * it is: a sweep removes a temporary only when that process is gone.
 */
import { randomBytes } from "node:crypto";
import { closeSync, fsyncSync, openSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { COMMIT_DIRECTORY } from "./outputs/layout.js";

const TEMPORARY = /^\.scn-tmp-(\d+)-/;

/** A fresh temporary file name for this process; `hint` says what it will become. */
export function temporaryName(hint: string): string {
  // Bounded so that the name stays under the 255-byte limit whatever the hint.
  const shortHint = hint.replace(/[^A-Za-z0-9._-]/g, "_").slice(0, 80);
  return `.scn-tmp-${process.pid}-${randomBytes(4).toString("hex")}-${shortHint}.tmp`;
}

/** The pid in one of our temporary names, or undefined for any other name. */
export function temporaryOwner(name: string): number | undefined {
  const match = TEMPORARY.exec(name);
  return match ? Number(match[1]) : undefined;
}

/**
 * Whether a directory entry is scn's own work in progress: a temporary file
 * or staging directory, or a committed set waiting to be switched in
 * (outputs/layout.ts). Such entries are never sources.
 */
export function isScnWorkFile(name: string): boolean {
  return TEMPORARY.test(name) || name === COMMIT_DIRECTORY;
}

/** Whether a process with this pid exists on this machine (it may belong to another user). */
export function processIsAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Removes our temporary files in `directories` whose process is gone; not
 * recursive, since a temporary always sits beside the file it replaces.
 * Returns the paths removed. A directory that cannot be read is skipped: the
 * sweep is housekeeping and must never fail a command.
 */
export function sweepStaleTemporaries(directories: Iterable<string>): string[] {
  const removed: string[] = [];
  for (const directory of new Set(directories)) {
    let entries;
    try {
      entries = readdirSync(directory, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const owner = temporaryOwner(entry.name);
      if (owner === undefined || !entry.isFile() || processIsAlive(owner)) continue;
      const path = join(directory, entry.name);
      try {
        rmSync(path, { force: true });
        removed.push(path);
      } catch {
        // Left for a later sweep; it is never read as a source either way.
      }
    }
  }
  return removed;
}

/**
 * Flushes a directory's entries (new names, renames) to disk, so that a
 * rename survives a power loss and not only a killed process. Some systems
 * cannot open a directory for this; durability is then the system's own.
 */
export function fsyncDirectory(directory: string): void {
  let descriptor: number | undefined;
  try {
    descriptor = openSync(directory, "r");
    fsyncSync(descriptor);
  } catch {
    // Not supported here (e.g. on Windows); the rename is still atomic.
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
}
