/**
 * `--watch` for `scn check`, `scn test` and `scn build` (docs/cli.md, "Watch
 * mode"): run the command, then run it again whenever a `.scn` file or a
 * `scn.config.json` under the watched paths changes. Changes that arrive
 * close together (an editor saving several files, a `git checkout`) are
 * gathered into one run by waiting until the files have been quiet for a
 * short while. On a terminal the screen is cleared before each run, so what
 * is shown is always the latest result; in a log, runs are separated by a
 * header line. A run that finds errors, including syntax errors, is just a
 * result: the watch goes on until it is interrupted (Ctrl-C) or its signal
 * is aborted.
 */
import { watch, existsSync, statSync, type FSWatcher } from "node:fs";
import { dirname, relative, resolve, sep } from "node:path";
import type { CliIO } from "./io.js";
import { loadConfig, CONFIG_FILE } from "./config.js";

export interface WatchOptions {
  /** How long the files must be quiet before a run starts, in milliseconds. */
  readonly debounceMs?: number;
  /** Stops the watch; the loop then resolves to the last run's exit code. */
  readonly signal?: AbortSignal;
}

/** The default quiet period: long enough to gather one save of many files, short enough to feel immediate. */
export const DEFAULT_DEBOUNCE_MS = 150;

/** Clears the screen and the scrollback, then moves the cursor home. */
const CLEAR_SCREEN = "\u001b[2J\u001b[3J\u001b[H";

/** Directories whose contents are never sources: outputs and dependencies. */
const IGNORED = /(^|[\\/])(node_modules|\.git|dist)([\\/]|$)/;

/** Whether a changed path (relative to a watched directory) can change a command's result. */
export function isWatchedFile(path: string): boolean {
  if (IGNORED.test(path)) return false;
  const name = path.split(/[\\/]/).pop() ?? "";
  return name.endsWith(".scn") || name === CONFIG_FILE;
}

/**
 * What to watch for a command's paths: each directory given (recursively),
 * the directory of each file given (filtered to that file), or, with no
 * paths, the project's root (the nearest config's directory, else the
 * working directory).
 */
export function watchTargets(paths: readonly string[], cwd: string): { directory: string; only?: string }[] {
  if (paths.length === 0) {
    const loaded = loadConfig(cwd);
    return [{ directory: loaded.ok && loaded.config ? loaded.config.root : resolve(cwd) }];
  }
  return paths.map((path) => {
    const absolute = resolve(cwd, path);
    if (existsSync(absolute) && statSync(absolute).isFile()) return { directory: dirname(absolute), only: absolute };
    return { directory: absolute };
  });
}

/**
 * Runs `command`, then again after each batch of changes, until the signal
 * aborts. Resolves to the exit code of the last run.
 */
export async function watchLoop(
  name: string,
  paths: readonly string[],
  command: () => number | Promise<number>,
  io: CliIO,
  options: WatchOptions = {},
): Promise<number> {
  const debounceMs = options.debounceMs ?? DEFAULT_DEBOUNCE_MS;
  const targets = watchTargets(paths, io.cwd);
  let last = 0;

  const runOnce = async (changed: readonly string[]): Promise<void> => {
    if (io.tty) io.stdout(CLEAR_SCREEN);
    if (changed.length > 0) {
      const shown = changed.slice(0, 3).map((p) => relative(io.cwd, p) || p);
      const more = changed.length > 3 ? ` and ${changed.length - 3} more` : "";
      io.stdout(`\n[watch] ${shown.join(", ")}${more} changed; running scn ${name} again\n\n`);
    }
    try {
      last = await command();
    } catch (error) {
      // A bug in scn must not end the watch either: report it like the CLI
      // does and keep watching, so the next edit gets a fresh run.
      io.stderr(`internal error: ${error instanceof Error ? error.message : String(error)}\nThis is a bug in scn, not in your input. Please report it with the command you ran and the .scn files involved.\n`);
      last = 3;
    }
    io.stdout(`\n[watch] ${last === 0 ? "ok" : `exit ${last}`}; watching ${targets.map((t) => relative(io.cwd, t.only ?? t.directory) || ".").join(", ")} for changes (Ctrl-C to stop)\n`);
  };

  return new Promise<number>((resolveLoop) => {
    const watchers: FSWatcher[] = [];
    const pending = new Set<string>();
    let timer: NodeJS.Timeout | undefined;
    let running: Promise<void> = Promise.resolve();
    let stopped = false;

    const flush = (): void => {
      timer = undefined;
      const changed = [...pending].sort();
      pending.clear();
      // Runs never overlap: a change during a run schedules the next one.
      running = running.then(() => (stopped ? undefined : runOnce(changed)));
    };

    const stop = (): void => {
      if (stopped) return;
      stopped = true;
      if (timer) clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
      void running.then(() => resolveLoop(last));
    };

    // The watchers start before the first run, so a file saved while it runs
    // is not missed: it schedules the next run.
    for (const target of targets) {
      if (!existsSync(target.directory)) {
        io.stderr(`warning: cannot watch \`${relative(io.cwd, target.directory)}\`: it does not exist\n`);
        continue;
      }
      const watcher = watch(target.directory, { recursive: true }, (_event, file) => {
        if (file === null || stopped) return;
        const absolute = resolve(target.directory, String(file));
        if (target.only !== undefined && absolute !== target.only) return;
        if (!isWatchedFile(relative(target.directory, absolute).split(sep).join("/"))) return;
        pending.add(absolute);
        if (timer) clearTimeout(timer);
        timer = setTimeout(flush, debounceMs);
      });
      // A watched directory that disappears is reported, and the others go on.
      watcher.on("error", (error) => io.stderr(`warning: stopped watching \`${relative(io.cwd, target.directory)}\`: ${error.message}\n`));
      watchers.push(watcher);
    }
    running = runOnce([]);
    if (watchers.length === 0 || options.signal?.aborted) {
      stop();
      return;
    }
    options.signal?.addEventListener("abort", stop, { once: true });
  });
}
