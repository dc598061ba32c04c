/**
 * `@scn/language/syntax`: the syntax tree, its parser and what tools that
 * only read or print source need (the formatter), without the checker, so
 * that loading them does not load name resolution and type checking.
 */
// For its effect: it installs chevrotain's lexer and parser (route-slot.ts), as index.ts does.
import "./chevrotain-route.js";
export type * from "./ast.js";
export * from "./span.js";
export * from "./diagnostic.js";
export * from "./keywords.js";
export { parseFile, parseProgram, positionAt, MAX_FILE_LENGTH, MAX_NESTING_DEPTH } from "./parse-file.js";
export { childKeys, childNodes, isSyntaxNode, NODE_KINDS } from "./child-nodes.js";
