/**
 * Tokenizes `.scn` text with the same engine VS Code uses (vscode-textmate on
 * the oniguruma WebAssembly build), so the tests see exactly the scopes an
 * editor would show.
 *
 * Invariant: the grammar is loaded once per test file from
 * grammar/scn.tmLanguage.json on disk, never from a copy, and lines are fed
 * in order with the rule stack carried from one line to the next, as an
 * editor does.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import textmate from "vscode-textmate";
import oniguruma from "vscode-oniguruma";

/** One token: a half-open column range of one line and its scope stack (outermost first). */
export interface ScopedToken {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly scopes: readonly string[];
}

export type TokenizedLine = readonly ScopedToken[];

export type Tokenize = (text: string) => readonly TokenizedLine[];

export const SCOPE_NAME = "source.scn";
export const GRAMMAR_PATH = fileURLToPath(new URL("../scn.tmLanguage.json", import.meta.url));

let loaded: Promise<Tokenize> | undefined;

/** The tokenizer for `source.scn`; the WebAssembly engine is started once per process. */
export function loadTokenizer(): Promise<Tokenize> {
  loaded ??= createTokenizer();
  return loaded;
}

async function createTokenizer(): Promise<Tokenize> {
  const require = createRequire(import.meta.url);
  const wasm = readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm"));
  await oniguruma.loadWASM(wasm);
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text: string) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scopeName: string) =>
      scopeName === SCOPE_NAME ? textmate.parseRawGrammar(readFileSync(GRAMMAR_PATH, "utf8"), GRAMMAR_PATH) : null,
  });
  const grammar = await registry.loadGrammar(SCOPE_NAME);
  if (grammar === null) throw new Error(`vscode-textmate could not load ${GRAMMAR_PATH}`);

  return (text: string) => {
    let stack = textmate.INITIAL;
    return text.split(/\r?\n/).map((line) => {
      const result = grammar.tokenizeLine(line, stack);
      stack = result.ruleStack;
      return result.tokens.map((token) => ({
        start: token.startIndex,
        // vscode-textmate reports the last token up to the newline it appends.
        end: Math.min(token.endIndex, line.length),
        text: line.slice(token.startIndex, token.endIndex),
        scopes: token.scopes,
      }));
    });
  };
}
