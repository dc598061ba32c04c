/**
 * The benchmark of one program as a user meets it: the program is written
 * to a directory, `scn check` and `scn build` (default targets) run as
 * separate processes under /usr/bin/time (wall, CPU, peak RSS), the
 * artifacts are measured on disk, and then every engine answers the same
 * contexts: the built JS module and JSON bundle, the Map-dispatch
 * hand-written function, and Zen and json-rules-engine split by category as
 * their users would set them up. Cold start and the warm-up curve are
 * measured in fresh processes. Correctness first: every engine's answers
 * are compared with the JSON runtime's on every context, and a single
 * mismatch stops the run.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { compile } from "@scn/compiler";
import { loadBundle, type Answer, type Bundle } from "@scn/runtime";
import { generateProgram } from "./generate-program.js";
import { generateContexts, type Context } from "./generate-contexts.js";
import { generateRealistic, type RealisticShape } from "./generate-realistic.js";
import { generateRealisticContexts } from "./generate-realistic-contexts.js";
import { measureAsync, measureSync, type MeasureOptions, type Timing } from "./measure.js";
import { mapDispatchPeer } from "./peer-map-dispatch.js";
import { rulesEngineSplitPeer } from "./peer-rules-engine.js";
import { zenSplitPeer } from "./peer-zen.js";
import { decideStoreReturns } from "./peer-retail.js";
import { generateRetailContexts } from "./generate-retail-contexts.js";
import type { Label } from "./answer-label.js";

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
const WARMUP_CHILD = fileURLToPath(new URL("./warmup-child.js", import.meta.url));

export interface CommandRun {
  readonly ok: boolean;
  /** The machine's one-minute load average when the command started: how many others wanted its two cores. */
  readonly load: number;
  /** Why it failed (time limit, exit code), when it did. */
  readonly failure: string | null;
  readonly wallSeconds: number;
  readonly cpuSeconds: number;
  readonly maxRssMiB: number;
}

/** Runs `scn <args>` in a child process under /usr/bin/time, as a user would. */
function timedScn(args: readonly string[], timeoutMillis: number): CommandRun {
  const load = loadavg()[0]!;
  const start = process.hrtime.bigint();
  const run = spawnSync("/usr/bin/time", ["-f", "SCNTIME %e %U %S %M", process.execPath, CLI, ...args], { encoding: "utf8", timeout: timeoutMillis, maxBuffer: 1 << 28 });
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  const line = run.stderr?.split("\n").find((l) => l.startsWith("SCNTIME ")) ?? null;
  if (run.error || line === null) {
    const timedOut = run.signal === "SIGTERM" || (run.error as NodeJS.ErrnoException | undefined)?.code === "ETIMEDOUT";
    return { ok: false, load, failure: timedOut ? `did not finish within ${timeoutMillis / 1000} s of wall time` : (run.error?.message ?? "no timing"), wallSeconds: wall, cpuSeconds: NaN, maxRssMiB: NaN };
  }
  const [, elapsed, user, system, rssKiB] = line.split(" ").map(Number) as [number, number, number, number, number];
  // `scn check` exits 1 on errors; the generated programs have none, so any non-zero exit is a failure.
  const failure = run.status === 0 ? null : `exit ${run.status}: ${(run.stderr ?? "").split("\n").filter((l) => l.trim() !== "" && !l.startsWith("SCNTIME")).slice(-2).join(" ")}`;
  return { ok: failure === null, load, failure, wallSeconds: elapsed, cpuSeconds: user + system, maxRssMiB: rssKiB / 1024 };
}

/** The fewest contexts a peer is checked and timed on, whatever its speed. */
const PEER_MIN_CONTEXTS = 200;

export interface EngineResult {
  readonly engine: string;
  /** The one-minute load average when its timing started. */
  readonly load: number;
  readonly timing: Timing;
  readonly contexts: number;
}

export interface Curve {
  readonly first1k: number;
  readonly first10k: number;
  readonly first100k: number;
}

export interface ProgramResult {
  readonly family: Family;
  readonly scenarios: number;
  readonly check: CommandRun;
  readonly build: CommandRun;
  readonly bytes: { readonly source: number; readonly module: number | null; readonly bundle: number | null; readonly vectors: number | null };
  readonly rows: number | null;
  readonly indexNodes: number | null;
  /** Null when the runtime part was not run (the build failed, or the size is above the runtime limit). */
  readonly runtime: {
    readonly engines: readonly EngineResult[];
    readonly coldStartMillis: { readonly module: number; readonly bundle: number };
    /** The one-minute load average when the cold starts began. */
    readonly coldLoad: number;
    readonly warmup: { readonly module: Curve; readonly bundle: Curve };
  } | null;
  readonly note: string | null;
}

export interface ProgramBenchOptions {
  readonly timeoutMillis: number;
  readonly contexts: number;
  readonly measure: MeasureOptions;
  /** Measured runs of the asynchronous peers (each run answers every context at least once). */
  readonly peerMeasure: MeasureOptions;
  readonly coldStarts: number;
  /** About how long one pass of a slow peer over its contexts may take. */
  readonly peerPassMillis: number;
  /** Skip the runtime part above this size (its build is still measured). */
  readonly runtimeUpTo: number;
}

function sizeOf(path: string): number | null {
  return existsSync(path) ? statSync(path).size : null;
}

function labelOf(answer: Answer): Label {
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

function assertSame(engine: string, expected: readonly Label[], actual: readonly Label[], contexts: readonly unknown[]): void {
  for (let i = 0; i < actual.length; i++) {
    if (expected[i] !== actual[i]) throw new Error(`${engine} disagrees with scn on context #${i}: expected ${expected[i]}, got ${actual[i]}\ncontext: ${JSON.stringify(contexts[i])}`);
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function child(script: string, args: readonly string[]): Record<string, number> {
  const run = spawnSync(process.execPath, [script, ...args], { encoding: "utf8", maxBuffer: 1 << 26 });
  if (run.status !== 0) throw new Error(`${script} failed: ${run.stderr.split("\n").slice(-3).join(" ")}`);
  return JSON.parse(run.stdout.trim().split("\n").at(-1)!) as Record<string, number>;
}

export async function programBench(family: Family, scenarios: number, options: ProgramBenchOptions, log: (line: string) => void): Promise<ProgramResult> {
  const spec = FAMILIES[family];
  const dir = join(tmpdir(), `scn-bench-${family}-${scenarios}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const source = spec.source(scenarios);
  writeFileSync(join(dir, "program.scn"), source);
  writeFileSync(join(dir, "scn.config.json"), JSON.stringify({ sources: ["*.scn"], name: "p", outDir: "out" }));
  log(`  ${family} ${scenarios}: scn check`);
  const check = timedScn(["check", dir], options.timeoutMillis);
  // `scn build` runs everything `scn check` does and more, so when the check
  // ran out of time the build would too: its time limit is not spent waiting.
  const checkTimedOut = !check.ok && check.failure !== null && check.failure.startsWith("did not finish");
  if (!checkTimedOut) log(`  ${family} ${scenarios}: scn build`);
  const build: CommandRun = checkTimedOut
    ? { ok: false, load: check.load, failure: "not run: `scn check` did not finish in time", wallSeconds: NaN, cpuSeconds: NaN, maxRssMiB: NaN }
    : timedScn(["build", dir], options.timeoutMillis);
  const out = join(dir, "out");
  const bytes = {
    source: Buffer.byteLength(source),
    module: build.ok ? sizeOf(join(out, "p.mjs")) : null,
    bundle: build.ok ? sizeOf(join(out, "p.scn.json")) : null,
    vectors: build.ok ? sizeOf(join(out, "p.vectors.json")) : null,
  };
  const base = { family, scenarios, check, build, bytes };
  if (!build.ok) return { ...base, rows: null, indexNodes: null, runtime: null, note: null };
  const bundleText = readFileSync(join(out, "p.scn.json"), "utf8");
  // The file's tables are encoded (docs/bundle-format.md); the peers are built from the same compilation's plain rows.
  const compilation = compile([{ path: "program.scn", text: source }], { analyze: false });
  const program = compilation.program;
  const bundle: Bundle = compilation.compiled!.bundle;
  const table = bundle.decisions[spec.decision]!;
  const index = table.index as unknown as { nodes?: unknown[] } | undefined;
  const shape = { rows: table.rows.length, indexNodes: Array.isArray(index?.nodes) ? index.nodes.length : null };
  if (scenarios > options.runtimeUpTo) return { ...base, ...shape, runtime: null, note: `runtime not measured above ${options.runtimeUpTo} scenarios in this run` };

  const contexts = spec.contexts(scenarios, options.contexts);
  const contextsFile = join(dir, "contexts.json");
  writeFileSync(contextsFile, JSON.stringify(contexts));
  const modulePath = join(out, "p.mjs");
  const bundlePath = join(out, "p.scn.json");
  // Cold starts and warm-up curves first, in fresh processes, before this process has done anything heavy.
  log(`  ${family} ${scenarios}: cold start and warm-up`);
  const cold = (kind: string) => median(Array.from({ length: options.coldStarts }, () => child(COLD_CHILD, [kind, kind === "module" ? modulePath : bundlePath, contextsFile, spec.decision]).millis!));
  const curve = (kind: string): Curve => {
    const r = child(WARMUP_CHILD, [kind, kind === "module" ? modulePath : bundlePath, contextsFile, spec.decision]);
    return { first1k: r.first1k!, first10k: r.first10k!, first100k: r.first100k! };
  };
  const coldLoad = loadavg()[0]!;
  const coldStartMillis = { module: cold("module"), bundle: cold("bundle") };
  const warmup = { module: curve("module"), bundle: curve("bundle") };

  const runtime = loadBundle(bundleText);
  const module = (await import(pathToFileURL(modulePath).href)) as Record<string, (c: unknown) => Answer>;
  const moduleDecide = module[spec.decision]!;
  const hand = spec.handwritten ? { decide: spec.handwritten } : await mapDispatchPeer(program, table, spec.decision, DISPATCH_PATH);
  const expected = contexts.map((c) => labelOf(runtime.decide(spec.decision, c)));
  assertSame("the JS module", expected, contexts.map((c) => labelOf(moduleDecide(c))), contexts);
  if (spec.handwritten) {
    // Written by hand, so every field of every answer is compared, not only the rule.
    const full = contexts.map((c) => canonicalAnswer(runtime.decide(spec.decision, c)));
    assertSame("the hand-written function", full, contexts.map((c) => canonicalAnswer(hand.decide(c))), contexts);
  } else {
    assertSame("the Map-dispatch hand-written function", expected, contexts.map((c) => labelOf(hand.decide(c) as Answer)), contexts);
  }

  const engines: EngineResult[] = [];
  const sync = async (engine: string, decide: (c: unknown) => unknown) => {
    log(`  ${family} ${scenarios}: timing ${engine}`);
    const load = loadavg()[0]!;
    engines.push({ engine, load, timing: await measureSync(decide, contexts, options.measure), contexts: contexts.length });
  };
  await sync("scn JS module", moduleDecide);
  await sync("scn JSON runtime", (c) => runtime.decide(spec.decision, c));
  await sync("hand-written JS (Map dispatch)", hand.decide);
  // A peer taking milliseconds per decision cannot answer 10,000 contexts
  // several times in a run of reasonable length: it answers as long a prefix
  // of the same contexts as its time budget allows (at least PEER_MIN_CONTEXTS),
  // and the report gives the count.
  const peer = async (engine: string, decide: (c: unknown) => Promise<Label>) => {
    log(`  ${family} ${scenarios}: checking and timing ${engine}`);
    const labels: Label[] = [];
    const start = process.hrtime.bigint();
    for (const c of contexts) {
      labels.push(await decide(c));
      if (labels.length >= PEER_MIN_CONTEXTS && Number(process.hrtime.bigint() - start) / 1e6 > options.peerPassMillis) break;
    }
    const on = contexts.slice(0, labels.length);
    assertSame(engine, expected, labels, on);
    const load = loadavg()[0]!;
    engines.push({ engine, load, timing: await measureAsync(decide, on, options.peerMeasure), contexts: on.length });
  };
  if (!spec.peers) return { ...base, ...shape, runtime: { engines, coldStartMillis, coldLoad, warmup }, note: null };
  const zen = zenSplitPeer(table, DISPATCH_PATH);
  await peer("Zen (split by category)", (c) => zen.decide(c));
  const rules = rulesEngineSplitPeer(table, DISPATCH_PATH);
  await peer("json-rules-engine (split by category)", (c) => rules.decide(c));
  return { ...base, ...shape, runtime: { engines, coldStartMillis, coldLoad, warmup }, note: null };
}
