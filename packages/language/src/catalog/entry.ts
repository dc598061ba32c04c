/**
 * The shape of one catalog entry. The catalog is the single list of every
 * diagnostic the toolchain can report; docs/diagnostics.md is tested against
 * it, and every entry's `example` is compiled in tests and must produce
 * exactly its own code.
 *
 * The family files declare their entries `as const` (checked against this
 * shape with `satisfies`), so every code and name is a literal type: a report
 * site that names a diagnostic the catalog does not have fails to compile.
 */
import type { Severity } from "../diagnostic.js";

export interface CatalogEntry {
  /** `SCN` + four digits; the first digit is the stage (1 syntax, 2 names/types/structure, 3 analysis, 4 hygiene). */
  readonly code: `SCN${number}`;
  /** A stable kebab-case name, usable instead of the code in configs. */
  readonly name: string;
  /** The default severity (a project config may change it). */
  readonly severity: Severity;
  /** One line for docs and SARIF rule descriptions. */
  readonly summary: string;
  /**
   * A minimal program that produces this diagnostic (and no other error or
   * warning of a different code). Multi-file examples separate files with a
   * line `// file: NAME.scn`.
   */
  readonly example: string;
  /**
   * How the example's file is saved, when not as UTF-8: `latin1` writes each
   * character as one byte (for the diagnostic about bytes that are not UTF-8).
   */
  readonly exampleEncoding?: "latin1";
}
