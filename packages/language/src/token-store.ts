/**
 * A file's tokens as parallel arrays: one entry per token in each of a few
 * arrays instead of one object per token.
 *
 * Why: a large program has a token every six characters (108,000 in the
 * 636 KB of the benchmark's overlap program at 1,000 scenarios), and the
 * front end keeps them all until the file is parsed. As objects of nine
 * fields they were a good part of what the garbage collector copied and
 * marked while parsing (docs/benchmarks.md, "Front end"). The scanner
 * (scanner.ts) fills a store, the checks of parse-file.ts and the direct
 * parser (direct-parser.ts) read it, and only a file that goes on to
 * chevrotain (a syntax error, an operator typo) gets its tokens as objects.
 *
 * Invariant: every token of a store lies on one line (comments, the only
 * tokens that can span lines, are kept apart as objects), and its text is
 * exactly its image, so where it ends follows from where it starts and its
 * image. `tokenAt` gives the token with exactly the fields and values of
 * the scanner's token objects.
 */
import type { IToken, TokenType } from "chevrotain";

export interface TokenStore {
  readonly types: TokenType[];
  readonly images: string[];
  /** Offsets of the tokens' first characters. */
  readonly starts: number[];
  /** The 1-based line of each token. */
  readonly lines: number[];
  /** The 1-based column of each token's first character. */
  readonly columns: number[];
}

export function emptyTokenStore(): TokenStore {
  return { types: [], images: [], starts: [], lines: [], columns: [] };
}

export function pushToken(store: TokenStore, type: TokenType, image: string, start: number, line: number, column: number): void {
  store.types.push(type);
  store.images.push(image);
  store.starts.push(start);
  store.lines.push(line);
  store.columns.push(column);
}

/** The store of one-line token objects (every token but comments is one). */
export function storeOf(tokens: readonly IToken[]): TokenStore {
  const store = emptyTokenStore();
  for (const token of tokens) pushToken(store, token.tokenType, token.image, token.startOffset, token.startLine ?? 1, token.startColumn ?? 1);
  return store;
}

/** Token `index` as an object, its fields in the scanner's order. */
export function tokenAt(store: TokenStore, index: number): IToken {
  const type = store.types[index] as TokenType;
  const image = store.images[index] as string;
  const start = store.starts[index] as number;
  const line = store.lines[index] as number;
  const column = store.columns[index] as number;
  return {
    tokenType: type,
    tokenTypeIdx: type.tokenTypeIdx as number,
    image,
    startOffset: start,
    endOffset: start + image.length - 1,
    startLine: line,
    endLine: line,
    startColumn: column,
    endColumn: column + image.length - 1,
  };
}

/** Every token of the store as an object. */
export function tokensOf(store: TokenStore): IToken[] {
  const tokens: IToken[] = new Array<IToken>(store.types.length);
  for (let i = 0; i < tokens.length; i++) tokens[i] = tokenAt(store, i);
  return tokens;
}
