/**
 * One compiler measurement in a fresh process, so that peak memory (max RSS)
 * belongs to that size alone: generate N scenarios, then run the stages of
 * `scn check` and `scn build`, and print the timings as one JSON line.
 */
import { compileGenerated } from "./compile-generated.js";

const scenarios = Number(process.argv[2]);
const start = process.hrtime.bigint();
const built = compileGenerated(scenarios, { analyze: true });
const totalMillis = Number(process.hrtime.bigint() - start) / 1e6;
const stats = built.compiled.stats[0]!;
process.stdout.write(
  JSON.stringify({
    scenarios,
    millis: built.millis,
    totalMillis,
    rowsBefore: stats.rowsBefore,
    rowsAfter: stats.rowsAfter,
    indexNodes: stats.indexNodes,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
  }) + "\n",
);
