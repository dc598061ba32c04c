/**
 * Reading source text back from spans, for hovers and edits that show or
 * reuse what the author wrote.
 */
import type { Span } from "@scn/language";

export function sliceSpan(textOf: (path: string) => string, span: Span): string {
  return textOf(span.file).slice(span.start.offset, span.end.offset);
}

/** The text with runs of blank lines and indentation normalized, for a compact hover. */
export function dedent(text: string): string {
  const lines = text.split(/\r\n|\r|\n/);
  const indents = lines.slice(1).filter((line) => line.trim() !== "").map((line) => /^\s*/.exec(line)![0].length);
  const common = indents.length > 0 ? Math.min(...indents) : 0;
  return lines.map((line, i) => (i === 0 ? line : line.slice(Math.min(common, /^\s*/.exec(line)![0].length)))).join("\n");
}
