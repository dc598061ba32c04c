import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { compile, emitJs } from "@scn/compiler";
import { generateProgram } from "../src/generate-program.js";
import { generateContexts } from "../src/generate-contexts.js";
import type { RuntimeRequest } from "../src/program-bench.js";
import { TIMED_ENGINES } from "../src/timed-engines.js";
import { timeEngines } from "../src/timing-driver.js";

// The steady-state engines as the bench times them (docs/benchmarks.md,
// "Each engine in a process of its own"): one real `node` process per
// engine, driven a line at a time, the runs interleaved.
describe("the timing driver", () => {
  const dir = mkdtempSync(join(tmpdir(), "scn-timing-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const text = generateProgram(30);
  const bundle = compile([{ path: "g.scn", text }], { analyze: false }).compiled!.bundle;
  mkdirSync(join(dir, "out"));
  writeFileSync(join(dir, "program.scn"), text);
  writeFileSync(join(dir, "out", "p.mjs"), emitJs(bundle));
  writeFileSync(join(dir, "out", "p.scn.json"), JSON.stringify(bundle));
  writeFileSync(join(dir, "contexts.json"), JSON.stringify(generateContexts(30, 500)));
  const request: RuntimeRequest = {
    family: "best-case",
    scenarios: 30,
    dir,
    measure: { runs: 3, warmups: 1, minMillis: 5, minWarmupMillis: 0, maxWarmupMillis: 1000 },
    peerBudgetMillis: 0,
  };
  const requestFile = join(dir, "request.json");
  writeFileSync(requestFile, JSON.stringify(request));

  it("times every engine in a process of its own, each run of every engine in every round", async () => {
    let warmedUp = false;
    const timings = await timeEngines(TIMED_ENGINES, requestFile, request.measure, [], () => (warmedUp = true));
    expect(warmedUp).toBe(true);
    expect(timings).toHaveLength(TIMED_ENGINES.length);
    for (const timing of timings) {
      expect(timing.runsNs).toHaveLength(3);
      for (const ns of timing.runsNs) expect(ns).toBeGreaterThan(0);
      // Each run loops over all 500 contexts at least once.
      expect(timing.decisionsPerRun % 500).toBe(0);
    }
  });

  it("reports a child that fails, with its error", async () => {
    const broken = join(dir, "broken.json");
    writeFileSync(broken, JSON.stringify({ ...request, dir: join(dir, "missing") }));
    await expect(timeEngines(["scn JS module"], broken, request.measure, [], () => {})).rejects.toThrow(/timing child of scn JS module stopped: timing-child: ENOENT/);
  });
});
