/**
 * `pnpm bench:assignment`: only the experiment assignment measurement
 * (assignment-bench.ts), which `pnpm bench` also runs, written into its
 * section of docs/benchmarks.md without re-running the program benchmark.
 */
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { assignmentBench, renderAssignmentSection, writeAssignmentSection } from "./assignment-bench.js";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const log = (line: string) => process.stdout.write(line + "\n");

assignmentBench({ quick: process.argv.includes("--quick") }, log).then(
  (result) => {
    const section = renderAssignmentSection(result);
    log("\n" + section);
    if (!process.argv.includes("--quick")) {
      const target = join(ROOT, "docs", "benchmarks.md");
      writeAssignmentSection(target, section);
      log(`written to ${target}`);
    }
  },
  (error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
