/**
 * Go to definition, find references and highlights: all read the symbol
 * index, so every kind of name works the same way, across files.
 */
import lsp from "vscode-languageserver";
import type { DocumentHighlight, Location, Position } from "vscode-languageserver";
import { offsetOf, type FileContext } from "./context.js";
import { spanToRange } from "./positions.js";
import { pathToUri } from "./uris.js";

export function definition(context: FileContext, position: Position): Location | null {
  const occurrence = context.index.at(context.path, offsetOf(context, position));
  const target = occurrence ? context.index.definitions.get(occurrence.key) : undefined;
  return target ? { uri: pathToUri(target.nameSpan.file), range: spanToRange(target.nameSpan) } : null;
}

export function references(context: FileContext, position: Position, includeDeclaration: boolean): Location[] {
  const occurrence = context.index.at(context.path, offsetOf(context, position));
  if (!occurrence) return [];
  return context.index
    .occurrencesOf(occurrence.key)
    .filter((o) => includeDeclaration || !o.definition)
    .map((o) => ({ uri: pathToUri(o.span.file), range: spanToRange(o.span) }));
}

export function documentHighlights(context: FileContext, position: Position): DocumentHighlight[] {
  const occurrence = context.index.at(context.path, offsetOf(context, position));
  if (!occurrence) return [];
  return context.index
    .occurrencesOf(occurrence.key)
    .filter((o) => o.span.file === context.path)
    .map((o) => ({ range: spanToRange(o.span), kind: o.definition ? lsp.DocumentHighlightKind.Write : lsp.DocumentHighlightKind.Read }));
}
