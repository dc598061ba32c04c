/**
 * Rename with prepare: any name the index knows, across every file of the
 * program. A new name must be a valid identifier, not a reserved word, and
 * must not clash with a name of the same namespace (declarations are global
 * per kind; fields per record; pathways per scenario; enum members per enum).
 */
import { isReservedWord } from "@scn/language";
import lsp from "vscode-languageserver";
import type { Position, Range, TextEdit, WorkspaceEdit } from "vscode-languageserver";
import { offsetOf, type FileContext } from "./context.js";
import { spanToRange } from "./positions.js";
import type { SymbolDefinition } from "./symbols.js";
import { pathToUri } from "./uris.js";

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Names the new name must not take: the other names of the same namespace. */
function clashes(context: FileContext, definition: SymbolDefinition): Set<string> {
  const taken = new Set<string>();
  for (const other of context.index.definitions.values()) {
    if (other.key === definition.key) continue;
    const sameNamespace =
      definition.kind === "context-field" || definition.kind === "output-field"
        ? other.kind === definition.kind && other.path !== undefined && definition.path !== undefined && parentOf(other.path) === parentOf(definition.path) && other.owner === definition.owner
        : definition.kind === "pathway" || definition.kind === "variation"
          ? other.kind === definition.kind && other.owner === definition.owner
          : definition.kind === "enum-member"
            ? other.kind === "enum-member" && other.node === definition.node
            : other.kind === definition.kind;
    if (sameNamespace) taken.add(other.name);
  }
  return taken;
}

function parentOf(path: string): string {
  const dot = path.lastIndexOf(".");
  return dot === -1 ? "" : path.slice(0, dot);
}

export function prepareRename(context: FileContext, position: Position): { range: Range; placeholder: string } | null {
  const occurrence = context.index.at(context.path, offsetOf(context, position));
  const definition = occurrence ? context.index.definitions.get(occurrence.key) : undefined;
  if (!occurrence || !definition) throw new lsp.ResponseError(lsp.ErrorCodes.InvalidRequest, "there is no name here that can be renamed");
  return { range: spanToRange(occurrence.span), placeholder: definition.name };
}

export function rename(context: FileContext, position: Position, newName: string): WorkspaceEdit | null {
  const occurrence = context.index.at(context.path, offsetOf(context, position));
  const definition = occurrence ? context.index.definitions.get(occurrence.key) : undefined;
  if (!occurrence || !definition) throw new lsp.ResponseError(lsp.ErrorCodes.InvalidRequest, "there is no name here that can be renamed");
  if (!IDENTIFIER.test(newName)) throw new lsp.ResponseError(lsp.ErrorCodes.InvalidParams, `\`${newName}\` is not a name: use letters, digits and underscores, starting with a letter`);
  if (isReservedWord(newName)) throw new lsp.ResponseError(lsp.ErrorCodes.InvalidParams, `\`${newName}\` is a reserved word and cannot name anything`);
  if (newName !== definition.name && clashes(context, definition).has(newName)) {
    throw new lsp.ResponseError(lsp.ErrorCodes.InvalidParams, `\`${newName}\` is already the name of another ${definition.kind.replace("-", " ")} here`);
  }
  const changes: Record<string, TextEdit[]> = {};
  for (const o of context.index.occurrencesOf(definition.key)) {
    const uri = pathToUri(o.span.file);
    (changes[uri] ??= []).push({ range: spanToRange(o.span), newText: newName });
  }
  return { changes };
}
