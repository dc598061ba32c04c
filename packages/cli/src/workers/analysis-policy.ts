/**
 * When `scn build` runs a program's analysis in a worker thread
 * (docs/cli.md#the-analysis-runs-beside-the-build).
 *
 * A worker costs CPU: its start (the compiler loaded and compiled again in
 * a second V8 isolate) and the front end run a second time, 0.6 to 1.3 s
 * of CPU at 1,000 scenarios over what it takes off the main thread.
 * It shortens the build only when that CPU runs on a core nothing else
 * wants, and on two cores there is none: the main thread and V8's own
 * threads (concurrent compilation and garbage collection) keep both busy,
 * and side by side the worker saved nothing there (docs/cli.md, same
 * section). So it is used only with three cores or more. Its heap is in
 * the same process, so past MAX_WORKER_CHARACTERS it would push the
 * build past its memory target (800 MB at 10,000 scenarios); and below
 * MIN_WORKER_CHARACTERS the analysis is too short to be worth a worker's start.
 *
 * `SCN_ANALYSIS_WORKER=always` uses it for every program and `never` for
 * none (tests and measurements); unset or anything else, `auto` decides by
 * the cores and the size of the program's sources.
 */
export type AnalysisWorkerMode = "auto" | "always" | "never";

export function analysisWorkerMode(value: string | undefined): AnalysisWorkerMode {
  return value === "always" || value === "never" ? value : "auto";
}

/**
 * About 150 scenarios of the benchmark's programs. A worker answered a
 * three-scenario program 110 to 320 ms after it was started (at a load of
 * 11 on two cores), nearly all of it loading the compiler; at 100
 * scenarios (64,000 characters) the analysis itself took 175 to 650 ms at
 * that load, not far above it, so smaller programs keep it on the main thread.
 */
export const MIN_WORKER_CHARACTERS = 100_000;
/**
 * About 5,000 scenarios. At 10,000 (6.2 million characters) the worker's
 * heap took a build of `overlap` from 583 MB to 868 MB at its peak.
 */
export const MAX_WORKER_CHARACTERS = 3_300_000;
/** The cores a worker needs to have one to itself (see above). */
export const MIN_WORKER_CORES = 3;

export function usesAnalysisWorker(mode: AnalysisWorkerMode, characters: number, cores: number): boolean {
  if (mode !== "auto") return mode === "always";
  return cores >= MIN_WORKER_CORES && characters >= MIN_WORKER_CHARACTERS && characters <= MAX_WORKER_CHARACTERS;
}
