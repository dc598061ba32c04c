/**
 * How far V8 lets the heap grow during `scn build`. A build at 10,000
 * scenarios keeps about 300 MB alive (the checked program, the lowered rows,
 * the tables) but allocates many times that in short-lived objects, and V8
 * by default lets the heap grow to up to four times what its last full
 * collection kept before collecting again: the build peaked at 1.4 GiB with
 * 300 MB alive. Growing by at most twice brought that peak near 700 MB with
 * no CPU cost that the measurement could tell from noise (docs/benchmarks.md,
 * "Index building and vectors"). V8 reads the setting at every full collection, so setting it
 * when the command starts, and again once the sources' size is known, is
 * enough.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/** Whether the sources of the build are large (see LARGE_SOURCES), as limitHeapGrowth was last told. */
let largeSources = false;

export function limitHeapGrowth(sourceBytes = 0): void {
  largeSources = sourceBytes > LARGE_SOURCES;
  setFlagsFromString(`--heap-growing-percent=${heapGrowthPercent(sourceBytes)}`);
}

/**
 * After optimizing a large program, collects garbage once. V8 lets the heap
 * grow past what its last full collection kept, and at 10,000 `wide`
 * scenarios that collection falls while pruning, with 467 MB alive; the
 * lowered rows and pruning's indexes die when optimizing ends (318 MB
 * alive after), but assembling and emitting allocated up to the limit set
 * from the larger figure, which is where the build peaked (docs/benchmarks.md,
 * "Session 2026-12-03 night: index and vectors"). Collecting there sets
 * the limit from what is alive then, for about a second of CPU at that size.
 */
export function collectAfterStage(stage: string): void {
  if (collectsAfter(stage, largeSources)) collector()();
}

/**
 * For `scn check`: collects garbage once when lowering ends, for large
 * sources only. The check keeps V8's default heap growth (growing by half,
 * as the build does, cost `overlap` 10,000 about 1.5 s of CPU), and then
 * its peak depends on where V8's third full collection falls: during
 * parsing, with 160 to 207 MB alive, it let the heap grow to about 780 MB
 * before the next, which never came; after the syntax tree was dropped, the
 * peak stayed near 530 MB. Which one happens moves with a few megabytes of
 * start-up heap (loading chevrotain or not). Collecting when lowering ends,
 * with about 130 MB alive, sets the limit from that figure every time
 * (docs/benchmarks.md, "Session 2026-12-04 evening").
 */
export function collectAfterCheckStage(stage: string, sourceCharacters: number): void {
  if (checkCollectsAfter(stage, sourceCharacters)) collector()();
}

/** Whether `scn check` collects garbage when `stage` ends, for a program of `sourceCharacters` characters. */
export function checkCollectsAfter(stage: string, sourceCharacters: number): boolean {
  return sourceCharacters > LARGE_SOURCES && stage === "lower";
}

/** Whether the build collects garbage when `stage` ends: after optimizing, for large sources only. */
export function collectsAfter(stage: string, large: boolean): boolean {
  return large && stage === "optimize";
}

/** V8's collector as a function: exposed by its flag, and read from a context made after the flag is set. */
function collector(): () => void {
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
}

/**
 * Sources past this many characters (about 3,000 scenarios of the
 * benchmark's programs; 10,000 are 6 to 7 MB) let the heap grow by half
 * rather than double: at 10,000 `wide` scenarios a build then peaked at
 * 772 to 825 MiB instead of 860 to 1,034 MiB, for 100.6 s of CPU against 90.0 s side
 * by side. Smaller programs keep doubling: their peaks are far below any limit, and
 * whether growing by half would cost them CPU was not measurable at 1,000 scenarios
 * (docs/benchmarks.md, "Evening: witnesses from pruning, the build's own answers, one document").
 */
const LARGE_SOURCES = 2_000_000;

/** How far the heap may grow past what a full collection kept, in percent, for sources of `sourceBytes` characters. */
export function heapGrowthPercent(sourceBytes: number): number {
  return sourceBytes > LARGE_SOURCES ? 50 : 100;
}
