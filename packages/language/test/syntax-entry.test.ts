/**
 * `@scn/language/syntax` is the formatter's entry point: everything it loads
 * (its static import graph) stays outside the checker, src/check/.
 */
import { readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SRC = fileURLToPath(new URL("../src/", import.meta.url));

/** Every module of src/ reachable from `entry` through relative imports that are not type-only. */
function reachable(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, "utf8");
    for (const match of text.matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?from\s+"(\.[^"]+)\.js";/gms)) visit(join(dirname(file), `${match[1]}.ts`));
  };
  visit(join(SRC, entry));
  return seen;
}

describe("@scn/language/syntax", () => {
  it("does not load the checker", () => {
    const modules = [...reachable("syntax.ts")].map((file) => relative(SRC, file));
    expect(modules).toContain("parse-file.ts");
    expect(modules.filter((file) => file.startsWith("check"))).toEqual([]);
  });

  it("gives the formatter the parser and the tree's child keys", async () => {
    const syntax = await import("@scn/language/syntax");
    expect(typeof syntax.parseFile).toBe("function");
    expect(syntax.NODE_KINDS).toContain("SourceFile");
  });
});
