/**
 * The whole catalog, by code. Codes are stable and never reused: retiring a
 * diagnostic leaves a gap.
 *
 * The list is a constant tuple, so `DiagnosticCode` and `DiagnosticName` are
 * unions of literal types. Report sites name a diagnostic by its catalog name
 * (`makeDiagnostic("unknown-segment", …)`); a misspelt name is a type error,
 * and no code number is written anywhere outside this folder.
 */
import type { Diagnostic, RelatedSpan } from "../diagnostic.js";
import { boundMessage } from "../bounded-text.js";
import { plainSpan, type Span } from "../span.js";
import type { CatalogEntry } from "./entry.js";
import { SYNTAX_DIAGNOSTICS } from "./syntax.js";
import { NAMES_TYPES_DIAGNOSTICS } from "./names-types.js";
import { EXPERIMENT_DIAGNOSTICS } from "./experiments.js";
import { ANALYSIS_DIAGNOSTICS } from "./analysis.js";
import { HYGIENE_DIAGNOSTICS } from "./hygiene.js";

export type { CatalogEntry } from "./entry.js";
export { exampleSources, shownExample, LONGEST_SHOWN_EXAMPLE, type ExampleSource, type ShownExample } from "./example-sources.js";

export const CATALOG = [
  ...SYNTAX_DIAGNOSTICS,
  ...NAMES_TYPES_DIAGNOSTICS,
  ...EXPERIMENT_DIAGNOSTICS,
  ...ANALYSIS_DIAGNOSTICS,
  ...HYGIENE_DIAGNOSTICS,
] as const satisfies readonly CatalogEntry[];

type Entry = (typeof CATALOG)[number];

/** Every code in the catalog, as a union of literal types (`"SCN1001" | …`). */
export type DiagnosticCode = Entry["code"];

/** Every catalog name, as a union of literal types (`"unexpected-character" | …`). */
export type DiagnosticName = Entry["name"];

/** The code of the entry with this name, as a literal type. */
export type CodeOf<Name extends DiagnosticName> = Extract<Entry, { readonly name: Name }>["code"];

const byCode = new Map<string, Entry>(CATALOG.map((entry) => [entry.code, entry]));
const byName = new Map<string, Entry>(CATALOG.map((entry) => [entry.name, entry]));

/**
 * Looks an entry up by code or name. It takes any string because configs
 * and command lines name diagnostics in user text; code inside the
 * toolchain uses `codeOf`, which cannot fail.
 */
export function catalogEntry(codeOrName: string): CatalogEntry | undefined {
  return byCode.get(codeOrName) ?? byName.get(codeOrName);
}

/** The code of a catalog name, e.g. `codeOf("unknown-segment")` is `"SCN2003"`. */
export function codeOf<Name extends DiagnosticName>(name: Name): CodeOf<Name> {
  // The map holds every name of the tuple, so the lookup cannot miss.
  return (byName.get(name) as Entry).code as CodeOf<Name>;
}

export interface DiagnosticExtras {
  readonly related?: readonly RelatedSpan[];
  readonly help?: string;
  readonly witness?: unknown;
}

/**
 * Builds the diagnostic `name` with the catalog's code and default severity.
 * Whatever source text the message, help and notes quote is bounded here,
 * once for every stage (see bounded-text.ts).
 */
export function makeDiagnostic(name: DiagnosticName, span: Span, message: string, extras: DiagnosticExtras = {}): Diagnostic {
  const entry = byName.get(name) as Entry;
  const bounded: DiagnosticExtras = {
    ...extras,
    ...(extras.help === undefined ? {} : { help: boundMessage(extras.help) }),
    ...(extras.related === undefined ? {} : { related: extras.related.map((note) => ({ ...note, span: plainSpan(note.span), message: boundMessage(note.message) })) }),
  };
  // A diagnostic's spans are plain objects, so that it survives spreading,
  // JSON and a worker's message alike (span.ts, OffsetSpan).
  return { code: entry.code, severity: entry.severity, message: boundMessage(message), span: plainSpan(span), ...bounded };
}
