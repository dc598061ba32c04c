/**
 * The `scn` parser as prettier sees it: the language package's own parser,
 * exact source offsets for comment attachment, and syntax errors turned into
 * the error shape prettier reports (a message, a code and a `loc` that
 * prettier draws a code frame from).
 *
 * Invariant: a file with any syntax error is never printed; the formatter
 * would otherwise print a tree that error recovery had cut short, and lose
 * the text that did not parse.
 */
import type { Parser } from "prettier";
import { parseFile, type Diagnostic, type Node } from "@scn/language/syntax";
import { locEnd, locStart } from "./locations.js";

/** The error prettier surfaces for a file that does not parse. */
export class ScnSyntaxError extends SyntaxError {
  /** The first syntax error's stable code, e.g. `SCN1001`. */
  readonly code: string;
  /** 1-based line and column of the first syntax error, in prettier's shape. */
  readonly loc: { readonly start: { readonly line: number; readonly column: number } };
  /** Every syntax error in the file, in source order. */
  readonly diagnostics: readonly Diagnostic[];

  constructor(diagnostics: readonly Diagnostic[]) {
    const first = diagnostics[0];
    if (!first) throw new Error("internal: ScnSyntaxError needs at least one diagnostic");
    super(`${first.message} (${first.code})`);
    this.name = "SyntaxError";
    this.code = first.code;
    this.loc = { start: { line: first.span.start.line, column: first.span.start.column } };
    this.diagnostics = diagnostics;
  }
}

export const scnParser: Parser<Node> = {
  astFormat: "scn-ast",
  parse(text, options) {
    const result = parseFile(text, options.filepath ?? "<input>");
    const errors = result.diagnostics.filter((diagnostic) => diagnostic.severity === "error");
    if (errors.length > 0) throw new ScnSyntaxError(errors);
    return result.value;
  },
  locStart,
  locEnd,
};
