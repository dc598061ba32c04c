/**
 * Conversions between scn spans and LSP positions. scn spans carry 1-based
 * lines and columns counted in UTF-16 code units (docs/language.md), which is
 * exactly LSP's default position encoding shifted by one, so no text is
 * needed to convert a span; offsets are converted through the document.
 */
import type { Span } from "@scn/language";
import type { Position, Range } from "vscode-languageserver";

export function spanToRange(span: Span): Range {
  return {
    start: { line: span.start.line - 1, character: span.start.column - 1 },
    end: { line: span.end.line - 1, character: span.end.column - 1 },
  };
}

/** True when `offset` lies inside the span or touches its end (a cursor just after a word is on it). */
export function spanContains(span: Span, offset: number): boolean {
  return span.start.offset <= offset && offset <= span.end.offset;
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}
