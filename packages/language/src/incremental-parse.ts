/**
 * Parsing again only the declaration an edit touched. The text of a file is
 * cut into regions, one per declaration, each starting at the beginning of
 * the line its declaration starts on; an edit inside one region is parsed as
 * that region alone, and the trees of the other declarations are reused with
 * their spans moved. The result is the tree a full parse would build (a
 * property test checks this against `parseFile` on random edits).
 *
 * It applies only when the previous text parsed without a diagnostic and the
 * edited region still parses, without a diagnostic, to exactly one
 * declaration; otherwise (a new declaration, a syntax error, a region
 * boundary that moved) it answers undefined and the caller parses the whole
 * file, which also produces the syntax diagnostics.
 */
import type { Comment, Declaration, SourceFile } from "./ast.js";
import { parseFile, positionAt } from "./parse-file.js";
import type { Span } from "./span.js";

/** The offset where the line holding `offset` starts (after `\n`, `\r\n` or `\r`). */
function lineStart(text: string, offset: number): number {
  let at = offset;
  while (at > 0 && text[at - 1] !== "\n" && text[at - 1] !== "\r") at--;
  return at;
}

function lineBreaks(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10) count++;
    else if (ch === 13) {
      count++;
      if (text.charCodeAt(i + 1) === 10) i++;
    }
  }
  return count;
}

function isSpan(value: object): value is Span {
  const start = (value as { start?: unknown }).start;
  return typeof (value as { file?: unknown }).file === "string" && start !== null && typeof start === "object" && typeof (start as { offset?: unknown }).offset === "number";
}

/** A copy of `node` with every span moved by `offsets` characters and `lines` lines (columns unchanged). */
function moved<T>(node: T, offsets: number, lines: number): T {
  if (offsets === 0 && lines === 0) return node;
  const visit = (value: unknown): unknown => {
    if (value === null || typeof value !== "object") return value;
    if (Array.isArray(value)) return value.map(visit);
    if (isSpan(value)) {
      return {
        file: value.file,
        start: { offset: value.start.offset + offsets, line: value.start.line + lines, column: value.start.column },
        end: { offset: value.end.offset + offsets, line: value.end.line + lines, column: value.end.column },
      };
    }
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) copy[key] = visit(item);
    return copy;
  };
  return visit(node) as T;
}

export interface PreviousParse {
  readonly text: string;
  readonly tree: SourceFile;
}

export interface IncrementalParse {
  readonly tree: SourceFile;
  /** The declaration that was parsed again (in the new tree). */
  readonly edited: Declaration;
}

export function reparseIncrementally(previous: PreviousParse, text: string): IncrementalParse | undefined {
  const old = previous.text;
  const declarations = previous.tree.declarations;
  if (declarations.length === 0 || old === text) return undefined;
  let prefix = 0;
  const shortest = Math.min(old.length, text.length);
  while (prefix < shortest && old.charCodeAt(prefix) === text.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < shortest - prefix && old.charCodeAt(old.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix)) suffix++;
  const oldEnd = old.length - suffix;
  const delta = text.length - old.length;

  // Region starts; each declaration after the first must start on a line of its own.
  const starts: number[] = [];
  for (let i = 0; i < declarations.length; i++) {
    const start = i === 0 ? 0 : lineStart(old, declarations[i]!.span.start.offset);
    if (i > 0 && start < declarations[i - 1]!.span.end.offset) return undefined;
    starts.push(start);
  }
  let index = 0;
  while (index + 1 < starts.length && starts[index + 1]! <= prefix) index++;
  const regionStart = starts[index]!;
  const regionEnd = index + 1 < starts.length ? starts[index + 1]! : old.length;
  if (oldEnd > regionEnd) return undefined;

  const region = text.slice(regionStart, regionEnd + delta);
  const parsed = parseFile(region, previous.tree.path);
  if (parsed.diagnostics.length > 0 || parsed.value.declarations.length !== 1) return undefined;

  const linesBefore = index === 0 ? 0 : declarations[index]!.span.start.line - 1;
  const linesAdded = lineBreaks(region) - lineBreaks(old.slice(regionStart, regionEnd));
  const edited = moved(parsed.value.declarations[0]!, regionStart, linesBefore);
  const later = declarations.slice(index + 1).map((declaration) => moved(declaration, delta, linesAdded));
  const comments: Comment[] = [
    ...previous.tree.comments.filter((comment) => comment.span.end.offset <= regionStart),
    ...moved(parsed.value.comments, regionStart, linesBefore),
    ...moved(previous.tree.comments.filter((comment) => comment.span.start.offset >= regionEnd), delta, linesAdded),
  ];
  // A cheap guard against a miscounted line: the first and last moved
  // declarations must start where a fresh count says they do.
  for (const check of [later[0], later[later.length - 1]]) {
    if (!check) continue;
    const fresh = positionAt(text, check.span.start.offset);
    if (fresh.line !== check.span.start.line || fresh.column !== check.span.start.column) return undefined;
  }
  const declarationsNow: Declaration[] = [...declarations.slice(0, index), edited, ...later];
  const tree: SourceFile = {
    kind: "SourceFile",
    path: previous.tree.path,
    declarations: declarationsNow,
    comments,
    span: { file: previous.tree.path, start: positionAt(text, 0), end: positionAt(text, text.length) },
  };
  return { tree, edited };
}
