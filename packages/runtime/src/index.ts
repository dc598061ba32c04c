/**
 * @scn/runtime: a zero-dependency evaluator of `scn.bundle/5` bundles.
 * `loadBundle` is the entry point; the rest is exported for tools (the
 * compiler reads the context schema subset, encodes tables and embeds the
 * walker in JS modules; the CLI prints traces).
 */
export * from "./bundle.js";
export { loadBundle, type BundleInfo, type LoadOptions, type Runtime } from "./runtime.js";
export { trustedDecisions } from "./trusted-decisions.js";
export { BundleFormatError, ContextError, UnknownDecisionError } from "./errors.js";
export type { Explanation, FailedTest, IndexStep, RowTrial, SeenValue, SourcePosition, Trace } from "./explain.js";
export type { ContextProblem } from "./validate-context.js";
export { readBundle, checkBundle, type BundleReadResult } from "./load-bundle.js";
export {
  readContextSchema,
  MAX_SCHEMA_DEPTH,
  type SchemaNode,
  type SchemaTypeName,
  type EnumMember,
  type SchemaReadResult,
} from "./context-schema.js";
export { validateAgainstSchema, expectedTypesText, enumMemberText, unknownFieldText } from "./validate-context.js";
export { describeValue } from "./describe-value.js";
export { appendIndex, appendKey } from "./value-path.js";
export {
  assignArm,
  bucketOf,
  bucketRanges,
  chooseRange,
  equalWeights,
  fnv1a32,
  placeUnit,
  rangesFromPercentages,
  unitText,
  type BucketRange,
  type Placement,
} from "./experiment-assignment.js";
export { encodeTable, encodeDecision, fileTable, bundleDocument, decodeTest, nodeStarts, slotKeys, type TableModel } from "./encode-table.js";
export { $walkerTable, type LaidOutTable } from "./table-layout.js";
export { outcomeTuples, scenarioTuple, type OutcomeTuples } from "./document-records.js";
export { sortKeysByCodeUnits } from "./sort-keys.js";
export { $walker, type Walker, type WalkerColumn, type WalkerTable, type WalkerTrace } from "./walker.js";
export { WALKER_SOURCE } from "./walker-source.js";
