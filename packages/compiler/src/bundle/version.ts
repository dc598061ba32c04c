/**
 * The compiler's version, written into every bundle's `compiler` field.
 *
 * Invariant: equal to the `version` in packages/compiler/package.json (a test
 * checks it), so a bundle always names the release that produced it.
 */
export const COMPILER_VERSION = "0.1.0";
