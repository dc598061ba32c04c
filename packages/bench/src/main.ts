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
 * sizes of that family are then not run. Nothing here asserts a timing.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { programBench, retailSource, type Family, type ProgramResult } from "./program-bench.js";
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

async function main(argv: readonly string[]): Promise<number> {
  const quick = argv.includes("--quick");
  if (argv.includes("--scoring")) return scoring(quick);
  const families: Family[] = quick ? ["best-case", "overlap"] : ["best-case", "overlap", "keyed", "wide"];
  const sizes = quick ? [100] : [100, 1000, 10000];
  const runs = quick ? 3 : 5;
  const contexts = quick ? 1000 : 10000;
  const log = (line: string) => process.stdout.write(line + "\n");
  const results: ProgramResult[] = [];
  const skipped: { family: Family; scenarios: number; reason: string }[] = [];
  for (const family of families) {
    let failedAt: number | null = null;
    for (const size of sizes) {
      if (failedAt !== null) {
        skipped.push({ family, scenarios: size, reason: `the ${failedAt.toLocaleString("en-US")}-scenario program did not build` });
        continue;
      }
      log(`${family}: ${size} scenarios`);
      const result = await programBench(
        family,
        size,
        {
          timeoutMillis: quick ? 120_000 : 150_000,
          contexts,
          measure: { runs, warmups: quick ? 1 : 2, minMillis: quick ? 50 : 250, minWarmupMillis: quick ? 0 : 2_000 },
          peerMeasure: { runs: quick ? 1 : 3, warmups: 1, minMillis: 0, minWarmupMillis: 0 },
          peerPassMillis: quick ? 1_000 : 3_000,
          coldStarts: quick ? 3 : 5,
          runtimeUpTo: 10_000,
        },
        log,
      );
      results.push(result);
      if (!result.build.ok) failedAt = size;
    }
  }
  if (!quick) {
    // The retail example at its own size, against a function written by hand.
    log("retail example");
    results.push(
      await programBench(
        "retail",
        retailScenarios(),
        {
          timeoutMillis: 150_000,
          contexts,
          measure: { runs, warmups: 2, minMillis: 250, minWarmupMillis: 2_000 },
          peerMeasure: { runs: 3, warmups: 1, minMillis: 0, minWarmupMillis: 0 },
          peerPassMillis: 3_000,
          coldStarts: 5,
          runtimeUpTo: 10_000,
        },
        log,
      ),
    );
  }
  const report = renderProgramReport({
    command: quick ? "pnpm bench --quick" : "pnpm bench",
    quick,
    measuredOn: new Date().toISOString().slice(0, 10),
    results,
    skipped,
    runs,
    contexts,
  });
  const target = quick ? join(ROOT, "out", "benchmarks-quick.md") : join(ROOT, "docs", "benchmarks.md");
  mkdirSync(dirname(target), { recursive: true });
  // The scoring section is measured by `--scoring` on its own; a rewrite keeps it, as it keeps the hand-written part.
  const kept = keptAnalysis(target);
  const scoringSection = existsSync(target) ? scoreSectionOf(readFileSync(target, "utf8")) : undefined;
  const text = report + kept;
  writeFileSync(target, scoringSection === undefined || text.includes("<!-- scoring:start -->") ? text : withScoreSection(text, scoringSection));
  log("\n" + report);
  const assignment = renderAssignmentSection(await assignmentBench({ quick }, log));
  writeAssignmentSection(target, assignment);
  log("\n" + assignment);
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
