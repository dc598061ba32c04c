/**
 * Runs warmup-child.ts in a fresh process, as the bench measures every
 * artifact's warm-up curve: node with `--expose-gc`, so that the child can
 * move the parsed contexts out of the young generation before it imports
 * the artifact (warmup-child.ts says why).
 */
import { fileURLToPath } from "node:url";
import { runJsonChild } from "./json-child.js";

/** A fresh process's mean time per decision, in ns, over its first 1,000, 10,000 and 100,000 calls. */
export interface Curve {
  readonly first1k: number;
  readonly first10k: number;
  readonly first100k: number;
  /** Nanoseconds since the first call began, at the end of calls 250, 500, …, 10,000. */
  readonly elapsed10k: readonly number[];
}

/** The first 10,000 calls of a fresh process run without V8's optimizing compiler: what a call costs before optimized code arrives. */
export type UnoptimizedCurve = Omit<Curve, "first100k">;

/** What the child reports: the curve, and its young generation's bytes before and after the collection. */
export interface WarmupReport extends Curve {
  readonly youngBytesBefore: number;
  readonly youngBytesAfter: number;
}

// The built child, whether this module runs from src/ (tests) or dist/ (the bench).
const WARMUP_CHILD = fileURLToPath(new URL("../dist/warmup-child.js", import.meta.url));

/** The warm-up curve of `artifact` (kind `module` or `bundle`) answering `decision` for the contexts in `contextsFile`. */
export function warmupCurve(kind: "module" | "bundle", artifact: string, contextsFile: string, decision: string, limitMillis: number): WarmupReport {
  return runJsonChild<WarmupReport>(WARMUP_CHILD, [kind, artifact, contextsFile, decision], ["--expose-gc"], limitMillis);
}

/**
 * The first 10,000 calls of `artifact` with V8's tiers capped below its
 * optimizing compiler (`--max-opt=1`: the interpreter and the baseline
 * compiler, Sparkplug, which V8 also runs before it optimizes). Their
 * time per call is what every call costs until a function's optimized
 * code arrives, so set beside the curve as run it shows how much of the
 * first 10,000 calls was spent waiting for it (targets.ts).
 */
export function unoptimizedCurve(kind: "module" | "bundle", artifact: string, contextsFile: string, decision: string, limitMillis: number): UnoptimizedCurve {
  // The child stops after 10,000 calls, so it reports no 100,000-call mean.
  const { first1k, first10k, elapsed10k } = runJsonChild<UnoptimizedCurve>(WARMUP_CHILD, [kind, artifact, contextsFile, decision, "10000"], ["--expose-gc", "--max-opt=1"], limitMillis);
  return { first1k, first10k, elapsed10k };
}
