import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { pages, withLinks } from "../../../scripts/playground-links.mjs";
import { decodeShare } from "../src/share.js";

describe("the docs' open-in-playground links", () => {
  it("are fresh on every page (run node scripts/playground-links.mjs after changing a block)", async () => {
    for (const page of pages()) {
      const text = readFileSync(page, "utf8");
      expect(await withLinks(page, text), page).toBe(text);
    }
  });

  it("each hold the scn block right above them, for the built playground", async () => {
    let links = 0;
    for (const page of pages()) {
      const text = readFileSync(page, "utf8");
      for (const block of text.matchAll(/^```scn\n([\s\S]*?)^```\n/gm)) {
        const after = text.slice((block.index ?? 0) + block[0].length).split("\n")[0] ?? "";
        const link = /^<sub>\[Open in the playground\]\(([^)#]*)(#[^)]*)\)<\/sub>$/.exec(after);
        if (link === null) continue;
        links++;
        expect(link[1]).toMatch(/packages\/playground\/dist\/site\/index\.html$/);
        expect(await decodeShare(link[2] ?? "")).toEqual({ source: block[1], context: "{}", decision: "" });
      }
    }
    expect(links).toBeGreaterThan(0);
  });
});
