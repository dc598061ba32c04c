/**
 * The inline-caret format of the test corpus: a `.scn` file that carries its
 * expected diagnostics as comment lines under the offending line.
 *
 *       situation visits > "3"
 *     //                   ^^^ SCN2102: expected an `int`, found the string "3"
 *     // help: write the number without quotes
 *     // related @3:1-3:20: `visits` is declared here
 *     // witness: {"visits":4}
 *
 * - A caret line marks the exact columns of the span on the source line
 *   above it, then gives the code and the message.
 * - Spans that carets cannot draw (several lines, empty, or starting in
 *   column 1 or 2, under the `//`) are written `// @LINE:COL-LINE:COL CODE:
 *   message` at the end of the file.
 * - `// help:`, `// related` and `// witness:` lines belong to the annotation
 *   above them: the diagnostic's help text, each related span with its note,
 *   and the witness context of an analysis finding as compact JSON.
 *
 * Annotation lines are removed before the source is compiled, so they never
 * shift positions: line numbers in `@` annotations count source lines only.
 * `renderAnnotated` writes a case back from the diagnostics a compiler run
 * produced; a case passes when that rendering equals the file byte for byte.
 */
import type { Diagnostic } from "@scn/language";

const CARET = /^\s*\/\/\s*\^+ SCN\d{4}(?::|$)/;
const EXPLICIT = /^\s*\/\/ @\d+:\d+-\d+:\d+ SCN\d{4}(?::|$)/;
const DETAIL = /^\s*\/\/ (?:help: |witness: |related @\d+:\d+-\d+:\d+: )/;

/** Whether a line is an annotation rather than source text. */
export function isAnnotation(line: string): boolean {
  return CARET.test(line) || EXPLICIT.test(line) || DETAIL.test(line);
}

/** The source of a case: its text without the annotation lines. */
export function sourceOf(annotated: string): string {
  return annotated
    .split("\n")
    .filter((line) => !isAnnotation(line))
    .join("\n");
}

/** The codes a case expects, in file order (for coverage checks). */
export function expectedCodes(annotated: string): string[] {
  const codes: string[] = [];
  for (const line of annotated.split("\n")) {
    if (CARET.test(line) || EXPLICIT.test(line)) codes.push(/SCN\d{4}/.exec(line)?.[0] ?? "");
  }
  return codes;
}

function oneLine(text: string): string {
  return text.replace(/\n/g, " ");
}

function annotationLines(head: string, diagnostic: Diagnostic): string[] {
  const lines = [`${head} ${diagnostic.code}: ${oneLine(diagnostic.message)}`];
  if (diagnostic.help !== undefined) lines.push(`// help: ${oneLine(diagnostic.help)}`);
  for (const related of diagnostic.related ?? []) {
    const { start, end } = related.span;
    lines.push(`// related @${start.line}:${start.column}-${end.line}:${end.column}: ${oneLine(related.message)}`);
  }
  if (diagnostic.witness !== undefined) lines.push(`// witness: ${JSON.stringify(diagnostic.witness)}`);
  return lines;
}

/** Writes the case back with its diagnostics as annotations. */
export function renderAnnotated(source: string, diagnostics: readonly Diagnostic[]): string {
  const lines = source.split("\n");
  const under = new Map<number, string[]>();
  const explicit: string[] = [];
  for (const diagnostic of diagnostics) {
    const { start, end } = diagnostic.span;
    if (start.line === end.line && start.column >= 3 && end.column > start.column) {
      const carets = `//${" ".repeat(start.column - 3)}${"^".repeat(end.column - start.column)}`;
      const list = under.get(start.line) ?? [];
      list.push(...annotationLines(carets, diagnostic));
      under.set(start.line, list);
    } else {
      explicit.push(...annotationLines(`// @${start.line}:${start.column}-${end.line}:${end.column}`, diagnostic));
    }
  }
  const out: string[] = [];
  lines.forEach((line, index) => {
    out.push(line, ...(under.get(index + 1) ?? []));
  });
  // Explicit annotations go at the end, before the final empty line if any.
  const trailing = out.length > 0 && out[out.length - 1] === "" ? out.pop() : undefined;
  out.push(...explicit);
  if (trailing !== undefined) out.push(trailing);
  return out.join("\n");
}
