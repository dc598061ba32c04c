import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { walkerSourceFile } from "../../../scripts/walker-source-text.mjs";

const file = (name: string) => readFileSync(fileURLToPath(new URL(`../src/${name}`, import.meta.url)), "utf8");

describe("the walker the JS module embeds", () => {
  test("is the runtime's walker: walker-source.ts is generated from walker.ts", () => {
    // If this fails: run `node scripts/gen-walker-source.mjs`.
    expect(file("walker-source.ts")).toBe(walkerSourceFile(file("walker.ts")));
  });
});
