/**
 * Runs the exact analysis without blocking the server. When the server runs
 * from its build (or the editor bundle), the analysis runs in a worker thread
 * that `cancel` terminates at once; when it runs from TypeScript sources (in
 * tests), it runs in-process after a turn of the event loop, and `cancel`
 * stops it from starting.
 *
 * Invariant: a promise returned by `run` settles exactly once, with the
 * diagnostics or with null when the run was cancelled or failed.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { compileChecked } from "@scn/compiler";
import type { CheckedProgram, Diagnostic } from "@scn/language";

export type AnalysisOutcome = { readonly diagnostics: readonly Diagnostic[] } | { readonly failure: string } | null;

interface Pending {
  readonly id: number;
  readonly resolve: (outcome: AnalysisOutcome) => void;
}

/** The worker script next to this module: `.js` in the build, `.mjs` in the editor bundle. */
function workerScript(): URL | null {
  for (const name of ["./analysis-worker.js", "./analysis-worker.mjs"]) {
    const url = new URL(name, import.meta.url);
    if (url.protocol === "file:" && existsSync(fileURLToPath(url))) return url;
  }
  return null;
}

export class AnalysisRunner {
  private worker: Worker | undefined;
  private pending: Pending | undefined;
  private nextId = 1;
  private readonly script = workerScript();

  get usesWorker(): boolean {
    return this.script !== null;
  }

  run(program: CheckedProgram): Promise<AnalysisOutcome> {
    this.cancel();
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending = { id, resolve };
      if (this.script === null) {
        setImmediate(() => {
          if (this.pending?.id !== id) return;
          this.pending = undefined;
          try {
            resolve({ diagnostics: compileChecked(program, { stopAfter: "analyze" }).diagnostics });
          } catch (error) {
            resolve({ failure: error instanceof Error ? error.message : String(error) });
          }
        });
        return;
      }
      this.ensureWorker().postMessage({ id, program });
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.script!);
    worker.unref();
    worker.on("message", (message: { id: number; diagnostics?: Diagnostic[]; error?: string }) => {
      const pending = this.pending;
      if (!pending || pending.id !== message.id) return;
      this.pending = undefined;
      pending.resolve(message.diagnostics ? { diagnostics: message.diagnostics } : { failure: message.error ?? "analysis failed" });
    });
    worker.on("error", (error) => {
      this.worker = undefined;
      const pending = this.pending;
      this.pending = undefined;
      pending?.resolve({ failure: error.message });
    });
    worker.on("exit", () => {
      if (this.worker === worker) this.worker = undefined;
    });
    this.worker = worker;
    return worker;
  }

  /** Drops the running analysis; a worker busy with it is terminated. */
  cancel(): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    if (this.worker) {
      void this.worker.terminate();
      this.worker = undefined;
    }
    pending.resolve(null);
  }

  dispose(): void {
    this.cancel();
    void this.worker?.terminate();
    this.worker = undefined;
  }
}
