/**
 * Spans for generated programs. Generated declarations have no source text,
 * but the compiler still needs distinct, well-formed positions (rows carry
 * `src`, diagnostics carry spans), so each call hands out the next line.
 */
import type { Span } from "@scn/language";

export const GENERATED_FILE = "generated.scn";

export function spanAtLine(line: number): Span {
  return { file: GENERATED_FILE, start: { offset: line * 100, line, column: 1 }, end: { offset: line * 100 + 10, line, column: 11 } };
}

/** A counter of lines: each `next()` is a new span one line below the last. */
export class SpanSource {
  private line = 0;
  next(): Span {
    this.line += 1;
    return spanAtLine(this.line);
  }
}
