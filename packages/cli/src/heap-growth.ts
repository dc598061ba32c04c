/**
 * How far V8 lets the heap grow during `scn build`. A build at 10,000
 * scenarios keeps about 300 MB alive (the checked program, the lowered rows,
 * the tables) but allocates many times that in short-lived objects, and V8
 * by default lets the heap grow to up to four times what its last full
 * collection kept before collecting again: the build peaked at 1.4 GiB with
 * 300 MB alive. Growing by at most twice keeps the peak near 700 MB at no
 * measurable cost in CPU time (docs/benchmarks.md, "Index building and
 * vectors"). V8 reads the setting at every full collection, so setting it
 * when the command starts is enough.
 */
import { setFlagsFromString } from "node:v8";

export function limitHeapGrowth(): void {
  setFlagsFromString("--heap-growing-percent=100");
}
