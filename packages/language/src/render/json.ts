/**
 * The machine renderer: diagnostics as one JSON document in the documented
 * format `scn.diagnostics/1` (schema: packages/language/schema/diagnostics.schema.json,
 * docs: docs/cli.md). Tools read this instead of scraping the pretty output.
 *
 * Invariant: the output is a pure function of the diagnostics (same input,
 * same bytes), and every optional member is omitted rather than null.
 */
import type { Diagnostic } from "../diagnostic.js";
import { catalogEntry } from "../catalog/index.js";
import { summarize } from "./pretty.js";

export const DIAGNOSTICS_FORMAT = "scn.diagnostics/1";

function jsonDiagnostic(d: Diagnostic): Record<string, unknown> {
  const out: Record<string, unknown> = {
    code: d.code,
    name: catalogEntry(d.code)?.name ?? d.code,
    severity: d.severity,
    message: d.message,
    span: d.span,
  };
  if (d.related && d.related.length > 0) out["related"] = d.related.map((r) => ({ message: r.message, span: r.span }));
  if (d.help) out["help"] = d.help;
  if (d.witness !== undefined) out["witness"] = d.witness;
  if (d.witnessFields !== undefined) out["witnessFields"] = d.witnessFields;
  return out;
}

export function renderJson(diagnostics: readonly Diagnostic[], files: readonly string[]): string {
  const document = {
    format: DIAGNOSTICS_FORMAT,
    files: [...files],
    summary: summarize(diagnostics),
    diagnostics: diagnostics.map(jsonDiagnostic),
  };
  return JSON.stringify(document, null, 2) + "\n";
}
