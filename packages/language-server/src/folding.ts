/**
 * Folding ranges: every block that spans lines (declarations, pathways,
 * variations, `output`/`default`/`metrics`/`given` blocks, records) and runs
 * of line comments.
 */
import type { Span } from "@scn/language";
import lsp from "vscode-languageserver";
import type { FoldingRange } from "vscode-languageserver";
import type { FileContext } from "./context.js";

function fold(span: Span, ranges: FoldingRange[], kind?: lsp.FoldingRangeKind): void {
  // LSP lines are 0-based; the closing line stays visible.
  const start = span.start.line - 1;
  const end = span.end.line - 2;
  if (end > start) ranges.push({ startLine: start, endLine: end, ...(kind ? { kind } : {}) });
}

/** Walks any syntax node, folding every node that has a span across lines. */
function walk(node: unknown, ranges: FoldingRange[], depth: number): void {
  if (depth > 200 || node === null || typeof node !== "object") return;
  if (Array.isArray(node)) {
    for (const item of node) walk(item, ranges, depth + 1);
    return;
  }
  const record = node as Record<string, unknown>;
  const kind = record["kind"];
  const span = record["span"] as Span | undefined;
  if (span && (kind === "Record" || kind === "RecordType" || kind === "EnumType" || kind === "List" || (typeof kind === "string" && /Declaration$|Block$|^Pathway$|^Variation$|^Given$/.test(kind)))) {
    if (kind !== "FieldDeclaration") fold(span, ranges);
  }
  for (const [key, value] of Object.entries(record)) if (key !== "span" && typeof value === "object") walk(value, ranges, depth + 1);
}

export function foldingRanges(context: FileContext): FoldingRange[] {
  const tree = context.state.model.parsed(context.path)?.value;
  if (!tree) return [];
  const ranges: FoldingRange[] = [];
  walk(tree.declarations, ranges, 0);
  let run: { start: number; end: number } | undefined;
  const flush = (): void => {
    if (run && run.end > run.start) ranges.push({ startLine: run.start, endLine: run.end, kind: lsp.FoldingRangeKind.Comment });
    run = undefined;
  };
  for (const comment of tree.comments) {
    const line = comment.span.start.line - 1;
    if (comment.kind === "BlockComment") {
      flush();
      fold(comment.span, ranges, lsp.FoldingRangeKind.Comment);
    } else if (run && run.end === line - 1) run.end = line;
    else {
      flush();
      run = { start: line, end: line };
    }
  }
  flush();
  const seen = new Set<string>();
  return ranges
    .filter((r) => {
      const key = `${r.startLine}:${r.endLine}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}
