/** Types of scripts/build.mjs, for the tests that build the playground and read its examples. */
export interface PlaygroundSizes {
  readonly js: number;
  readonly jsGzip: number;
  readonly html: number;
  readonly inputs: number;
}
export function buildPlayground(options?: { readonly quiet?: boolean }): Promise<PlaygroundSizes>;
export function examples(): unknown[];
