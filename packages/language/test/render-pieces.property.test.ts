/**
 * writePretty (render/pretty.ts) hands the pretty report over in pieces of
 * at least a given size, cut where a diagnostic ends: the pieces must add up
 * to exactly the text the report had when it was rendered whole.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderDiagnosticPretty, renderPretty, summarize, summaryLine, writePretty, type Diagnostic, type Severity } from "@scn/language";

const SOURCE = ["segment loyal = customer.loyalty in [gold, platnum]", "\tsegment x = y", "scenario s {", "}", ""].join("\n");

const arbitraryDiagnostic: fc.Arbitrary<Diagnostic> = fc
  .record({
    severity: fc.constantFrom<Severity>("error", "warning", "info"),
    line: fc.integer({ min: 1, max: 5 }),
    column: fc.integer({ min: 1, max: 30 }),
    length: fc.integer({ min: 0, max: 12 }),
    message: fc.string({ maxLength: 30 }),
    related: fc.array(fc.record({ line: fc.integer({ min: 1, max: 4 }), message: fc.string({ maxLength: 10 }) }), { maxLength: 3 }),
    witness: fc.option(fc.dictionary(fc.string({ maxLength: 4 }), fc.oneof(fc.integer(), fc.string({ maxLength: 4 })), { maxKeys: 3 }), { nil: undefined }),
    help: fc.option(fc.string({ maxLength: 20 }), { nil: undefined }),
  })
  .map(({ severity, line, column, length, message, related, witness, help }): Diagnostic => {
    const at = { offset: 0, line, column };
    return {
      code: "SCN3004",
      severity,
      message,
      span: { file: "a.scn", start: at, end: { offset: length, line, column: column + length } },
      ...(related.length > 0 ? { related: related.map((r) => ({ message: r.message, span: { file: "a.scn", start: { offset: 0, line: r.line, column: 1 }, end: { offset: 3, line: r.line, column: 4 } } })) } : {}),
      ...(witness !== undefined ? { witness } : {}),
      ...(help !== undefined ? { help } : {}),
    };
  });

/** The report as renderPretty wrote it before writePretty: every block, then the summary, joined by blank lines. */
function reference(diagnostics: readonly Diagnostic[], color: boolean): string {
  const blocks = diagnostics.map((d) => renderDiagnosticPretty(d, () => SOURCE, { color }));
  blocks.push(summaryLine(summarize(diagnostics), 1));
  return blocks.join("\n\n") + "\n";
}

describe("writePretty", () => {
  it("hands over pieces that add up to the whole report, each at least the piece size and ending where a diagnostic ends", () => {
    fc.assert(
      fc.property(fc.array(arbitraryDiagnostic, { maxLength: 12 }), fc.integer({ min: 1, max: 2000 }), fc.boolean(), (diagnostics, piece, color) => {
        const pieces: string[] = [];
        writePretty(diagnostics, () => SOURCE, 1, { color }, (text) => pieces.push(text), piece);
        const whole = reference(diagnostics, color);
        expect(pieces.join("")).toBe(whole);
        expect(renderPretty(diagnostics, () => SOURCE, 1, { color })).toBe(whole);
        pieces.slice(0, -1).forEach((text) => {
          expect(text.length).toBeGreaterThanOrEqual(piece);
          expect(text.endsWith("\n\n")).toBe(true);
        });
      }),
      { numRuns: 300 },
    );
  });

  it("writes a report of many diagnostics in several pieces", () => {
    const diagnostic: Diagnostic = { code: "SCN3004", severity: "warning", message: "m", span: { file: "a.scn", start: { offset: 0, line: 1, column: 1 }, end: { offset: 7, line: 1, column: 8 } } };
    const pieces: string[] = [];
    writePretty(Array.from({ length: 50 }, () => diagnostic), () => SOURCE, 1, { color: false }, (text) => pieces.push(text), 1000);
    expect(pieces.length).toBeGreaterThan(2);
    expect(pieces.join("")).toBe(reference(Array.from({ length: 50 }, () => diagnostic), false));
  });
});
