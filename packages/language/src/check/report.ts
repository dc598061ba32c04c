/**
 * The checker's diagnostic sink. Every check module reports through one
 * `Reporter`, by catalog name (a literal type, so a name the catalog lacks
 * does not compile), and the final list is sorted once.
 *
 * Invariant: diagnostics come out sorted by file, then position, then code,
 * and a diagnostic with the same code and span is reported at most once (a
 * segment used in many places must not repeat its own findings).
 */
import { codeOf, makeDiagnostic, type DiagnosticExtras, type DiagnosticName } from "../catalog/index.js";
import { sortDiagnostics, type Diagnostic } from "../diagnostic.js";
import type { Span } from "../span.js";

export class Reporter {
  private readonly found: Diagnostic[] = [];
  private readonly seen = new Set<string>();

  /** Reports a diagnostic by its catalog name; names read better in the checker's source than numbers. */
  report(name: DiagnosticName, span: Span, message: string, extras: DiagnosticExtras = {}): void {
    const key = `${codeOf(name)}|${span.file}|${span.start.offset}|${span.end.offset}|${message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.found.push(makeDiagnostic(name, span, message, extras));
  }

  /** Whether an error has been reported (a program with errors has conditions that did not check). */
  hasErrors(): boolean {
    return this.found.some((diagnostic) => diagnostic.severity === "error");
  }

  sorted(): Diagnostic[] {
    return sortDiagnostics(this.found);
  }
}
