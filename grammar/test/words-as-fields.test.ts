/**
 * Property tests: any word, reserved or contextual or plain, is a field name
 * before `:` and after `.`, and a value after `:` (docs/language.md#1-lexical-structure: field
 * names and enum members may be any word). Also: the grammar never drops or
 * overlaps text, whatever fragments of the language are thrown at it.
 */
import { BUILTIN_TYPES, CONTEXTUAL_WORDS, RESERVED_WORDS } from "@scn/language";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { loadTokenizer, type Tokenize } from "./tokenize.js";

let tokenize: Tokenize;
beforeAll(async () => {
  tokenize = await loadTokenizer();
});

const word = fc.oneof(
  fc.constantFrom(...RESERVED_WORDS, ...CONTEXTUAL_WORDS, ...BUILTIN_TYPES),
  fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,12}$/),
);

/** The scopes on the token at `column` of line `line` (0-based) of `source`. */
function scopesAt(source: string, line: number, column: number): readonly string[] {
  const token = tokenize(source)[line]?.find((candidate) => candidate.start <= column && column < candidate.end);
  return token?.scopes ?? [];
}

const PROPERTY = "variable.other.property.scn";
const isKeyword = (scopes: readonly string[]) => scopes.some((scope) => scope.startsWith("meta.keyword."));

describe("any word is a field name where a field name stands", () => {
  it("before `:` in a context block", () => {
    fc.assert(
      fc.property(word, (name) => {
        const scopes = scopesAt(`context {\n  ${name}: string\n}`, 1, 2);
        expect(scopes).toContain(PROPERTY);
        expect(isKeyword(scopes)).toBe(false);
      }),
    );
  });

  it("after `.` in a condition", () => {
    fc.assert(
      fc.property(word, word, (first, second) => {
        const source = `segment s = customer.${first}.${second} == x`;
        const firstScopes = scopesAt(source, 0, "segment s = customer.".length);
        const secondScopes = scopesAt(source, 0, `segment s = customer.${first}.`.length);
        for (const scopes of [firstScopes, secondScopes]) {
          expect(scopes).toContain(PROPERTY);
          expect(isKeyword(scopes)).toBe(false);
        }
      }),
    );
  });

  it("before `:` in a pathway, with any word as the value", () => {
    fc.assert(
      fc.property(word, word, (field, value) => {
        const source = `scenario s for d {\n  pathway p otherwise {\n    ${field}: ${value}\n  }\n}`;
        expect(scopesAt(source, 2, 4)).toContain(PROPERTY);
        const valueScopes = scopesAt(source, 2, 4 + field.length + 2);
        if (value === "true" || value === "false") expect(valueScopes).toContain("constant.language.boolean.scn");
        else expect(valueScopes.some((scope) => scope.startsWith("variable.other."))).toBe(true);
      }),
    );
  });
});

describe("tokens tile every line", () => {
  const fragment = fc.oneof(
    word,
    fc.constantFrom(
      "{", "}", "[", "]", "(", ")", ":", ",", ".", "..", "=", "==", "!=", "<", "<=", ">", ">=", "?", "<", ">",
      '"', '"a\\q"', '"x\\u00e9"', "//", "/*", "*/", "15%", "-3", "0.65", "2027-03-31", "\n",
    ),
  );

  it("covers each line from its first to its last character, in order, without overlap", () => {
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 40 }), (fragments) => {
        const source = fragments.join(" ");
        const lines = source.split("\n");
        tokenize(source).forEach((tokens, index) => {
          const length = lines[index]?.length ?? 0;
          let position = 0;
          for (const token of tokens) {
            expect(token.start).toBe(position);
            position = token.end;
          }
          expect(position).toBe(length);
        });
      }),
    );
  });
});
