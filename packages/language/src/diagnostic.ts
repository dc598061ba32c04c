/**
 * The one diagnostic type every stage returns. Stages never format text for
 * people; renderers (pretty, json, and later sarif/github) do that from these
 * values. A thrown exception means a compiler bug, never bad user input.
 */
import type { DiagnosticCode } from "./catalog/index.js";
import { compareSpans, type Span } from "./span.js";

export type Severity = "error" | "warning" | "info";

export interface RelatedSpan {
  readonly span: Span;
  readonly message: string;
}

export interface Diagnostic {
  /** Stable code from the catalog, e.g. `SCN2003`; never reused for another meaning. */
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  /** One sentence: what is wrong, with user text in backticks. */
  readonly message: string;
  /** The exact text the diagnostic is about. */
  readonly span: Span;
  readonly related?: readonly RelatedSpan[];
  /** What to do about it, when the message alone does not say. */
  readonly help?: string;
  /** A concrete context (JSON value) that exhibits an analysis finding. */
  readonly witness?: unknown;
  /**
   * The context paths the finding depends on (the fields its decision's
   * rules read), which the witness lists first; the other fields only
   * complete it into a valid context (docs/analysis.md#how-witnesses-are-built-and-verified).
   */
  readonly witnessFields?: readonly string[];
}

/** The value every stage returns: a result (possibly partial) and what it found. */
export interface StageResult<T> {
  readonly value: T;
  readonly diagnostics: readonly Diagnostic[];
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

/**
 * The one order of diagnostics every stage and command reports: by file,
 * then position, then code. The sort is stable, so diagnostics with equal
 * keys keep the order their stage found them in.
 */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => compareSpans(a.span, b.span) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}
