/**
 * What every feature handler needs: the workspace, and a way from a document
 * URI and position to the file, its program and its symbol index.
 */
import type { Position } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { SymbolIndex } from "./symbols.js";
import { uriToPath } from "./uris.js";
import type { ProgramState, Workspace } from "./workspace.js";

export interface FileContext {
  readonly path: string;
  readonly uri: string;
  readonly state: ProgramState;
  readonly document: TextDocument;
  readonly text: string;
  readonly index: SymbolIndex;
  readonly workspace: Workspace;
}

export function fileContext(workspace: Workspace, uri: string): FileContext | undefined {
  const path = uriToPath(uri);
  if (path === null) return undefined;
  const state = workspace.programOf(path);
  const file = state.model.file(path);
  if (!file) return undefined;
  return { path, uri, state, document: file.document, text: file.document.getText(), index: workspace.indexOf(state), workspace };
}

export function offsetOf(context: FileContext, position: Position): number {
  return context.document.offsetAt(position);
}
