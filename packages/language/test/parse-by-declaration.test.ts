// parseFile parses a file one top-level declaration at a time while it has
// no syntax error. These tests hold it to the whole-file parse on programs
// built from declarations whose ends and starts are easy to misread (a
// reserved word as a value or after a `.`, optional type and range endings,
// several declarations on one line), and check the lexer's keyword typing.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parseFile } from "@scn/language";
import { cstToAst } from "../src/cst-to-ast.js";
import { CONTEXTUAL_TOKENS, Identifier, KEYWORD_TOKENS } from "../src/lexer.js";
import { scnLexer } from "../src/chevrotain-lexer.js";
import { sharedParser } from "../src/grammar.js";
import { asData } from "./support/as-data.js";

const DECLARATIONS = [
  "context { customer: { tier: enum { basic, gold }, age: int(0..120)?, tags: list<string> personal } }",
  "consent personalization = customer.consent.personalization",
  "consent ads = customer.type",
  "type Tier = enum { basic, gold, context }",
  "type Age = int(0..120)",
  "type Maybe = string?",
  "type Tags = list<string>",
  "type Alias = list",
  "const limit = 10",
  "const window = 1..5",
  "const lo = limit..limit",
  "const word = scenario",
  "const output = 1",
  "const nested = a.segment",
  'const tags = ["a", "b"]',
  "segment adults = customer.age >= 18",
  'segment picky "Picky" = customer.tier in [gold] and not customer.tags contains "x" or customer.age is present',
  "segment typed = a.type == 1",
  "segment listed = tier == default",
  "segment ranged = age in 1..limit",
  'metric conversion "Conversion" { unit "%", better higher }',
  'decision d "D" { output { action: enum { a0, a1 } } default { action: a0 } }',
  'scenario s for d { owner "o" situation adults goal "g" pathway p when picky { action: a1 variation v when adults { action: a0 } } pathway q otherwise { action: a0 } metrics { primary conversion target +5% within 30 days } }',
  'test "t" { given { customer: { age: 30 } } expect d = s.p }',
  'test "none" { given { customer: { age: 3 } } expect d = none }',
];

const SEPARATORS = ["\n", " ", "\n\n// note\n", " /* c */ ", "\r\n"];

/** The whole file through the parser in one go, as parseFile does when the text has a syntax error. */
function parseWhole(text: string): { declarations: unknown; diagnostics: unknown; errors: number } {
  const lexed = scnLexer.tokenize(text);
  const scnParser = sharedParser();
  scnParser.input = lexed.tokens;
  const built = cstToAst(scnParser.sourceFile(), "t.scn");
  return { ...built, errors: scnParser.errors.length };
}

describe("parsing one declaration at a time", () => {
  it("gives the whole-file tree and diagnostics for programs without syntax errors", () => {
    const program = fc
      .array(fc.tuple(fc.constantFrom(...DECLARATIONS), fc.constantFrom(...SEPARATORS)), { minLength: 1, maxLength: 8 })
      .map((parts) => parts.map(([declaration, separator]) => declaration + separator).join(""));
    fc.assert(
      fc.property(program, (text) => {
        const whole = parseWhole(text);
        expect(whole.errors).toBe(0);
        const parsed = parseFile(text, "t.scn");
        expect(asData(parsed.value.declarations)).toEqual(asData(whole.declarations));
        expect(parsed.diagnostics).toEqual(whole.diagnostics);
      }),
      { numRuns: 300 },
    );
  });

  it("parses the file whole when a reserved word value splits a declaration", () => {
    const parsed = parseFile("const word = scenario\nconst next = 1", "t.scn");
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.value.declarations.map((d) => d.kind)).toEqual(["ConstDeclaration", "ConstDeclaration"]);
  });
});

describe("keyword tokens", () => {
  const keywords = [...Object.keys(KEYWORD_TOKENS), ...Object.keys(CONTEXTUAL_TOKENS)];
  const table = { ...KEYWORD_TOKENS, ...CONTEXTUAL_TOKENS };

  it("go to the words that spell a keyword whole, and only to them", () => {
    const piece = fc.oneof(fc.constantFrom(...keywords), fc.constantFrom("_", "s", "1", "x"));
    const word = fc
      .array(piece, { minLength: 1, maxLength: 3 })
      .map((pieces) => pieces.join(""))
      .filter((w) => /^[A-Za-z_]/.test(w));
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 6 }), (words) => {
        const lexed = scnLexer.tokenize(words.join(" "));
        expect(lexed.errors).toEqual([]);
        expect(lexed.tokens.map((t) => t.tokenType)).toEqual(words.map((w) => table[w] ?? Identifier));
      }),
    );
  });
});
