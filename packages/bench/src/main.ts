/**
 * `pnpm bench [--quick]`: every program family at each size, measured as a
 * user meets it (program-bench.ts), then the report. The full run writes
 * docs/benchmarks.md; `--quick` (a one-minute smoke run that CI may use)
 * runs two small programs with fewer contexts and runs and writes
 * out/benchmarks-quick.md, leaving the published figures alone.
 * `--scoring` runs only the scoring section (score-bench.ts: `scn score` on
 * 1M and 10M generated contexts; `--quick --scoring` on 100k) and writes it
 * into the report, whose rewrite by a full run keeps it. The cost of
 * experiment assignment (assignment-bench.ts) follows as a section of its own. A size
 * whose build does not finish in time is reported as such, and the larger
 * sizes of that family are then not run. The order and the limits that keep
 * a full run near 25 minutes are in run-plan.ts; `--budget-minutes=N`
 * changes the budget, and `--only=family:size,…` runs those programs alone
 * into out/benchmarks-only.md (to time one of them). Nothing here asserts a
 * timing.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { programBench, retailSource, type Family, type ProgramResult } from "./program-bench.js";
import { FULL_LIMITS, plan, QUICK_LIMITS, type Limits } from "./run-plan.js";
import { compile } from "@scn/compiler";
import { renderProgramReport } from "./program-report.js";
import { renderScoreSection, scoreBench, scoreSectionOf, withScoreSection } from "./score-bench.js";
import { assignmentBench, renderAssignmentSection, writeAssignmentSection } from "./assignment-bench.js";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));

/** The line after which docs/benchmarks.md is written by hand (targets met or missed, causes, the language server); a run keeps it. */
export const KEPT_MARKER = "<!-- Written by hand from here on; pnpm bench keeps it. -->";

/** The hand-written part of an existing report, marker included, or nothing. */
function keptAnalysis(target: string): string {
  if (!existsSync(target)) return "";
  const text = readFileSync(target, "utf8");
  const at = text.indexOf(KEPT_MARKER);
  return at < 0 ? "" : "\n" + text.slice(at);
}

/** How many scenarios the retail example declares (every decision, drafts included). */
function retailScenarios(): number {
  return compile([{ path: "retail.scn", text: retailSource() }], { stopAfter: "check" }).program.scenarios.length;
}

/** The median wall time of a bare `node` start, in ms: what any fresh process pays on this machine at this moment. */
function bareNodeMillis(times: number): number {
  const runs: number[] = [];
  for (let i = 0; i < times; i++) {
    const run = spawnSync(process.execPath, ["-e", "process.stdout.write(String(performance.now()))"], { encoding: "utf8" });
    runs.push(Number(run.stdout));
  }
  runs.sort((a, b) => a - b);
  return runs[Math.floor(runs.length / 2)]!;
}

async function main(argv: readonly string[]): Promise<number> {
  const quick = argv.includes("--quick");
  if (argv.includes("--scoring")) return scoring(quick);
  const budgetArgument = argv.find((a) => a.startsWith("--budget-minutes="));
  const budget = budgetArgument === undefined ? null : Number(budgetArgument.slice("--budget-minutes=".length));
  if (budget !== null && !(Number.isFinite(budget) && budget > 0)) {
    process.stderr.write(`bench: --budget-minutes needs a number of minutes above 0, got \`${budgetArgument!.slice("--budget-minutes=".length)}\`\n`);
    return 2;
  }
  const limits: Limits = { ...(quick ? QUICK_LIMITS : FULL_LIMITS), ...(budget !== null ? { budgetMinutes: budget } : {}) };
  const families: Family[] = quick ? ["best-case", "overlap"] : ["best-case", "overlap", "keyed", "wide"];
  const sizes = quick ? [100] : [100, 1000, 10000];
  const runs = quick ? 3 : 5;
  const contexts = quick ? 1000 : 10000;
  const started = Date.now();
  const elapsed = () => (Date.now() - started) / 1000;
  const clock = () => {
    const s = Math.round(elapsed());
    return `[${String(Math.floor(s / 60)).padStart(2, "0")}:${String(s % 60).padStart(2, "0")} load ${loadavg()[0]!.toFixed(1)}]`;
  };
  // The load average is sampled at every step the log reports (the measurements block the event loop, so a timer would not fire).
  const loads: number[] = [];
  const log = (line: string) => {
    loads.push(loadavg()[0]!);
    process.stdout.write(`${clock()} ${line}\n`);
  };
  const deadline = started + limits.budgetMinutes * 60_000;
  const nodeAtStart = bareNodeMillis(5);
  log(`budget ${limits.budgetMinutes} min; a bare node process starts in ${nodeAtStart.toFixed(0)} ms`);
  const results: ProgramResult[] = [];
  const skipped: { family: Family; scenarios: number; reason: string }[] = [];
  const failedAt = new Map<Family, number>();
  // `--only=family:size,…` runs those programs alone (to time one of them) and writes out/benchmarks-only.md.
  const onlyArgument = argv.find((a) => a.startsWith("--only="));
  const only = onlyArgument === undefined ? null : new Set(onlyArgument.slice("--only=".length).split(","));
  const steps = plan(families, sizes, quick ? null : retailScenarios()).filter((s) => only === null || only.has(`${s.family}:${s.scenarios}`));
  for (const step of steps) {
    const failed = failedAt.get(step.family);
    if (failed !== undefined && failed < step.scenarios) {
      skipped.push({ ...step, reason: `the ${failed.toLocaleString("en-US")}-scenario program did not build` });
      continue;
    }
    if (Date.now() >= deadline) {
      skipped.push({ ...step, reason: `the run's budget of ${limits.budgetMinutes} minutes was spent before it started` });
      continue;
    }
    log(`${step.family}: ${step.scenarios} scenarios`);
    const large = step.scenarios >= 10_000;
    const result = await programBench(
      step.family,
      step.scenarios,
      {
        // Each limit is also cut to what is left of the budget when its part starts (program-bench.ts).
        deadline,
        commandLimitMillis: (large ? limits.commandSeconds.large : limits.commandSeconds.small) * 1000,
        runtimeLimitMillis: limits.runtimeSeconds * 1000,
        runtimeHeapMiB: limits.runtimeHeapMiB,
        contexts,
        measure: { runs, warmups: quick ? 1 : 2, minMillis: quick ? 50 : 250, minWarmupMillis: quick ? 0 : 2_000, maxWarmupMillis: quick ? 5_000 : 15_000 },
        peerBudgetMillis: limits.peerBudgetSeconds * 1000,
        coldStarts: quick ? 3 : 5,
      },
      log,
    );
    results.push(result);
    log(`${step.family} ${step.scenarios}: done in ${result.benchSeconds.toFixed(0)} s`);
    if (!result.build.ok) failedAt.set(step.family, step.scenarios);
  }
  const nodeAtEnd = bareNodeMillis(5);
  log(`programs done; a bare node process starts in ${nodeAtEnd.toFixed(0)} ms`);
  const report = renderProgramReport({
    command: `pnpm bench${argv.length > 0 ? ` ${argv.join(" ")}` : ""}`,
    quick,
    measuredOn: new Date(started).toISOString().slice(0, 16).replace("T", " ") + " UTC",
    results,
    skipped,
    runs,
    contexts,
    limits,
    run: { seconds: elapsed(), loads, nodeMillis: [nodeAtStart, nodeAtEnd] },
  });
  const target = only !== null ? join(ROOT, "out", "benchmarks-only.md") : quick ? join(ROOT, "out", "benchmarks-quick.md") : join(ROOT, "docs", "benchmarks.md");
  mkdirSync(dirname(target), { recursive: true });
  // The scoring section is measured by `--scoring` on its own; a rewrite keeps it, as it keeps the hand-written part.
  const kept = keptAnalysis(target);
  const scoringSection = existsSync(target) ? scoreSectionOf(readFileSync(target, "utf8")) : undefined;
  const text = report + kept;
  writeFileSync(target, scoringSection === undefined || text.includes("<!-- scoring:start -->") ? text : withScoreSection(text, scoringSection));
  process.stdout.write("\n" + report + "\n");
  if (only === null) {
    const assignment = renderAssignmentSection(await assignmentBench({ quick }, log));
    writeAssignmentSection(target, assignment);
    process.stdout.write("\n" + assignment + "\n");
  }
  log(`written to ${target}`);
  return 0;
}

/** `pnpm bench --scoring`: the scoring section alone, written into the report. */
async function scoring(quick: boolean): Promise<number> {
  const log = (line: string) => process.stdout.write(line + "\n");
  const sizes = quick ? [100_000] : [1_000_000, 10_000_000];
  const result = await scoreBench(sizes, join(ROOT, "out", "score-bench"), log);
  const section = renderScoreSection(result, new Date().toISOString().slice(0, 10), quick ? "pnpm bench --quick --scoring" : "pnpm bench --scoring");
  const target = quick ? join(ROOT, "out", "benchmarks-quick.md") : join(ROOT, "docs", "benchmarks.md");
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, withScoreSection(existsSync(target) ? readFileSync(target, "utf8") : "# Benchmarks\n", section));
  log("\n" + section);
  log(`written to ${target}`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
