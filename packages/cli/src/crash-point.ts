/**
 * Test hooks for the kill-and-check tests (docs/cli.md, "Testing crash
 * safety"). Every step of writing files calls `crashPoint` with a label.
 * Unset, the variables below do nothing, so the hooks are harmless in
 * normal use.
 *
 * - `SCN_TEST_CRASH_AT=<label>`: the process kills itself with SIGKILL at
 *   that step, exactly as `kill -9` would; `list` prints every label
 *   reached to standard error as `scn-crash-point: <label>`.
 * - `SCN_TEST_PAUSE_AT=<label>` with `SCN_TEST_RESUME_FILE=<path>`: at that
 *   step the process prints `scn-paused: <label>` to standard error and
 *   waits until the file exists (at most a minute, so a failed test never
 *   leaves it waiting forever), so a test can run a second build while the
 *   first holds the lock.
 */
import { existsSync } from "node:fs";

export function crashPoint(label: string): void {
  const crashAt = process.env["SCN_TEST_CRASH_AT"];
  if (crashAt === "list") process.stderr.write(`scn-crash-point: ${label}\n`);
  else if (crashAt === label) process.kill(process.pid, "SIGKILL");
  const resumeFile = process.env["SCN_TEST_RESUME_FILE"];
  if (process.env["SCN_TEST_PAUSE_AT"] === label && resumeFile) {
    process.stderr.write(`scn-paused: ${label}\n`);
    const sleeper = new Int32Array(new SharedArrayBuffer(4));
    const deadline = Date.now() + 60_000;
    while (!existsSync(resumeFile) && Date.now() < deadline) Atomics.wait(sleeper, 0, 0, 20);
  }
}
