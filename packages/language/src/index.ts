export * from "./span.js";
export * from "./diagnostic.js";
export * from "./keywords.js";
export type * from "./ast.js";
export type * from "./checked.js";
export * from "./catalog/index.js";
