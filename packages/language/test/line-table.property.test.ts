import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { LineTable, splitLines } from "@scn/language";

// The code frame finds a line through the table of line starts instead of
// splitting the whole file (render/code-frame.ts); every line must be the
// one splitting gives, `\r\n`, lone `\r` and a last line without a newline included.
describe("LineTable", () => {
  it("gives exactly the lines splitLines gives", () => {
    const text = fc.array(fc.constantFrom("a", "b", " ", "\t", "\r", "\n", "\r\n", "é"), { maxLength: 60 }).map((parts) => parts.join(""));
    fc.assert(
      fc.property(text, (source) => {
        const lines = splitLines(source);
        const table = new LineTable(source);
        expect(table.count).toBe(lines.length);
        for (let i = 0; i < lines.length; i++) expect(table.line(i)).toBe(lines[i]);
        expect(table.line(lines.length)).toBeUndefined();
      }),
      { numRuns: 500 },
    );
  });
});
