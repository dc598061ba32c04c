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
  return givenToNode(FLAG, execArgv, nodeOptions) ? null : `${FLAG}=${INLINING_BUDGET}`;
}

/**
 * How much bytecode a function runs between V8's looks at whether to
 * optimize it, for programs up to TIERING_SOURCES characters. A compile of
 * 1,000 scenarios is short enough that much of what V8's optimizing
 * compiler does for it is spent on functions that run only briefly (one
 * stage's helpers, the command line's start), on the background threads
 * that share the second core with the main thread. Looking four times less
 * often (V8's default in Node 20 is 67,584) optimizes fewer of those, and
 * the code that runs long enough is still optimized. Alternated on an idle
 * machine (docs/cli.md#how-the-compiling-commands-tune-v8), `scn build` of
 * `wide` 1,000 took 1.36 to 1.42 s against 1.54 to 1.66 s (CPU 2.0 against
 * 2.4 s), `overlap` 1,000 1.11 to 1.14 s against 1.25 to 1.29 s, `keyed`
 * 1,000 0.86 to 0.91 s against 0.94 to 1.01 s, and `scn check` of `wide`
 * 1,000 0.56 to 0.62 s against 0.61 to 0.69 s. At 10,000 scenarios the
 * same budget made `overlap`'s build slower (8.54 and 9.76 s against 8.07
 * and 8.75 s) and `wide`'s no faster, since there the optimized code's own
 * speed matters more than when it arrives: larger programs keep V8's
 * default.
 */
const TIERING_FLAG = "--interrupt-budget";
export const TIERING_BUDGET = 270_336;
/** Sources past this many characters (about 3,000 scenarios of the benchmark's programs) keep V8's default; the heap's growth changes at the same size (heap-growth.ts). */
export const TIERING_SOURCES = 2_000_000;

/** Sets the tiering budget for a program of `sourceCharacters` characters, once they are read and before compiling. */
export function delayTiering(sourceCharacters: number): void {
  const flag = tieringFlag(sourceCharacters, process.execArgv, process.env["NODE_OPTIONS"]);
  if (flag !== null) setFlagsFromString(flag);
}

/** The flag to set, or null when the program is large or node was given a budget itself. */
export function tieringFlag(sourceCharacters: number, execArgv: readonly string[], nodeOptions: string | undefined): string | null {
  if (sourceCharacters > TIERING_SOURCES || givenToNode(TIERING_FLAG, execArgv, nodeOptions)) return null;
  return `${TIERING_FLAG}=${TIERING_BUDGET}`;
}

/** Whether node was given `flag` itself (`--a-b` or `--a_b`, with a value), on its command line or in NODE_OPTIONS. */
function givenToNode(flag: string, execArgv: readonly string[], nodeOptions: string | undefined): boolean {
  return [...execArgv, ...(nodeOptions ?? "").split(/\s+/)].some((option) => {
    const spelled = option.replace(/_/g, "-");
    return spelled === flag || spelled.startsWith(`${flag}=`);
  });
}
