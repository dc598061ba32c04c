export { generateProgram } from "./generate-program.js";
export { generateContexts } from "./generate-contexts.js";
export { rulesEnginePeer } from "./peer-rules-engine.js";
export { zenPeer, jdmFor, zenCell } from "./peer-zen.js";
export { handwrittenPeer, handwrittenSource } from "./peer-handwritten.js";
export { runtimeBench } from "./runtime-bench.js";
