/**
 * Semantic tokens: colour names by what they resolve to (a segment, a const,
 * a context field, an enum member…), which the TextMate grammar cannot know.
 * Keywords, strings and numbers stay with the grammar.
 */
import type { SemanticTokens, SemanticTokensLegend } from "vscode-languageserver";
import type { FileContext } from "./context.js";
import type { SymbolKind } from "./symbols.js";

const TOKEN_TYPES = ["class", "method", "function", "interface", "variable", "property", "enumMember", "type", "event"] as const;
const TOKEN_MODIFIERS = ["declaration", "readonly"] as const;

export const SEMANTIC_TOKEN_LEGEND: SemanticTokensLegend = { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] };

const TYPE_OF: Record<SymbolKind, (typeof TOKEN_TYPES)[number]> = {
  scenario: "class",
  pathway: "method",
  variation: "function",
  decision: "interface",
  segment: "variable",
  const: "variable",
  consent: "variable",
  "context-field": "property",
  "output-field": "property",
  "enum-member": "enumMember",
  type: "type",
  metric: "event",
  experiment: "class",
  arm: "enumMember",
  fixture: "variable",
};

export function semanticTokens(context: FileContext): SemanticTokens {
  const data: number[] = [];
  let line = 0;
  let character = 0;
  let lastEnd = -1;
  for (const occurrence of context.index.occurrencesIn(context.path)) {
    const span = occurrence.span;
    if (span.start.line !== span.end.line || span.start.offset < lastEnd) continue;
    const definition = context.index.definitions.get(occurrence.key);
    if (!definition) continue;
    const tokenLine = span.start.line - 1;
    const tokenCharacter = span.start.column - 1;
    const modifiers = (occurrence.definition ? 1 : 0) | (definition.kind === "const" ? 2 : 0);
    data.push(tokenLine - line, tokenLine === line ? tokenCharacter - character : tokenCharacter, span.end.column - span.start.column, TOKEN_TYPES.indexOf(TYPE_OF[definition.kind]), modifiers);
    line = tokenLine;
    character = tokenCharacter;
    lastEnd = span.end.offset;
  }
  return { data };
}
