/**
 * The human renderer: each diagnostic as a headline with its code, the
 * location, a code frame with carets under the exact span, frames for related
 * spans, the help line and the witness context. This is the only place that
 * turns diagnostics into text for people; stages never format text.
 */
import type { Diagnostic, Severity } from "../diagnostic.js";
import { codeFrame, PLAIN_STYLE, type FrameStyle } from "./code-frame.js";

export interface PrettyOptions {
  /** Use ANSI colors. */
  readonly color: boolean;
}

const ANSI = {
  bold: "\u001b[1m",
  red: "\u001b[31m",
  yellow: "\u001b[33m",
  cyan: "\u001b[36m",
  blue: "\u001b[34m",
  reset: "\u001b[0m",
};

function paint(enabled: boolean, codes: string, text: string): string {
  return enabled ? `${codes}${text}${ANSI.reset}` : text;
}

const SEVERITY_COLOR: Record<Severity, string> = { error: ANSI.red, warning: ANSI.yellow, info: ANSI.cyan };

/** Looks up a file's text; returns undefined when the file is not available (the frame is then omitted). */
export type SourceLookup = (file: string) => string | undefined;

export function renderDiagnosticPretty(diagnostic: Diagnostic, sources: SourceLookup, options: PrettyOptions): string {
  const color = options.color;
  const style: FrameStyle = color
    ? { gutter: (t) => paint(true, ANSI.blue, t), marker: (t) => paint(true, ANSI.bold + SEVERITY_COLOR[diagnostic.severity], t) }
    : PLAIN_STYLE;
  const spans = [diagnostic.span, ...(diagnostic.related ?? []).map((r) => r.span)];
  const gutterWidth = Math.max(...spans.map((s) => String(s.start.line).length));
  const pad = " ".repeat(gutterWidth);
  const out: string[] = [];
  const head = `${diagnostic.severity}[${diagnostic.code}]`;
  out.push(`${paint(color, ANSI.bold + SEVERITY_COLOR[diagnostic.severity], head)}${paint(color, ANSI.bold, `: ${diagnostic.message}`)}`);
  const location = (file: string, line: number, column: number) => `${file}:${line}:${column}`;
  out.push(`${pad}${style.gutter("-->")} ${location(diagnostic.span.file, diagnostic.span.start.line, diagnostic.span.start.column)}`);
  const text = sources(diagnostic.span.file);
  if (text !== undefined) pushAll(out, codeFrame(text, diagnostic.span, "", gutterWidth, style));
  for (const related of diagnostic.related ?? []) {
    const span = related.span;
    out.push(`${pad}${style.gutter(":::")} ${location(span.file, span.start.line, span.start.column)}`);
    const relatedText = sources(span.file);
    if (relatedText !== undefined) pushAll(out, codeFrame(relatedText, span, related.message, gutterWidth, relatedFrameStyle(style)));
    else out.push(`${pad}   ${related.message}`);
  }
  if (diagnostic.help) out.push(`${pad} ${style.gutter("=")} ${paint(color, ANSI.bold, "help")}: ${diagnostic.help}`);
  if (diagnostic.witness !== undefined) {
    // The witness's lines after the first are indented under its label. JSON
    // text has no raw line break but those the indentation adds, so one
    // replacement indents them all without a string per line (a large
    // program's warnings hold thousands of witnesses).
    const json = JSON.stringify(diagnostic.witness, null, 2) ?? "";
    const indent = `\n${pad}   ${" ".repeat("witness: ".length)}`;
    out.push(`${pad} ${style.gutter("=")} ${paint(color, ANSI.bold, "witness")}: ${json.replaceAll("\n", indent)}`);
  }
  return out.join("\n");
}

/** Appends `lines` to `out` one by one: spreading a long list into push's arguments copies it once more. */
function pushAll(out: string[], lines: readonly string[]): void {
  for (let i = 0; i < lines.length; i++) out.push(lines[i] as string);
}

/** Related frames use the gutter color but plain markers, so the primary span stands out. */
function relatedFrameStyle(style: FrameStyle): FrameStyle {
  return { gutter: style.gutter, marker: style.gutter };
}

export interface Summary {
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
}

export function summarize(diagnostics: readonly Diagnostic[]): Summary {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const d of diagnostics) {
    if (d.severity === "error") errors++;
    else if (d.severity === "warning") warnings++;
    else infos++;
  }
  return { errors, warnings, infos };
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

export function summaryLine(summary: Summary, fileCount: number): string {
  const parts = [plural(summary.errors, "error"), plural(summary.warnings, "warning")];
  if (summary.infos > 0) parts.push(plural(summary.infos, "note"));
  return `${parts.join(", ")} in ${plural(fileCount, "file")}`;
}

/** Renders every diagnostic, separated by blank lines, then the summary line. */
export function renderPretty(diagnostics: readonly Diagnostic[], sources: SourceLookup, fileCount: number, options: PrettyOptions): string {
  let text = "";
  writePretty(diagnostics, sources, fileCount, options, (piece) => {
    text += piece;
  });
  return text;
}

/** The least number of characters `writePretty` hands over at once (but the last piece). */
export const PRETTY_PIECE = 1 << 20;

/**
 * `renderPretty`'s text, handed to `write` in pieces of at least `piece`
 * characters (the last may be shorter), each ending where a diagnostic
 * ends: what the pieces add up to is exactly `renderPretty`'s text.
 *
 * Why: the warnings of a large program are large (19 MB at 10,000
 * `overlap` scenarios), and rendered whole they stayed alive until the
 * text was written, so the garbage collector copied and promoted every
 * diagnostic's text and lines with it; writing a megabyte at a time keeps
 * what is alive small (docs/cli.md#what-a-build-allocates).
 */
export function writePretty(diagnostics: readonly Diagnostic[], sources: SourceLookup, fileCount: number, options: PrettyOptions, write: (text: string) => void, piece: number = PRETTY_PIECE): void {
  let pending = "";
  for (let i = 0; i < diagnostics.length; i++) {
    pending += renderDiagnosticPretty(diagnostics[i] as Diagnostic, sources, options) + "\n\n";
    if (pending.length >= piece) {
      write(pending);
      pending = "";
    }
  }
  write(pending + summaryLine(summarize(diagnostics), fileCount) + "\n");
}
