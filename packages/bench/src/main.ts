/**
 * `pnpm bench [--quick]`: the runtime benchmark at each size, then the
 * compiler benchmark, then the report. The full run writes
 * docs/benchmarks.md; `--quick` (a one-minute smoke run that CI may use) runs
 * the small sizes only and writes out/benchmarks-quick.md, leaving the
 * published figures alone. Nothing here asserts a timing.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { runtimeBench, type SizeResult } from "./runtime-bench.js";
import { compileBench } from "./compile-bench.js";
import { renderReport } from "./report.js";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));

async function main(argv: readonly string[]): Promise<number> {
  const quick = argv.includes("--quick");
  const runtimeSizes = quick ? [10, 100] : [10, 100, 1000, 10000];
  const compileSizes = quick ? [100, 300] : [100, 1000, 10000];
  const runs = quick ? 3 : 5;
  const log = (line: string) => process.stdout.write(line + "\n");
  // The compiler first, each size in a child process with a time limit: a
  // size that does not compile in time is reported as such, and the runtime
  // benchmark then skips the sizes above the largest that compiled.
  const compiler = compileSizes.map((size) => {
    log(`compiler benchmark: ${size} scenarios`);
    return compileBench(size, quick ? 120_000 : 300_000);
  });
  const compiled = compiler.filter((c) => !("failed" in c)).map((c) => c.scenarios);
  const largest = Math.max(10, ...compiled);
  const runtime: SizeResult[] = [];
  for (const size of runtimeSizes.filter((s) => s <= largest)) {
    log(`runtime benchmark: ${size} scenarios`);
    runtime.push(
      await runtimeBench(
        size,
        {
          contexts: quick ? 1000 : 10000,
          measure: { runs, warmups: quick ? 1 : 2, minMillis: quick ? 50 : 250, minWarmupMillis: quick ? 0 : 15_000 },
          handwrittenUpTo: 100,
          slowPassMillis: quick ? 100 : 400,
        },
        log,
      ),
    );
  }
  const report = renderReport({
    command: quick ? "pnpm bench --quick" : "pnpm bench",
    quick,
    runtime,
    compiler,
    measuredOn: new Date().toISOString().slice(0, 10),
    runs,
  });
  const target = quick ? join(ROOT, "out", "benchmarks-quick.md") : join(ROOT, "docs", "benchmarks.md");
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, report);
  log("\n" + report);
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
