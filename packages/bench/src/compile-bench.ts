/**
 * The compiler benchmark: for each size, a child process runs the stages of
 * `scn check` (parse + check + analysis) and `scn build` (+ lower, prune,
 * optimize, emit) on a generated program, reporting wall time per stage and
 * peak memory; growth exponents are computed between consecutive sizes.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export interface CompileResult {
  readonly scenarios: number;
  readonly millis: { readonly check: number; readonly analysis: number | null; readonly compile: number; readonly emit: number };
  readonly totalMillis: number;
  readonly rowsBefore: number;
  readonly rowsAfter: number;
  readonly indexNodes: number;
  readonly maxRssMiB: number;
}

const CHILD = fileURLToPath(new URL("./compile-child.js", import.meta.url));

export function compileBench(scenarios: number, timeoutMillis: number): CompileResult | { scenarios: number; failed: string } {
  const run = spawnSync(process.execPath, ["--max-old-space-size=4096", CHILD, String(scenarios)], { encoding: "utf8", timeout: timeoutMillis });
  if (run.status !== 0) {
    const reason = run.error?.message ?? (run.stderr.trim().split("\n").slice(-3).join(" ") || `exit ${run.status}`);
    return { scenarios, failed: run.signal === "SIGTERM" ? `did not finish within ${timeoutMillis / 1000} s` : reason };
  }
  return JSON.parse(run.stdout.trim().split("\n").at(-1)!) as CompileResult;
}

/** log(t2/t1) / log(n2/n1): 1 is linear, 2 quadratic. */
export function growthExponent(n1: number, t1: number, n2: number, t2: number): number {
  return Math.log(t2 / t1) / Math.log(n2 / n1);
}
