/**
 * `scn build` with its analysis in a worker thread (docs/cli.md#the-analysis-runs-beside-the-build)
 * against the same build on one thread. These run the installed bin, whose
 * bundle holds the worker's entry, with SCN_ANALYSIS_WORKER forcing the
 * worker on (or off) whatever the program's size: the exit code, standard
 * output and error and every written file must be the same bytes, errors
 * found by the analysis (or raised to errors by the project's settings)
 * must still stop the build before anything is written, and a worker that
 * fails must be reported as an internal error, never waited for.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { spawnSync } from "node:child_process";
import { analysisWorkerMode, usesAnalysisWorker, MAX_WORKER_CHARACTERS, MIN_WORKER_CHARACTERS, MIN_WORKER_CORES } from "../src/workers/analysis-policy.js";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const BIN = join(ROOT, "packages/cli/bin/scn.js");

/** Two scenarios whose analysis finds an unreachable pathway (SCN3002) and a scenario that never applies (SCN3004), both warnings; the compiler's detached-analysis tests read the same file. */
const WARNED = readFileSync(join(ROOT, "packages/compiler/test/fixtures/analysis-warnings.scn"), "utf8");

/** The same program with a second scenario at `wide`'s priority that overlaps it: an ambiguity, which the analysis reports as an error (SCN3001). */
const AMBIGUOUS = WARNED.replace("priority -1", "priority 0");

let tmp: string;
beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), "scn-worker-"));
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

interface Outcome {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Each written file's name and bytes; null when the output directory was not created. */
  readonly files: Record<string, string> | null;
}

/** Builds `text` (with `config` as its scn.config.json) in a fresh directory of the same name, the worker `always` or `never` used. */
function build(text: string, mode: "always" | "never", config: object = {}, env: Record<string, string> = {}): Outcome {
  const root = join(tmp, mode);
  rmSync(root, { recursive: true, force: true });
  const program = join(root, "p");
  mkdirSync(program, { recursive: true });
  writeFileSync(join(program, "program.scn"), text);
  writeFileSync(join(program, "scn.config.json"), JSON.stringify({ sources: ["*.scn"], name: "p", outDir: "out", ...config }));
  const run = spawnSync(process.execPath, [BIN, "build", "p", "--today", "2026-12-04"], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, SCN_ANALYSIS_WORKER: mode, ...env },
    timeout: 60_000,
  });
  const out = join(program, "out");
  const files = existsSync(out) ? Object.fromEntries(readdirSync(out).sort().map((name) => [name, readFileSync(join(out, name), "latin1")])) : null;
  return { code: run.status, stdout: run.stdout, stderr: run.stderr, files };
}

describe("scn build with the analysis in a worker thread", () => {
  it("writes the same files and prints the same diagnostics as the build on one thread", () => {
    const threaded = build(WARNED, "always");
    const single = build(WARNED, "never");
    expect(single.code).toBe(0);
    expect(single.stderr).toContain("warning[SCN3002]");
    expect(single.stderr).toContain("warning[SCN3004]");
    expect(Object.keys(single.files ?? {})).toEqual(["p.d.mts", "p.mjs", "p.scn.json", "p.scn.manifest.json", "p.vectors.json"]);
    expect(threaded).toEqual(single);
  });

  it("writes nothing when the analysis finds an error, as on one thread", () => {
    const threaded = build(AMBIGUOUS, "always");
    const single = build(AMBIGUOUS, "never");
    expect(single.code).toBe(1);
    expect(single.stderr).toContain("error[SCN3001]");
    expect(single.stderr).toContain("nothing was written");
    expect(single.files).toBeNull();
    expect(threaded).toEqual(single);
  });

  it("writes nothing when the project's severity settings raise an analysis warning to an error", () => {
    const config = { severity: { SCN3002: "error" } };
    const threaded = build(WARNED, "always", config);
    const single = build(WARNED, "never", config);
    expect(single.code).toBe(1);
    expect(single.stderr).toContain("error[SCN3002]");
    expect(single.stderr).toContain("warning[SCN3004]");
    expect(single.files).toBeNull();
    expect(threaded).toEqual(single);
  });

  it("stops at the front end's errors without waiting for the worker", () => {
    const broken = WARNED.replace("n > 50", "n > ");
    const threaded = build(broken, "always");
    const single = build(broken, "never");
    expect(single.code).toBe(1);
    expect(single.files).toBeNull();
    expect(threaded).toEqual(single);
  });

  it("reports a worker that fails as an internal error, and writes nothing", () => {
    const env = { SCN_TEST_ANALYSIS_WORKER_THROWS: "1" };
    const failed = build(WARNED, "always", {}, env);
    expect(failed.code).toBe(3);
    expect(failed.stderr).toMatch(/^internal error: the analysis failed in its worker thread: the analysis worker was told to fail/);
    expect(failed.stderr).toContain("This is a bug in scn");
    expect(failed.stderr).not.toMatch(/\n\s+at /);
    expect(failed.files).toBeNull();
    // The hook lives in the worker only: without one, the build is not affected.
    expect(build(WARNED, "never", {}, env).code).toBe(0);
  });
});

describe("when the build uses the worker", () => {
  it("reads SCN_ANALYSIS_WORKER, deciding by cores and size unless told", () => {
    expect(analysisWorkerMode(undefined)).toBe("auto");
    expect(analysisWorkerMode("always")).toBe("always");
    expect(analysisWorkerMode("never")).toBe("never");
    expect(analysisWorkerMode("yes")).toBe("auto");
    const cores = MIN_WORKER_CORES;
    expect(usesAnalysisWorker("auto", MIN_WORKER_CHARACTERS - 1, cores)).toBe(false);
    expect(usesAnalysisWorker("auto", MIN_WORKER_CHARACTERS, cores)).toBe(true);
    expect(usesAnalysisWorker("auto", MAX_WORKER_CHARACTERS, cores)).toBe(true);
    expect(usesAnalysisWorker("auto", MAX_WORKER_CHARACTERS + 1, cores)).toBe(false);
    expect(usesAnalysisWorker("auto", MIN_WORKER_CHARACTERS, cores - 1)).toBe(false);
    expect(usesAnalysisWorker("always", 0, 1)).toBe(true);
    expect(usesAnalysisWorker("never", MIN_WORKER_CHARACTERS, 64)).toBe(false);
  });
});
