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
}

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
