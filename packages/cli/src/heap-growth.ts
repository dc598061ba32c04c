/**
 * How far V8 lets the heap grow during `scn build`. A build at 10,000
 * scenarios keeps a few hundred megabytes alive (the checked program, the
 * lowered rows, the tables) but allocates many times that in short-lived
 * objects, and V8 by default lets the heap grow to up to four times what
 * its last full collection kept before collecting again: the build once
 * peaked at 1.4 GiB that way. Growing by at most twice (100%) holds the
 * peak well under 800 MB with no CPU cost the measurements could tell from
 * noise (docs/benchmarks.md, "Index building and vectors"). V8 reads the
 * setting at every full collection, so setting it when the command starts
 * is enough.
 *
 * Sources past 2,000,000 characters used to grow by half and to collect
 * once after optimizing, when a build of 10,000 `wide` scenarios peaked
 * near 800 MB; since the syntax tree and the optimizer hold less, both
 * cost that build about a second of CPU and half a second of wall time,
 * for a peak of 469 to 503 MiB against 532 to 631 MiB without them, so every
 * program now grows the same way (docs/cli.md, "How the compiling commands
 * tune V8").
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/** How far the heap may grow past what a full collection kept, in percent. */
export const HEAP_GROWTH_PERCENT = 100;

export function limitHeapGrowth(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWTH_PERCENT}`);
}

/**
 * For `scn check`: collects garbage once when lowering ends, for large
 * sources only. The check keeps V8's default heap growth (growing by half,
 * as the build once did for large sources, cost `overlap` 10,000 about
 * 1.5 s of CPU), and then
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

/** V8's collector as a function: exposed by its flag, and read from a context made after the flag is set. */
function collector(): () => void {
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
}

/** Sources past this many characters (about 3,000 scenarios of the benchmark's programs) make `scn check` collect once after lowering. */
const LARGE_SOURCES = 2_000_000;
