/**
 * `compileWithDetachedAnalysis` against `compile`: with the analysis stage's
 * answer coming from elsewhere (here from `analyzeSources` on the same
 * thread, as a worker would give it), the diagnostics, the bundle and every
 * artifact are the same for any severity settings, and errors the analysis
 * finds (or the settings make) still leave no bundle. `scn build` relies on
 * this (docs/cli.md#the-analysis-runs-beside-the-build); its own tests run
 * the real worker.
 */
import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyzeSources, compile, compileWithDetachedAnalysis, type DetachedAnalysis, type PipelineOptions, type SeveritySetting, type SourceText } from "@scn/compiler";
import { EXAMPLE_PROJECTS } from "./support/examples.js";

const EXAMPLES = new URL("../../../examples/", import.meta.url);

function exampleSources(project: string): SourceText[] {
  const directory = new URL(`${project}/`, EXAMPLES);
  return readdirSync(directory)
    .filter((name) => name.endsWith(".scn"))
    .sort()
    .map((name) => ({ path: name, text: readFileSync(new URL(name, directory), "utf8") }));
}

/** An unreachable pathway (SCN3002) and a scenario that never applies (SCN3004); the CLI's worker tests build the same file. */
const WARNED = readFileSync(new URL("./fixtures/analysis-warnings.scn", import.meta.url), "utf8");

const PROGRAMS: Record<string, SourceText[]> = {
  ...Object.fromEntries(EXAMPLE_PROJECTS.map((project) => [project, exampleSources(project)])),
  warned: [{ path: "warned.scn", text: WARNED }],
  // Two overlapping scenarios at one priority: the analysis reports an error (SCN3001).
  ambiguous: [{ path: "ambiguous.scn", text: WARNED.replace("priority -1", "priority 0") }],
  // Past the lowering limit (SCN3007): no bundle, but the other decisions are still analyzed.
  "too-large": [{ path: "too-large.scn", text: readFileSync(new URL("./fixtures/too-large.scn", import.meta.url), "utf8") }],
  broken: [{ path: "broken.scn", text: WARNED.replace("n > 50", "n > ") }],
};

/** The analysis as a worker would answer it, computed on this thread; `cancelled` records whether the driver cancelled it. */
function inThread(sources: readonly SourceText[], options: PipelineOptions): DetachedAnalysis & { cancelled: boolean } {
  const answer = analyzeSources(sources, { ...(options.today !== undefined ? { today: options.today } : {}), ...(options.limits !== undefined ? { limits: options.limits } : {}) });
  const analysis = {
    cancelled: false,
    result: Promise.resolve(answer),
    cancel: () => {
      analysis.cancelled = true;
    },
  };
  return analysis;
}

const ANALYSIS_CODES = ["SCN3002", "SCN3004", "SCN3005", "SCN3006", "SCN3008", "SCN4012"] as const;
const SETTINGS: readonly SeveritySetting[] = ["error", "warning", "info", "off"];

describe("compileWithDetachedAnalysis", () => {
  it("gives compile's diagnostics, bundle and artifacts, whatever the severity settings", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.keys(PROGRAMS)),
        fc.dictionary(fc.constantFrom(...ANALYSIS_CODES), fc.constantFrom(...SETTINGS)),
        fc.boolean(),
        fc.subarray(["json", "js", "dts", "vectors"] as const),
        async (name, settings, keepLowering, targets) => {
          const sources = PROGRAMS[name]!;
          const options: PipelineOptions = { today: "2026-12-04", severity: new Map(Object.entries(settings)), keepLowering, targets };
          const expected = compile(sources, options);
          const analysis = inThread(sources, options);
          const actual = await compileWithDetachedAnalysis(sources, options, analysis);
          expect(actual.diagnostics).toEqual(expected.diagnostics);
          expect(actual.ok).toBe(expected.ok);
          expect(actual.compiled?.bundle.hash).toBe(expected.compiled?.bundle.hash);
          expect(actual.compiled === null).toBe(expected.compiled === null);
          expect(actual.artifacts).toEqual(expected.artifacts);
          // The worker is stopped exactly when the front end's errors make its answer useless.
          expect(analysis.cancelled).toBe(name === "broken");
        },
      ),
      { numRuns: 30 },
    );
  });

  it("leaves no bundle when the settings raise an analysis warning to an error", async () => {
    const sources = PROGRAMS["warned"]!;
    const options: PipelineOptions = { today: "2026-12-04", severity: new Map([["SCN3002", "error"]]), targets: ["json"] };
    const compilation = await compileWithDetachedAnalysis(sources, options, inThread(sources, options));
    expect(compilation.ok).toBe(false);
    expect(compilation.compiled).toBeNull();
    expect(compilation.artifacts).toEqual([]);
    expect(compilation.diagnostics.filter((d) => d.severity === "error").map((d) => d.code)).toEqual(["SCN3002"]);
  });

  it("fails when the analysis fails, and when this thread fails it cancels the analysis", async () => {
    const sources = PROGRAMS["warned"]!;
    const failing: DetachedAnalysis = { result: Promise.reject(new Error("the worker broke")), cancel: () => {} };
    await expect(compileWithDetachedAnalysis(sources, { today: "2026-12-04" }, failing)).rejects.toThrow("the worker broke");
    const analysis = inThread(sources, {});
    const throwing: PipelineOptions = {
      today: "2026-12-04",
      onStage: (stage) => {
        if (stage === "optimize") throw new Error("a bug while optimizing");
      },
    };
    await expect(compileWithDetachedAnalysis(sources, throwing, analysis)).rejects.toThrow("a bug while optimizing");
    expect(analysis.cancelled).toBe(true);
  });

  it("reports the analysis stage last, after emission", async () => {
    const sources = PROGRAMS["warned"]!;
    const stages: string[] = [];
    const options: PipelineOptions = { today: "2026-12-04", targets: ["json"], onStage: (stage) => stages.push(stage) };
    await compileWithDetachedAnalysis(sources, options, inThread(sources, options));
    expect(stages).toEqual(["parse", "check", "lower", "optimize", "assemble", "emit", "analyze"]);
  });
});
