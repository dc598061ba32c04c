/**
 * Fast-check arbitraries for the compiler's property tests (and the full
 * differential test): random well-typed checked programs, random contexts for
 * them, and the schema pieces they are built from.
 */
export { arbitraryProgram, personalPaths, type ProgramOptions } from "./program.js";
export { arbitraryContext, arbitraryValidContext } from "./context.js";
export { arbitraryCondition, arbitraryAtom, type ConditionPaths } from "./conditions.js";
export { arbitrarySchema, leafPaths, recordPaths, ENUM_MEMBERS, STRING_POOL, INT_POOL, NUMBER_POOL } from "./schema.js";
export { spanAtLine, SpanSource, GENERATED_FILE } from "./spans.js";
export { isValidContext } from "./valid-context.js";
export * as build from "./builders.js";
export { evaluateRows, type RowAnswer } from "./rows.js";
