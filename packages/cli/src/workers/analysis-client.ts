/**
 * The main thread's side of the analysis worker (analysis-worker.ts): starts
 * it on a program's sources and hands the pipeline its answer as a
 * `DetachedAnalysis` (docs/cli.md#the-analysis-runs-beside-the-build).
 *
 * The answer's promise settles in every case, so a build never waits for a
 * worker that is gone: with the worker's diagnostics; or rejected when the
 * analysis threw in the worker, the worker itself failed (it could not load,
 * ran out of memory), a message could not be read, the worker stopped
 * without answering, or the build cancelled it. A rejection reaches the
 * command line as an internal error, as an exception of the analysis on the
 * main thread would.
 */
import { Worker } from "node:worker_threads";
import type { AnalysisResult, DetachedAnalysis } from "@scn/compiler";
import type { AnalysisReply, AnalysisRequest } from "./analysis-protocol.js";

export function startAnalysisWorker(module: URL, request: AnalysisRequest): DetachedAnalysis {
  const worker = new Worker(module, { workerData: request });
  let settle: { resolve: (result: AnalysisResult) => void; reject: (error: Error) => void } | null = null;
  const result = new Promise<AnalysisResult>((resolve, reject) => {
    settle = { resolve, reject };
  });
  const answer = (outcome: AnalysisResult | Error): void => {
    const pending = settle;
    if (pending === null) return;
    settle = null;
    if (outcome instanceof Error) pending.reject(outcome);
    else pending.resolve(outcome);
  };
  worker.once("message", (reply: AnalysisReply) => answer(reply.ok ? reply.result : failure(`the analysis failed in its worker thread: ${reply.message}`, reply.stack)));
  worker.once("messageerror", (error: Error) => answer(failure(`the analysis worker's answer could not be read: ${error.message}`, error.stack)));
  worker.once("error", (error: Error) => answer(failure(`the analysis worker failed: ${error.message}`, error.stack)));
  // Node delivers a worker's messages before its exit event, so this only
  // fires for a worker that stopped without answering.
  worker.once("exit", (code: number) => answer(failure(`the analysis worker stopped (exit code ${code}) before it answered`)));
  // A cancelled analysis's rejection concerns no one; whoever awaits the
  // answer still sees a failure.
  result.catch(() => undefined);
  return {
    result,
    cancel: () => {
      answer(failure("the analysis was cancelled"));
      void worker.terminate();
    },
  };
}

/** An error for the command line's internal-error report, carrying the worker's stack when there is one (shown with SCN_DEBUG). */
function failure(message: string, stack?: string): Error {
  const error = new Error(message);
  if (stack !== undefined) error.stack = `${message}\n${stack}`;
  return error;
}
