/**
 * docs/style.md shows the canonical style by example: every `scn` code block
 * in it must already be formatted (formatting it changes nothing).
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { format } from "./support/format.js";

const styleDoc = readFileSync(fileURLToPath(new URL("../../../docs/style.md", import.meta.url)), "utf8");

/** The `scn` fenced blocks, with the fence's indentation removed from each line. */
function scnBlocks(markdown: string): string[] {
  const blocks: string[] = [];
  const fence = /^( *)```scn\n([\s\S]*?)^\1```$/gm;
  for (const match of markdown.matchAll(fence)) {
    const indentation = match[1] ?? "";
    const body = match[2] ?? "";
    blocks.push(body.split("\n").map((line) => (line.startsWith(indentation) ? line.slice(indentation.length) : line)).join("\n"));
  }
  return blocks;
}

describe("docs/style.md", () => {
  const blocks = scnBlocks(styleDoc);

  it("has examples", () => {
    expect(blocks.length).toBeGreaterThanOrEqual(4);
  });

  it.each(blocks.map((block, index) => [index + 1, block] as const))("example %i is in canonical form", async (_index, block) => {
    expect(await format(block)).toBe(block);
  });
});
