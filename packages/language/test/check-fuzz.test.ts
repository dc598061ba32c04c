// Robustness: the checker never throws, whatever the parser hands it (trees
// recovered from arbitrary text, and mutations of realistic programs), and it
// handles a 10,000-scenario program (resolution is linear; no timing is
// asserted here, the benchmarks measure it).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkProgram, compareSpans, MAX_NESTING_DEPTH, parseProgram, type Diagnostic } from "@scn/language";

const examples = fileURLToPath(new URL("../../../examples/", import.meta.url));
const exampleTexts: string[] = readdirSync(examples, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((entry) =>
    readdirSync(join(examples, entry.name))
      .filter((name) => name.endsWith(".scn"))
      .map((name) => readFileSync(join(examples, entry.name, name), "utf8")),
  );

function isSorted(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.every((diagnostic, index) => index === 0 || compareSpans(diagnostics[index - 1]!.span, diagnostic.span) <= 0);
}

function checkText(texts: readonly string[]): void {
  const parsed = parseProgram(texts.map((text, index) => ({ path: `f${index}.scn`, text })));
  const result = checkProgram(parsed.value, { today: "2026-06-01" });
  expect(isSorted(result.diagnostics)).toBe(true);
  for (const diagnostic of result.diagnostics) {
    expect(diagnostic.code).toMatch(/^SCN\d{4}$/);
    expect(diagnostic.message).not.toBe("");
  }
}

/** Words that steer random text towards the grammar, so trees get deep. */
const VOCABULARY = [
  "context", "type", "enum", "const", "segment", "decision", "output", "default", "scenario", "for",
  "situation", "goal", "pathway", "when", "otherwise", "variation", "metrics", "metric", "consent",
  "test", "given", "expect", "and", "or", "not", "in", "contains", "is", "present", "true", "false",
  "primary", "target", "within", "days", "status", "draft", "owner", "priority", "personal", "list",
  "{", "}", "(", ")", "[", "]", ":", ",", "=", "==", "!=", "<", "<=", ">", ">=", "..", ".", "?", "<", ">",
  "x", "y", "a.b", "order.channel", "int", "number", "string", "bool", "0", "1", "-3", "2.5", "15%", "+20%",
  "2027-01-31", "\"s\"", "\n", "//c\n", "int(0..23)", "list<string>",
];

describe("the checker never throws", () => {
  it("on the parse of arbitrary strings", () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (text) => checkText([text])), { numRuns: 300 });
  });

  it("on the parse of random token soups", () => {
    const soup = fc.array(fc.constantFrom(...VOCABULARY), { maxLength: 120 }).map((words) => words.join(" "));
    fc.assert(fc.property(fc.array(soup, { minLength: 1, maxLength: 3 }), (texts) => checkText(texts)), { numRuns: 400 });
  });

  it("on mutations of the example programs", () => {
    // Positions are fractions of the text length, so one mutation applies to any file.
    const at = fc.double({ min: 0, max: 1, noNaN: true });
    const mutation = fc.oneof(
      // Drop a span of characters.
      fc.tuple(at, fc.nat(40)).map(([where, length]) => (text: string) => {
        const index = Math.floor(where * text.length);
        return text.slice(0, index) + text.slice(index + length);
      }),
      // Copy a line somewhere else (duplicates, misplaced members).
      fc.tuple(at, at).map(([from, to]) => (text: string) => {
        const lines = text.split("\n");
        lines.splice(Math.floor(to * lines.length), 0, lines[Math.floor(from * lines.length)] ?? "");
        return lines.join("\n");
      }),
      // Replace a word by another word of the language.
      fc.tuple(at, fc.constantFrom(...VOCABULARY)).map(([where, word]) => (text: string) => {
        const pattern = /[A-Za-z_][A-Za-z0-9_]*/g;
        pattern.lastIndex = Math.floor(where * text.length);
        const found = pattern.exec(text);
        return found ? text.slice(0, found.index) + word + text.slice(found.index + found[0].length) : text + word;
      }),
    );
    fc.assert(
      fc.property(fc.constantFrom(...exampleTexts), fc.array(mutation, { minLength: 1, maxLength: 6 }), (text, mutations) => {
        checkText([mutations.reduce((current, mutate) => mutate(current), text)]);
      }),
      { numRuns: 300 },
    );
  });

  it("on each example split into its own files, as the examples are written", () => {
    checkText(exampleTexts);
  });
});

describe("scale", () => {
  it("resolves long chains of segments and types, declared last-first, without deep recursion", () => {
    const length = 5_000;
    const parts = ["context { x: T0, flag: bool }", "type T0 = int(0..10)", "segment s0 = flag"];
    // Each declaration uses the one declared after it in the file, the worst order for a naive resolver.
    for (let i = length; i >= 1; i--) {
      // A bare reference nests nothing (an `and` around it would: see the next test).
      parts.push(`segment s${i} = s${i - 1}`);
      parts.push(`type T${i} = T${i - 1}`);
    }
    parts.push(`context { y: T${length} }`);
    parts.push(`decision d { output { a: string } default { a: "x" } }
metric m { better higher }
scenario s for d {
  owner "cx"
  situation y > 2
  goal "g"
  pathway p otherwise { variation s${length} {} }
  metrics { primary m }
}`);
    const parsed = parseProgram([{ path: "chain.scn", text: parts.join("\n") }]);
    expect(parsed.diagnostics).toEqual([]);
    const result = checkProgram(parsed.value, { today: "2026-06-01" });
    // SCN4004: the chain's types are used only by the next type; SCN4012: nothing reads `x`.
    const problems = result.diagnostics.filter((d) => d.code !== "SCN4004" && d.code !== "SCN4012");
    expect(problems).toEqual([]);
    expect(result.value.segments).toHaveLength(length + 1);
  });

  it("refuses a chain of segments that nests past the recursion budget, once, without deep recursion", () => {
    const parts = ["context { x: int(0..10), flag: bool }", "segment s0 = flag"];
    for (let i = 5_000; i >= 1; i--) parts.push(`segment s${i} = s${i - 1} ${i % 2 === 0 ? "and" : "or"} x > 1`);
    const parsed = parseProgram([{ path: "chain.scn", text: parts.join("\n") }]);
    expect(parsed.diagnostics).toEqual([]);
    const result = checkProgram(parsed.value, { today: "2026-06-01" });
    const tooDeep = result.diagnostics.filter((d) => d.code === "SCN2213");
    // Segment s(k) nests k - 1 levels, so s(MAX + 2) is the first one refused;
    // it lowers to `false`, and the chain starts again from there: every
    // (MAX + 2)th segment is refused.
    expect(tooDeep.length).toBe(Math.floor(5_000 / (MAX_NESTING_DEPTH + 2)));
    expect(tooDeep[0]?.message).toBe(`this condition nests ${MAX_NESTING_DEPTH + 1} levels deep once the segments it uses are inlined, more than the limit of ${MAX_NESTING_DEPTH}`);
  });

  it("checks a generated program of 10,000 scenarios", () => {
    const parts: string[] = [
      "context { region: int(0..100000), tier: enum { a, b, c }, score: number(0..1) personal, ok: bool }",
      "consent gate = ok",
      "segment keen = score > 0.5",
      "metric m { better higher }",
      "decision d { output { message: string, level: int(0..10) } default { message: \"base\", level: 0 } }",
    ];
    const count = 10_000;
    for (let i = 0; i < count; i++) {
      parts.push(`scenario s${i} for d {
  owner "team"
  priority ${i}
  situation region == ${i} and tier in [a, b]
  goal "g"
  pathway p when tier == a { message: "m${i}", variation keen { level: 3 } }
  pathway q otherwise { level: 1 }
  metrics { primary m target +5% }
}`);
    }
    const parsed = parseProgram([{ path: "big.scn", text: parts.join("\n") }]);
    expect(parsed.diagnostics).toEqual([]);
    const result = checkProgram(parsed.value, { today: "2026-06-01" });
    expect(result.diagnostics).toEqual([]);
    expect(result.value.scenarios).toHaveLength(count);
    // A generous limit: parsing 10,000 scenarios on a busy CI machine is slow,
    // and this test is about completing, not about speed.
  }, 600_000);
});
