// Syntax errors are cases of the corpus (test/corpus/syntax/, run by
// test/corpus.test.ts). The one kept here has control characters in its
// source, which do not belong in a text file under version control.
import { describe, expect, it } from "vitest";
import { parseFile } from "@scn/language";

describe("syntax messages", () => {
  it("names invisible characters by code point", () => {
    const [diagnostic] = parseFile("const A = 1 \u0000\u0001", "m.scn").diagnostics;
    expect(diagnostic?.code).toBe("SCN1001");
    expect(diagnostic?.message).toBe("unexpected characters U+0000 U+0001");
  });
});
