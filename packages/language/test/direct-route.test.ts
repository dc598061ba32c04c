// The fast route through the front end (scanner.ts, then direct-parser.ts)
// must give exactly what the chevrotain route gives (its lexer, its parser,
// then cst-to-ast.ts), or give up and leave the text to it. These properties
// hold the two routes to each other on every .scn file of the repository,
// on those files with tokens deleted, duplicated or swapped, and on token
// soup; and they check that the fast route does not give up on text the
// chevrotain route accepts without a word.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CONTEXTUAL_WORDS, RESERVED_WORDS } from "@scn/language";
import { UnterminatedBlockComment } from "../src/lexer.js";
import { lexWithChevrotain } from "../src/chevrotain-lexer.js";
import { scanTokens } from "../src/scanner.js";
import { parseDirectly } from "../src/direct-parser.js";
import { SourceLines } from "../src/span.js";
import { mayHaveOperatorTypos, repairOperators } from "../src/operator-typos.js";
import { scanStore } from "../src/scanner.js";
import { tokensOf } from "../src/token-store.js";
import { sharedParser } from "../src/grammar.js";
import { cstToAst } from "../src/cst-to-ast.js";
import { mutate, mutation, pieces, scnFiles } from "./support/mutated-sources.js";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));

/** Every .scn file in the repository: examples, golden fixtures, conformance and error cases. */
const FILES = ["examples", "packages", "test", "docs"].flatMap((dir) => scnFiles(join(ROOT, dir))).map((path) => readFileSync(path, "utf8"));

/** The lexer's result in a form to compare: every token field, in order. */
function lexed(text: string): unknown {
  const result = lexWithChevrotain(text);
  return { tokens: result.tokens, comments: result.groups["comments"] ?? [], errors: result.errors };
}

/** The scanner agrees with chevrotain's lexer, or gives up exactly where that lexer meets an error. */
function checkScanner(text: string): void {
  const scanned = scanTokens(text);
  const reference = lexWithChevrotain(text);
  const hasError = reference.errors.length > 0 || (reference.groups["comments"] ?? []).some((token) => token.tokenType === UnterminatedBlockComment);
  if (!scanned) {
    expect(hasError, "the scanner gave up on a text without a lexical error").toBe(true);
    return;
  }
  expect({ tokens: scanned.tokens, comments: scanned.groups["comments"], errors: scanned.errors }).toEqual(lexed(text));
}

/** The chevrotain route's declarations for `text`, and whether it reported anything. */
function chevrotainRoute(text: string): { declarations: unknown; clean: boolean } {
  const parser = sharedParser();
  parser.input = lexWithChevrotain(text).tokens;
  try {
    const cst = parser.sourceFile();
    const built = cstToAst(cst, "t.scn");
    return { declarations: built.declarations, clean: parser.errors.length === 0 && built.diagnostics.length === 0 };
  } catch {
    // Too many syntax errors: the parse stops (parse-file.ts reports it).
    return { declarations: undefined, clean: false };
  }
}

/** The direct parser gives the chevrotain route's tree, key order included, exactly when that route is clean. */
function checkParser(text: string): void {
  const tokens = lexWithChevrotain(text).tokens;
  const direct = parseDirectly(tokens, new SourceLines("t.scn", text));
  const reference = chevrotainRoute(text);
  if (!reference.clean) {
    expect(direct, "the direct parser accepted text the chevrotain route reports").toBeUndefined();
    return;
  }
  expect(direct, "the direct parser gave up on text the chevrotain route accepts").toBeDefined();
  expect(JSON.stringify(direct)).toBe(JSON.stringify(reference.declarations));
}

/** Small files keep each run quick; the large ones add nothing the small ones lack. */
const SMALL_FILES = FILES.map((text) => pieces(text)).filter((parts) => parts.length > 0 && parts.length < 1500);
const mutatedFile = fc.tuple(fc.constantFrom(...SMALL_FILES), fc.array(mutation, { minLength: 1, maxLength: 3 })).map(([parts, mutations]) => mutate(parts, mutations));

const VOCABULARY = [
  ...RESERVED_WORDS,
  ...CONTEXTUAL_WORDS,
  "customer", "tier", "gold", "int", "number", "string", "s", "p", "d",
  "{", "}", "(", ")", "[", "]", "<", ">", "<=", ">=", "==", "!=", "=", ":", ",", ".", "..", "?", "/",
  "0", "42", "-3", "0.65", "15%", "+15%", "-20%", "2027-03-31", "0..1", "1.", "+", "-", "!",
  '"text"', '"open', '"bad\\q"', "// comment\n", "/* block */", "/* two\nlines */", "/* open", "\n", "\r\n", "\r", "\t", "\uFEFF", "€", "\\",
];

const tokenSoup = fc
  .array(fc.tuple(fc.constantFrom(...VOCABULARY), fc.constantFrom(" ", "", "\n", ", ", "\r")), { maxLength: 60 })
  .map((parts) => parts.map(([word, gap]) => word + gap).join(""));

describe("the scanner", () => {
  it("lexes every .scn file of the repository as chevrotain does", () => {
    expect(FILES.length).toBeGreaterThan(50);
    for (const text of FILES) checkScanner(text);
  });

  it("lexes mutated files, token soup and arbitrary strings as chevrotain does, or gives up at an error", () => {
    fc.assert(fc.property(mutatedFile, checkScanner), { numRuns: 150 });
    fc.assert(fc.property(tokenSoup, checkScanner), { numRuns: 400 });
    fc.assert(fc.property(fc.string({ maxLength: 80 }), checkScanner), { numRuns: 300 });
  });
});

describe("the direct parser", () => {
  it("builds the chevrotain route's tree for every .scn file of the repository, or leaves a file with an error to it", () => {
    for (const text of FILES) checkParser(text);
  });

  it("does the same on mutated files and token soup", () => {
    fc.assert(fc.property(mutatedFile, checkParser), { numRuns: 300 });
    fc.assert(fc.property(tokenSoup, checkParser), { numRuns: 400 });
  });
});

/**
 * A scanned text that mayHaveOperatorTypos passes over keeps its tokens as
 * a store, unrepaired: repairing them would find nothing and change nothing.
 */
function checkTypoFilter(text: string): void {
  const scanned = scanStore(text);
  if (!scanned || mayHaveOperatorTypos(scanned.tokens)) return;
  const tokens = tokensOf(scanned.tokens);
  const repaired = repairOperators(text, tokens, [], 100);
  expect(repaired.typos).toEqual([]);
  expect(repaired.tokens).toEqual(tokens);
}

describe("the operator-typo filter", () => {
  it("passes over only texts that repairing leaves as they are: every file, rule ids included, mutated files and token soup", () => {
    for (const text of FILES) checkTypoFilter(text);
    // The examples' test blocks name rules as `s/p`, and take the store's way.
    const withRuleIds = FILES.filter((text) => /expect \w+ = \w+\//.test(text));
    expect(withRuleIds.some((text) => !mayHaveOperatorTypos(scanStore(text)!.tokens))).toBe(true);
    fc.assert(fc.property(fc.oneof(mutatedFile, tokenSoup), checkTypoFilter), { numRuns: 500 });
  });
});
