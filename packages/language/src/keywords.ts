/**
 * The language's words, in one place: the lexer, the TextMate grammar test and
 * the docs all read these lists, so they cannot drift apart.
 */

/** Reserved words: never a declaration name (docs/language.md#13-names). */
export const RESERVED_WORDS = [
  "context", "type", "enum", "const", "segment", "decision", "output", "default",
  "scenario", "for", "situation", "goal", "pathway", "when", "otherwise", "variation",
  "metrics", "metric", "consent", "test", "given", "expect", "and", "or", "not", "in",
  "contains", "is", "present", "true", "false", "split", "by", "experiment", "fixture",
] as const;

/** Contextual words: keywords only where the grammar expects them, identifiers elsewhere. */
export const CONTEXTUAL_WORDS = [
  "title", "owner", "status", "tags", "priority", "impact", "feasibility", "expires",
  "unit", "better", "target", "within", "primary", "secondary", "guardrail", "personal",
  "list", "draft", "active", "paused", "retired", "low", "medium", "high", "higher",
  "lower", "days", "weeks", "none", "arms", "coverage", "seed", "running", "stopped",
  "arm", "extends",
] as const;

export type ReservedWord = (typeof RESERVED_WORDS)[number];
export type ContextualWord = (typeof CONTEXTUAL_WORDS)[number];

const reserved: ReadonlySet<string> = new Set(RESERVED_WORDS);
export function isReservedWord(word: string): boolean {
  return reserved.has(word);
}

/** Built-in scalar type names; they are not reserved, but a `type` may not take them. */
export const BUILTIN_TYPES = ["bool", "int", "number", "string"] as const;
