/** The messages between `scn build` and its analysis worker (analysis-worker.ts). */
import type { AnalysisResult, PipelineOptions, SourceText } from "@scn/compiler";

/** What the worker is started with: the program's sources and the options its analysis depends on. */
export interface AnalysisRequest {
  readonly sources: readonly SourceText[];
  readonly options: Pick<PipelineOptions, "today" | "limits">;
}

/** The worker's one message. */
export type AnalysisReply =
  | { readonly ok: true; readonly result: AnalysisResult }
  | { readonly ok: false; readonly message: string; readonly stack?: string };
