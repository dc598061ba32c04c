// For its effect: it installs chevrotain's lexer and parser, which read a
// text with an error, so that every user of the package parses synchronously
// from the start (route-slot.ts; the command line's bundle loads it lazily).
import "./chevrotain-route.js";
export * from "./span.js";
export * from "./diagnostic.js";
export * from "./keywords.js";
export type * from "./ast.js";
export type * from "./checked.js";
export * from "./catalog/index.js";
export * from "./render/code-frame.js";
export * from "./render/pretty.js";
export * from "./render/json.js";
export * from "./render/sarif.js";
export * from "./render/github.js";
export * from "./render/witness.js";
export { checkProgram, type CheckOptions } from "./check/check.js";
export { invalidUtf8Diagnostic, parseFile, parseProgram, positionAt, MAX_DECLARATION_TOKENS, MAX_FILE_LENGTH, MAX_NESTING_DEPTH, type SourceFileOptions } from "./parse-file.js";
export { decodeSource, type DecodedSource, type InvalidByte } from "./source-text.js";
export { getSerializedGrammar } from "./route-slot.js";
export { KEYWORD_TOKENS, CONTEXTUAL_TOKENS } from "./lexer.js";
export { reparseIncrementally, type IncrementalParse, type PreviousParse } from "./incremental-parse.js";
