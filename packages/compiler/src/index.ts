export {};
export type { LoweredDecision, LoweredProgram } from "./lowered.js";
export { lowerDecision, lowerProgram } from "./lower.js";
export { pruneUnreachableRows } from "./prune.js";
export { interpret, evaluateCondition, selectPathway, selectVariation, consentValues, ruleId } from "./interpret.js";
export { candidatesFor, scenarioMetricNames } from "./candidates.js";
export { analyzeProgram } from "./analyze.js";
