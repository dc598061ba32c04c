/**
 * Keeps the grammar's keywords and the lexer's in step. The grammar tags
 * every keyword token with `meta.keyword.reserved.scn` or
 * `meta.keyword.contextual.scn` (beside the scope that colors it), so the
 * words it treats as keywords can be read off real tokenizations and compared
 * with RESERVED_WORDS and CONTEXTUAL_WORDS from @scn/language. A static pass
 * over the grammar's regexes catches words that the corpus never exercises.
 */
import { readFileSync } from "node:fs";
import { BUILTIN_TYPES, CONTEXTUAL_WORDS, RESERVED_WORDS } from "@scn/language";
import { beforeAll, describe, expect, it } from "vitest";
import { CASES_DIR, EXAMPLES_DIR, scnFilesUnder } from "./scn-files.js";
import { GRAMMAR_PATH, loadTokenizer, type ScopedToken } from "./tokenize.js";

const RESERVED_MARK = "meta.keyword.reserved.scn";
const CONTEXTUAL_MARK = "meta.keyword.contextual.scn";
// Scope families that themes color as keywords or built-ins.
const KEYWORD_FAMILIES = ["keyword.", "storage.", "constant.language.", "support.type."];
const WORD = /^[A-Za-z_][A-Za-z0-9_]*$/;

const sorted = (words: Iterable<string>) => [...new Set(words)].sort();
const hasKeywordColor = (token: ScopedToken) =>
  token.scopes.some((scope) => KEYWORD_FAMILIES.some((family) => scope.startsWith(family)));

let wordTokens: ScopedToken[];
beforeAll(async () => {
  const tokenize = await loadTokenizer();
  const files = [...scnFilesUnder(CASES_DIR), ...scnFilesUnder(EXAMPLES_DIR)];
  wordTokens = files
    .flatMap((path) => tokenize(readFileSync(path, "utf8")).flat())
    .filter((token) => WORD.test(token.text));
});

describe("grammar keywords match the lexer", () => {
  it("highlights exactly RESERVED_WORDS as reserved keywords", () => {
    const marked = wordTokens.filter((token) => token.scopes.includes(RESERVED_MARK)).map((token) => token.text);
    expect(sorted(marked)).toEqual(sorted(RESERVED_WORDS));
  });

  it("highlights exactly CONTEXTUAL_WORDS as contextual keywords", () => {
    const marked = wordTokens.filter((token) => token.scopes.includes(CONTEXTUAL_MARK)).map((token) => token.text);
    expect(sorted(marked)).toEqual(sorted(CONTEXTUAL_WORDS));
  });

  it("colors a word as a keyword only when it carries a keyword mark or is a built-in type", () => {
    const builtins = new Set<string>(BUILTIN_TYPES);
    const unmarked = wordTokens.filter(
      (token) =>
        hasKeywordColor(token) &&
        !token.scopes.includes(RESERVED_MARK) &&
        !token.scopes.includes(CONTEXTUAL_MARK) &&
        !(builtins.has(token.text) && token.scopes.includes("support.type.primitive.scn")),
    );
    expect(sorted(unmarked.map((token) => `${token.text}: ${token.scopes.join(" ")}`))).toEqual([]);
  });

  it("gives every marked word a keyword color", () => {
    const uncolored = wordTokens.filter(
      (token) => (token.scopes.includes(RESERVED_MARK) || token.scopes.includes(CONTEXTUAL_MARK)) && !hasKeywordColor(token),
    );
    expect(sorted(uncolored.map((token) => token.text))).toEqual([]);
  });

  it("spells out in its regexes exactly the lexer's words and the built-in types", () => {
    const words = regexWords(JSON.parse(readFileSync(GRAMMAR_PATH, "utf8")));
    expect(words).toEqual(sorted([...RESERVED_WORDS, ...CONTEXTUAL_WORDS, ...BUILTIN_TYPES]));
  });
});

/**
 * The literal lowercase words in every `match`, `begin` and `end` regex of a
 * grammar. Escapes (`\b`, `\s`) and character classes (`[A-Za-z_]`) are
 * removed first, so what is left are the words the grammar spells out.
 */
function regexWords(grammar: unknown): string[] {
  const words: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== "object" || node === null) return;
    for (const [key, value] of Object.entries(node)) {
      if (typeof value === "string" && ["match", "begin", "end", "while"].includes(key)) {
        const literal = value.replace(/\\./g, " ").replace(/\[[^\]]*\]/g, " ");
        words.push(...(literal.match(/[a-z]{2,}/g) ?? []));
      } else {
        visit(value);
      }
    }
  };
  visit(grammar);
  return sorted(words);
}
