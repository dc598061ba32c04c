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

export function limitHeapGrowth(sourceBytes = 0): void {
  setFlagsFromString(`--heap-growing-percent=${heapGrowthPercent(sourceBytes)}`);
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
