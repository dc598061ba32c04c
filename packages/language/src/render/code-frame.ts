/**
 * Draws a code frame: the source lines a span covers, with a gutter of line
 * numbers and carets under the exact columns. Tabs are expanded the same way
 * in the line and in the caret line so the carets stay aligned.
 *
 * Invariant: the carets cover exactly [start, end) of the span on its first
 * line (at least one caret, so an empty span at the end of a line still
 * shows where), and the frame never reads outside the text.
 */
import type { Span } from "../span.js";

const TAB = "    ";

export interface FrameStyle {
  /** Wraps the gutter (line numbers and bars). */
  readonly gutter: (text: string) => string;
  /** Wraps the carets. */
  readonly marker: (text: string) => string;
}

export const PLAIN_STYLE: FrameStyle = { gutter: (t) => t, marker: (t) => t };

/** Splits text into lines without their terminators (`\n` or `\r\n`). */
export function splitLines(text: string): string[] {
  return text.split(/\r?\n/);
}

/**
 * Where each line of a text starts, as `splitLines` cuts it (after each
 * `\n`), and the line itself on demand. A report frames many spans of the
 * same file (a diagnostic and its related places), and splitting a large
 * file once per frame made rendering quadratic: 1,000 scenarios' warnings
 * took longer to print than to find. Splitting it once still made a string
 * of each of its twenty thousand lines to show a few hundred; the offsets
 * cost a tenth of that.
 */
export class LineTable {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let at = text.indexOf("\n"); at !== -1; at = text.indexOf("\n", at + 1)) this.starts.push(at + 1);
  }

  get count(): number {
    return this.starts.length;
  }

  /** Line `index` (0-based) without its terminator, exactly as `splitLines(text)[index]`. */
  line(index: number): string | undefined {
    const start = this.starts[index];
    if (start === undefined) return undefined;
    const next = this.starts[index + 1];
    if (next === undefined) return this.text.slice(start);
    // The line ends at its `\n`, and a `\r` just before it belongs to the terminator.
    const end = next - 1 > start && this.text.charCodeAt(next - 2) === 0x0d ? next - 2 : next - 1;
    return this.text.slice(start, end);
  }
}

/** The line table of the text framed last. */
let framed: LineTable | null = null;

function linesOf(text: string): LineTable {
  if (framed === null || framed.text !== text) framed = new LineTable(text);
  return framed;
}

function expandTabs(text: string): string {
  return text.replace(/\t/g, TAB);
}

/** The most characters of a line a frame shows; longer lines show a window around the span. */
export const MAX_FRAME_WIDTH = 160;

/** How many characters of context the window keeps before the span's start. */
const CONTEXT_BEFORE = 40;

/**
 * The part of `line` a frame shows: all of it when short, otherwise a window
 * of `MAX_FRAME_WIDTH` characters from a little before `startCol`, with `…`
 * where it was cut. Returns the window and the column (0-based) at which the
 * window starts, so carets can be placed within it.
 */
function lineWindow(line: string, startCol: number): { readonly text: string; readonly from: number; readonly cutBefore: boolean; readonly cutAfter: boolean } {
  if (line.length <= MAX_FRAME_WIDTH) return { text: line, from: 0, cutBefore: false, cutAfter: false };
  const from = Math.max(0, Math.min(startCol - CONTEXT_BEFORE, line.length - MAX_FRAME_WIDTH));
  const to = Math.min(line.length, from + MAX_FRAME_WIDTH);
  return { text: line.slice(from, to), from, cutBefore: from > 0, cutAfter: to < line.length };
}

/**
 * Renders the frame for `span` in `text`. `label` is printed after the carets.
 * Returns the lines of the frame (without a trailing newline). A line longer
 * than `MAX_FRAME_WIDTH` is shown as a window around the span, so a frame is
 * bounded however long the line.
 */
export function codeFrame(text: string, span: Span, label: string, gutterWidth: number, style: FrameStyle = PLAIN_STYLE): string[] {
  const lines = linesOf(text);
  const lineIndex = Math.min(Math.max(span.start.line, 1), Math.max(lines.count, 1)) - 1;
  const line = lines.line(lineIndex) ?? "";
  const startCol = Math.min(Math.max(span.start.column, 1), line.length + 1) - 1;
  const sameLine = span.end.line === span.start.line;
  const endCol = sameLine ? Math.min(Math.max(span.end.column - 1, startCol), line.length) : line.length;
  const window = lineWindow(line, startCol);
  const windowEnd = window.from + window.text.length;
  const lead = window.cutBefore ? "…" : "";
  const before = lead + expandTabs(line.slice(window.from, startCol));
  const marked = expandTabs(line.slice(startCol, Math.min(endCol, windowEnd)));
  const caretCount = Math.max(marked.length, 1);
  const number = String(lineIndex + 1).padStart(gutterWidth);
  const blank = " ".repeat(gutterWidth);
  const tail = sameLine && endCol <= windowEnd ? "" : "...";
  const labelText = label ? ` ${label}` : "";
  const shown = lead + expandTabs(window.text) + (window.cutAfter ? "…" : "");
  return [
    style.gutter(`${blank} |`),
    `${style.gutter(`${number} |`)} ${shown}`,
    `${style.gutter(`${blank} |`)} ${" ".repeat(before.length)}${style.marker("^".repeat(caretCount) + tail + labelText)}`,
  ];
}
