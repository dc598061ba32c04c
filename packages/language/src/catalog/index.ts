/**
 * The whole catalog, by code. Codes are stable and never reused: retiring a
 * diagnostic leaves a gap.
 */
import type { Diagnostic, RelatedSpan } from "../diagnostic.js";
import type { Span } from "../span.js";
import type { CatalogEntry } from "./entry.js";
import { SYNTAX_DIAGNOSTICS } from "./syntax.js";
import { NAMES_TYPES_DIAGNOSTICS } from "./names-types.js";
import { ANALYSIS_DIAGNOSTICS } from "./analysis.js";
import { HYGIENE_DIAGNOSTICS } from "./hygiene.js";

export type { CatalogEntry } from "./entry.js";

export const CATALOG: readonly CatalogEntry[] = [
  ...SYNTAX_DIAGNOSTICS,
  ...NAMES_TYPES_DIAGNOSTICS,
  ...ANALYSIS_DIAGNOSTICS,
  ...HYGIENE_DIAGNOSTICS,
];

const byCode = new Map(CATALOG.map((entry) => [entry.code, entry]));
const byName = new Map(CATALOG.map((entry) => [entry.name, entry]));

export function catalogEntry(codeOrName: string): CatalogEntry | undefined {
  return byCode.get(codeOrName) ?? byName.get(codeOrName);
}

export interface DiagnosticExtras {
  readonly related?: readonly RelatedSpan[];
  readonly help?: string;
  readonly witness?: unknown;
}

/**
 * Builds a diagnostic with the catalog's default severity. Using an unknown
 * code is a compiler bug, so it throws (tests catch it at once).
 */
export function makeDiagnostic(code: string, span: Span, message: string, extras: DiagnosticExtras = {}): Diagnostic {
  const entry = byCode.get(code);
  if (!entry) throw new Error(`internal: diagnostic code ${code} is not in the catalog`);
  return { code, severity: entry.severity, message, span, ...extras };
}
