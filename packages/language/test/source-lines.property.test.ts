import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { makeDiagnostic, OffsetSpan, parseFile, positionAt, SourceLines } from "@scn/language";

// The direct parser's spans keep offsets and work out lines and columns from
// their file's line table (span.ts); every position must be the one
// positionAt gives, whatever mix of `\n`, `\r\n` and lone `\r` the text has.
describe("SourceLines", () => {
  const text = fc.array(fc.constantFrom("a", "b", " ", "\t", "\r", "\n", "\r\n", "é", "😀"), { maxLength: 60 }).map((parts) => parts.join(""));

  it("gives positionAt's position for every offset", () => {
    fc.assert(
      fc.property(text, (source) => {
        const lines = new SourceLines("f.scn", source);
        for (let offset = 0; offset <= source.length; offset++) expect(lines.position(offset)).toEqual(positionAt(source, offset));
      }),
      { numRuns: 500 },
    );
  });

  it("writes a span in the plain shape, and a diagnostic keeps a plain copy", () => {
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(), (source, a, b) => {
        const lines = new SourceLines("f.scn", source);
        const start = Math.min(a, b) % (source.length + 1);
        const end = Math.max(start, Math.max(a, b) % (source.length + 1));
        const span = new OffsetSpan(lines, start, end);
        const plain = { file: "f.scn", start: positionAt(source, start), end: positionAt(source, end) };
        expect(JSON.parse(JSON.stringify(span))).toEqual(plain);
        const diagnostic = makeDiagnostic("unknown-type", span, "m");
        expect(diagnostic.span).not.toBeInstanceOf(OffsetSpan);
        // A copy by structured clone (a worker's message) keeps every position.
        expect(structuredClone(diagnostic).span).toEqual(plain);
      }),
      { numRuns: 200 },
    );
  });

  it("is what the parser's tree holds, positions included", () => {
    const result = parseFile("const a = 1\r\nconst b = 2\rconst c = 3\n", "f.scn");
    const spans = result.value.declarations.map((d) => d.span);
    expect(spans.every((s) => s instanceof OffsetSpan)).toBe(true);
    expect(spans.map((s) => [s.start.line, s.start.column, s.end.line, s.end.column])).toEqual([
      [1, 1, 1, 12],
      [2, 1, 2, 12],
      [3, 1, 3, 12],
    ]);
  });
});
