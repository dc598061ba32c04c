/**
 * The worker thread of `scn build` that runs the exact analysis while the
 * main thread optimizes, assembles and emits (docs/cli.md#the-analysis-runs-beside-the-build).
 * It is given the sources and options, not the main thread's lowered
 * program: parsing, checking and lowering again here costs about a third
 * of the analysis, off the main thread's path, while cloning the checked
 * program and its lowering to send them would cost the main thread about
 * as much and lose their lazily built parts.
 *
 * It answers with one message, `{ ok: true, result }` holding the analysis
 * stage's own diagnostics, or `{ ok: false, message, stack }` when the
 * analysis threw (a bug in scn, which the build reports as an internal
 * error), and then ends.
 */
import { parentPort, workerData } from "node:worker_threads";
import { analyzeSources } from "@scn/compiler";
import type { AnalysisRequest, AnalysisReply } from "./analysis-protocol.js";

const request = workerData as AnalysisRequest;
let reply: AnalysisReply;
try {
  // A test hook, like crash-point.ts: the kill-and-check tests' variables do
  // nothing unset, and neither does this one.
  if (process.env["SCN_TEST_ANALYSIS_WORKER_THROWS"]) throw new Error("the analysis worker was told to fail (SCN_TEST_ANALYSIS_WORKER_THROWS)");
  reply = { ok: true, result: analyzeSources(request.sources, request.options) };
} catch (error) {
  reply = { ok: false, message: error instanceof Error ? error.message : String(error), ...(error instanceof Error && error.stack ? { stack: error.stack } : {}) };
}
parentPort!.postMessage(reply);
