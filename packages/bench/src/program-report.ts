/**
 * Writes the program benchmark as Markdown: artifacts, `scn check` and
 * `scn build` as separate processes, time per decision of every engine,
 * cold start and warm-up, and each target of docs/benchmarks.md with the
 * measurement that meets or misses it. A figure that is missing says why.
 */
import { cpus, release, totalmem } from "node:os";
import { createRequire } from "node:module";
import type { CommandRun, Curve, Family, ProgramResult, UnoptimizedCurve, WalkWork } from "./program-bench.js";
import { CHECKED_HAND, HAND, MODULE, PEER_MIN_CONTEXTS, RUNTIME } from "./program-bench.js";
import type { Limits } from "./run-plan.js";
import { judgeTargets } from "./targets.js";

const require = createRequire(import.meta.url);

function version(name: string): string {
  try {
    return (require(`${name}/package.json`) as { version: string }).version;
  } catch {
    return "unknown";
  }
}

const int = (n: number) => n.toLocaleString("en-US");

/**
 * A time in nanoseconds in the unit it reads best in. The unit is chosen by
 * the value as it will be rounded, so 999.6 ns reads "1.00 µs", not
 * "1000 ns" (as the run of 2026-12-05 03:46 UTC printed it).
 */
export function ns(value: number): string {
  if (Math.round(value / 10) >= 100_000) return `${(value / 1e6).toFixed(2)} ms`;
  if (Math.round(value) >= 1e3) return `${(value / 1e3).toFixed(2)} µs`;
  return `${value.toFixed(0)} ns`;
}

function mb(bytes: number | null): string {
  if (bytes === null) return "—";
  return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${(bytes / 1e3).toFixed(0)} KB`;
}

function times(value: number | null, base: number): string {
  return value === null ? "" : ` (${(value / base).toFixed(1)}×)`;
}

const load = (value: number) => `load ${value.toFixed(1)}`;

function command(run: CommandRun): string {
  if (!run.ok) return `${run.failure ?? "failed"} (${load(run.load)})`;
  const runs = run.wallRuns === undefined ? "" : ` (median of ${run.wallRuns.length}: ${run.wallRuns.map((w) => w.toFixed(2)).join(", ")} s)`;
  return `${run.wallSeconds.toFixed(2)} s wall${runs} · ${run.cpuSeconds.toFixed(2)} s CPU · ${run.maxRssMiB.toFixed(0)} MiB (${load(run.load)})`;
}

function timeOf(result: ProgramResult, engine: string): number | undefined {
  return result.runtime?.engines.find((e) => e.engine === engine)?.timing.medianNs;
}

export const ENGINES = [MODULE, RUNTIME, HAND, CHECKED_HAND, "Zen (split by category)", "json-rules-engine (split by category)"] as const;

export interface ProgramReportInput {
  readonly command: string;
  readonly quick: boolean;
  readonly measuredOn: string;
  readonly results: readonly ProgramResult[];
  /** Sizes not run, with the reason, per family. */
  readonly skipped: readonly { family: Family; scenarios: number; reason: string }[];
  readonly runs: number;
  readonly contexts: number;
  readonly limits: Limits;
  /** The run as a whole: its wall seconds, the load averages sampled during it, a bare node start at its start and end. */
  readonly run: { readonly seconds: number; readonly loads: readonly number[]; readonly nodeMillis: readonly number[] };
}

const FAMILY_TEXT: Record<Family, string> = {
  "best-case": "best case: every category scenario keyed by a unique category, broad scenarios at higher priorities",
  overlap: "realistic: 2–3 conditions over six fields, overlapping age and spend ranges, distinct priorities",
  keyed: "realistic, about five scenarios per category with overlapping ranges inside a category",
  wide: "realistic overlap, variations on wide segments (four or five fields, a disjunction)",
  retail: "the examples/retail project as one file (two decisions, segments, an experiment); its `store_returns` decision is timed against a function written by hand (peer-retail.ts) that returns the same full answers, compared field by field",
};

export function renderProgramReport(input: ProgramReportInput): string {
  const lines: string[] = [];
  const cpu = cpus()[0]?.model ?? "unknown CPU";
  lines.push("# Benchmarks", "");
  lines.push(
    `Measured ${input.measuredOn} by \`${input.command}\`${input.quick ? " (quick smoke run: fewer programs, sizes and runs; not for quoting)" : ""}.`,
    "",
    `- Machine: ${cpu}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Linux ${release()}. The cores are shared with other work, so wall times are noisy; CPU times and medians are the figures to compare.`,
    `- Node.js ${process.version}; scn ${version("@scn/compiler")}; json-rules-engine ${version("json-rules-engine")}; @gorules/zen-engine ${version("@gorules/zen-engine")}`,
    `- Programs (packages/bench/src): ${(Object.keys(FAMILY_TEXT) as Family[]).map((f) => `\`${f}\` (${FAMILY_TEXT[f]})`).join("; ")}.`,
    "- `scn check` and `scn build` (default targets: json, js, dts, vectors) run as separate processes under `/usr/bin/time`, as a user runs them: wall time, CPU time (user + system) and peak RSS. A command that takes less than 5 s runs three times and the table gives the run with the median wall time (its CPU with it), every run's wall time, and the highest peak of the three; a longer one runs once.",
    `- Every engine answers the same ${int(input.contexts)} generated contexts (fixed seed), and every engine's answers are checked equal to the JSON runtime's on all of them before anything is timed. Time per decision is the median of ${input.runs} runs over all the contexts, after warm-up (runs continue while they get faster by a tenth, for at most ${input.quick ? 5 : 15} s). The JS module, the JSON runtime and the two hand-written functions are each timed in a \`node\` process of their own (engines timed in one process change each other's speed), one after the other: each is warmed up in turn, then every round times each once, so that their ratios compare runs taken moments apart ("Each engine in a process of its own" below).`,
    "- Peers are set up as a competent user would: the hand-written function is generated from the program, dispatches through a Map on the category (and the scenarios naming no category through a second Map on the field most of them test for equality, the app version in `best-case`) and returns the same full answer (for `retail` it is written by hand and dispatches on the order's channel); Zen and json-rules-engine (not set up for `retail`, shown as —) get one small table per category found through a Map plus one shared table of the rows that name no category (the earlier row of the two answers wins), and are called the way their users call them, one awaited call per decision.",
    `- The hand-written function is timed twice: as such code is usually written (straight property reads, a well-typed context assumed), the baseline of the targets; and as \`${CHECKED_HAND}\`, the same function reading the context as scn's runtime must (own properties of non-array objects only, each read at most once per decision and only when needed, a throwing step or a value of the wrong type absent, lists copied), one memoized reader per field (checked-reads.ts; peer-retail-checked.ts for \`retail\`). Its ratio to the plain function is what that contract costs any evaluator that keeps it (\"What the read contract costs\" below).`,
    `- Limits, so that ${input.quick ? "the run stays short" : "the run ends within about 25 minutes"} whatever the compiler's speed: Zen and json-rules-engine have ${input.limits.peerBudgetSeconds} s each per program: they answer the contexts in order for a quarter of it (at least ${PEER_MIN_CONTEXTS} contexts, however long they take), are checked on that prefix, and are timed on it: that first pass is the warm-up, and one to three timed passes follow, as many as the rest of the budget holds; when the prefix is shorter than all the contexts the table gives its length. \`scn check\` and \`scn build\` have ${input.limits.commandSeconds.small} s of wall time each below 10,000 scenarios and ${input.limits.commandSeconds.large} s at 10,000; the runtime part of a program (loading, checking and timing every engine) has ${input.limits.runtimeSeconds} s and a ${input.limits.runtimeHeapMiB} MiB heap, in a process of its own. Programs run smallest first, the retail example before the 10,000-scenario programs; a program that would start more than ${input.limits.budgetMinutes} minutes into the run is not run, and every limit is cut to what is left of those minutes. Whatever a limit stops is reported as such below, never left out.`,
    "- Cold start: a fresh `node` process imports the artifact and answers one context; the figure is the time since the process started (median of several processes). Warm-up: a fresh process's mean time per decision over its first 1,000, 10,000 and 100,000 calls, after one full collection has moved the parsed contexts out of V8's young generation (a service's requests leave none there; \"The warm-up child collects the contexts first\" below).",
    "- Every figure carries the machine's one-minute load average when it was taken (`load 1.0` is one core's worth of other work waiting or running; the machine has two cores).",
    "",
  );

  lines.push("## Artifacts", "");
  lines.push("| program | scenarios | source | rows | index nodes | JS module | bundle JSON | vectors |");
  lines.push("| --- | --- | --- | --- | --- | --- | --- | --- |");
  for (const r of input.results) {
    const src = r.bytes.source;
    lines.push(
      `| ${r.family} | ${int(r.scenarios)} | ${mb(src)} | ${r.rows === null ? "—" : int(r.rows)} | ${r.indexNodes === null ? "—" : int(r.indexNodes)} | ${mb(r.bytes.module)}${times(r.bytes.module, src)} | ${mb(r.bytes.bundle)}${times(r.bytes.bundle, src)} | ${mb(r.bytes.vectors)} |`,
    );
  }

  lines.push("", "## Compiler, as separate processes", "");
  lines.push("| program | scenarios | `scn check` | `scn build` |");
  lines.push("| --- | --- | --- | --- |");
  for (const r of input.results) lines.push(`| ${r.family} | ${int(r.scenarios)} | ${command(r.check)} | ${command(r.build)} |`);
  for (const s of input.skipped) lines.push(`| ${s.family} | ${int(s.scenarios)} | not run: ${s.reason} | |`);
  const growth: string[] = [];
  for (const family of new Set(input.results.map((r) => r.family))) {
    const done = input.results.filter((r) => r.family === family && r.build.ok && r.check.ok);
    for (let i = 1; i < done.length; i++) {
      const a = done[i - 1]!;
      const b = done[i]!;
      const exponent = (x: number, y: number) => (Math.log(y / x) / Math.log(b.scenarios / a.scenarios)).toFixed(2);
      const sizes =
        a.bytes.module !== null && b.bytes.module !== null && a.bytes.bundle !== null && b.bytes.bundle !== null
          ? `, module bytes ${exponent(a.bytes.module, b.bytes.module)}, bundle bytes ${exponent(a.bytes.bundle, b.bytes.bundle)}`
          : "";
      const nodes = a.indexNodes !== null && b.indexNodes !== null ? `, index nodes ${exponent(a.indexNodes, b.indexNodes)}` : "";
      growth.push(`- ${family}, ${int(a.scenarios)} → ${int(b.scenarios)}: build CPU ${exponent(a.build.cpuSeconds, b.build.cpuSeconds)}, check CPU ${exponent(a.check.cpuSeconds, b.check.cpuSeconds)}${sizes}${nodes}`);
    }
  }
  if (growth.length > 0) lines.push("", "Growth exponents between sizes (1 = linear; n log n is about 1.1 over a factor of ten; 2 = quadratic):", "", ...growth);

  lines.push("", "## Runtime: time per decision (steady state)", "");
  lines.push(`| program | scenarios | ${ENGINES.join(" | ")} | module ÷ hand-written | JSON runtime ÷ hand-written | checked reads ÷ hand-written | the walk, per decision | load |`);
  lines.push(`| --- | --- | ${ENGINES.map(() => "---").join(" | ")} | --- | --- | --- | --- | --- |`);
  for (const r of input.results) {
    if (r.runtime === null) {
      lines.push(`| ${r.family} | ${int(r.scenarios)} | ${r.note ?? (r.build.ok ? "not measured" : `not measured: \`scn ${r.check.ok ? "build" : "check"}\` ${(r.check.ok ? r.build : r.check).failure ?? "failed"}`)} |${ENGINES.slice(1).map(() => "").join(" |")} | | | | | |`);
      continue;
    }
    const hand = timeOf(r, HAND)!;
    const checked = timeOf(r, CHECKED_HAND);
    const cells = ENGINES.map((engine) => {
      const result = r.runtime!.engines.find((e) => e.engine === engine);
      if (result === undefined) return "—";
      const all = r.runtime!.engines[0]!.contexts;
      return `${ns(result.timing.medianNs)}${result.contexts < all ? ` (first ${int(result.contexts)} contexts)` : ""}`;
    });
    const loads = r.runtime.engines.map((e) => e.load);
    const loadRange = `${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}`;
    lines.push(`| ${r.family} | ${int(r.scenarios)} | ${cells.join(" | ")} | ${(timeOf(r, MODULE)! / hand).toFixed(2)}× | ${(timeOf(r, RUNTIME)! / hand).toFixed(2)}× | ${checked === undefined ? "—" : `${(checked / hand).toFixed(2)}×`} | ${walkText(r.runtime.walk)} | ${loadRange} |`);
  }

  for (const skip of input.skipped) lines.push(`| ${skip.family} | ${int(skip.scenarios)} | not run: ${skip.reason} |${ENGINES.slice(1).map(() => "").join(" |")} | | | | | |`);
  lines.push(
    "",
    "The walk, per decision: the index nodes a decision steps through and the candidate rows it tries in the leaves it reaches, mean over the contexts, from `explain`'s trace of the walk the module and the JSON runtime both run (docs/runtime.md, \"Performance\"); the hand-written function reaches the code of the scenarios that can answer through one or two Map lookups instead.",
  );

  lines.push("", "## Cold start and warm-up", "");
  lines.push("| program | scenarios | cold start, module | cold start, JSON runtime | module: first 1k / 10k / 100k calls | JSON runtime: first 1k / 10k / 100k calls | first 10k ÷ steady (module) | module, optimizing compiler off: first 1k / 10k calls | load |");
  lines.push("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
  const curve = (c: Curve) => `${ns(c.first1k)} / ${ns(c.first10k)} / ${ns(c.first100k)}`;
  for (const r of input.results) {
    if (r.runtime === null) continue;
    const steady = timeOf(r, MODULE)!;
    lines.push(
      `| ${r.family} | ${int(r.scenarios)} | ${r.runtime.coldStartMillis.module.toFixed(0)} ms | ${r.runtime.coldStartMillis.bundle.toFixed(0)} ms | ${curve(r.runtime.warmup.module)} | ${curve(r.runtime.warmup.bundle)} | ${(r.runtime.warmup.module.first10k / steady).toFixed(1)}× | ${unoptimized(r.runtime.warmup.unoptimizedModule)} | ${r.runtime.coldLoad.toFixed(1)} |`,
    );
  }
  lines.push(
    "",
    "Optimizing compiler off: the same child run with `--max-opt=1`, so that V8 runs the module in its interpreter and its baseline compiler only, as it runs every call until a function's optimized code arrives; measured at 1,000 scenarios, the size the warm-up target covers. The targets below use it to say where the first 10,000 calls' time went.",
    "",
  );
  lines.push(...trust(input), "");
  lines.push(...targetsTable(input), "");
  return lines.join("\n");
}

/** The walk's work per decision, as the steady-state table shows it. */
function walkText(walk: WalkWork): string {
  return `${walk.steps.toFixed(1)} steps, ${walk.rowsTried.toFixed(1)} rows tried`;
}

/** The first 1,000 and 10,000 calls without V8's optimizing compiler, where measured. */
function unoptimized(curve: UnoptimizedCurve | null): string {
  return curve === null ? "—" : `${ns(curve.first1k)} / ${ns(curve.first10k)}`;
}

/** "How far to trust these figures", from this run's own load averages and start-up times. */
function trust(input: ProgramReportInput): string[] {
  const cores = cpus().length;
  const loads = input.run.loads;
  const low = Math.min(...loads);
  const high = Math.max(...loads);
  const minutes = input.run.seconds / 60;
  const [nodeStart, nodeEnd] = input.run.nodeMillis;
  const busy =
    high < 1
      ? "the machine was close to idle for the whole run, so wall times are close to CPU times"
      : high <= cores
        ? `other work took up to ${high.toFixed(1)} of the ${cores} cores at times, so some wall times include waiting for a core`
        : `other work wanted more than the ${cores} cores at times (up to ${high.toFixed(1)} processes running or waiting), so wall times include waiting for a core: CPU times, and ratios between engines timed in the same interleaved rounds, are the figures to trust`;
  const cut = [
    ...input.results.filter((r) => !r.check.ok || !r.build.ok || r.runtime === null).map((r) => `${r.family} ${int(r.scenarios)}`),
    ...input.skipped.map((s) => `${s.family} ${int(s.scenarios)}`),
  ];
  return [
    "## How far to trust these figures",
    "",
    `This run took ${minutes.toFixed(1)} minutes. The machine's one-minute load average was ${loads[0]!.toFixed(1)} when it started and ${loads[loads.length - 1]!.toFixed(1)} when it ended, between ${low.toFixed(1)} and ${high.toFixed(1)} at the ${loads.length} steps the run logged; with ${cores} cores, ${busy}. Each row gives the load when its figures were taken.` +
      ` A bare \`node\` process took ${nodeStart?.toFixed(0) ?? "?"} ms to start at the beginning of the run and ${nodeEnd?.toFixed(0) ?? "?"} ms at its end (median of 5); every cold start above includes that, so the module's own part of a cold start is the difference.` +
      (cut.length > 0 ? ` Cut by a limit or not run: ${cut.join(", ")} (the tables say which and why).` : " No limit cut anything."),
  ];
}

/** "Targets, met or missed", judged from this run (targets.ts). */
function targetsTable(input: ProgramReportInput): string[] {
  const verdicts = judgeTargets(input.results, input.skipped, input.run.nodeMillis);
  return [
    "## Targets, met or missed",
    "",
    `Judged by \`${input.command}\` from the figures above (packages/bench/src/targets.ts), so the verdicts are this run's. Times are wall times as a user meets them, at the loads shown; CPU times are beside them. Growth exponents compare the smallest and the largest size built; a process's fixed start-up (about a second of CPU) flatters the growth from 100 scenarios.`,
    "",
    "| target | verdict | measured in this run |",
    "| --- | --- | --- |",
    ...verdicts.map((v) => `| ${v.target} | ${v.verdict} | ${v.detail} |`),
  ];
}
