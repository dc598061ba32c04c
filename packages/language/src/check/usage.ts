/**
 * Which declarations the program uses. Resolution records every successful
 * (or ambiguous) lookup here; the hygiene pass reports what was never used.
 *
 * Invariant: a name is recorded as soon as any reference resolves to it, even
 * from a declaration that is itself unused; "unused" therefore means "never
 * named anywhere", which is what a reader can verify by searching the files.
 */
export class Usage {
  readonly segments = new Set<string>();
  readonly consts = new Set<string>();
  readonly metrics = new Set<string>();
  readonly types = new Set<string>();
  readonly fixtures = new Set<string>();
  /** Decisions that at least one scenario answers. */
  readonly decisionsWithScenarios = new Set<string>();
}
