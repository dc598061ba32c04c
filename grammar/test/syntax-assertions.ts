/**
 * Reads syntax-test files in the vscode-tmgrammar-test format and checks them
 * against tokenized text.
 *
 * A file starts with `// SYNTAX TEST "source.scn" "description"`. Every other
 * line is source, or an assertion about the nearest source line above it:
 *
 *     segment loyal = customer.tier in [gold]
 *     // <- storage.type.scn
 *     //      ^^^^^ entity.name.function.scn
 *     //                            ^^ keyword.operator.word.scn - variable.other.property.scn
 *
 * `^` marks the asserted columns (the same columns as the source line); `<-`
 * asserts the column where the `//` starts and `<~~-` that column plus one per
 * `~`, for text the `//` itself would cover. Scopes before ` - ` must all be
 * on every asserted character; scopes after it must be on none of them.
 *
 * Invariant: a check never passes silently on a malformed assertion: an
 * assertion with no scope, one before any source line, or one on a column
 * that has no character is itself reported as a failure.
 */
import type { TokenizedLine } from "./tokenize.js";

export interface SyntaxAssertion {
  /** 1-based line of the assertion in the test file. */
  readonly line: number;
  /** 0-based index of the asserted source line in the file. */
  readonly sourceLine: number;
  /** 0-based columns of the source line that the assertion covers. */
  readonly columns: readonly number[];
  readonly required: readonly string[];
  readonly excluded: readonly string[];
}

export interface SyntaxTestFile {
  readonly scopeName: string;
  readonly description: string;
  readonly text: string;
  readonly assertions: readonly SyntaxAssertion[];
  /** Problems in the file itself (bad header, empty assertions), reported like failures. */
  readonly problems: readonly string[];
}

const HEADER = /^\/\/ SYNTAX TEST "([^"]+)"(?: "([^"]*)")?\s*$/;
// After the `//`: either `<-` / `<~~-`, or spaces and carets; then the scopes.
const ASSERTION = /^(\s*)\/\/(?:(\s*)<(~*)-|([\s^]*\^))(.*)$/;

export function parseSyntaxTest(text: string): SyntaxTestFile {
  const lines = text.split(/\r?\n/);
  const problems: string[] = [];
  const header = HEADER.exec(lines[0] ?? "");
  if (!header) problems.push(`line 1: expected the header // SYNTAX TEST "source.scn" "description"`);

  const assertions: SyntaxAssertion[] = [];
  let sourceLine = -1;
  lines.forEach((line, index) => {
    if (index === 0) return;
    const match = ASSERTION.exec(line);
    if (!match) {
      sourceLine = index;
      return;
    }
    const [, indent = "", , tildes, carets, rest = ""] = match;
    const where = `line ${index + 1}`;
    if (sourceLine < 0) {
      problems.push(`${where}: assertion before any source line`);
      return;
    }
    const columns: number[] = [];
    if (carets === undefined) {
      columns.push(indent.length + (tildes ?? "").length);
    } else {
      const start = indent.length + 2;
      [...carets].forEach((char, offset) => {
        if (char === "^") columns.push(start + offset);
      });
    }
    const [requiredText = "", excludedText = ""] = rest.split(/\s-\s|\s-$/);
    const required = requiredText.trim().split(/\s+/).filter(Boolean);
    const excluded = excludedText.trim().split(/\s+/).filter(Boolean);
    if (required.length + excluded.length === 0) {
      problems.push(`${where}: assertion names no scope`);
      return;
    }
    assertions.push({ line: index + 1, sourceLine, columns, required, excluded });
  });

  return { scopeName: header?.[1] ?? "", description: header?.[2] ?? "", text, assertions, problems };
}

export interface SyntaxFailure {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** Every assertion that does not hold on `tokens` (the tokenized `file.text`). */
export function checkSyntaxTest(file: SyntaxTestFile, tokens: readonly TokenizedLine[]): SyntaxFailure[] {
  const failures: SyntaxFailure[] = file.problems.map((message) => ({ line: 0, column: 0, message }));
  for (const assertion of file.assertions) {
    const lineTokens = tokens[assertion.sourceLine] ?? [];
    for (const column of assertion.columns) {
      const token = lineTokens.find((candidate) => candidate.start <= column && column < candidate.end);
      const at = { line: assertion.line, column };
      if (!token) {
        failures.push({ ...at, message: `column ${column + 1} of line ${assertion.sourceLine + 1} has no character` });
        continue;
      }
      const missing = assertion.required.filter((scope) => !token.scopes.includes(scope));
      const unexpected = assertion.excluded.filter((scope) => token.scopes.includes(scope));
      if (missing.length + unexpected.length === 0) continue;
      const parts = [
        missing.length > 0 ? `missing ${missing.join(", ")}` : "",
        unexpected.length > 0 ? `unexpected ${unexpected.join(", ")}` : "",
      ].filter(Boolean);
      failures.push({
        ...at,
        message: `${parts.join("; ")} on ${JSON.stringify(token.text)} (column ${column + 1}); actual: ${token.scopes.join(" ")}`,
      });
    }
  }
  return failures;
}

export function formatFailures(path: string, failures: readonly SyntaxFailure[]): string {
  return failures.map((failure) => `${path}:${failure.line}: ${failure.message}`).join("\n");
}
