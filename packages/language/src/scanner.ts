/**
 * The scanner: a hand-written lexer for the token vocabulary of lexer.ts,
 * one pass over the characters with no regular expression: the lexer of
 * every parse.
 *
 * Chevrotain's lexer tries each token pattern in turn at each position;
 * on large programs that was a fifth of parsing (docs/benchmarks.md,
 * "Front end"). The scanner decides a token from its first one or two
 * characters instead.
 *
 * `scanStore` gives the tokens as a token store (token-store.ts), which is
 * what parse-file.ts reads; `scanTokens` gives them as chevrotain's token
 * objects.
 *
 * Invariant: for a text without a lexical error, `scanTokens` gives exactly
 * the tokens, comment tokens and positions of `lexWithChevrotain`
 * (chevrotain-lexer.ts; a property test holds it to that). At the first
 * character that starts no token, and at a block comment with no closing
 * `*\/`, it gives up (undefined), and the text is lexed with chevrotain,
 * which reports the error and resumes after it, as it always did.
 */
import type { ILexingResult, IToken, TokenType } from "chevrotain";
import {
  BlockComment,
  Colon,
  Comma,
  DateLiteral,
  Dot,
  DotDot,
  EqualEqual,
  Equals,
  Greater,
  GreaterEqual,
  Identifier,
  KEYWORD_BY_WORD,
  LBracket,
  LCurly,
  Less,
  LessEqual,
  LineComment,
  LParen,
  NotEqual,
  NumberLiteral,
  PercentLiteral,
  Question,
  RBracket,
  RCurly,
  RParen,
  Slash,
  StringLiteral,
  stringTokenEnd,
} from "./lexer.js";
import { TokenStoreBuilder, tokensOf, type TokenStore } from "./token-store.js";

/** What one character starts. */
const enum Start {
  Nothing,
  Space,
  Slash,
  Quote,
  Digit,
  Minus,
  Plus,
  Dot,
  Equals,
  Bang,
  Less,
  Greater,
  Letter,
  Single,
}

/** The single-character tokens, by character code. */
const SINGLE: ReadonlyMap<number, TokenType> = new Map([
  [0x2c, Comma],
  [0x3a, Colon],
  [0x3f, Question],
  [0x7b, LCurly],
  [0x7d, RCurly],
  [0x28, LParen],
  [0x29, RParen],
  [0x5b, LBracket],
  [0x5d, RBracket],
]);

/** `Start` by character code, for the ASCII range (everything else is whitespace only as U+FEFF). */
const STARTS = new Uint8Array(128);
for (const code of [0x20, 0x09, 0x0a, 0x0d, 0x0b, 0x0c]) STARTS[code] = Start.Space;
for (let code = 0x30; code <= 0x39; code++) STARTS[code] = Start.Digit;
for (let code = 0x41; code <= 0x5a; code++) STARTS[code] = Start.Letter;
for (let code = 0x61; code <= 0x7a; code++) STARTS[code] = Start.Letter;
STARTS[0x5f] = Start.Letter;
STARTS[0x2f] = Start.Slash;
STARTS[0x22] = Start.Quote;
STARTS[0x2d] = Start.Minus;
STARTS[0x2b] = Start.Plus;
STARTS[0x2e] = Start.Dot;
STARTS[0x3d] = Start.Equals;
STARTS[0x21] = Start.Bang;
STARTS[0x3c] = Start.Less;
STARTS[0x3e] = Start.Greater;
for (const code of SINGLE.keys()) STARTS[code] = Start.Single;

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function isWordPart(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39) || code === 0x5f;
}

/** The end of `\d+(?:\.\d+)?` from `offset` (a digit). */
function decimalEnd(text: string, offset: number): number {
  let i = offset;
  while (isDigit(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) === 0x2e && isDigit(text.charCodeAt(i + 1))) {
    i += 2;
    while (isDigit(text.charCodeAt(i))) i++;
  }
  return i;
}

/** Whether `YYYY-MM-DD` (digits only, any values) starts at `offset`. */
function isDateAt(text: string, offset: number): boolean {
  for (let k = 0; k < 10; k++) {
    const code = text.charCodeAt(offset + k);
    if (k === 4 || k === 7 ? code !== 0x2d : !isDigit(code)) return false;
  }
  return true;
}

/** A spelling's token type and its one shared image. */
interface SpelledToken {
  readonly type: TokenType;
  readonly image: string;
}

/**
 * Appends a comment that starts on `line` (which starts at `lineStart`).
 * This and `add` are functions of their own rather than closures in
 * `scanStore`: a closure would keep the scan's line counters in a
 * heap-allocated context, and every character of the main loop would read
 * them from there.
 */
function pushComment(into: IToken[], type: TokenType, image: string, start: number, end: number, line: number, lineStart: number): void {
  const column = start - lineStart + 1;
  // The fields in the order of token-store.ts's `tokenAt`: objects of one
  // shape share how V8 stores each field, and chevrotain makes tokens with
  // NaN positions (its end-of-input token), which would box every
  // position of every token of that shape as a heap number; these stay
  // small integers.
  into.push({
    tokenType: type,
    tokenTypeIdx: type.tokenTypeIdx as number,
    image,
    startOffset: start,
    endOffset: end - 1,
    startLine: line,
    endLine: line,
    startColumn: column,
    endColumn: column + (end - start) - 1,
  });
}

/** Appends a token (never a comment) that starts on `line` (which starts at `lineStart`). */
function add(into: TokenStoreBuilder, type: TokenType, image: string, start: number, line: number, lineStart: number): void {
  into.push(type, image, start, line, start - lineStart + 1);
}

/** The spelling `text[start, end)` of a token of `type` (a word's type is found here), shared through `words`. */
function spelled(words: Map<string, SpelledToken>, text: string, start: number, end: number, type: TokenType | undefined): SpelledToken {
  const image = text.slice(start, end);
  const known = words.get(image);
  if (known !== undefined) return known;
  const made = { type: type ?? KEYWORD_BY_WORD.get(image) ?? Identifier, image };
  words.set(image, made);
  return made;
}

/**
 * The tokens of `text` as chevrotain's token objects, or undefined at its
 * first lexical error (see the header). Tokens have full positions: lines
 * and columns are 1-based, `\n`, `\r\n` and `\r` end lines, and end
 * positions are inclusive.
 */
export function scanTokens(text: string): ILexingResult | undefined {
  const scanned = scanStore(text);
  if (!scanned) return undefined;
  return { tokens: tokensOf(scanned.tokens), groups: { comments: scanned.comments }, errors: [] };
}

/** What `scanStore` gives: the tokens, and the comments apart, as objects. */
export interface ScannedText {
  readonly tokens: TokenStore;
  readonly comments: IToken[];
}

/** The tokens of `text` as a store and its comments as objects, or undefined at its first lexical error. */
export function scanStore(text: string): ScannedText | undefined {
  // A program has about one token per six characters; room for one per four rarely needs to grow.
  const tokens = new TokenStoreBuilder(text.length >> 2);
  const comments: IToken[] = [];
  const length = text.length;
  let offset = 0;
  let line = 1;
  // The offset where the current line starts: a token's column is `offset - lineStart + 1`.
  let lineStart = 0;

  // Each word's token type and image by spelling, for this text: a program
  // repeats its names thousands of times, and one lookup here gives both the
  // keyword test and one shared string per spelling (the tree keeps these
  // strings; direct-parser.ts relies on words, numbers and percentages being
  // shared this way instead of interning them again).
  const words = new Map<string, SpelledToken>();

  while (offset < length) {
    const code = text.charCodeAt(offset);
    const start = code < 128 ? (STARTS[code] as Start) : code === 0xfeff ? Start.Space : Start.Nothing;
    switch (start) {
      case Start.Space: {
        let i = offset;
        for (; i < length; i++) {
          const c = text.charCodeAt(i);
          if (c === 0x0a) {
            line++;
            lineStart = i + 1;
          } else if (c === 0x0d) {
            if (text.charCodeAt(i + 1) === 0x0a) i++;
            line++;
            lineStart = i + 1;
          } else if (c !== 0x20 && c !== 0x09 && c !== 0x0b && c !== 0x0c && c !== 0xfeff) {
            break;
          }
        }
        offset = i;
        continue;
      }
      case Start.Slash: {
        const next = text.charCodeAt(offset + 1);
        if (next === 0x2f) {
          let end = offset + 2;
          while (end < length) {
            const c = text.charCodeAt(end);
            if (c === 0x0a || c === 0x0d) break;
            end++;
          }
          pushComment(comments, LineComment, text.slice(offset, end), offset, end, line, lineStart);
          offset = end;
        } else if (next === 0x2a) {
          const close = text.indexOf("*/", offset + 2);
          if (close === -1) return undefined;
          const end = close + 2;
          // Count the comment's line breaks (`\r\n` as one, at its `\n`).
          let endLine = line;
          let endLineStart = lineStart;
          for (let i = offset; i < end; i++) {
            const c = text.charCodeAt(i);
            if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) {
              endLine++;
              endLineStart = i + 1;
            }
          }
          pushComment(comments, BlockComment, text.slice(offset, end), offset, end, line, lineStart);
          const comment = comments[comments.length - 1] as IToken;
          if (endLine !== line) {
            // The comment ends on a later line (it ends with `*/`, never with a line break).
            comment.endLine = endLine;
            comment.endColumn = end - endLineStart;
            line = endLine;
            lineStart = endLineStart;
          }
          offset = end;
        } else {
          add(tokens, Slash, "/", offset, line, lineStart);
          offset++;
        }
        continue;
      }
      case Start.Quote: {
        const end = stringTokenEnd(text, offset);
        add(tokens, StringLiteral, text.slice(offset, end), offset, line, lineStart);
        offset = end;
        continue;
      }
      case Start.Digit:
      case Start.Minus:
      case Start.Plus: {
        const digits = start === Start.Digit ? offset : offset + 1;
        if (!isDigit(text.charCodeAt(digits))) return undefined;
        if (start === Start.Digit && isDateAt(text, offset)) {
          add(tokens, DateLiteral, text.slice(offset, offset + 10), offset, line, lineStart);
          offset += 10;
          continue;
        }
        const end = decimalEnd(text, digits);
        if (text.charCodeAt(end) === 0x25) {
          add(tokens, PercentLiteral, spelled(words, text, offset, end + 1, PercentLiteral).image, offset, line, lineStart);
          offset = end + 1;
        } else {
          // `+` starts a percentage only: `+5` is not a number.
          if (start === Start.Plus) return undefined;
          add(tokens, NumberLiteral, spelled(words, text, offset, end, NumberLiteral).image, offset, line, lineStart);
          offset = end;
        }
        continue;
      }
      case Start.Dot:
        if (text.charCodeAt(offset + 1) === 0x2e) {
          add(tokens, DotDot, "..", offset, line, lineStart);
          offset += 2;
        } else {
          add(tokens, Dot, ".", offset, line, lineStart);
          offset++;
        }
        continue;
      case Start.Equals:
        if (text.charCodeAt(offset + 1) === 0x3d) {
          add(tokens, EqualEqual, "==", offset, line, lineStart);
          offset += 2;
        } else {
          add(tokens, Equals, "=", offset, line, lineStart);
          offset++;
        }
        continue;
      case Start.Bang:
        if (text.charCodeAt(offset + 1) !== 0x3d) return undefined;
        add(tokens, NotEqual, "!=", offset, line, lineStart);
        offset += 2;
        continue;
      case Start.Less:
        if (text.charCodeAt(offset + 1) === 0x3d) {
          add(tokens, LessEqual, "<=", offset, line, lineStart);
          offset += 2;
        } else {
          add(tokens, Less, "<", offset, line, lineStart);
          offset++;
        }
        continue;
      case Start.Greater:
        if (text.charCodeAt(offset + 1) === 0x3d) {
          add(tokens, GreaterEqual, ">=", offset, line, lineStart);
          offset += 2;
        } else {
          add(tokens, Greater, ">", offset, line, lineStart);
          offset++;
        }
        continue;
      case Start.Letter: {
        let end = offset + 1;
        while (end < length && isWordPart(text.charCodeAt(end))) end++;
        const word = spelled(words, text, offset, end, undefined);
        add(tokens, word.type, word.image, offset, line, lineStart);
        offset = end;
        continue;
      }
      case Start.Single: {
        const type = SINGLE.get(code) as TokenType;
        add(tokens, type, text.charAt(offset), offset, line, lineStart);
        offset++;
        continue;
      }
      default:
        return undefined;
    }
  }
  return { tokens: tokens.finish(), comments };
}
