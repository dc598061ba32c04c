/**
 * Checks that grammar/language-configuration.json agrees with the grammar:
 * the comment markers it inserts are comments to the tokenizer, and every
 * bracket pair it balances is punctuation to the tokenizer (so bracket
 * matching never pairs a `<` comparison or a bracket inside a string).
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { loadTokenizer, type Tokenize } from "./tokenize.js";

interface LanguageConfiguration {
  readonly comments: { readonly lineComment: string; readonly blockComment: readonly [string, string] };
  readonly brackets: readonly (readonly [string, string])[];
  readonly autoClosingPairs: readonly { readonly open: string; readonly close: string }[];
}

const configuration = JSON.parse(
  readFileSync(fileURLToPath(new URL("../language-configuration.json", import.meta.url)), "utf8"),
) as LanguageConfiguration;

let tokenize: Tokenize;
beforeAll(async () => {
  tokenize = await loadTokenizer();
});

const scopesOf = (line: string, column: number) =>
  tokenize(line)[0]?.find((token) => token.start <= column && column < token.end)?.scopes ?? [];

describe("language configuration", () => {
  it("comments out a line the way the grammar reads comments", () => {
    const line = `${configuration.comments.lineComment} scenario`;
    expect(scopesOf(line, line.length - 1)).toContain("comment.line.double-slash.scn");
  });

  it("wraps a block comment the way the grammar reads comments", () => {
    const [open, close] = configuration.comments.blockComment;
    const line = `${open} scenario ${close} const X = 1`;
    expect(scopesOf(line, open.length + 1)).toContain("comment.block.scn");
    expect(scopesOf(line, line.indexOf("const"))).toContain("storage.type.scn");
  });

  it.each(configuration.brackets.map(([open, close]) => [open, close]))("balances %s %s, which the grammar scopes as punctuation", (open, close) => {
    // Each bracket in a spot where the language uses it.
    const samples: Record<string, string> = {
      "{": "context { a: int(0..1), b: list<string> }",
      "[": "segment s = a.b in [x, y]",
      "(": "segment s = (a or b)",
    };
    const line = samples[open] ?? "";
    for (const bracket of [open, close]) {
      expect(scopesOf(line, line.indexOf(bracket)).some((scope) => scope.startsWith("punctuation."))).toBe(true);
    }
  });

  it("auto-closes every bracket pair it balances", () => {
    const pairs = configuration.autoClosingPairs.map((pair) => `${pair.open}${pair.close}`);
    for (const [open, close] of configuration.brackets) expect(pairs).toContain(`${open}${close}`);
  });
});
