/**
 * Chevrotain's side of the parse: what reads a text with a lexical or syntax
 * error, with chevrotain's error recovery and the messages of
 * syntax-messages.ts (docs/diagnostics.md, "Syntax (SCN1xxx)").
 * parse-file.ts reaches it only through route-slot.ts, so that a text
 * without errors never loads chevrotain; this module installs itself there
 * when it is loaded.
 *
 * The parse goes one declaration at a time while the text has no syntax
 * error (same tree, far less memory on large files), and otherwise parses
 * the file whole, reporting the first syntax error of every declaration and
 * of every member of a declaration's block.
 */
import type { CstNode, IRecognitionException, IToken } from "chevrotain";
import type { Declaration } from "./ast.js";
import { cstToAst, DeclarationBuilder, type BuiltDeclarations } from "./cst-to-ast.js";
import { lexWithChevrotain } from "./chevrotain-lexer.js";
import { MAX_SYNTAX_ERRORS, sharedParser, TooManySyntaxErrors } from "./grammar.js";
import { Colon, Equals, Kw } from "./lexer.js";
import { DECLARATION_KEYWORDS, declarationStarts, isCloser, isOpener, type FileParse } from "./parse-file.js";
import { installChevrotainRoute } from "./route-slot.js";
import type { Span } from "./span.js";
import { decodeSyntaxMessage } from "./syntax-messages.js";
import type { TokenStore } from "./token-store.js";

function parserErrorSpan(file: FileParse, error: IRecognitionException, tokens: readonly IToken[]): Span {
  const token = error.token;
  if (token && !Number.isNaN(token.startOffset) && token.image !== "") return file.tokenSpan(token);
  // At the end of the file: a zero-width span just after the last token.
  const last = tokens[tokens.length - 1];
  if (!last) return file.offsetSpan(0, 0);
  const end = file.tokenSpan(last).end;
  return { file: file.path, start: end, end };
}


const MEMBER_KEYWORDS = new Set([Kw.Situation, Kw.Goal, Kw.Pathway, Kw.Metrics, Kw.Output, Kw.Default, Kw.Given, Kw.Expect]);

/**
 * Start offsets of the regions errors are grouped by: each top-level
 * declaration, and each member of a declaration's block (a pathway, the
 * `given` of a test, …). They are found by keyword and bracket depth; since a
 * missing `}` upsets the depth, a declaration keyword at the start of a line
 * also starts a region (and resets the depth), as does a member keyword that
 * starts its line. A keyword followed by `:` is a field name, not a start.
 */
function regionStarts(tokens: readonly IToken[]): number[] {
  const starts: number[] = [];
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (!token) continue;
    const type = token.tokenType;
    const previous = tokens[i - 1];
    const startsLine = previous === undefined || (previous.endLine ?? 0) < (token.startLine ?? 0);
    const isFieldName = tokens[i + 1]?.tokenType === Colon;
    if (isOpener(type)) depth += 1;
    else if (isCloser(type)) depth = Math.max(0, depth - 1);
    else if (isFieldName) continue;
    else if (DECLARATION_KEYWORDS.has(type) && (depth === 0 || (startsLine && token.startColumn === 1))) {
      starts.push(token.startOffset);
      depth = 0;
    } else if (MEMBER_KEYWORDS.has(type) && (depth === 1 || startsLine)) {
      // `expect d = default` and `action: default` use `default` as a value, not a member.
      const isValue = type === Kw.Default && (previous?.tokenType === Equals || previous?.tokenType === Colon);
      if (!isValue) starts.push(token.startOffset);
    }
  }
  return starts;
}

/** Which region an offset falls in (0 before the first one). */
function regionOf(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((starts[mid] ?? 0) <= offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * Reports the first parser error of each region (a top-level declaration, or
 * one member of its block). Recovery resumes inside a broken region by
 * guessing, and what it reports next there is mostly a consequence of the
 * first error, so a person would read it as noise. Errors in other regions
 * are all reported.
 */
function reportParserErrors(file: FileParse, errors: readonly IRecognitionException[], tokens: readonly IToken[]): void {
  const starts = regionStarts(tokens);
  const reported = new Set<number>();
  for (const error of errors) {
    const span = parserErrorSpan(file, error, tokens);
    // An error found at a region's first keyword means the region before it
    // ended early, so it belongs to that earlier region.
    const region = regionOf(starts, span.start.offset - 1);
    if (reported.has(region)) continue;
    reported.add(region);
    const decoded = decodeSyntaxMessage(error.message);
    file.report(decoded.name, span, decoded.message, decoded.help);
  }
}


/**
 * Parses the file one top-level declaration at a time, building each one's
 * syntax before parsing the next, so that each concrete tree is garbage as
 * soon as it is read: on a file of many thousand declarations this keeps the
 * heap small and the garbage collector fast.
 *
 * For text without syntax errors this gives exactly the tree of the
 * whole-file parse: each piece starts at a declaration keyword, the parser
 * decides with tokens of the declaration it is in (lookahead stays within a
 * rule), and no declaration can go on with a declaration keyword (type,
 * value, condition and path endings continue only with `?`, `(`, `..`, `.`,
 * `and`, `or`, an operator, `not`, `in`, `contains` or `is`). Error recovery
 * may resynchronize across declarations, so at the first syntax error this
 * gives up (undefined) and the file is parsed whole, which reports errors as
 * documented above.
 */
function parseByDeclaration(tokens: readonly IToken[], store: TokenStore, path: string): BuiltDeclarations | undefined {
  const builder = new DeclarationBuilder(path);
  const scnParser = sharedParser();
  const starts = declarationStarts(store);
  if (starts[0] !== 0) starts.unshift(0);
  starts.push(tokens.length);
  for (let piece = 0; piece + 1 < starts.length; piece++) {
    scnParser.input = tokens.slice(starts[piece], starts[piece + 1]);
    let cst: CstNode;
    try {
      cst = scnParser.sourceFile();
    } catch (stop) {
      if (stop instanceof TooManySyntaxErrors) return undefined;
      throw stop;
    }
    if (scnParser.errors.length > 0) return undefined;
    builder.add(cst);
  }
  return builder.result();
}


/** Parses a file's tokens (see `ChevrotainRoute.parse` in route-slot.ts). */
function parseTokens(file: FileParse, tokens: IToken[], store: TokenStore): readonly Declaration[] | undefined {
  const byDeclaration = parseByDeclaration(tokens, store, file.path);
  if (byDeclaration) {
    file.diagnostics.push(...byDeclaration.diagnostics);
    return byDeclaration.declarations;
  }

  const scnParser = sharedParser();
  scnParser.input = tokens;
  let cst: CstNode | undefined;
  try {
    cst = scnParser.sourceFile();
  } catch (stop) {
    if (!(stop instanceof TooManySyntaxErrors)) throw stop;
    reportParserErrors(file, scnParser.errors, tokens);
    const decoded = decodeSyntaxMessage(stop.error.message);
    file.report(
      decoded.name,
      parserErrorSpan(file, stop.error, tokens),
      `${decoded.message}; parsing stopped here after ${MAX_SYNTAX_ERRORS} syntax errors`,
      "fix the first errors and run again; the rest of this file was not checked",
    );
    return undefined;
  }
  reportParserErrors(file, scnParser.errors, tokens);
  const built = cstToAst(cst, file.path);
  file.diagnostics.push(...built.diagnostics);
  return built.declarations;
}

installChevrotainRoute({
  lex: lexWithChevrotain,
  parse: parseTokens,
  serializedGrammar: () => sharedParser().getSerializedGastProductions(),
});
