import { describe, expect, it } from "vitest";
import { RESERVED_WORDS, CONTEXTUAL_WORDS } from "@scn/language";

describe("keywords", () => {
  it("keeps reserved and contextual words disjoint", () => {
    const reserved = new Set<string>(RESERVED_WORDS);
    expect(CONTEXTUAL_WORDS.filter((w) => reserved.has(w))).toEqual([]);
  });
});
