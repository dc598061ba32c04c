// Property tests: `parseFile` never throws, whatever the text, and what it
// returns is well-formed: diagnostics are syntax codes from the catalog, and
// every span (of a diagnostic or of a node) lies inside the text with a line
// and column that agree with its offset.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CATALOG, CONTEXTUAL_WORDS, parseFile, positionAt, RESERVED_WORDS, type Span } from "@scn/language";
import { mutate, mutation, pieces, scnFiles } from "./support/mutated-sources.js";

const SYNTAX_CODES = new Set(CATALOG.filter((entry) => entry.code.startsWith("SCN1")).map((entry) => entry.code));

function isSpan(value: unknown): value is Span {
  return typeof value === "object" && value !== null && "file" in value && "start" in value && "end" in value;
}

/** Every span inside a value, found by walking it (diagnostics, nodes, comments). */
function spansIn(value: unknown, found: Span[] = []): Span[] {
  if (Array.isArray(value)) {
    for (const item of value) spansIn(item, found);
  } else if (isSpan(value)) {
    found.push(value);
  } else if (typeof value === "object" && value !== null) {
    for (const inner of Object.values(value)) spansIn(inner, found);
  }
  return found;
}

interface SpannedNode {
  readonly kind: string;
  readonly span: Span;
  readonly [key: string]: unknown;
}

function isNode(value: unknown): value is SpannedNode {
  return typeof value === "object" && value !== null && "kind" in value && "span" in value && isSpan((value as { span: unknown }).span);
}

/**
 * Every node's span covers exactly its text: names, literals and comments read
 * back as written, and each node lies inside its parent.
 */
function checkNodeSpans(text: string, value: unknown, parent?: Span): void {
  if (Array.isArray(value)) {
    for (const item of value) checkNodeSpans(text, item, parent);
    return;
  }
  if (typeof value !== "object" || value === null) return;
  if (!isNode(value)) {
    for (const inner of Object.values(value)) checkNodeSpans(text, inner, parent);
    return;
  }
  const { span } = value;
  const source = text.slice(span.start.offset, span.end.offset);
  if (parent) {
    expect(span.start.offset).toBeGreaterThanOrEqual(parent.start.offset);
    expect(span.end.offset).toBeLessThanOrEqual(parent.end.offset);
  }
  if (value.kind === "Identifier") expect(source).toBe(value["name"]);
  if (value.kind === "String" || value.kind === "Number" || value.kind === "Percent") expect(source).toBe(value["raw"]);
  if (value.kind === "LineComment" || value.kind === "BlockComment") expect(source).toBe(value["text"]);
  for (const [key, inner] of Object.entries(value)) {
    if (key !== "span") checkNodeSpans(text, inner, span);
  }
}

function checkWellFormed(text: string): void {
  const result = parseFile(text, "fuzz.scn");
  for (const diagnostic of result.diagnostics) {
    expect(SYNTAX_CODES.has(diagnostic.code), diagnostic.code).toBe(true);
    expect(diagnostic.message).not.toMatch(/Expecting|token of type|-->/);
  }
  for (const span of spansIn(result)) {
    expect(span.file).toBe("fuzz.scn");
    expect(span.start.offset).toBeGreaterThanOrEqual(0);
    expect(span.start.offset).toBeLessThanOrEqual(span.end.offset);
    expect(span.end.offset).toBeLessThanOrEqual(text.length);
    expect(span.start).toEqual(positionAt(text, span.start.offset));
    expect(span.end).toEqual(positionAt(text, span.end.offset));
  }
  checkNodeSpans(text, result.value);
}

/** Pieces of the language: words, punctuation, literals, comments, and some junk. */
const VOCABULARY = [
  ...RESERVED_WORDS,
  ...CONTEXTUAL_WORDS,
  "customer", "tier", "gold", "bool", "int", "number", "string",
  "{", "}", "(", ")", "[", "]", "<", ">", "<=", ">=", "==", "!=", "=", ":", ",", ".", "..", "?",
  "0", "42", "-3", "0.65", "15%", "+15%", "-20%", "2027-03-31", "2027-02-30", "0..1",
  '"text"', '"open', '"bad\\q"', "// comment\n", "/* block */", "/* open", "\n", "\r\n", "\t", "\uFEFF", "€", "😀", "\\",
];

const tokenSoup = fc
  .array(fc.tuple(fc.constantFrom(...VOCABULARY), fc.constantFrom(" ", "", "\n", ", ")), { maxLength: 80 })
  .map((parts) => parts.map(([word, gap]) => word + gap).join(""));

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));

const VALID_FILES = [
  ...scnFiles(fileURLToPath(new URL("./ast-golden/fixtures", import.meta.url))).filter((path) => !path.endsWith("recovery.scn")),
  ...scnFiles(join(ROOT, "examples")),
].map((path) => readFileSync(path, "utf8"));

describe("parseFile on arbitrary input", () => {
  it("handles arbitrary ASCII-ish strings", () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), checkWellFormed), { numRuns: 300 });
  });

  it("handles arbitrary Unicode, lone surrogates included", () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 200 }), checkWellFormed), { numRuns: 300 });
  });

  it("handles arbitrary bytes decoded as UTF-8", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => checkWellFormed(new TextDecoder().decode(bytes))),
      { numRuns: 200 },
    );
  });

  it("handles token soup from the language's vocabulary", () => {
    fc.assert(fc.property(tokenSoup, checkWellFormed), { numRuns: 500 });
  });

  it("has valid files to mutate, each parsed cleanly with exact spans", () => {
    expect(VALID_FILES.length).toBeGreaterThanOrEqual(2);
    for (const text of VALID_FILES) {
      expect(parseFile(text, "valid.scn").diagnostics).toEqual([]);
      checkWellFormed(text);
    }
  });

  it("handles valid files with tokens deleted, duplicated or swapped", () => {
    // Small files keep each run quick; the big ones add nothing the small ones lack.
    const file = fc.constantFrom(...VALID_FILES.map(pieces).filter((parts) => parts.length < 1500));
    fc.assert(
      fc.property(file, fc.array(mutation, { minLength: 1, maxLength: 4 }), (parts, mutations) => {
        checkWellFormed(mutate(parts, mutations));
      }),
      { numRuns: 100 },
    );
  });
});
