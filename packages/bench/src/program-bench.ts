/**
 * The benchmark of one program as a user meets it: the program is written
 * to a directory, `scn check` and `scn build` (default targets) run as
 * separate processes under /usr/bin/time (wall, CPU, peak RSS), each with a
 * wall-clock limit, the artifacts are measured on disk, and then every
 * engine answers the same contexts (runtime-child.ts, a process with a
 * wall-clock and a heap limit): the built JS module and JSON bundle, the
 * Map-dispatch hand-written function, and Zen and json-rules-engine split
 * by category as their users would set them up. Cold start and the warm-up
 * curve are measured in fresh processes. Correctness first: every engine's
 * answers are compared with the JSON runtime's on every context it is
 * timed on, and a single mismatch stops the run.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Answer } from "@scn/runtime";
import { generateProgram } from "./generate-program.js";
import { generateContexts, type Context } from "./generate-contexts.js";
import { generateRealistic, type RealisticShape } from "./generate-realistic.js";
import { generateRealisticContexts } from "./generate-realistic-contexts.js";
import type { MeasureOptions, Timing } from "./measure.js";
import { decideStoreReturns } from "./peer-retail.js";
import { generateRetailContexts } from "./generate-retail-contexts.js";
import type { Label } from "./answer-label.js";
import { medianRun, wantsAnotherRun, type CommandRun } from "./command-runs.js";
import { unoptimizedCurve, warmupCurve, type Curve, type UnoptimizedCurve } from "./warmup-curve.js";
import { runJsonChild } from "./json-child.js";

export type { CommandRun } from "./command-runs.js";

export type Family = "best-case" | RealisticShape | "retail";

interface FamilySpec {
  readonly decision: string;
  readonly source: (scenarios: number) => string;
  readonly contexts: (scenarios: number, count: number) => Context[];
  /**
   * A hand-written function for the decision, checked answer for answer
   * (every field) against the JSON runtime; when absent, the Map-dispatch
   * function is generated from the program and checked on rules.
   */
  readonly handwritten?: (context: unknown) => unknown;
  /** Whether Zen and json-rules-engine are set up for it (generated programs only: their setup is generated from the table). */
  readonly peers: boolean;
}

/** Every family dispatches on the order's category, the field a hand-written function would switch on. */
export const DISPATCH_PATH = "order.category";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));

/** The retail example's files, joined into one source (its declarations do not depend on which file holds them). */
export function retailSource(): string {
  const dir = join(ROOT, "examples", "retail");
  return readdirSync(dir)
    .filter((name) => name.endsWith(".scn"))
    .sort()
    .map((name) => readFileSync(join(dir, name), "utf8"))
    .join("\n");
}

export const FAMILIES: Record<Family, FamilySpec> = {
  "best-case": { decision: "next_best_action", source: (n) => generateProgram(n), contexts: (n, count) => generateContexts(n, count), peers: true },
  overlap: { decision: "offer", source: (n) => generateRealistic("overlap", n), contexts: (n, count) => generateRealisticContexts("overlap", n, count), peers: true },
  keyed: { decision: "offer", source: (n) => generateRealistic("keyed", n), contexts: (n, count) => generateRealisticContexts("keyed", n, count), peers: true },
  wide: { decision: "offer", source: (n) => generateRealistic("wide", n), contexts: (n, count) => generateRealisticContexts("wide", n, count), peers: true },
  retail: { decision: "store_returns", source: () => retailSource(), contexts: (_, count) => generateRetailContexts(count), handwritten: decideStoreReturns, peers: false },
};
const CLI = join(ROOT, "packages", "cli", "bin", "scn.js");
const COLD_CHILD = fileURLToPath(new URL("./cold-start-child.js", import.meta.url));
const RUNTIME_CHILD = fileURLToPath(new URL("./runtime-child.js", import.meta.url));

export interface BoundedRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Whether the limit ran out and the process group was killed. */
  readonly timedOut: boolean;
}

/**
 * Runs a command in a process group of its own and kills the whole group
 * when `limitMillis` runs out. Killing only the direct child is not enough:
 * /usr/bin/time does not pass the signal on, and a `scn build` past its
 * limit would keep running beside every later measurement.
 */
export function runBounded(command: string, args: readonly string[], limitMillis: number, captureStdout: boolean, onStderrLine?: (line: string) => void): Promise<BoundedRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { detached: true, stdio: ["ignore", captureStdout ? "pipe" : "ignore", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    let pending = "";
    child.stderr!.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
      if (onStderrLine === undefined) return;
      const lines = (pending + chunk).split("\n");
      pending = lines.pop()!;
      for (const line of lines) onStderrLine(line);
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // The group has already exited.
      }
    }, limitMillis);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr, timedOut });
    });
  });
}

/** Runs `scn <args>` in a child process under /usr/bin/time, as a user would: three times when it is short (command-runs.ts). */
async function timedScn(args: readonly string[], timeoutMillis: number): Promise<CommandRun> {
  const deadline = Date.now() + timeoutMillis;
  const runs = [await timedScnOnce(args, timeoutMillis)];
  // Another run starts only with room for three more like the first, so that a repeat never turns a finished command into a timed-out one.
  while (wantsAnotherRun(runs) && deadline - Date.now() > 3000 * runs[0]!.wallSeconds) runs.push(await timedScnOnce(args, deadline - Date.now()));
  return medianRun(runs);
}

/** One run of `scn <args>` under /usr/bin/time. */
async function timedScnOnce(args: readonly string[], timeoutMillis: number): Promise<CommandRun> {
  const load = loadavg()[0]!;
  const start = process.hrtime.bigint();
  const run = await runBounded("/usr/bin/time", ["-f", "SCNTIME %e %U %S %M", process.execPath, CLI, ...args], timeoutMillis, false);
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  const line = run.stderr.split("\n").find((l) => l.startsWith("SCNTIME ")) ?? null;
  if (run.timedOut || line === null) {
    return { ok: false, load, failure: run.timedOut ? `did not finish within ${(timeoutMillis / 1000).toFixed(0)} s of wall time` : `no timing: ${run.stderr.split("\n").slice(-2).join(" ")}`, wallSeconds: wall, cpuSeconds: NaN, maxRssMiB: NaN };
  }
  const [, elapsed, user, system, rssKiB] = line.split(" ").map(Number) as [number, number, number, number, number];
  // `scn check` exits 1 on errors; the generated programs have none, so any non-zero exit is a failure.
  const failure = run.status === 0 ? null : `exit ${run.status}: ${run.stderr.split("\n").filter((l) => l.trim() !== "" && !l.startsWith("SCNTIME")).slice(-2).join(" ")}`;
  return { ok: failure === null, load, failure, wallSeconds: elapsed, cpuSeconds: user + system, maxRssMiB: rssKiB / 1024 };
}

/** The fewest contexts a peer is checked and timed on, whatever its speed. */
export const PEER_MIN_CONTEXTS = 10;

/**
 * Answers contexts in order until `millis` have passed (and at least
 * PEER_MIN_CONTEXTS, or all of them): the prefix a slow peer is checked and
 * timed on, with its answers.
 */
export async function answeredPrefix<T>(decide: (c: unknown) => Promise<T>, contexts: readonly unknown[], millis: number): Promise<{ labels: T[]; prefix: unknown[] }> {
  const labels: T[] = [];
  const start = process.hrtime.bigint();
  for (const c of contexts) {
    labels.push(await decide(c));
    if (labels.length >= PEER_MIN_CONTEXTS && Number(process.hrtime.bigint() - start) / 1e6 > millis) break;
  }
  return { labels, prefix: contexts.slice(0, labels.length) };
}

/** The steady-state engines' names in results and reports: scn's two, and the hand-written function as usually written and keeping the runtime's read contract. */
export const MODULE = "scn JS module";
export const RUNTIME = "scn JSON runtime";
export const HAND = "hand-written JS (Map dispatch)";
export const CHECKED_HAND = "hand-written JS, checked reads";

export interface EngineResult {
  readonly engine: string;
  /** The one-minute load average when its timing started. */
  readonly load: number;
  readonly timing: Timing;
  readonly contexts: number;
}

export type { Curve, UnoptimizedCurve } from "./warmup-curve.js";

/** The walk's work per decision, mean over the contexts, from `explain`'s trace (the module and the runtime walk alike). */
export interface WalkWork {
  /** Index nodes stepped through (switches, splits, tests). */
  readonly steps: number;
  /** Candidate rows tried in the leaves reached (a union reaches several). */
  readonly rowsTried: number;
}

export interface ProgramResult {
  readonly family: Family;
  readonly scenarios: number;
  readonly check: CommandRun;
  readonly build: CommandRun;
  readonly bytes: { readonly source: number; readonly module: number | null; readonly bundle: number | null; readonly vectors: number | null };
  readonly rows: number | null;
  readonly indexNodes: number | null;
  /** Null when the runtime part was not run or did not finish (`note` says why). */
  readonly runtime: {
    readonly engines: readonly EngineResult[];
    readonly coldStartMillis: { readonly module: number; readonly bundle: number };
    /** The one-minute load average when the cold starts began. */
    readonly coldLoad: number;
    /**
     * `unoptimizedModule`: the module's first 10,000 calls without V8's
     * optimizing compiler, at 1,000 scenarios (the size the warm-up target
     * covers; null elsewhere).
     */
    readonly warmup: { readonly module: Curve; readonly bundle: Curve; readonly unoptimizedModule: UnoptimizedCurve | null };
    readonly walk: WalkWork;
  } | null;
  readonly note: string | null;
  /** Wall seconds the whole program took in the bench (commands, measurements, set-up). */
  readonly benchSeconds: number;
}

export interface ProgramBenchOptions {
  /** When the run's budget ends (ms since the epoch): every limit below is cut to what is left of it when its part starts. */
  readonly deadline: number;
  /** Wall-clock limit of `scn check`, and of `scn build`, each. */
  readonly commandLimitMillis: number;
  /** Wall-clock limit of the runtime part (runtime-child.ts), checking and timing every engine. */
  readonly runtimeLimitMillis: number;
  /** Heap limit of the runtime part's process. */
  readonly runtimeHeapMiB: number;
  readonly contexts: number;
  readonly measure: MeasureOptions;
  readonly coldStarts: number;
  /** About how long each slow peer may take in all: a quarter of it picks the prefix, the rest times it (runtime-child.ts). */
  readonly peerBudgetMillis: number;
}

/** What the parent asks of runtime-child.ts. */
export interface RuntimeRequest {
  readonly family: Family;
  readonly scenarios: number;
  /** The program's directory: program.scn, contexts.json and the built out/p.scn.json and out/p.mjs. */
  readonly dir: string;
  readonly measure: MeasureOptions;
  readonly peerBudgetMillis: number;
}

/** What runtime-child.ts reports. */
export interface RuntimeMeasurement {
  readonly rows: number;
  readonly indexNodes: number;
  readonly walk: WalkWork;
  readonly engines: readonly EngineResult[];
}

function sizeOf(path: string): number | null {
  return existsSync(path) ? statSync(path).size : null;
}

export function labelOf(answer: Answer): Label {
  if (answer.reason === "scenario") return answer.rule ?? "(bad)";
  return answer.reason === "default" ? "(default)" : "(none)";
}

/** An answer as JSON with its keys sorted, so two answers compare field by field. */
export function canonicalAnswer(answer: unknown): string {
  return JSON.stringify(answer, (_, value: unknown) =>
    value !== null && typeof value === "object" && !Array.isArray(value)
      ? Object.fromEntries(Object.keys(value).sort().map((key) => [key, (value as Record<string, unknown>)[key]]))
      : value,
  );
}

export function assertSame(engine: string, expected: readonly Label[], actual: readonly Label[], contexts: readonly unknown[]): void {
  for (let i = 0; i < actual.length; i++) {
    if (expected[i] !== actual[i]) throw new Error(`${engine} disagrees with scn on context #${i}: expected ${expected[i]}, got ${actual[i]}\ncontext: ${JSON.stringify(contexts[i])}`);
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Least time left in the budget for the runtime part to start. */
const MIN_RUNTIME_MILLIS = 30_000;

/** The longest a cold start or warm-up process may take. */
const CHILD_LIMIT_MILLIS = 120_000;

/**
 * Runs runtime-child.ts under the wall-clock and heap limits. A mismatch
 * between engines is a bug that stops the bench; running out of time or
 * memory is a result, reported as such.
 */
async function measureRuntime(request: RuntimeRequest, limitMillis: number, heapMiB: number, log: (line: string) => void): Promise<RuntimeMeasurement | { failure: string }> {
  const requestFile = join(request.dir, "runtime-request.json");
  writeFileSync(requestFile, JSON.stringify(request));
  const run = await runBounded(process.execPath, [`--max-old-space-size=${heapMiB}`, RUNTIME_CHILD, requestFile], limitMillis, true, (line) => {
    if (line.startsWith("  ")) log(line);
  });
  if (run.timedOut) {
    return { failure: `did not finish within ${(limitMillis / 1000).toFixed(0)} s of wall time` };
  }
  if (run.status !== 0) {
    const text = run.stderr;
    if (/heap out of memory|Allocation failed/.test(text)) return { failure: `ran out of its ${heapMiB} MiB heap limit` };
    const reason = text.split("\n").find((line) => line.startsWith("runtime-child: "));
    throw new Error(reason ?? `the runtime measurement failed: ${text.split("\n").slice(-3).join(" ")}`);
  }
  return JSON.parse(run.stdout.trim().split("\n").at(-1)!) as RuntimeMeasurement;
}

export async function programBench(family: Family, scenarios: number, options: ProgramBenchOptions, log: (line: string) => void): Promise<ProgramResult> {
  const started = process.hrtime.bigint();
  const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
  const spec = FAMILIES[family];
  const dir = join(tmpdir(), `scn-bench-${family}-${scenarios}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const source = spec.source(scenarios);
  writeFileSync(join(dir, "program.scn"), source);
  writeFileSync(join(dir, "scn.config.json"), JSON.stringify({ sources: ["*.scn"], name: "p", outDir: "out" }));
  const left = () => options.deadline - Date.now();
  const spent: CommandRun = { ok: false, load: loadavg()[0]!, failure: "not run: the run's budget was spent", wallSeconds: NaN, cpuSeconds: NaN, maxRssMiB: NaN };
  log(`  ${family} ${scenarios}: scn check`);
  const check = left() > 0 ? await timedScn(["check", dir], Math.min(options.commandLimitMillis, left())) : spent;
  // `scn build` runs everything `scn check` does and more, so when the check
  // ran out of time the build would too: its time limit is not spent waiting.
  const checkTimedOut = !check.ok && check.failure !== null && check.failure.startsWith("did not finish");
  if (!checkTimedOut) log(`  ${family} ${scenarios}: scn build`);
  const build: CommandRun = checkTimedOut
    ? { ok: false, load: check.load, failure: "not run: `scn check` did not finish in time", wallSeconds: NaN, cpuSeconds: NaN, maxRssMiB: NaN }
    : left() > 0
      ? await timedScn(["build", dir], Math.min(options.commandLimitMillis, left()))
      : spent;
  const out = join(dir, "out");
  const bytes = {
    source: Buffer.byteLength(source),
    module: build.ok ? sizeOf(join(out, "p.mjs")) : null,
    bundle: build.ok ? sizeOf(join(out, "p.scn.json")) : null,
    vectors: build.ok ? sizeOf(join(out, "p.vectors.json")) : null,
  };
  const base = { family, scenarios, check, build, bytes };
  if (!build.ok) return { ...base, rows: null, indexNodes: null, runtime: null, note: null, benchSeconds: seconds() };

  const contexts = spec.contexts(scenarios, options.contexts);
  const contextsFile = join(dir, "contexts.json");
  writeFileSync(contextsFile, JSON.stringify(contexts));
  // The cold-start child reads a file of the first context alone: parsing the
  // whole file of 10,000 contexts took it 89 to 95 ms, which a user's first
  // decision does not pay (docs/benchmarks.md, "Cold start and warm-up").
  const firstContextFile = join(dir, "first-context.json");
  writeFileSync(firstContextFile, JSON.stringify(contexts.slice(0, 1)));
  const modulePath = join(out, "p.mjs");
  const bundlePath = join(out, "p.scn.json");
  // Cold starts and warm-up curves first, in fresh processes.
  log(`  ${family} ${scenarios}: cold start and warm-up`);
  const cold = (kind: string) => median(Array.from({ length: options.coldStarts }, () => runJsonChild(COLD_CHILD, [kind, kind === "module" ? modulePath : bundlePath, firstContextFile, spec.decision], [], CHILD_LIMIT_MILLIS).millis!));
  const curve = (kind: "module" | "bundle"): Curve => {
    const r = warmupCurve(kind, kind === "module" ? modulePath : bundlePath, contextsFile, spec.decision, CHILD_LIMIT_MILLIS);
    return { first1k: r.first1k, first10k: r.first10k, first100k: r.first100k, elapsed10k: r.elapsed10k };
  };
  const coldLoad = loadavg()[0]!;
  const coldStartMillis = { module: cold("module"), bundle: cold("bundle") };
  const warmup = {
    module: curve("module"),
    bundle: curve("bundle"),
    unoptimizedModule: scenarios === 1000 ? unoptimizedCurve("module", modulePath, contextsFile, spec.decision, CHILD_LIMIT_MILLIS) : null,
  };

  // The runtime part needs some time to say anything; with less than MIN_RUNTIME_MILLIS left it is not started.
  if (left() < MIN_RUNTIME_MILLIS) return { ...base, rows: null, indexNodes: null, runtime: null, note: "the runtime part was not run: the run's budget was spent", benchSeconds: seconds() };
  const measured = await measureRuntime({ family, scenarios, dir, measure: options.measure, peerBudgetMillis: options.peerBudgetMillis }, Math.min(options.runtimeLimitMillis, left()), options.runtimeHeapMiB, log);
  if ("failure" in measured) {
    return { ...base, rows: null, indexNodes: null, runtime: null, note: `the runtime part ${measured.failure}`, benchSeconds: seconds() };
  }
  return { ...base, rows: measured.rows, indexNodes: measured.indexNodes, runtime: { engines: measured.engines, coldStartMillis, coldLoad, warmup, walk: measured.walk }, note: null, benchSeconds: seconds() };
}
