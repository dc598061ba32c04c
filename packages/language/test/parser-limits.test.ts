// Hostile input gets a diagnostic, never a stack overflow or a hang: nesting
// is capped before parsing, long flat chains are loops, and huge files are
// refused with their own code.
import { describe, expect, it } from "vitest";
import { MAX_FILE_LENGTH, MAX_NESTING_DEPTH, parseFile } from "@scn/language";

function codes(text: string): string[] {
  return parseFile(text, "limits.scn").diagnostics.map((d) => d.code);
}

describe("nesting depth", () => {
  const deep = 10_000;
  const cases: [string, string][] = [
    ["parentheses", `segment s = ${"(".repeat(deep)}a${")".repeat(deep)}`],
    ["unclosed parentheses", `segment s = ${"(".repeat(deep)}`],
    ["records", `const C = ${"{ a: ".repeat(deep)}1${" }".repeat(deep)}`],
    ["lists", `const C = ${"[".repeat(deep)}${"]".repeat(deep)}`],
    ["list types", `type T = ${"list<".repeat(deep)}int${">".repeat(deep)}`],
    ["record types", `context { ${"a: { ".repeat(deep)}b: int${" }".repeat(deep)} }`],
  ];
  it.each(cases)("10,000 nested %s give SCN1006", (_name, text) => {
    const result = parseFile(text, "deep.scn");
    expect(result.diagnostics.map((d) => d.code)).toEqual(["SCN1006"]);
    expect(result.diagnostics[0]?.message).toBe(`nesting deeper than ${MAX_NESTING_DEPTH} levels`);
    // The diagnostic points at the first bracket past the limit.
    expect(result.diagnostics[0]?.span.end.offset).toBeGreaterThan(result.diagnostics[0]?.span.start.offset ?? Infinity);
  });

  it(`parses exactly ${MAX_NESTING_DEPTH} levels and refuses one more`, () => {
    const nested = (levels: number) => `segment s = ${"(".repeat(levels)}a${")".repeat(levels)}`;
    expect(codes(nested(MAX_NESTING_DEPTH))).toEqual([]);
    expect(codes(nested(MAX_NESTING_DEPTH + 1))).toEqual(["SCN1006"]);
  });

  it("counts each `not` as a level, since each nests the tree one level deeper", () => {
    const nots = (count: number) => `segment s = ${"not ".repeat(count)}a`;
    expect(codes(nots(MAX_NESTING_DEPTH))).toEqual([]);
    expect(codes(nots(MAX_NESTING_DEPTH + 1))).toEqual(["SCN1006"]);
    expect(codes(`segment s = ${"not (".repeat(32)}a${")".repeat(32)}`)).toEqual([]);
    expect(codes(`segment s = ${"not (".repeat(33)}a${")".repeat(33)}`)).toEqual(["SCN1006"]);
    // A `not` ends with its operand: side by side, they do not add up.
    expect(codes(`segment s = ${Array.from({ length: 1_000 }, () => "not a").join(" and ")}`)).toEqual([]);
  });

  it("does not let a comparison cancel a parenthesis", () => {
    const levels = (count: number) => `segment s = ${"(n > 1 and ".repeat(count)}a${")".repeat(count)}`;
    expect(codes(levels(MAX_NESTING_DEPTH))).toEqual([]);
    expect(codes(levels(MAX_NESTING_DEPTH + 1))).toEqual(["SCN1006"]);
    expect(codes(levels(280))).toEqual(["SCN1006"]);
    // `context {` is one level; `>` does close a `list<`.
    expect(codes(`context { x: ${"list<".repeat(MAX_NESTING_DEPTH - 1)}int${">".repeat(MAX_NESTING_DEPTH - 1)} }`)).toEqual([]);
  });

  it("parses long flat chains without recursion", () => {
    expect(codes(`segment s = a${" and a or a".repeat(5_000)}`)).toEqual([]);
    expect(codes(`const C = [${"1, ".repeat(20_000)}]`)).toEqual([]);
  });
});

describe("stray characters", () => {
  it("reports the first 100 runs, then one diagnostic for the rest", () => {
    const result = parseFile(`const A = 1\n${"€ ".repeat(150)}`, "binary.scn");
    expect(result.diagnostics).toHaveLength(101);
    expect(new Set(result.diagnostics.map((d) => d.code))).toEqual(new Set(["SCN1001"]));
    expect(result.diagnostics[100]?.message).toBe("50 more runs of unexpected characters from here on");
    expect(result.diagnostics[100]?.span.start).toEqual({ offset: 212, line: 2, column: 201 });
  });
});

describe("floods of errors", () => {
  it("stops parsing after 100 syntax errors, saying where", () => {
    const result = parseFile("scenario ".repeat(1_000), "flood.scn");
    expect(result.diagnostics).toHaveLength(101);
    const last = result.diagnostics[100];
    expect(last?.message).toMatch(/; parsing stopped here after 100 syntax errors$/);
    expect(last?.help).toBe("fix the first errors and run again; the rest of this file was not checked");
    expect(result.value.declarations).toEqual([]);
    // The shared parser instance is fine for the next file.
    const next = parseFile("segment s = (a and b)\nconst X = 1", "next.scn");
    expect(next.diagnostics).toEqual([]);
    expect(next.value.declarations.map((d) => d.kind)).toEqual(["SegmentDeclaration", "ConstDeclaration"]);
  });

  it.each([
    ["invalid escapes", `const A = "${"\\q".repeat(150)}"`, "SCN1003"],
    ["unterminated strings", 'const A = "x\n'.repeat(150), "SCN1002"],
    ["invalid dates", `const A = [${"2027-02-30 ".repeat(150)}]`, "SCN1007"],
  ])("reports 100 %s, then one diagnostic for the rest", (what, text, code) => {
    const result = parseFile(text, "flood.scn");
    const ofCode = result.diagnostics.filter((d) => d.code === code);
    expect(ofCode).toHaveLength(101);
    expect(ofCode.map((d) => d.message)).toContain(`50 more ${what} from here on`);
  });
});

describe("file size", () => {
  it("refuses a file over the limit with SCN1005", () => {
    const text = `const A = 1\n// ${"x".repeat(MAX_FILE_LENGTH)}`;
    const result = parseFile(text, "huge.scn");
    expect(result.diagnostics.map((d) => d.code)).toEqual(["SCN1005"]);
    expect(result.value.declarations).toEqual([]);
  });

  it("accepts a file of exactly the limit", () => {
    // Whitespace keeps the test about the limit itself, not about parsing speed.
    const text = `const A = 1${" ".repeat(MAX_FILE_LENGTH - "const A = 1".length)}`;
    expect(text.length).toBe(MAX_FILE_LENGTH);
    expect(codes(text)).toEqual([]);
    expect(codes(`${text} `)).toEqual(["SCN1005"]);
  });
});
