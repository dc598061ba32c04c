/**
 * scn diagnostics as LSP diagnostics, and the bookkeeping that keeps them
 * steady while the user types.
 *
 * Diagnostics are kept with offsets into the text they were computed for.
 * Each edit moves the offsets after it (and collapses those inside it), so
 * that findings from the last program that parsed stay on the right words
 * while a half-typed token makes the file unparsable for a moment: they are
 * not cleared and redrawn on every keystroke (see docs/editors.md).
 */
import { catalogEntry, type Diagnostic, type Severity } from "@scn/language";
import type { TextDocument } from "vscode-languageserver-textdocument";
import lsp from "vscode-languageserver";
import type { Diagnostic as LspDiagnostic, DiagnosticRelatedInformation } from "vscode-languageserver";
import { pathToUri } from "./uris.js";

/** A diagnostic and the offsets it covers in the file's current text. */
export interface StoredDiagnostic {
  readonly diagnostic: Diagnostic;
  start: number;
  end: number;
}

export function storeDiagnostics(diagnostics: readonly Diagnostic[]): StoredDiagnostic[] {
  return diagnostics.map((diagnostic) => ({ diagnostic, start: diagnostic.span.start.offset, end: diagnostic.span.end.offset }));
}

/** Moves stored offsets across one edit that replaced [from, to) with `insertedLength` characters. */
export function shiftStored(stored: readonly StoredDiagnostic[], from: number, to: number, insertedLength: number): void {
  const delta = insertedLength - (to - from);
  const move = (offset: number): number => (offset <= from ? offset : offset >= to ? offset + delta : from);
  for (const item of stored) {
    item.start = move(item.start);
    item.end = Math.max(item.start, move(item.end));
  }
}

const SEVERITIES: Record<Severity, lsp.DiagnosticSeverity> = {
  error: lsp.DiagnosticSeverity.Error,
  warning: lsp.DiagnosticSeverity.Warning,
  info: lsp.DiagnosticSeverity.Information,
};

/** Data attached to each LSP diagnostic, read back by code actions. */
export interface DiagnosticData {
  readonly witness?: unknown;
  readonly help?: string;
}

export function toLspDiagnostic(stored: StoredDiagnostic, document: TextDocument): LspDiagnostic {
  const d = stored.diagnostic;
  const range = { start: document.positionAt(stored.start), end: document.positionAt(stored.end) };
  const related: DiagnosticRelatedInformation[] = (d.related ?? []).map((r) => ({
    location: { uri: pathToUri(r.span.file), range: spanRange(r.span) },
    message: r.message,
  }));
  if (d.witness !== undefined) {
    related.push({ location: { uri: pathToUri(d.span.file), range }, message: `witness: ${JSON.stringify(d.witness)}` });
  }
  const data: DiagnosticData = { ...(d.witness !== undefined ? { witness: d.witness } : {}), ...(d.help ? { help: d.help } : {}) };
  const name = catalogEntry(d.code)?.name;
  return {
    range,
    severity: SEVERITIES[d.severity],
    code: d.code,
    source: "scn",
    message: d.help ? `${d.message}\nhelp: ${d.help}` : d.message,
    ...(related.length > 0 ? { relatedInformation: related } : {}),
    ...(name?.startsWith("unused") ? { tags: [lsp.DiagnosticTag.Unnecessary] } : {}),
    data,
  };
}

function spanRange(span: Diagnostic["span"]): lsp.Range {
  return {
    start: { line: span.start.line - 1, character: span.start.column - 1 },
    end: { line: span.end.line - 1, character: span.end.column - 1 },
  };
}
