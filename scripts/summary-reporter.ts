/**
 * Prints one plain closing line, `tests: N passed, N failed[, N skipped]`,
 * after vitest's own report, so that any CI reading the end of the log sees
 * the counts in a runner-neutral form. Before it, the ten slowest test files
 * with their durations: the suite has a time budget (ARCHITECTURE.md, "Testing"), and a
 * file that grows past it should be visible in every CI log, not found later.
 */
import type { Reporter, TestModule } from "vitest/node";

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === "passed") passed++;
        else if (state === "failed") failed++;
        else skipped++;
      }
      // A file that failed to load has no tests but is a failure all the same.
      if (module.state() === "failed" && [...module.children.allTests()].length === 0) failed++;
    }
    const slowest = [...testModules]
      .map((module) => ({ file: module.relativeModuleId, milliseconds: module.diagnostic().duration }))
      .sort((a, b) => b.milliseconds - a.milliseconds)
      .slice(0, 10);
    if (slowest.length > 0) {
      process.stdout.write("\nslowest test files:\n");
      for (const { file, milliseconds } of slowest) process.stdout.write(`  ${(milliseconds / 1000).toFixed(1).padStart(6)} s  ${file}\n`);
    }
    const tail = skipped > 0 ? `, ${skipped} skipped` : "";
    process.stdout.write(`\ntests: ${passed} passed, ${failed} failed${tail}\n`);
  }
}
