/**
 * How much V8's optimizing compiler (TurboFan) may inline into one
 * function, for the commands that compile a program (`scn check`,
 * `scn build`). Each of them is a fresh process that runs the compiler
 * once, so the optimizing compiler's own work is part of every command's
 * cost: it runs on V8's background threads, and at 1,000 scenarios those
 * threads took about as much CPU as the main thread (3.0 s beside 3.2 s in
 * a 3.4 s build of `overlap`). With two cores they compete with the main
 * thread for the second one. Inlining less makes each optimized function
 * cheaper to compile, and the code it gives was as fast here: medians of
 * three or four alternations (the measuring process's group given most of
 * the machine's CPU weight, load 9 to 12), V8's default of 920 against 200:
 * `scn build` of overlap 1,000 2.49 → 2.14 s (CPU 3.8 → 3.1 s), wide 1,000
 * 3.16 → 2.66 s, keyed 1,000 2.58 → 2.25 s, `scn check` of overlap 1,000
 * 1.48 → 1.33 s, and overlap 10,000 22.7 and 28.4 s → 21.2 and 23.1 s
 * (docs/cli.md#how-the-compiling-commands-tune-v8). V8 reads the flag for
 * each function it optimizes, so setting it when the command starts, before
 * the compiler runs, is enough; the flag is process-wide, so it holds for
 * the analysis worker too.
 *
 * A value given to node itself (on its command line or in NODE_OPTIONS)
 * wins, so the default can still be measured against.
 */
import { setFlagsFromString } from "node:v8";

const FLAG = "--max-inlined-bytecode-size-cumulative";
/** V8's default is 920 bytes of bytecode inlined into one function. */
export const INLINING_BUDGET = 200;

export function limitInlining(): void {
  const flag = inliningFlag(process.execArgv, process.env["NODE_OPTIONS"]);
  if (flag !== null) setFlagsFromString(flag);
}

/** The flag to set, or null when node was given one already. */
export function inliningFlag(execArgv: readonly string[], nodeOptions: string | undefined): string | null {
  const given = [...execArgv, ...(nodeOptions ?? "").split(/\s+/)].some((option) => option.replace(/_/g, "-").startsWith(FLAG));
  return given ? null : `${FLAG}=${INLINING_BUDGET}`;
}
