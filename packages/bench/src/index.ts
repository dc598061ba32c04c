export { generateProgram } from "./generate-program.js";
export { generateContexts } from "./generate-contexts.js";
export { generateRealistic, REALISTIC_SHAPES, type RealisticShape } from "./generate-realistic.js";
export { generateRealisticContexts } from "./generate-realistic-contexts.js";
export { rulesEnginePeer, rulesEngineSplitPeer } from "./peer-rules-engine.js";
export { zenPeer, zenSplitPeer, jdmFor, zenCell } from "./peer-zen.js";
export { handwrittenPeer, handwrittenSource } from "./peer-handwritten.js";
export { mapDispatchPeer, mapDispatchSource } from "./peer-map-dispatch.js";
export { programBench, FAMILIES, type Family, type ProgramResult } from "./program-bench.js";
