/**
 * Measures `scn report` on the benchmark's generated programs of 1,000
 * scenarios (docs/benchmarks.md, "Catalog and playground"): the command runs
 * as a separate process under /usr/bin/time, as a user runs it, and the
 * figures are wall time, CPU time (user + system), peak memory and the sizes
 * of what it wrote.
 *
 * Usage: node packages/report/scripts/measure.mjs [scenarios=1000]   (after pnpm run build)
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const { generateProgram } = await import(join(root, "packages/bench/dist/generate-program.js"));
const { generateRealistic } = await import(join(root, "packages/bench/dist/generate-realistic.js"));
const scenarios = Number(process.argv[2] ?? 1000);

const programs = [
  ["best-case", generateProgram(scenarios)],
  ["keyed", generateRealistic("keyed", scenarios)],
];
const results = [];
for (const [name, text] of programs) {
  const dir = mkdtempSync(join(tmpdir(), "scn-report-measure-"));
  try {
    writeFileSync(join(dir, "program.scn"), text);
    const run = spawnSync("/usr/bin/time", ["-f", "%e %U %S %M", process.execPath, join(root, "packages/cli/bin/scn.js"), "report", dir, "-o", join(dir, "site"), "--today", "2026-12-03"], { encoding: "utf8" });
    if (run.status !== 0) throw new Error(`scn report failed on ${name}: ${run.stderr}`);
    const [wall, user, system, rss] = run.stderr.trim().split("\n").pop().split(" ").map(Number);
    results.push({
      program: name,
      scenarios,
      sourceBytes: Buffer.byteLength(text),
      wallSeconds: wall,
      cpuSeconds: Number((user + system).toFixed(2)),
      peakMiB: Math.round(rss / 1024),
      htmlBytes: statSync(join(dir, "site", "index.html")).size,
      jsonBytes: statSync(join(dir, "site", "report.json")).size,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
console.log(JSON.stringify(results, null, 2));
