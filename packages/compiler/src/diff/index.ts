/**
 * The semantic diff of two program versions (`scn diff`): `diffBundles`
 * compares two bundles, and three renderers present the result.
 */
export { diffBundles, type DiffOptions } from "./diff-bundles.js";
export { DIFF_BUDGET } from "./exact-regions.js";
export { SAMPLE_COUNT } from "./sampled-changes.js";
export { renderDiffText } from "./render-text.js";
export { renderDiffMarkdown, MAX_TABLE_ROWS } from "./render-markdown.js";
export { renderDiffJson, DIFF_FORMAT } from "./render-json.js";
export type * from "./diff-model.js";
export { sourceEdits, withEachEdit, type SourceEdit, type SourceText as DiffSourceText, type EditKind } from "./source-edits.js";
