/**
 * The gallery's examples. The build (scripts/build.mjs) reads them from the
 * repository's `examples/` projects and the language reference's small
 * program, and embeds them in the bundle as `__SCN_EXAMPLES__`, so the page
 * fetches nothing.
 */
export interface Example {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  /** The project's files joined into the playground's one buffer, each under a comment naming it. */
  readonly source: string;
  /** The decision to answer first. */
  readonly decision: string;
  /** Sample contexts (the project's `contexts/*.json`), as JSON text. */
  readonly contexts: readonly { readonly name: string; readonly text: string }[];
}

declare const __SCN_EXAMPLES__: readonly Example[];

export const EXAMPLES: readonly Example[] = __SCN_EXAMPLES__;
