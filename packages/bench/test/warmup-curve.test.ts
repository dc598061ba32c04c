import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { compile, emitJs } from "@scn/compiler";
import { generateProgram } from "../src/generate-program.js";
import { generateContexts } from "../src/generate-contexts.js";
import { unoptimizedCurve, warmupCurve } from "../src/warmup-curve.js";

// The warm-up child as the bench runs it (docs/benchmarks.md, "The warm-up
// child collects the contexts first"): the parsed contexts leave the young
// generation before the artifact is imported, and the curve is measured.
describe("the warm-up curve", () => {
  const dir = mkdtempSync(join(tmpdir(), "scn-warmup-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const front = compile([{ path: "g.scn", text: generateProgram(40) }], { analyze: false });
  const bundle = front.compiled!.bundle;
  const modulePath = join(dir, "p.mjs");
  const bundlePath = join(dir, "p.scn.json");
  const contextsFile = join(dir, "contexts.json");
  writeFileSync(modulePath, emitJs(bundle));
  writeFileSync(bundlePath, JSON.stringify(bundle));
  writeFileSync(contextsFile, JSON.stringify(generateContexts(40, 10_000)));

  it.each(["module", "bundle"] as const)("of the %s is measured after the contexts left the young generation", (kind) => {
    const report = warmupCurve(kind, kind === "module" ? modulePath : bundlePath, contextsFile, "next_best_action", 60_000);
    for (const mean of [report.first1k, report.first10k, report.first100k]) expect(mean).toBeGreaterThan(0);
    // Parsing 10,000 contexts leaves megabytes young; the collection leaves next to nothing.
    expect(report.youngBytesBefore).toBeGreaterThan(1_000_000);
    expect(report.youngBytesAfter).toBeLessThan(report.youngBytesBefore / 20);
    expectBlocks(report.elapsed10k, report.first10k);
  });

  it("without V8's optimizing compiler runs the first 10,000 calls alone", () => {
    const report = unoptimizedCurve("module", modulePath, contextsFile, "next_best_action", 60_000);
    expect(report.first1k).toBeGreaterThan(0);
    expectBlocks(report.elapsed10k, report.first10k);
  });

  /** A reading of the clock every 250 calls up to 10,000, rising, the last one the 10,000 calls' mean times 10,000. */
  function expectBlocks(elapsed: readonly number[], first10k: number): void {
    expect(elapsed).toHaveLength(40);
    for (let i = 1; i < elapsed.length; i++) expect(elapsed[i]).toBeGreaterThan(elapsed[i - 1]!);
    // The mean is read a moment after the last block's clock.
    expect(first10k * 10_000).toBeGreaterThanOrEqual(elapsed[39]!);
    expect(first10k * 10_000).toBeLessThan(elapsed[39]! * 1.05);
  }
});
