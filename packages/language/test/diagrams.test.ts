// The committed railroad diagrams and serialized grammar match the current
// parser. If this fails: run `npx tsc -b tsconfig.build.json && node scripts/diagrams.mjs`.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { getSerializedGrammar } from "@scn/language";
import { DIAGRAMS_HTML_PATH, GRAMMAR_JSON_PATH, renderDiagramsHtml, renderGrammarJson } from "../../../scripts/diagrams.mjs";

describe("grammar diagrams", () => {
  const grammar = getSerializedGrammar();

  it("grammar/serialized-grammar.json is the current parser's grammar", () => {
    expect(JSON.parse(readFileSync(GRAMMAR_JSON_PATH, "utf8"))).toEqual(JSON.parse(renderGrammarJson(grammar)));
  });

  it("grammar/diagrams.html is rendered from the current grammar", () => {
    expect(readFileSync(DIAGRAMS_HTML_PATH, "utf8")).toBe(renderDiagramsHtml(grammar));
  });

  it("draws every rule, starting with a source file", () => {
    const names = grammar.map((rule) => (rule as { name?: string }).name);
    expect(names[0]).toBe("sourceFile");
    expect(names).toEqual(expect.arrayContaining(["scenarioDeclaration", "condition", "value", "typeExpression"]));
  });
});
