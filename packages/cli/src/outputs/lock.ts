/**
 * The build lock of an output directory: `<dir>/.scn-build.lock`, holding
 * `{ pid, host, started }` of the build that writes there. Two builds into
 * one directory would otherwise interleave their files, so the second one
 * stops with a message naming the first (docs/cli.md, "Temporary files and
 * locks").
 *
 * The lock appears with its content in one step: the content is written to
 * a temporary file that is then hard-linked to the lock name, and link(2)
 * fails when the name exists. A lock whose process is gone (same host, pid
 * not running) is stale: it is renamed aside, checked to be the same lock,
 * and removed, so two builds breaking one stale lock cannot both win.
 */
import { linkSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { crashPoint } from "../crash-point.js";
import { processIsAlive, temporaryName } from "../temporaries.js";

export const LOCK_FILE = ".scn-build.lock";

interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly started: string;
}

export type LockResult =
  | { readonly ok: true; readonly release: () => void }
  | { readonly ok: false; readonly message: string };

function readOwner(path: string): LockOwner | "missing" | "unreadable" {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ENOENT" ? "missing" : "unreadable";
  }
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    if (typeof value.pid === "number" && typeof value.host === "string" && typeof value.started === "string") {
      return { pid: value.pid, host: value.host, started: value.started };
    }
  } catch {
    // Not ours, or damaged by hand: reported below as held by an unknown process.
  }
  return "unreadable";
}

function isStale(owner: LockOwner): boolean {
  return owner.host === hostname() && !processIsAlive(owner.pid);
}

/** Creates `lock` from `candidate` atomically; false when the lock exists. */
function linkLock(candidate: string, lock: string, content: string): boolean {
  try {
    linkSync(candidate, lock);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return false;
    // Some file systems have no hard links; exclusive creation is the next best
    // (a reader may then briefly see an empty lock, which counts as held).
    if (code === "EPERM" || code === "ENOTSUP" || code === "ENOSYS" || code === "EOPNOTSUPP") {
      try {
        writeFileSync(lock, content, { flag: "wx" });
        return true;
      } catch (inner) {
        if ((inner as NodeJS.ErrnoException).code === "EEXIST") return false;
        throw inner;
      }
    }
    throw error;
  }
}

/**
 * Takes the lock of `directory` (which must exist); `shown` is how messages
 * name the directory. Never waits: a live holder is reported.
 */
export function acquireOutputLock(directory: string, shown: string): LockResult {
  const lock = join(directory, LOCK_FILE);
  const owner: LockOwner = { pid: process.pid, host: hostname(), started: new Date().toISOString() };
  const content = JSON.stringify(owner) + "\n";
  const candidate = join(directory, temporaryName("lock"));
  try {
    writeFileSync(candidate, content, { flag: "wx" });
  } catch (error) {
    return { ok: false, message: `cannot write in \`${shown}\`: ${(error as NodeJS.ErrnoException).code ?? "unwritable"}; nothing was written` };
  }
  try {
    // A few rounds: each one either takes the lock, reports a live holder, or
    // removes one stale lock.
    for (let round = 0; round < 5; round += 1) {
      if (linkLock(candidate, lock, content)) {
        crashPoint("publish:locked");
        return { ok: true, release: () => releaseLock(lock, content) };
      }
      const holder = readOwner(lock);
      if (holder === "missing") continue;
      if (holder === "unreadable") {
        return { ok: false, message: `\`${shown}\` is locked by \`${LOCK_FILE}\`, which does not say which process holds it; if no scn build is running, remove it and build again` };
      }
      if (!isStale(holder)) {
        const where = holder.host === owner.host ? `pid ${holder.pid}` : `pid ${holder.pid} on host ${holder.host}`;
        return {
          ok: false,
          message: `another scn build (${where}, started ${holder.started}) is writing into \`${shown}\`, so nothing was written; wait for it to finish, or remove \`${shown}/${LOCK_FILE}\` if that process no longer runs`,
        };
      }
      const aside = join(directory, temporaryName("stale-lock"));
      try {
        renameSync(lock, aside);
      } catch {
        continue;
      }
      const moved = readOwner(aside);
      if (typeof moved === "object" && moved.pid === holder.pid && moved.started === holder.started) {
        rmSync(aside, { force: true });
        continue;
      }
      // Another build broke the stale lock and took a fresh one between our
      // read and our rename: give it back and let the user retry.
      try {
        linkSync(aside, lock);
      } catch {
        // A third build took the name meanwhile; it holds the lock now.
      }
      rmSync(aside, { force: true });
      return { ok: false, message: `another scn build took the lock of \`${shown}\` at the same moment, so nothing was written; build again` };
    }
    return { ok: false, message: `cannot take the lock of \`${shown}\` (\`${LOCK_FILE}\` keeps changing hands), so nothing was written; build again` };
  } catch (error) {
    return { ok: false, message: `cannot lock \`${shown}\`: ${(error as NodeJS.ErrnoException).code ?? "unwritable"}; nothing was written` };
  } finally {
    rmSync(candidate, { force: true });
  }
}

/** Removes the lock if it is still ours (a user may have removed it by hand). */
function releaseLock(lock: string, content: string): void {
  try {
    if (readFileSync(lock, "utf8") === content) rmSync(lock, { force: true });
  } catch {
    // Already gone.
  }
}
