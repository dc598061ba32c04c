/**
 * The worker thread that runs the exact analysis (docs/analysis.md) off the
 * server's main thread, so that a long analysis never delays answers to the
 * editor; the server terminates the worker when a newer edit makes its
 * result useless.
 */
import { parentPort } from "node:worker_threads";
import { compileChecked } from "@scn/compiler";
import type { CheckedProgram } from "@scn/language";

interface Job {
  readonly id: number;
  readonly program: CheckedProgram;
}

parentPort?.on("message", (job: Job) => {
  try {
    parentPort?.postMessage({ id: job.id, diagnostics: compileChecked(job.program, { stopAfter: "analyze" }).diagnostics });
  } catch (error) {
    parentPort?.postMessage({ id: job.id, error: error instanceof Error ? error.message : String(error) });
  }
});
