/**
 * Small span helpers for diagnostics that point at a keyword inside a larger
 * node (e.g. the `default` of a default block), so carets stay on one line.
 */
import type { Span } from "../span.js";

/** The first `length` characters of `span` (assumed to be on its first line). */
export function leadingSpan(span: Span, length: number): Span {
  const size = Math.max(0, Math.min(length, span.end.offset - span.start.offset));
  return {
    file: span.file,
    start: span.start,
    end: { offset: span.start.offset + size, line: span.start.line, column: span.start.column + size },
  };
}
