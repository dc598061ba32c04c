/**
 * The formatter's properties on every `.scn` file in the repository (the
 * examples, the fixtures of every package, the cases here) and on random
 * programs: idempotent, meaning-preserving, and losing no comment. Files
 * that do not parse (fixtures for syntax errors) are not formatted by
 * design and are left out.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { arbitrarySource } from "./support/arbitrary-source.js";
import { expectCanonicalLayout, expectFormatProperties } from "./support/format-properties.js";
import { parses, parseOrThrow } from "./support/format.js";

function hasMultiLineBlockComment(text: string): boolean {
  return /\/\*(?:(?!\*\/)[\s\S])*\n/.test(text);
}

const root = fileURLToPath(new URL("../../../", import.meta.url));
const SKIPPED = new Set(["node_modules", ".git", "dist"]);

function scnFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = join(directory, entry.name);
    if (entry.isDirectory()) return SKIPPED.has(entry.name) ? [] : scnFiles(full);
    return entry.name.endsWith(".scn") ? [full] : [];
  });
}

const files = scnFiles(root)
  .map((file) => ({ path: relative(root, file).split("\\").join("/"), text: readFileSync(file, "utf8") }))
  .filter((file) => parses(file.text))
  .sort((a, b) => (a.path < b.path ? -1 : 1));

describe("every .scn file in the repository that parses", () => {
  it("includes the examples", () => {
    expect(files.filter((file) => file.path.startsWith("examples/")).length).toBeGreaterThan(0);
  });

  it.each(files.map((file) => [file.path, file.text] as const))("%s", async (path, text) => {
    await expectFormatProperties(text, path);
  });
});

describe("random programs", () => {
  it("are valid syntax (the generator's own check)", () => {
    fc.assert(
      fc.property(arbitrarySource, (source) => {
        parseOrThrow(source);
      }),
      { numRuns: 200 },
    );
  });

  it("format idempotently, keep their meaning, lose no comment, and follow the layout rules", async () => {
    await fc.assert(
      fc.asyncProperty(arbitrarySource, async (source) => {
        const formatted = await expectFormatProperties(source);
        // A multi-line block comment keeps its inner lines as written, indentation included.
        if (!hasMultiLineBlockComment(formatted)) expectCanonicalLayout(formatted);
      }),
      { numRuns: 300 },
    );
  });

  it("do so at any print width, where everything breaks or nothing does", async () => {
    await fc.assert(
      fc.asyncProperty(arbitrarySource, fc.integer({ min: 10, max: 160 }), async (source, printWidth) => {
        await expectFormatProperties(source, "test.scn", { printWidth });
      }),
      { numRuns: 150 },
    );
  });
});
