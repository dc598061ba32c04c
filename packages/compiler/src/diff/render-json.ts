/**
 * The JSON rendering of a diff (`scn diff --format json`): the BundleDiff
 * itself (diff-model.ts) under a format tag, so that tools can rely on its
 * shape; docs/ci.md documents every field.
 *
 * Invariant: the output is one JSON document with keys in a fixed order.
 */
import type { BundleDiff } from "./diff-model.js";

export const DIFF_FORMAT = "scn.diff/1";

export function renderDiffJson(diff: BundleDiff): string {
  return JSON.stringify({ format: DIFF_FORMAT, ...diff }, null, 2) + "\n";
}
