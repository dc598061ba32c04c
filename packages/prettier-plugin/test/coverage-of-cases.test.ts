/**
 * The golden cases cover the language: every node kind of the syntax tree
 * appears in some case input, so every printer is exercised by a golden.
 * Also checks that the tree comparison used by the properties can fail.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { NODE_KINDS } from "@scn/language/syntax";
import { parseOrThrow } from "./support/format.js";
import { withoutPositions } from "./support/tree-equality.js";

const casesDirectory = fileURLToPath(new URL("./cases/", import.meta.url));

function collectKinds(value: unknown, kinds: Set<string>): void {
  if (Array.isArray(value)) {
    for (const item of value) collectKinds(item, kinds);
  } else if (typeof value === "object" && value !== null) {
    const kind = (value as { kind?: unknown }).kind;
    if (typeof kind === "string") kinds.add(kind);
    for (const child of Object.values(value)) collectKinds(child, kinds);
  }
}

describe("golden case coverage", () => {
  it("every node kind appears in a case input", () => {
    const kinds = new Set<string>();
    for (const file of readdirSync(casesDirectory).filter((name) => name.endsWith(".input.scn"))) {
      collectKinds(parseOrThrow(readFileSync(join(casesDirectory, file), "utf8"), file), kinds);
    }
    expect(NODE_KINDS.filter((kind) => !kinds.has(kind))).toEqual([]);
  });
});

describe("the tree comparison", () => {
  const tree = (text: string): unknown => withoutPositions(parseOrThrow(text).declarations);

  it("ignores layout, spelling of positions and comments", () => {
    expect(tree("segment s = a.b == 1 and c")).toEqual(tree("// c\nsegment   s =\n  a.b==1 /* x */ and\n c\n"));
  });

  it("sees a change of grouping, of a value, or of a marker", () => {
    expect(tree("segment s = a and (b or c)")).not.toEqual(tree("segment s = (a and b) or c"));
    expect(tree("const A = 1")).not.toEqual(tree("const A = 2"));
    expect(tree("context { a: int personal }")).not.toEqual(tree("context { a: int }"));
  });
});
