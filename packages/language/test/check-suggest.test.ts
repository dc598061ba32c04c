// "Did you mean" suggestions: close typos are suggested, unrelated names never.
import { describe, expect, it } from "vitest";
import { closestName, editDistance } from "../src/check/suggest.js";

describe("editDistance", () => {
  it.each([
    ["kitten", "sitting", 3],
    ["", "abc", 3],
    ["loyalty", "loyalty", 0],
    ["loyalti", "loyalty", 1],
  ])("%s → %s is %i", (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
  });
});

describe("closestName", () => {
  it.each([
    ["loyalti", ["loyalty", "channel"], "loyalty"],
    ["Gold", ["gold", "silver"], "gold"],
    ["price_sensitve", ["price_sensitive", "time_pressed"], "price_sensitive"],
    ["xyz", ["loyalty", "channel"], undefined],
    ["a", ["b"], "b"],
    ["ab", ["cd"], undefined],
  ] as const)("%s among %j", (word, candidates, expected) => {
    expect(closestName(word, candidates)).toBe(expected);
  });

  it("breaks ties alphabetically, so suggestions are deterministic", () => {
    expect(closestName("cat", ["hat", "bat"])).toBe("bat");
    expect(closestName("cat", ["bat", "hat"])).toBe("bat");
  });
});
