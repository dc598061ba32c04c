export * from "./span.js";
export * from "./diagnostic.js";
export * from "./keywords.js";
export type * from "./ast.js";
export type * from "./checked.js";
export * from "./catalog/index.js";
export * from "./render/code-frame.js";
export * from "./render/pretty.js";
export * from "./render/json.js";
