/**
 * Operators from other languages, said in scn's words (docs/language.md#102-operators).
 *
 * People write conditions the way their last language spelled them: `&&`,
 * `||`, `!`, `=<`, `=>`, `<>`, or arithmetic such as `a * 2 > 10`. The lexer
 * has no token for these, so without this step they read as "unexpected
 * characters" followed by a parser error about whatever came next. Here each
 * one gets a message that names the scn spelling (SCN1106) or explains that
 * conditions have no arithmetic (SCN1107), and the token stream is repaired
 * the way the author evidently meant it (`&&` parses as `and`, `=<` as
 * `<=`, and `* 2` is dropped), so that one slip gives one diagnostic and the
 * rest of the file is still checked for syntax.
 *
 * Invariant: only runs of stray characters the lexer already rejected and
 * adjacent token pairs that the grammar can never accept are touched; a
 * valid file's tokens come out unchanged.
 */
import type { ILexingError, IToken, TokenType } from "chevrotain";
import type { DiagnosticName } from "./catalog/index.js";
import type { TokenStore } from "./token-store.js";
import { Dot, Equals, Greater, GreaterEqual, Identifier, Kw, Less, LessEqual, NotEqual, NumberLiteral, Slash, Word } from "./lexer.js";

export interface OperatorTypo {
  readonly name: DiagnosticName;
  readonly offset: number;
  readonly length: number;
  readonly message: string;
  readonly help: string;
}

export interface RepairedTokens {
  readonly tokens: IToken[];
  /** The indexes of the lexer errors explained here (the caller reports the others). */
  readonly explained: ReadonlySet<number>;
  readonly typos: readonly OperatorTypo[];
}

const COMBINERS: Readonly<Record<string, { readonly word: string; readonly type: TokenType }>> = {
  "&&": { word: "and", type: Kw.And },
  "&": { word: "and", type: Kw.And },
  "||": { word: "or", type: Kw.Or },
  "|": { word: "or", type: Kw.Or },
  "!": { word: "not", type: Kw.Not },
};

/** Stray characters that are arithmetic; `/` is a token (it separates a rule id's parts) and is judged by where it stands. */
const ARITHMETIC = new Set(["*", "+", "-", "^", "×", "÷"]);

/** `=<` and friends: two adjacent tokens and the one operator they mean. */
const COMPARISON_PAIRS: readonly { readonly first: TokenType; readonly second: TokenType; readonly written: string; readonly meant: string; readonly type: TokenType }[] = [
  { first: Equals, second: Less, written: "=<", meant: "<=", type: LessEqual },
  { first: Equals, second: Greater, written: "=>", meant: ">=", type: GreaterEqual },
  { first: Less, second: Greater, written: "<>", meant: "!=", type: NotEqual },
];

function arithmetic(operator: string, offset: number): OperatorTypo {
  return {
    name: "arithmetic",
    offset,
    length: operator.length,
    message: `there is no arithmetic like \`${operator}\`: a condition compares one field with literals`,
    help: "derive the value upstream and pass it in the context as a field of its own, then compare that field",
  };
}

/**
 * A token of one line, as chevrotain's `createTokenInstance` makes it (this
 * module runs without chevrotain: lexer.ts). Its type's number is
 * chevrotain's, unset until chevrotain is loaded; parse-file.ts sets it
 * before the tokens go to chevrotain's parser.
 */
function synthetic(type: TokenType, image: string, offset: number, line: number, column: number): IToken {
  return {
    image,
    startOffset: offset,
    endOffset: offset + image.length - 1,
    startLine: line,
    endLine: line,
    startColumn: column,
    endColumn: column + image.length - 1,
    tokenTypeIdx: type.tokenTypeIdx as number,
    tokenType: type,
  };
}

/** Whether the `/` at `index` follows `expect NAME = WORD` (with more `/WORD` or `.WORD` parts between). */
function inRuleId(tokens: readonly IToken[], index: number): boolean {
  let at = index - 1;
  if (!isOperand(tokens[at])) return false;
  at -= 1;
  while ((tokens[at]?.tokenType === Slash || tokens[at]?.tokenType === Dot) && isOperand(tokens[at - 1])) at -= 2;
  return tokens[at]?.tokenType === Equals && isOperand(tokens[at - 1]) && tokens[at - 2]?.tokenType === Kw.Expect;
}

function isOperand(token: IToken | undefined): boolean {
  if (!token) return false;
  const type = token.tokenType;
  return type === NumberLiteral || type === Identifier || (type.CATEGORIES ?? []).includes(Word) || (type.CATEGORIES ?? []).includes(Identifier);
}

/** Whether `token` and the token after it spell one of `COMPARISON_PAIRS`. */
function pairAt(token: IToken, next: IToken | undefined): (typeof COMPARISON_PAIRS)[number] | undefined {
  // Every pair starts with `=` or `<`; this test first keeps the scan of a whole file cheap.
  if (token.tokenType !== Equals && token.tokenType !== Less) return undefined;
  if (!next || next.startOffset !== (token.endOffset ?? token.startOffset) + 1) return undefined;
  return COMPARISON_PAIRS.find((candidate) => token.tokenType === candidate.first && next.tokenType === candidate.second);
}

/** `isOperand` of a token's type. */
function isOperandType(type: TokenType | undefined): boolean {
  if (type === undefined) return false;
  return type === NumberLiteral || type === Identifier || (type.CATEGORIES ?? []).includes(Word) || (type.CATEGORIES ?? []).includes(Identifier);
}

/** `inRuleId` over a store's token types. */
function inRuleIdAt(types: readonly TokenType[], index: number): boolean {
  let at = index - 1;
  if (!isOperandType(types[at])) return false;
  at -= 1;
  while ((types[at] === Slash || types[at] === Dot) && isOperandType(types[at - 1])) at -= 2;
  return types[at] === Equals && isOperandType(types[at - 1]) && types[at - 2] === Kw.Expect;
}

/**
 * Whether `repairOperators` could find anything in these tokens when the
 * lexer met no stray characters: only a `/` outside a rule id (`expect d =
 * s/p`, which test blocks are full of) or two adjacent tokens of
 * `COMPARISON_PAIRS` can be a typo. Most files have neither, and keep their
 * tokens as a store (token-store.ts) without making them objects first.
 */
export function mayHaveOperatorTypos(store: TokenStore): boolean {
  const { types, images, starts } = store;
  for (let i = 0; i < types.length; i++) {
    const type = types[i];
    if (type === Slash) {
      if (inRuleIdAt(types, i)) continue;
      return true;
    }
    if (type !== Equals && type !== Less) continue;
    const next = types[i + 1];
    if (starts[i + 1] !== (starts[i] as number) + (images[i] as string).length) continue;
    if (isComparisonPair(type, next)) return true;
  }
  return false;
}

/**
 * Whether `first` and `second` spell one of `COMPARISON_PAIRS`. A function of
 * its own rather than a callback in the loop above: a callback capturing
 * the loop's variables makes V8 allocate a context for them on every step of
 * the loop, called or not, which for a large file was five megabytes of
 * garbage before the loop was optimized.
 */
function isComparisonPair(first: TokenType, second: TokenType | undefined): boolean {
  for (let k = 0; k < COMPARISON_PAIRS.length; k++) {
    const pair = COMPARISON_PAIRS[k] as (typeof COMPARISON_PAIRS)[number];
    if (pair.first === first && pair.second === second) return true;
  }
  return false;
}

/**
 * Explains and repairs the operator typos among `errors` (the lexer's, already
 * capped by the caller) and `tokens`; at most `limit` adjacent-token typos are
 * explained, so hostile input cannot make a diagnostic per token.
 */
export function repairOperators(text: string, tokens: IToken[], errors: readonly ILexingError[], limit: number): RepairedTokens {
  // The common case, a file without any of these, keeps its token array.
  const hasPair = tokens.some((token, i) => pairAt(token, tokens[i + 1]) !== undefined || token.tokenType === Slash);
  const hasStray = errors.some((error) => {
    const bad = text.slice(error.offset, error.offset + error.length);
    return COMBINERS[bad] !== undefined || ARITHMETIC.has(bad);
  });
  if (!hasPair && !hasStray) return { tokens, explained: new Set(), typos: [] };

  const typos: OperatorTypo[] = [];
  const explained = new Set<number>();
  const inserted: IToken[] = [];
  /** Offsets of operand tokens dropped after an arithmetic operator. */
  const dropped = new Set<number>();
  const byOffset = [...tokens];

  for (const [index, error] of errors.entries()) {
    const bad = text.slice(error.offset, error.offset + error.length);
    const line = error.line ?? 1;
    const column = error.column ?? 1;
    const combiner = COMBINERS[bad];
    if (combiner) {
      explained.add(index);
      typos.push({
        name: "foreign-operator",
        offset: error.offset,
        length: error.length,
        message: `\`${bad}\` is written \`${combiner.word}\` in scn`,
        help: `write \`${combiner.word}\`: conditions combine with the words \`and\`, \`or\` and \`not\``,
      });
      inserted.push(synthetic(combiner.type, bad, error.offset, line, column));
    } else if (ARITHMETIC.has(bad)) {
      explained.add(index);
      typos.push(arithmetic(bad, error.offset));
      // `a * 2 > 10` goes on as `a > 10`: the operand of the arithmetic is dropped with it.
      const next = byOffset.find((token) => token.startOffset >= error.offset + error.length);
      if (next && isOperand(next) && next.startLine === line) dropped.add(next.startOffset);
    }
  }

  const merged: IToken[] = [];
  let pairs = 0;
  const all = [...byOffset, ...inserted].sort((a, b) => a.startOffset - b.startOffset);
  for (let i = 0; i < all.length; i++) {
    const token = all[i] as IToken;
    if (dropped.has(token.startOffset)) continue;
    // A `/` that is not inside `expect D = S/P/V` separates no rule id: it is a division.
    if (token.tokenType === Slash && !inRuleId(all, i) && pairs < limit) {
      pairs += 1;
      typos.push(arithmetic("/", token.startOffset));
      const operand = all[i + 1];
      if (operand && isOperand(operand) && operand.startLine === token.startLine) i += 1;
      continue;
    }
    const next = all[i + 1];
    const pair = pairs < limit ? pairAt(token, next) : undefined;
    if (pair && next) {
      pairs += 1;
      typos.push({
        name: "foreign-operator",
        offset: token.startOffset,
        length: 2,
        message: `\`${pair.written}\` is written \`${pair.meant}\` in scn`,
        help: `write \`${pair.meant}\`: the comparisons are \`==\`, \`!=\`, \`<\`, \`<=\`, \`>\` and \`>=\``,
      });
      merged.push(synthetic(pair.type, pair.written, token.startOffset, token.startLine ?? 1, token.startColumn ?? 1));
      i += 1;
      continue;
    }
    merged.push(token);
  }
  return { tokens: merged, explained, typos };
}
