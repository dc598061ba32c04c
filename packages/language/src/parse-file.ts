/**
 * The parse stage's public API: text → syntax tree plus diagnostics.
 *
 * Steps: size limit → lex → lexical checks (strings, escapes, dates,
 * comments) → nesting-depth limit → parse (with error recovery) → CST to AST.
 * A text without errors is lexed by the scanner (scanner.ts) and parsed by
 * the direct parser (direct-parser.ts); only a text with an error loads
 * chevrotain (chevrotain-route.ts, through route-slot.ts), whose lexer and
 * parser report it.
 *
 * Invariants:
 * - `parseFile` never throws on any input; every problem is a diagnostic
 *   with a code from catalog/syntax.ts. One run reports every lexical error
 *   and the first syntax error of every declaration and of every member of a
 *   declaration's block (later ones in the same place are usually
 *   consequences of the first).
 * - Offsets are UTF-16 indexes into the text exactly as given. A leading
 *   byte-order mark is treated as whitespace (it keeps offset 0, so the first
 *   token of such a file starts at column 2); `\r\n` and `\r` end lines.
 * - Files over `MAX_FILE_LENGTH` or nested deeper than `MAX_NESTING_DEPTH` are
 *   not parsed at all: one diagnostic says why. This bounds the parser's
 *   stack depth and running time on hostile input.
 */
import type { ILexingError, ILexingResult, IToken, TokenType } from "chevrotain";
import type { Comment, Condition, Declaration, Program, SourceFile } from "./ast.js";
import { sortDiagnostics, type Diagnostic, type StageResult } from "./diagnostic.js";
import { makeDiagnostic, type DiagnosticName } from "./catalog/index.js";
import type { InvalidByte } from "./source-text.js";
import { BlockComment, Ctx, Dot, Kw, DateLiteral, NumberLiteral, PercentLiteral, LBracket, LCurly, LineComment, LParen, Less, RBracket, RCurly, RParen, Greater, StringLiteral, UnterminatedBlockComment } from "./lexer.js";
import { scanStore } from "./scanner.js";
import { storeOf, tokenAt, tokensOf, type TokenStore } from "./token-store.js";
import { chevrotainRoute } from "./route-slot.js";
import { decodeString, isCalendarDate, isPlainString } from "./literals.js";
import { mayHaveOperatorTypos, repairOperators } from "./operator-typos.js";
import { parseDirectly } from "./direct-parser.js";
import { SourceLines, type Position, type Span } from "./span.js";

/** The largest file parsed, in UTF-16 code units (10 Mi). */
export const MAX_FILE_LENGTH = 10 * 1024 * 1024;

/**
 * The most tokens one top-level declaration may have (a token is a word, a
 * literal or a punctuation mark): the memory bound of docs/language.md,
 * "Limits".
 */
export const MAX_DECLARATION_TOKENS = 250_000;

/**
 * The recursion budget: the deepest nesting that is parsed, counting each
 * `(`, `[`, `{` and `list<` and, in a condition, each `not` as a level. Every
 * stage that recurses over the tree (building it, checking, lowering,
 * analysis, printing) relies on it; the checker applies it again to
 * conditions with their segments inlined (docs/language.md, "Limits").
 */
export const MAX_NESTING_DEPTH = 64;

/**
 * The line and column of `offset`, counting `\r\n`, `\n` and `\r` as line
 * ends. It jumps from line end to line end with `indexOf`, which matters for
 * the span of a whole large file.
 */
export function positionAt(text: string, offset: number): Position {
  const limit = Math.min(offset, text.length);
  let line = 1;
  let lineStart = 0;
  let nextLf = text.indexOf("\n");
  let nextCr = text.indexOf("\r");
  for (;;) {
    const lf = nextLf === -1 ? Infinity : nextLf;
    const cr = nextCr === -1 ? Infinity : nextCr;
    const end = Math.min(lf, cr);
    if (end >= limit) break;
    if (end === cr) {
      nextCr = text.indexOf("\r", cr + 1);
      // In `\r\n` the line ends at the `\n`.
      if (lf === cr + 1) continue;
    } else {
      nextLf = text.indexOf("\n", lf + 1);
    }
    line += 1;
    lineStart = end + 1;
  }
  return { offset, line, column: offset - lineStart + 1 };
}

/** Per-file context shared by the steps below. */
export class FileParse {
  readonly diagnostics: Diagnostic[] = [];

  constructor(
    readonly text: string,
    readonly path: string,
  ) {}

  tokenSpan(token: IToken, startWithin = 0, length = token.image.length): Span {
    if (startWithin === 0 && length === token.image.length) {
      const endOffset = (token.endOffset ?? token.startOffset) + 1;
      // A token that ends with a line break (an unclosed comment at the end of
      // a file) ends at the start of the next line.
      const last = token.image.charAt(token.image.length - 1);
      const end =
        last === "\n" || last === "\r"
          ? { offset: endOffset, line: (token.endLine ?? 1) + 1, column: 1 }
          : { offset: endOffset, line: token.endLine ?? 1, column: (token.endColumn ?? 0) + 1 };
      return {
        file: this.path,
        start: { offset: token.startOffset, line: token.startLine ?? 1, column: token.startColumn ?? 1 },
        end,
      };
    }
    // Part of a one-line token (strings never span lines): shift the columns.
    const startOffset = token.startOffset + startWithin;
    const startColumn = (token.startColumn ?? 1) + startWithin;
    const line = token.startLine ?? 1;
    return {
      file: this.path,
      start: { offset: startOffset, line, column: startColumn },
      end: { offset: startOffset + length, line, column: startColumn + length },
    };
  }

  offsetSpan(start: number, length: number): Span {
    return { file: this.path, start: positionAt(this.text, start), end: positionAt(this.text, start + length) };
  }

  wholeFile(): Span {
    return this.offsetSpan(0, this.text.length);
  }

  report(name: DiagnosticName, span: Span, message: string, help?: string): void {
    this.diagnostics.push(makeDiagnostic(name, span, message, help === undefined ? {} : { help }));
  }

  private readonly counts = new Map<DiagnosticName, number>();
  private readonly overflow = new Map<DiagnosticName, { span: Span; count: number }>();

  /**
   * Reports at most `MAX_SAME_LITERAL_ERRORS` diagnostics of one kind; the
   * rest are summed up by `reportOverflow` at the first one left out.
   */
  reportLimited(name: DiagnosticName, span: Span, message: string, help: string): void {
    const count = (this.counts.get(name) ?? 0) + 1;
    this.counts.set(name, count);
    if (count <= MAX_SAME_LITERAL_ERRORS) {
      this.report(name, span, message, help);
      return;
    }
    const pending = this.overflow.get(name);
    if (pending) pending.count += 1;
    else this.overflow.set(name, { span, count: 1 });
  }

  reportOverflow(name: DiagnosticName, what: string): void {
    const pending = this.overflow.get(name);
    if (!pending) return;
    this.report(name, pending.span, `${pending.count} more ${what} from here on`, "fix the first ones and run again");
  }
}

/** Past this many literal errors of one kind, one diagnostic sums up the rest. */
const MAX_SAME_LITERAL_ERRORS = 100;

function quoteShort(text: string): string {
  const shown = text.length > 24 ? `${text.slice(0, 23)}…` : text;
  return `\`${shown}\``;
}

/** Past this many runs of stray characters, the file is likely not `.scn` text; one last diagnostic sums up the rest. */
const MAX_CHARACTER_ERRORS = 100;

function reportRemainingCharacters(file: FileParse, first: ILexingError, count: number): void {
  const line = first.line ?? 1;
  const column = first.column ?? 1;
  file.report(
    "unexpected-character",
    {
      file: file.path,
      start: { offset: first.offset, line, column },
      end: { offset: first.offset + first.length, line, column: column + first.length },
    },
    `${count} more runs of unexpected characters from here on`,
    "check that this is the file you meant and that it is UTF-8 text; it does not look like `.scn` source",
  );
}

/**
 * Shows stray characters so that a reader can tell what they are: visible
 * ones as written, in backticks; a run with an invisible one (a no-break
 * space, a control character, a lone surrogate) by code points.
 */
function describeCharacters(bad: string): string {
  const chars = [...bad];
  if (chars.every((char) => /^[\p{L}\p{N}\p{P}\p{S}]$/u.test(char))) return quoteShort(bad);
  const codes = chars.slice(0, 8).map((char) => `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`);
  return chars.length > 8 ? `${codes.join(" ")} …` : codes.join(" ");
}

/**
 * Whether a number or percentage literal means the same value in every
 * runtime (docs/language.md, "Numbers"): its whole part is a safe integer
 * (at most 2^53 − 1 in size, where doubles still hold every integer), and it
 * does not round to 0 unless it is 0. Fraction digits round to the nearest
 * double, as JSON numbers do, and that double is what every runtime uses.
 */
function isExactlyRepresentable(raw: string): boolean {
  // The common case, checked without building strings: fifteen characters
  // hold at most fifteen whole digits (below 2^53) and too few fraction
  // digits to round a nonzero number to 0.
  if (raw.length <= 15) return true;
  const unsigned = raw.replace(/^[+-]/, "").replace(/%$/, "");
  const whole = (unsigned.split(".")[0] ?? "").replace(/^0+/, "");
  // More than 16 digits is past 2^53 whatever they are; fewer convert without overflow.
  if (whole.length > 16 || Number(whole === "" ? "0" : whole) > Number.MAX_SAFE_INTEGER) return false;
  return Number(unsigned) !== 0 || !/[1-9]/.test(unsigned);
}

function checkLexicalTokens(file: FileParse, tokens: TokenStore): void {
  const { types, images } = tokens;
  for (let i = 0; i < types.length; i++) {
    const type = types[i];
    // Most literals are fine: only one with a problem is made a token object, to report it.
    if (type === StringLiteral) {
      if (isPlainString(images[i] as string)) continue;
      const token = tokenAt(tokens, i);
      for (const problem of decodeString(token.image).problems) {
        if (problem.kind === "unterminated-string") {
          file.reportLimited(
            "unterminated-string",
            file.tokenSpan(token),
            "this string has no closing `\"`",
            "close the string on the same line; write a newline inside a string as `\\n`",
          );
        } else {
          file.reportLimited(
            "invalid-escape",
            file.tokenSpan(token, problem.offset, problem.length),
            `${quoteShort(problem.text)} is not a valid escape`,
            "use one of the escapes `\\\"`, `\\\\`, `\\n`, `\\t` or `\\uHHHH` (four hex digits)",
          );
        }
      }
    } else if ((type === NumberLiteral || type === PercentLiteral) && !isExactlyRepresentable(images[i] as string)) {
      const token = tokenAt(tokens, i);
      file.reportLimited(
        "number-out-of-range",
        file.tokenSpan(token),
        `${quoteShort(token.image)} is outside the numbers scn represents exactly`,
        `write a number whose whole part is at most ${Number.MAX_SAFE_INTEGER} in size, and not a fraction so small it would round to 0`,
      );
    } else if (type === DateLiteral && !isCalendarDate(images[i] as string)) {
      const token = tokenAt(tokens, i);
      file.reportLimited(
        "invalid-date",
        file.tokenSpan(token),
        `${quoteShort(token.image)} is not a calendar date`,
        "write a date as `YYYY-MM-DD`, with a month from 01 to 12 and a day that exists in that month",
      );
    }
  }
  file.reportOverflow("unterminated-string", "unterminated strings");
  file.reportOverflow("invalid-escape", "invalid escapes");
  file.reportOverflow("invalid-date", "invalid dates");
  file.reportOverflow("number-out-of-range", "numbers out of range");
}

function buildComments(file: FileParse, commentTokens: readonly IToken[]): Comment[] {
  const comments: Comment[] = [];
  for (const token of commentTokens) {
    if (token.tokenType === UnterminatedBlockComment) {
      file.report(
        "unterminated-comment",
        file.tokenSpan(token, 0, 2),
        "this block comment has no closing `*/`",
        "close the comment with `*/`; block comments do not nest",
      );
    }
    const kind = token.tokenType === LineComment ? "LineComment" : "BlockComment";
    if (token.tokenType === LineComment || token.tokenType === BlockComment || token.tokenType === UnterminatedBlockComment) {
      comments.push({ kind, text: token.image, span: file.tokenSpan(token) });
    }
  }
  return comments;
}

// Comparisons rather than set lookups: the passes below look at every token of a file.
export function isOpener(type: TokenType): boolean {
  return type === LParen || type === LBracket || type === LCurly;
}

export function isCloser(type: TokenType): boolean {
  return type === RParen || type === RBracket || type === RCurly;
}

/**
 * The index of the first token that opens a level deeper than the limit, if any. Each
 * closer closes the innermost open bracket, and `>` closes only a `list<`:
 * elsewhere it is a comparison, which must not hide a parenthesis from the
 * count (`(n > 1 and (n > 1 and …`).
 */
function findTooDeep(tokens: TokenStore): number | undefined {
  const types = tokens.types;
  const open: TokenType[] = [];
  for (let i = 0; i < types.length; i++) {
    const type = types[i] as TokenType;
    const opensList = type === Less && types[i - 1] === Ctx.List;
    if (isOpener(type) || opensList) {
      open.push(type);
      if (open.length > MAX_NESTING_DEPTH) return i;
    } else if (isCloser(type) || (type === Greater && open[open.length - 1] === Less)) {
      open.pop();
    }
  }
  return undefined;
}

/** The conditions written in a declaration (a segment's, a situation, and pathways' and variations' `when`). */
function conditionsOf(declaration: Declaration): Condition[] {
  if (declaration.kind === "SegmentDeclaration") return [declaration.condition];
  if (declaration.kind !== "ScenarioDeclaration") return [];
  const found: Condition[] = [];
  for (const member of declaration.members) {
    if (member.kind === "Situation") found.push(member.condition);
    if (member.kind !== "Pathway") continue;
    if (member.when) found.push(member.when);
    for (const inner of member.members) if (inner.kind === "Variation" && inner.when) found.push(inner.when);
  }
  return found;
}

/**
 * The first `not` or parenthesis of a condition that sits more than
 * `MAX_NESTING_DEPTH` of them deep, if any. The bracket check counts
 * parentheses but cannot see a `not`'s extent, and the parser reads `not`
 * chains without recursion, so this walk (itself without recursion) is what
 * keeps a chain of `not`s from nesting every later stage's recursion.
 */
function findTooDeepCondition(declarations: readonly Declaration[]): Condition | undefined {
  const pending: { condition: Condition; depth: number }[] = [];
  for (const declaration of declarations) {
    for (const condition of conditionsOf(declaration)) pending.push({ condition, depth: 0 });
    while (pending.length > 0) {
      const next = pending.pop();
      if (!next) break;
      const { condition } = next;
      const depth = condition.kind === "Not" || condition.kind === "Paren" ? next.depth + 1 : next.depth;
      if (depth > MAX_NESTING_DEPTH) return condition;
      if (condition.kind === "Not") pending.push({ condition: condition.operand, depth });
      else if (condition.kind === "Paren") pending.push({ condition: condition.inner, depth });
      else if (condition.kind === "And" || condition.kind === "Or") for (const operand of condition.operands) pending.push({ condition: operand, depth });
    }
  }
  return undefined;
}

function reportTooDeep(file: FileParse, span: Span): void {
  file.report(
    "nesting-too-deep",
    span,
    `nesting deeper than ${MAX_NESTING_DEPTH} levels`,
    "flatten the expression: name parts of a condition as segments, or split nested records",
  );
}

export const DECLARATION_KEYWORDS = new Set([Kw.Context, Kw.Type, Kw.Const, Kw.Segment, Kw.Decision, Kw.Metric, Kw.Consent, Kw.Scenario, Kw.Test, Kw.Fixture]);
/**
 * Where each top-level declaration starts, found without parsing: a
 * declaration keyword outside every bracket and not right after a `.` (where
 * it is a field name). A value may also be a reserved word written on the
 * line of the token before it (`const c = scenario`), so this can cut a
 * declaration in two; the first piece then fails to parse, and `parseFile`
 * parses the file whole.
 */
export function declarationStarts(tokens: TokenStore): number[] {
  const types = tokens.types;
  const starts: number[] = [];
  let depth = 0;
  for (let i = 0; i < types.length; i++) {
    const type = types[i] as TokenType;
    if (isOpener(type)) depth += 1;
    else if (isCloser(type)) depth = Math.max(0, depth - 1);
    else if (depth === 0 && DECLARATION_KEYWORDS.has(type) && types[i - 1] !== Dot) starts.push(i);
  }
  return starts;
}

/**
 * The first top-level declaration with more than `MAX_DECLARATION_TOKENS`
 * tokens, if any. The parser's concrete tree of one declaration costs about
 * a kilobyte per operand or list item, so an unbounded declaration (a chain
 * of a million `and`s fits in the file limit) would exhaust the heap; bounding
 * each declaration bounds that tree, whatever the file.
 */
function findTooLargeDeclaration(tokens: TokenStore): { first: number; count: number } | undefined {
  const starts = declarationStarts(tokens);
  starts.push(tokens.types.length);
  let from = 0;
  for (const to of starts) {
    if (from < tokens.types.length && to - from > MAX_DECLARATION_TOKENS) return { first: from, count: to - from };
    from = to;
  }
  return undefined;
}

export function sourceFile(file: FileParse, declarations: readonly Declaration[], comments: readonly Comment[]): SourceFile {
  return { kind: "SourceFile", path: file.path, declarations, comments, span: file.wholeFile() };
}

/** What the reader of a file found besides its text. */
export interface SourceFileOptions {
  /** The file's first byte that is not UTF-8, when its bytes were decoded by `decodeSource`. */
  readonly invalidByte?: InvalidByte | undefined;
}

/**
 * SCN1008 at a file's first byte that is not UTF-8. The text has U+FFFD in
 * its place, which is how the byte shows in an editor; the message names the
 * byte itself.
 */
export function invalidUtf8Diagnostic(text: string, path: string, invalidByte: InvalidByte): Diagnostic {
  const hex = invalidByte.value.toString(16).toUpperCase().padStart(2, "0");
  const span = { file: path, start: positionAt(text, invalidByte.offset), end: positionAt(text, invalidByte.offset + 1) };
  return makeDiagnostic("invalid-encoding", span, `byte 0x${hex} (byte ${invalidByte.index} of the file) is not valid UTF-8`, {
    help: "save the file as UTF-8; scn reports the file and leaves it as it is until then",
  });
}

/** Parses one file. Never throws; the tree holds what could be parsed. */
export function parseFile(text: string, path: string, options: SourceFileOptions = {}): StageResult<SourceFile> {
  const file = new FileParse(text, path);
  if (options.invalidByte) file.diagnostics.push(invalidUtf8Diagnostic(text, path, options.invalidByte));
  if (text.length > MAX_FILE_LENGTH) {
    file.report(
      "file-too-large",
      file.offsetSpan(0, 0),
      `this file is ${text.length} characters long, more than the limit of ${MAX_FILE_LENGTH}`,
      "split the declarations over several files; a program may have any number of files",
    );
    return { value: sourceFile(file, [], []), diagnostics: file.diagnostics };
  }

  // A text the scanner lexes, with no operator typo to repair, keeps its
  // tokens as a store; any other gets token objects (chevrotain's lexer
  // makes them), repaired, and a store of those for the checks below.
  const scanned = scanStore(text);
  let store: TokenStore;
  let tokenObjects: IToken[] | undefined;
  let commentTokens: IToken[];
  if (scanned && !mayHaveOperatorTypos(scanned.tokens)) {
    store = scanned.tokens;
    commentTokens = scanned.comments;
  } else {
    // Only a text with a lexical error needs chevrotain's lexer; a `/` (as
    // in a rule id) or an operator typo is found and repaired without it.
    const lexed: ILexingResult = scanned ? { tokens: tokensOf(scanned.tokens), groups: { comments: scanned.comments }, errors: [] } : chevrotainRoute().lex(text);
    // `&&`, `=<`, `a * 2` and the like get messages in scn's words, and the
    // tokens are repaired the way the author meant them (operator-typos.ts).
    const repaired = repairOperators(text, lexed.tokens, lexed.errors.slice(0, MAX_CHARACTER_ERRORS), MAX_CHARACTER_ERRORS);
    for (const typo of repaired.typos) file.report(typo.name, file.offsetSpan(typo.offset, typo.length), typo.message, typo.help);
    for (const [index, error] of lexed.errors.entries()) {
      if (index === MAX_CHARACTER_ERRORS) {
        reportRemainingCharacters(file, error, lexed.errors.length - index);
        break;
      }
      if (repaired.explained.has(index)) continue;
      const bad = text.slice(error.offset, error.offset + error.length);
      // The lexer knows the line and column; a run of bad characters never
      // contains a line break (line breaks are whitespace), so it ends on its line.
      const line = error.line ?? 1;
      const column = error.column ?? 1;
      const span: Span = {
        file: path,
        start: { offset: error.offset, line, column },
        end: { offset: error.offset + error.length, line, column: column + error.length },
      };
      file.report(
        "unexpected-character",
        span,
        `unexpected ${[...bad].length === 1 ? "character" : "characters"} ${describeCharacters(bad)}`,
        "write names with ASCII letters, digits and `_`, and put other text inside a string `\"…\"`",
      );
    }
    tokenObjects = repaired.tokens;
    store = storeOf(tokenObjects);
    commentTokens = lexed.groups["comments"] ?? [];
  }
  checkLexicalTokens(file, store);
  const comments = buildComments(file, commentTokens);

  const tooDeep = findTooDeep(store);
  if (tooDeep !== undefined) {
    reportTooDeep(file, file.tokenSpan(tokenAt(store, tooDeep)));
    return { value: sourceFile(file, [], comments), diagnostics: sortDiagnostics(file.diagnostics) };
  }

  const tooLarge = findTooLargeDeclaration(store);
  if (tooLarge) {
    file.report(
      "declaration-too-large",
      file.tokenSpan(tokenAt(store, tooLarge.first)),
      `this declaration has ${tooLarge.count} tokens, more than the limit of ${MAX_DECLARATION_TOKENS}`,
      "split it: name parts of a long condition as segments, or move a long list into several consts or segments",
    );
    return { value: sourceFile(file, [], comments), diagnostics: sortDiagnostics(file.diagnostics) };
  }

  const direct = parseDirectly(store, new SourceLines(path, text));
  if (direct) return mayNestTooDeep(store) ? withinDepth(file, direct, comments) : { value: sourceFile(file, direct, comments), diagnostics: sortDiagnostics(file.diagnostics) };

  // A text with a syntax error goes to chevrotain's parser, which needs the
  // tokens as objects, and compares them by chevrotain's numbers of their
  // types: objects made before chevrotain was loaded (a text with a `/` or an
  // operator typo) get them now (chevrotain-tokens.ts).
  const route = chevrotainRoute();
  const tokens = tokenObjects ?? tokensOf(store);
  for (const token of tokens) token.tokenTypeIdx = token.tokenType.tokenTypeIdx as number;
  const declarations = route.parse(file, tokens, store);
  if (declarations === undefined) return { value: sourceFile(file, [], comments), diagnostics: sortDiagnostics(file.diagnostics) };
  return withinDepth(file, declarations, comments);
}

/**
 * Whether a condition might nest past `MAX_NESTING_DEPTH`: only `not` and
 * `(` nest conditions, so with no more of them in the whole file than the
 * limit, none can, and the walk over every condition is skipped.
 */
function mayNestTooDeep(tokens: TokenStore): boolean {
  const types = tokens.types;
  let nesting = 0;
  // An index rather than `for … of`: this loop runs once per file, mostly
  // before V8 optimizes it, and unoptimized, each step of an array iterator
  // allocates a result object (a hundred thousand for a large file).
  for (let i = 0; i < types.length; i++) {
    const type = types[i];
    if (type === Kw.Not || type === LParen) nesting += 1;
  }
  return nesting > MAX_NESTING_DEPTH;
}

/**
 * The parsed file, unless a condition nests too deep: then, as for brackets,
 * the file's tree is empty, so no later stage (the checker runs even on a
 * file with syntax errors) walks the deep condition.
 */
function withinDepth(file: FileParse, declarations: readonly Declaration[], comments: readonly Comment[]): StageResult<SourceFile> {
  const tooDeep = findTooDeepCondition(declarations);
  if (tooDeep) {
    const start = tooDeep.span.start;
    // The first token of the condition (`not` or `(`), not the whole deep condition.
    reportTooDeep(file, { file: file.path, start, end: { offset: start.offset + (tooDeep.kind === "Not" ? 3 : 1), line: start.line, column: start.column + (tooDeep.kind === "Not" ? 3 : 1) } });
    return { value: sourceFile(file, [], comments), diagnostics: sortDiagnostics(file.diagnostics) };
  }
  return { value: sourceFile(file, declarations, comments), diagnostics: sortDiagnostics(file.diagnostics) };
}

/** Parses every file of a program; files are sorted by path, which fixes source order. */
export function parseProgram(files: readonly ({ readonly path: string; readonly text: string } & SourceFileOptions)[]): StageResult<Program> {
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const parsed = sorted.map((f) => parseFile(f.text, f.path, { invalidByte: f.invalidByte }));
  return {
    value: { files: parsed.map((result) => result.value) },
    diagnostics: parsed.flatMap((result) => result.diagnostics),
  };
}
