// Line and column lookups and string decoding, held to plain reference
// definitions on random text: both have fast paths for large inputs.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { positionAt } from "@scn/language";
import { decodeString } from "../src/literals.js";

/** The definition: walk every character before `offset`; `\r\n`, `\n` and a lone `\r` end a line. */
function referencePosition(text: string, offset: number): { offset: number; line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const char = text[i];
    if (char === "\n" || (char === "\r" && text[i + 1] !== "\n")) {
      line += 1;
      lineStart = i + 1;
    }
  }
  return { offset, line, column: offset - lineStart + 1 };
}

describe("positionAt", () => {
  it("agrees with walking the text character by character", () => {
    const text = fc.array(fc.constantFrom("a", "b", "\n", "\r", "\r\n", " "), { maxLength: 40 }).map((parts) => parts.join(""));
    fc.assert(
      fc.property(text, fc.nat({ max: 50 }), (source, offset) => {
        expect(positionAt(source, offset)).toEqual(referencePosition(source, offset));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("decodeString without escapes", () => {
  it("is the text between the quotes, and only a missing closing quote is a problem", () => {
    const body = fc.array(fc.constantFrom("a", " ", "é", "'", "\t"), { maxLength: 8 }).map((parts) => parts.join(""));
    fc.assert(
      fc.property(body, fc.boolean(), (text, closed) => {
        const raw = closed ? `"${text}"` : `"${text}`;
        const decoded = decodeString(raw);
        expect(decoded.value).toBe(text);
        expect(decoded.problems).toEqual(closed ? [] : [{ kind: "unterminated-string", offset: 0, length: raw.length, text: raw }]);
      }),
    );
  });
});
