/**
 * The `.scn` token vocabulary (docs/language.md#1-lexical-structure), as
 * token types in chevrotain's shape, made without loading chevrotain.
 *
 * Why without: the scanner (scanner.ts) and the direct parser
 * (direct-parser.ts) read every text that has no error, and only a text with
 * a lexical or syntax error needs chevrotain's lexer or parser. Chevrotain
 * and the lodash it brings are about half of what a command line compiles at
 * start, so they are loaded only for such a text (route-slot.ts,
 * docs/cli.md "Start-up"). Chevrotain gives each token type its index and
 * category tables when it is loaded (chevrotain-tokens.ts); until then the
 * types carry only what is written here.
 *
 * Invariants:
 * - Whitespace (including `\r` and a leading byte-order mark) is skipped, so
 *   token offsets are exact UTF-16 indexes into the text as given, and `\r`
 *   never belongs to a token.
 * - Comments go to the `comments` group, never to the parser.
 * - Every reserved word is its own token in the `Word` category, so the parser
 *   can accept "any word" where field names and enum members are expected.
 * - Every contextual word is its own token in the `Identifier` category, so it
 *   is a plain identifier everywhere except where the grammar names it.
 * - A word gets a keyword's token exactly when it spells that keyword whole
 *   (`context` is `Context`, `contexts` an `Identifier`); words are lexed as
 *   identifiers and retyped by one map lookup (scanner.ts, and
 *   `lexWithChevrotain` in chevrotain-lexer.ts).
 * - Strings are one token whether or not they are terminated, so a missing
 *   quote gives one lexical diagnostic (see lexical-checks in parse-file.ts) instead
 *   of a cascade of parser errors.
 */
import type { ICustomPattern, TokenType } from "chevrotain";
import { CONTEXTUAL_WORDS, RESERVED_WORDS } from "./keywords.js";

/**
 * A token type of the vocabulary: chevrotain's fields, and `ordinal`, its
 * place in `TOKENS_IN_ORDER`, which the direct parser indexes its tables by
 * (chevrotain's own index, `tokenTypeIdx`, exists only once chevrotain is
 * loaded).
 */
export interface ScnTokenType extends TokenType {
  readonly ordinal: number;
}

/**
 * The pattern of an abstract token type (a category): chevrotain's
 * `Lexer.NA`, which chevrotain-tokens.ts puts in its place, since the lexer
 * recognizes it by identity.
 */
export const NOT_APPLICABLE = /NOT_APPLICABLE/;

/** The group of skipped tokens: the value of chevrotain's `Lexer.SKIPPED`, which the lexer compares as a string. */
const SKIPPED = "This marks a skipped Token pattern, this means each token identified by it will be consumed and then thrown into oblivion, this can be used to for example to completely ignore whitespace.";

interface TokenConfig {
  readonly name: string;
  readonly pattern: TokenType["PATTERN"];
  readonly categories?: TokenType[];
  readonly label?: string;
  readonly group?: string;
  readonly longer_alt?: TokenType;
  readonly line_breaks?: boolean;
  readonly start_chars_hint?: string[];
}

/** Every token type, in the order made (chevrotain numbers them in this order: chevrotain-tokens.ts). */
const made: ScnTokenType[] = [];

/**
 * A token type with the fields chevrotain's `createToken` gives it before
 * chevrotain registers it, in the same order, and only those that are set
 * (chevrotain tests some of them for presence, not value).
 */
function createToken(config: TokenConfig): ScnTokenType {
  const type: { -readonly [K in keyof ScnTokenType]: ScnTokenType[K] } = { name: config.name, ordinal: made.length, PATTERN: config.pattern };
  if (config.categories !== undefined) type.CATEGORIES = config.categories;
  if (config.label !== undefined) type.LABEL = config.label;
  if (config.group !== undefined) type.GROUP = config.group;
  if (config.longer_alt !== undefined) type.LONGER_ALT = config.longer_alt;
  if (config.line_breaks !== undefined) type.LINE_BREAKS = config.line_breaks;
  if (config.start_chars_hint !== undefined) type.START_CHARS_HINT = config.start_chars_hint;
  made.push(type);
  return type;
}

/** Abstract: any word, reserved or not (field names, enum members, values). */
export const Word = createToken({ name: "Word", pattern: NOT_APPLICABLE, label: "a name" });

export const Identifier = createToken({
  name: "Identifier",
  pattern: /[A-Za-z_][A-Za-z0-9_]*/,
  categories: [Word],
  label: "a name",
});

export const WhiteSpace = createToken({
  name: "WhiteSpace",
  // The byte-order mark counts as whitespace so offsets keep counting from the
  // first character of the text as given.
  pattern: /[ \t\r\n\f\v\uFEFF]+/,
  group: SKIPPED,
  line_breaks: true,
});

export const LineComment = createToken({
  name: "LineComment",
  pattern: /\/\/[^\r\n]*/,
  group: "comments",
});

/**
 * The token patterns below that can span most of a file are matchers written
 * as loops, not regular expressions: a regular expression that repeats a
 * group keeps a backtracking entry per repetition, and on a string or comment
 * of millions of characters (within the 10 MiB file limit) that overflows the
 * regular-expression stack. Each matcher runs in time linear in its match.
 */
function matched(text: string, offset: number, end: number): RegExpExecArray {
  return [text.slice(offset, end)] as unknown as RegExpExecArray;
}

/** `/*` up to and including the first `*\/`; an unclosed one is `UnterminatedBlockComment`. */
function matchBlockComment(text: string, offset: number): RegExpExecArray | null {
  if (!text.startsWith("/*", offset)) return null;
  const close = text.indexOf("*/", offset + 2);
  return close === -1 ? null : matched(text, offset, close + 2);
}

/**
 * Where the string token that starts at `offset` (a `"`) ends: `"` then
 * characters other than `"`, `\\` and line breaks, or a `\\` with the
 * character after it (not a line break); then an optional lone `\\` and an
 * optional closing `"`. Strings never span lines. The chevrotain matcher and
 * the scanner (scanner.ts) share it, so they cut strings alike.
 */
export function stringTokenEnd(text: string, offset: number): number {
  let i = offset + 1;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === 0x22) return i + 1;
    if (code === 0x0a || code === 0x0d) break;
    if (code === 0x5c) {
      const next = text.charCodeAt(i + 1);
      // A backslash before a line break or the end of the text ends the token.
      if (i + 1 >= text.length || next === 0x0a || next === 0x0d) return i + 1;
      i += 2;
      continue;
    }
    i += 1;
  }
  return i;
}

function matchString(text: string, offset: number): RegExpExecArray | null {
  if (text.charCodeAt(offset) !== 0x22) return null;
  return matched(text, offset, stringTokenEnd(text, offset));
}

/** The serialized grammar (and its railroad diagrams) shows the language the loop matches. */
const STRING_PATTERN: ICustomPattern & { toJSON(): string } = {
  exec: matchString,
  toJSON: () => String.raw`"(?:[^"\\\r\n]|\\[^\r\n])*\\?"?`,
};

export const BlockComment = createToken({
  name: "BlockComment",
  pattern: { exec: matchBlockComment },
  start_chars_hint: ["/"],
  group: "comments",
  line_breaks: true,
});

/** A `/*` with no closing `*\/`: it runs to the end of the file (reported by parse-file.ts). */
export const UnterminatedBlockComment = createToken({
  name: "UnterminatedBlockComment",
  pattern: /\/\*[\s\S]*/,
  group: "comments",
  line_breaks: true,
});

/** Terminated or not; parse-file.ts checks the closing quote and the escapes. */
export const StringLiteral = createToken({
  name: "StringLiteral",
  pattern: STRING_PATTERN,
  start_chars_hint: ['"'],
  line_breaks: false,
  label: "a string",
});

export const DateLiteral = createToken({ name: "DateLiteral", pattern: /\d{4}-\d{2}-\d{2}/, label: "a date" });
export const PercentLiteral = createToken({
  name: "PercentLiteral",
  pattern: /[+-]?\d+(?:\.\d+)?%/,
  label: "a percentage",
});
// `0..1` lexes as `0`, `..`, `1`: the fraction needs a digit right after the dot.
export const NumberLiteral = createToken({ name: "NumberLiteral", pattern: /-?\d+(?:\.\d+)?/, label: "a number" });

export const DotDot = createToken({ name: "DotDot", pattern: "..", label: "`..`" });
export const Dot = createToken({ name: "Dot", pattern: ".", label: "`.`" });
/** Separates the parts of a rule id in `expect`, as answers print it (`scenario/pathway/variation`). */
export const Slash = createToken({ name: "Slash", pattern: "/", label: "`/`" });
export const Comma = createToken({ name: "Comma", pattern: ",", label: "`,`" });
export const Colon = createToken({ name: "Colon", pattern: ":", label: "`:`" });
export const Question = createToken({ name: "Question", pattern: "?", label: "`?`" });
export const LCurly = createToken({ name: "LCurly", pattern: "{", label: "`{`" });
export const RCurly = createToken({ name: "RCurly", pattern: "}", label: "`}`" });
export const LParen = createToken({ name: "LParen", pattern: "(", label: "`(`" });
export const RParen = createToken({ name: "RParen", pattern: ")", label: "`)`" });
export const LBracket = createToken({ name: "LBracket", pattern: "[", label: "`[`" });
export const RBracket = createToken({ name: "RBracket", pattern: "]", label: "`]`" });

/** Abstract: the six comparison operators. */
export const ComparisonOperator = createToken({
  name: "ComparisonOperator",
  pattern: NOT_APPLICABLE,
  label: "a comparison operator",
});
export const EqualEqual = createToken({ name: "EqualEqual", pattern: "==", categories: [ComparisonOperator], label: "`==`" });
export const NotEqual = createToken({ name: "NotEqual", pattern: "!=", categories: [ComparisonOperator], label: "`!=`" });
export const LessEqual = createToken({ name: "LessEqual", pattern: "<=", categories: [ComparisonOperator], label: "`<=`" });
export const GreaterEqual = createToken({ name: "GreaterEqual", pattern: ">=", categories: [ComparisonOperator], label: "`>=`" });
// `<` and `>` also delimit `list<T>`; the grammar tells the two uses apart.
export const Less = createToken({ name: "Less", pattern: "<", categories: [ComparisonOperator], label: "`<`" });
export const Greater = createToken({ name: "Greater", pattern: ">", categories: [ComparisonOperator], label: "`>`" });
export const Equals = createToken({ name: "Equals", pattern: "=", label: "`=`" });

function tokenName(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** One token per reserved word, by word. */
export const KEYWORD_TOKENS: Readonly<Record<string, TokenType>> = Object.fromEntries(
  RESERVED_WORDS.map((word) => [
    word,
    createToken({
      name: tokenName(word),
      pattern: word,
      longer_alt: Identifier,
      categories: [Word],
      label: `\`${word}\``,
    }),
  ]),
);

/** One token per contextual word, by word; each is also an `Identifier`. */
export const CONTEXTUAL_TOKENS: Readonly<Record<string, TokenType>> = Object.fromEntries(
  CONTEXTUAL_WORDS.map((word) => [
    word,
    createToken({
      name: tokenName(word),
      pattern: word,
      longer_alt: Identifier,
      categories: [Identifier, Word],
      label: `\`${word}\``,
    }),
  ]),
);

function keyword(word: string, table: Readonly<Record<string, TokenType>>): TokenType {
  const token = table[word];
  if (!token) throw new Error(`internal: no token for the word ${word}`);
  return token;
}

/** Reserved-word tokens the grammar names directly. */
export const Kw = {
  Context: keyword("context", KEYWORD_TOKENS),
  Type: keyword("type", KEYWORD_TOKENS),
  Enum: keyword("enum", KEYWORD_TOKENS),
  Const: keyword("const", KEYWORD_TOKENS),
  Segment: keyword("segment", KEYWORD_TOKENS),
  Decision: keyword("decision", KEYWORD_TOKENS),
  Output: keyword("output", KEYWORD_TOKENS),
  Default: keyword("default", KEYWORD_TOKENS),
  Scenario: keyword("scenario", KEYWORD_TOKENS),
  For: keyword("for", KEYWORD_TOKENS),
  Situation: keyword("situation", KEYWORD_TOKENS),
  Goal: keyword("goal", KEYWORD_TOKENS),
  Pathway: keyword("pathway", KEYWORD_TOKENS),
  When: keyword("when", KEYWORD_TOKENS),
  Otherwise: keyword("otherwise", KEYWORD_TOKENS),
  Variation: keyword("variation", KEYWORD_TOKENS),
  Metrics: keyword("metrics", KEYWORD_TOKENS),
  Metric: keyword("metric", KEYWORD_TOKENS),
  Consent: keyword("consent", KEYWORD_TOKENS),
  Test: keyword("test", KEYWORD_TOKENS),
  Given: keyword("given", KEYWORD_TOKENS),
  Expect: keyword("expect", KEYWORD_TOKENS),
  And: keyword("and", KEYWORD_TOKENS),
  Or: keyword("or", KEYWORD_TOKENS),
  Not: keyword("not", KEYWORD_TOKENS),
  In: keyword("in", KEYWORD_TOKENS),
  Contains: keyword("contains", KEYWORD_TOKENS),
  Is: keyword("is", KEYWORD_TOKENS),
  Present: keyword("present", KEYWORD_TOKENS),
  True: keyword("true", KEYWORD_TOKENS),
  False: keyword("false", KEYWORD_TOKENS),
  Split: keyword("split", KEYWORD_TOKENS),
  By: keyword("by", KEYWORD_TOKENS),
  Experiment: keyword("experiment", KEYWORD_TOKENS),
  Fixture: keyword("fixture", KEYWORD_TOKENS),
} as const;

/** Contextual-word tokens the grammar names directly. */
export const Ctx = {
  Personal: keyword("personal", CONTEXTUAL_TOKENS),
  List: keyword("list", CONTEXTUAL_TOKENS),
  Primary: keyword("primary", CONTEXTUAL_TOKENS),
  Secondary: keyword("secondary", CONTEXTUAL_TOKENS),
  Guardrail: keyword("guardrail", CONTEXTUAL_TOKENS),
  Target: keyword("target", CONTEXTUAL_TOKENS),
  Within: keyword("within", CONTEXTUAL_TOKENS),
  Days: keyword("days", CONTEXTUAL_TOKENS),
  Weeks: keyword("weeks", CONTEXTUAL_TOKENS),
  None: keyword("none", CONTEXTUAL_TOKENS),
  Arms: keyword("arms", CONTEXTUAL_TOKENS),
  Arm: keyword("arm", CONTEXTUAL_TOKENS),
  Extends: keyword("extends", CONTEXTUAL_TOKENS),
} as const;

/** Every token type, in matching order (first match wins, so order matters). */
export const ALL_TOKENS: readonly TokenType[] = [
  WhiteSpace,
  LineComment,
  BlockComment,
  UnterminatedBlockComment,
  StringLiteral,
  DateLiteral,
  PercentLiteral,
  NumberLiteral,
  DotDot,
  Dot,
  Slash,
  Comma,
  Colon,
  Question,
  LCurly,
  RCurly,
  LParen,
  RParen,
  LBracket,
  RBracket,
  EqualEqual,
  NotEqual,
  LessEqual,
  GreaterEqual,
  Less,
  Greater,
  Equals,
  ComparisonOperator,
  ...Object.values(KEYWORD_TOKENS),
  ...Object.values(CONTEXTUAL_TOKENS),
  Identifier,
  Word,
];

const RESERVED_TOKEN_SET: ReadonlySet<TokenType> = new Set(Object.values(KEYWORD_TOKENS));
export function isReservedToken(type: TokenType): boolean {
  return RESERVED_TOKEN_SET.has(type);
}

/** Every keyword token (reserved and contextual), by the word it spells. */
export const KEYWORD_BY_WORD: ReadonlyMap<string, TokenType> = new Map([...Object.entries(KEYWORD_TOKENS), ...Object.entries(CONTEXTUAL_TOKENS)]);

/** Every token type in the order made, which is the order chevrotain numbers them in. */
export const TOKENS_IN_ORDER: readonly ScnTokenType[] = made;
