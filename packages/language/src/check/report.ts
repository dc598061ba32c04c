/**
 * The checker's diagnostic sink. Every check module reports through one
 * `Reporter` so that codes always come from the catalog (makeDiagnostic throws
 * on an unknown code, which tests catch) and the final list can be sorted once.
 *
 * Invariant: diagnostics come out sorted by file, then position, then code,
 * and a diagnostic with the same code and span is reported at most once (a
 * segment used in many places must not repeat its own findings).
 */
import { catalogEntry, makeDiagnostic, type DiagnosticExtras } from "../catalog/index.js";
import type { Diagnostic } from "../diagnostic.js";
import { compareSpans, type Span } from "../span.js";

export class Reporter {
  private readonly found: Diagnostic[] = [];
  private readonly seen = new Set<string>();

  /**
   * Reports a diagnostic by its catalog name (or code). Names read better in
   * the checker's source than bare numbers; an unknown one is a compiler bug.
   */
  report(codeOrName: string, span: Span, message: string, extras: DiagnosticExtras = {}): void {
    const entry = catalogEntry(codeOrName);
    if (!entry) throw new Error(`internal: diagnostic ${codeOrName} is not in the catalog`);
    const code = entry.code;
    const key = `${code}|${span.file}|${span.start.offset}|${span.end.offset}|${message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.found.push(makeDiagnostic(code, span, message, extras));
  }

  sorted(): Diagnostic[] {
    return sortDiagnostics(this.found);
  }
}

/** Sorts by file, then position, then code; stable for equal keys. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => compareSpans(a.span, b.span) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}
