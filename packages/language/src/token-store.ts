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
  readonly types: readonly TokenType[];
  readonly images: readonly string[];
  /** Offsets of the tokens' first characters. */
  readonly starts: Int32Array;
  /** The 1-based line of each token. */
  readonly lines: Int32Array;
  /** The 1-based column of each token's first character. */
  readonly columns: Int32Array;
}

/**
 * Fills a store one token at a time. The numbers go into typed arrays made
 * with room for the tokens the text is likely to have (one per four
 * characters; they double when full): arrays grown by `push` from empty
 * reallocated and copied themselves a dozen times each, and for a large file
 * that was most of what the scan allocated (docs/benchmarks.md, "Front end").
 * A typed array's numbers also live outside the garbage-collected heap.
 */
export class TokenStoreBuilder {
  private readonly types: TokenType[] = [];
  private readonly images: string[] = [];
  private starts: Int32Array;
  private lines: Int32Array;
  private columns: Int32Array;
  private count = 0;

  constructor(capacity: number) {
    const room = Math.max(16, capacity);
    this.starts = new Int32Array(room);
    this.lines = new Int32Array(room);
    this.columns = new Int32Array(room);
  }

  push(type: TokenType, image: string, start: number, line: number, column: number): void {
    const index = this.count;
    if (index === this.starts.length) this.grow();
    this.types.push(type);
    this.images.push(image);
    this.starts[index] = start;
    this.lines[index] = line;
    this.columns[index] = column;
    this.count = index + 1;
  }

  /** The store of the tokens pushed so far (views of exactly their length, no copy). */
  finish(): TokenStore {
    const count = this.count;
    return {
      types: this.types,
      images: this.images,
      starts: this.starts.subarray(0, count),
      lines: this.lines.subarray(0, count),
      columns: this.columns.subarray(0, count),
    };
  }

  private grow(): void {
    const room = this.starts.length * 2;
    this.starts = enlarged(this.starts, room);
    this.lines = enlarged(this.lines, room);
    this.columns = enlarged(this.columns, room);
  }
}

function enlarged(numbers: Int32Array, room: number): Int32Array {
  const bigger = new Int32Array(room);
  bigger.set(numbers);
  return bigger;
}

/** The store of one-line token objects (every token but comments is one). */
export function storeOf(tokens: readonly IToken[]): TokenStore {
  const store = new TokenStoreBuilder(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as IToken;
    store.push(token.tokenType, token.image, token.startOffset, token.startLine ?? 1, token.startColumn ?? 1);
  }
  return store.finish();
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
