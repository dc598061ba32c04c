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

/**
 * Where each line of one file starts, so that a span can keep offsets alone
 * and work out lines and columns when someone asks. Lines end at `\n`,
 * `\r\n` and `\r`, as in `positionAt` (parse-file.ts).
 */
export class SourceLines {
  private readonly starts: Int32Array;

  constructor(
    readonly path: string,
    text: string,
  ) {
    const found: number[] = [0];
    // Each search starts where the last one stopped, so the text is read once
    // whatever mix of line ends it has.
    let nextLf = text.indexOf("\n");
    let nextCr = text.indexOf("\r");
    while (nextLf >= 0 || nextCr >= 0) {
      if (nextCr >= 0 && (nextLf < 0 || nextCr < nextLf)) {
        // In `\r\n` the line ends at the `\n`, which the other branch takes.
        if (nextLf !== nextCr + 1) found.push(nextCr + 1);
        nextCr = text.indexOf("\r", nextCr + 1);
      } else {
        found.push(nextLf + 1);
        nextLf = text.indexOf("\n", nextLf + 1);
      }
    }
    this.starts = Int32Array.from(found);
  }

  /** The position of `offset`, which lies within the text or just past its end. */
  position(offset: number): Position {
    const starts = this.starts;
    // The last line start at or before `offset`.
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if ((starts[middle] as number) <= offset) low = middle;
      else high = middle - 1;
    }
    return { offset, line: low + 1, column: offset - (starts[low] as number) + 1 };
  }
}

/**
 * A span that holds its two offsets and its file's line table, and makes its
 * positions when they are read. The direct parser gives every node one of
 * these: a large program's tree has about a million spans, and plain spans
 * with their position objects were more than half of its memory
 * (docs/benchmarks.md, "Front end").
 * `toJSON` writes the plain shape, so a serialized tree is the same either way.
 */
export class OffsetSpan implements Span {
  constructor(
    private readonly lines: SourceLines,
    readonly startOffset: number,
    readonly endOffset: number,
  ) {}

  get file(): string {
    return this.lines.path;
  }

  get start(): Position {
    return this.lines.position(this.startOffset);
  }

  get end(): Position {
    return this.lines.position(this.endOffset);
  }

  toJSON(): { file: string; start: Position; end: Position } {
    return { file: this.file, start: this.start, end: this.end };
  }
}

/**
 * The span as a plain object, so that it survives a copy by spreading or
 * by structured clone (a worker's message): diagnostics keep theirs this way.
 */
export function plainSpan(span: Span): Span {
  return span instanceof OffsetSpan ? span.toJSON() : span;
}

/** The offset where `span` starts, without making a position for it. */
export function startOffsetOf(span: Span): number {
  return span instanceof OffsetSpan ? span.startOffset : span.start.offset;
}

/** The offset where `span` ends, without making a position for it. */
export function endOffsetOf(span: Span): number {
  return span instanceof OffsetSpan ? span.endOffset : span.end.offset;
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
  const startA = startOffsetOf(a);
  const startB = startOffsetOf(b);
  if (startA !== startB) return startA - startB;
  return endOffsetOf(a) - endOffsetOf(b);
}
