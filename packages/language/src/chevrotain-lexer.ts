/**
 * Chevrotain's lexer for the vocabulary of lexer.ts: what lexes a text with
 * a lexical error (it reports the error and resumes after it), and the
 * reference the scanner (scanner.ts) is tested against. Loaded only with
 * chevrotain (route-slot.ts).
 */
import { Lexer, type ILexingResult, type TokenType } from "chevrotain";
import "./chevrotain-tokens.js";
import { ALL_TOKENS, Identifier, KEYWORD_BY_WORD } from "./lexer.js";
import { scanTokens } from "./scanner.js";

/**
 * The chevrotain lexer proper knows no keywords: every word lexes as an
 * `Identifier`, and `lexWithChevrotain` then gives each word that spells a
 * keyword its keyword token. This is what the keyword patterns (each with
 * `longer_alt: Identifier`) would produce, since a keyword wins only when it
 * spans the whole word, but it costs one map lookup per word instead of
 * trying every keyword that shares the word's first letter.
 *
 * It is built on first use: the scanner (scanner.ts) lexes every text
 * without a lexical error, so a command whose files are clean never pays
 * for building it.
 */
let wordLexer: Lexer | undefined;

function chevrotainWordLexer(): Lexer {
  if (wordLexer) return wordLexer;
  const keywordTokens: ReadonlySet<TokenType> = new Set(KEYWORD_BY_WORD.values());
  wordLexer = new Lexer(
    ALL_TOKENS.filter((token) => !keywordTokens.has(token)),
    {
      ensureOptimizations: true,
      // The default line terminators (`\n`, `\r\n`, `\r`) give correct line numbers for CRLF files.
      positionTracking: "full",
    },
  );
  return wordLexer;
}

/**
 * Chevrotain's lexing result, with keywords typed as such: the reference
 * for the scanner, and what lexes a text with a lexical error (it reports
 * the error and resumes after it).
 */
export function lexWithChevrotain(text: string): ILexingResult {
  const lexed = chevrotainWordLexer().tokenize(text);
  for (const token of lexed.tokens) {
    if (token.tokenType !== Identifier) continue;
    const keyword = KEYWORD_BY_WORD.get(token.image);
    if (keyword === undefined) continue;
    token.tokenType = keyword;
    token.tokenTypeIdx = keyword.tokenTypeIdx as number;
  }
  return lexed;
}

/** The `.scn` lexer with tokens as objects: the scanner when it can, chevrotain when the text has a lexical error. */
export const scnLexer = {
  tokenize(text: string): ILexingResult {
    return scanTokens(text) ?? lexWithChevrotain(text);
  },
};
