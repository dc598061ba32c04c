/**
 * Source positions. Every syntax node and every diagnostic carries a span so
 * that renderers can draw carets under the exact text, and so that bundles can
 * point back to source lines.
 *
 * Invariant: `offset` is a UTF-16 code unit index into the file text (what
 * JavaScript strings index), `line` and `column` are 1-based, and `end` is
 * exclusive (the position just after the last character of the node).
 */
export interface Position {
  readonly offset: number;
  readonly line: number;
  readonly column: number;
}

export interface Span {
  /** The file path as given to the compiler (relative paths stay relative). */
  readonly file: string;
  readonly start: Position;
  readonly end: Position;
}

/** A span covering both `a` and `b`, which must be in the same file. */
export function joinSpans(a: Span, b: Span): Span {
  const start = a.start.offset <= b.start.offset ? a.start : b.start;
  const end = a.end.offset >= b.end.offset ? a.end : b.end;
  return { file: a.file, start, end };
}

/** Orders spans by file path, then start offset; used to sort diagnostics. */
export function compareSpans(a: Span, b: Span): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.start.offset !== b.start.offset) return a.start.offset - b.start.offset;
  return a.end.offset - b.end.offset;
}
