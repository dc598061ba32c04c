/**
 * Issue class: a reserved word used as a list item or an enum member must
 * parse wherever it stands. Inside `[ … ]` and `enum { … }` nothing but items
 * can follow, so line breaks carry no meaning there; every reserved word is
 * tried in every position of a list and an enum, with and without commas,
 * alone on its line or not.
 */
import { describe, expect, it } from "vitest";
import { parseFile, RESERVED_WORDS, type Declaration } from "../src/index.js";

/** Items are bare words, so a boolean keyword would parse as a literal instead. */
const WORDS = RESERVED_WORDS.filter((word) => word !== "true" && word !== "false");

/** Ways to write the gap between two items of a list or an enum. */
const GAPS = [", ", ",\n", "\n", "\n,\n", " ,", "\n/* note */\n, ", ",\n  // note\n  "];

/** The three items `a`, WORD, `b` with the word first, in the middle or last. */
function orders(word: string): string[][] {
  return [
    [word, "a", "b"],
    ["a", word, "b"],
    ["a", "b", word],
    [word],
  ];
}

function items(declaration: Declaration | undefined): string[] {
  if (declaration?.kind === "SegmentDeclaration" && declaration.condition.kind === "In" && declaration.condition.set.kind === "List") {
    return declaration.condition.set.items.map((item) => (item.kind === "Path" ? item.segments.map((s) => s.name).join(".") : item.kind));
  }
  if (declaration?.kind === "ContextDeclaration") {
    const type = declaration.fields[0]?.type;
    if (type?.kind === "EnumType") return type.members.map((member) => member.name);
  }
  return [];
}

describe("reserved words in lists and enums", () => {
  for (const word of WORDS) {
    it(`\`${word}\` is an item anywhere in a list or an enum`, () => {
      for (const order of orders(word)) {
        for (const gap of GAPS) {
          const written = order.join(gap);
          for (const [opening, closing] of [["[", "]"], ["[\n", "\n]"], ["[\n  ", ",\n]"]] as const) {
            const source = `segment s = x in ${opening}${written}${closing}\n`;
            const result = parseFile(source, "list.scn");
            expect(result.diagnostics, source).toEqual([]);
            expect(items(result.value.declarations[0]), source).toEqual(order);
          }
          for (const [opening, closing] of [["{ ", " }"], ["{\n", "\n}"], ["{\n  ", ",\n}"]] as const) {
            const source = `context { x: enum ${opening}${written}${closing} }\n`;
            const result = parseFile(source, "enum.scn");
            expect(result.diagnostics, source).toEqual([]);
            expect(items(result.value.declarations[0]), source).toEqual(order);
          }
        }
      }
    });
  }

  it("an enum that lacks its `}` is still reported at the declaration after it", () => {
    const result = parseFile("type T = enum { a, default\nsegment s = x\n", "t.scn");
    expect(result.diagnostics.map((d) => [d.code, d.span.start.line, d.span.start.column])).toEqual([["SCN1101", 2, 1]]);
  });
});
