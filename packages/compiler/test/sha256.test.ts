import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { portableSha256Hex, sha256Hex, sha256HexOfParts } from "../src/bundle/sha256.js";

describe("sha256Hex", () => {
  it("gives node:crypto's digest of the UTF-8 bytes for any text, across block boundaries, in plain TypeScript and under Node", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (text) => {
        const expected = createHash("sha256").update(text, "utf8").digest("hex");
        expect(portableSha256Hex(text)).toBe(expected);
        expect(sha256Hex(text)).toBe(expected);
      }),
      { numRuns: 100 },
    );
  });

  it("digests parts of whole text as their joined text, whatever the parts' lengths", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: "grapheme", maxLength: 90 }), { maxLength: 6 }), (parts) => {
        expect(sha256HexOfParts(parts)).toBe(createHash("sha256").update(parts.join(""), "utf8").digest("hex"));
      }),
      { numRuns: 100 },
    );
  });

  it("knows the standard test vectors", () => {
    for (const digest of [portableSha256Hex, sha256Hex]) {
      expect(digest("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
      expect(digest("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
  });
});
