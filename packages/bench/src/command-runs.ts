/**
 * One figure for a command run several times. A single `scn build` on a
 * shared two-core machine is a draw: the same build of `overlap` 1,000 took
 * 1.56 to 2.14 s in one evening (docs/benchmarks.md, "How far to trust
 * these figures"). The bench therefore runs a short command three times and
 * reports the run with the median wall time, and the peak memory of the
 * largest run, so that the figure neither hides a slow draw nor picks a fast
 * one.
 */

/** What one command run measured, or why it failed. */
export interface CommandRun {
  readonly ok: boolean;
  /** The machine's one-minute load average when the command started: how many others wanted its two cores. */
  readonly load: number;
  /** Why it failed (time limit, exit code), when it did. */
  readonly failure: string | null;
  readonly wallSeconds: number;
  readonly cpuSeconds: number;
  readonly maxRssMiB: number;
  /** Every run's wall seconds in the order they ran, when the command ran more than once. */
  readonly wallRuns?: readonly number[];
}

/** A command that took less than this runs REPEATS times; a longer one runs once. */
export const REPEAT_BELOW_SECONDS = 5;
export const REPEATS = 3;

/** Whether the command should be run again after `runs` (all so far). */
export function wantsAnotherRun(runs: readonly CommandRun[]): boolean {
  const first = runs[0];
  return first !== undefined && runs.every((r) => r.ok) && runs.length < REPEATS && first.wallSeconds < REPEAT_BELOW_SECONDS;
}

/**
 * The run with the median wall time (the slower middle of an even count, so
 * that a cut-short series does not report its faster draw), its
 * CPU time with it, the highest peak of all runs, and every run's wall time.
 * A failed run is the answer as it is: a command that failed once is
 * reported as failing.
 */
export function medianRun(runs: readonly CommandRun[]): CommandRun {
  if (runs.length === 0) throw new Error("medianRun needs at least one run");
  const failed = runs.find((r) => !r.ok);
  if (failed !== undefined) return failed;
  if (runs.length === 1) return runs[0]!;
  const byWall = [...runs].sort((a, b) => a.wallSeconds - b.wallSeconds);
  const middle = byWall[Math.floor(byWall.length / 2)]!;
  return { ...middle, maxRssMiB: Math.max(...runs.map((r) => r.maxRssMiB)), wallRuns: runs.map((r) => r.wallSeconds) };
}
