/**
 * Hostile and careless input through every command, one test per class of
 * failure found by a red team (issue #12): whatever the input, `check`,
 * `build`, `test` and `fmt` answer with diagnostics and exit 0 or 1, never
 * with a crash (exit 3), and `fmt` never rewrites what it cannot read back.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MAX_FILE_LENGTH } from "@scn/language";
import { scn, type CliRun } from "./harness.js";
import { programAround as program } from "./program-fixtures.js";

let directory: string;

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), "scn-hostile-"));
});

afterEach(() => {
  rmSync(directory, { recursive: true, force: true });
});

function write(name: string, content: string | Uint8Array): string {
  writeFileSync(join(directory, name), content);
  return name;
}

const bytesOf = (name: string): Buffer => readFileSync(join(directory, name));
const output = (run: CliRun): string => run.stdout + run.stderr;

const COMMANDS: readonly (readonly string[])[] = [["check"], ["build", "-o", "out"], ["test"], ["fmt"], ["fmt", "--check"]];

describe("invalid UTF-8 is a diagnostic, and nothing rewrites it", () => {
  const latin1 = (text: string): Buffer => Buffer.from(text, "latin1");
  const cases: [string, Buffer, string][] = [
    ["in a comment", latin1("context {   a: bool } // caf\u00e9\n"), "1:29"],
    ["in a string literal", latin1('context { a: bool }\nconst greeting = "caf\u00e9"\n'), "2:22"],
    ["a truncated sequence at the end", Buffer.concat([Buffer.from("const c = 1 // "), Buffer.from([0xe2, 0x82])]), "1:16"],
  ];
  it.each(cases)("%s: every command reports SCN1008 at the byte, and fmt leaves the file as it was", async (_where, bytes, position) => {
    const file = write("bad.scn", bytes);
    for (const args of COMMANDS) {
      const run = await scn([...args, file], directory);
      expect(run.code, `${args.join(" ")}: ${output(run)}`).toBe(1);
      expect(output(run)).toContain("SCN1008");
      expect(output(run)).toContain(position);
      expect(bytesOf(file).equals(bytes), `${args.join(" ")} left the bytes alone`).toBe(true);
    }
  });

  it("a valid U+FFFD, a byte-order mark and multi-byte characters are not mistaken for it", async () => {
    const file = write("ok.scn", `\uFEFFcontext { a: bool } // \uFFFD caf\u00e9 \u{1F600}\n`);
    const run = await scn(["check", file], directory);
    expect(output(run)).not.toContain("SCN1008");
    expect(run.code).toBe(0);
  });
});

describe("one recursion budget, counted on the real tree depth", () => {
  const chain = Array.from({ length: 2_000 }, (_, i) => `segment s${i + 1} = s${i} ${i % 2 === 0 ? "and" : "or"} n > 1`).join("\n");
  const cases: [string, string, string][] = [
    ["820 `not`s", `segment s = ${"not ".repeat(820)}a`, "SCN1006"],
    ["6,300 `not`s", `segment s = ${"not ".repeat(6_300)}a`, "SCN1006"],
    ["comparisons between 280 parentheses", `segment s = ${"(n > 1 and ".repeat(280)}a${")".repeat(280)}`, "SCN1006"],
    ["`not (` 100 times", `segment s = ${"not (".repeat(100)}a${")".repeat(100)}`, "SCN1006"],
    ["a chain of 2,000 segments, each inside the next", `segment s0 = a\n${chain}`, "SCN2213"],
  ];
  it.each(cases)("%s: a diagnostic from check, build, test and fmt, never a crash", async (_name, segment, code) => {
    const file = write("deep.scn", program(segment));
    for (const args of COMMANDS) {
      const run = await scn([...args, file], directory);
      if (code === "SCN2213" && args[0] === "fmt") {
        // The chain is a checker finding: the syntax is fine, so fmt formats it.
        expect(run.code, output(run)).not.toBe(3);
        continue;
      }
      expect(run.code, `${args.join(" ")}: ${output(run).slice(0, 500)}`).toBe(1);
      expect(output(run)).toContain(code);
    }
  });
});

describe("long literals and lines", () => {
  it("a string literal of 9 MiB is one token (the lexer does not recurse)", async () => {
    const file = write("long-string.scn", program(`const long = "${"x".repeat(9 * 1024 * 1024)}"`));
    const run = await scn(["check", file], directory);
    expect(run.code, output(run).slice(0, 500)).toBe(0);
  });

  it("a block comment of 9 MiB made of `*` runs is one comment", async () => {
    const file = write("long-comment.scn", `/*${"*a".repeat(4_500_000)}*/\n${program("")}`);
    const run = await scn(["check", file], directory);
    expect(run.code, output(run).slice(0, 500)).toBe(0);
  });

  it("a message quotes at most a bounded excerpt of a line", async () => {
    const tooLarge = write("too-large.scn", `const c = [${"a, ".repeat(Math.ceil(MAX_FILE_LENGTH / 3) + 10)}]`);
    const refused = await scn(["check", tooLarge], directory);
    expect(refused.code).toBe(1);
    expect(output(refused)).toContain("SCN1005");
    expect(output(refused).length).toBeLessThan(4_000);
    // A line of 300 kB with an error at its end, and a name of 1 MB quoted by a message.
    const longLine = write("long-line.scn", `const c = [${"a, ".repeat(100_000)}] ]`);
    const framed = await scn(["check", longLine], directory);
    expect(framed.code).toBe(1);
    expect(output(framed).length).toBeLessThan(4_000);
    const longName = write("long-name.scn", program(`segment s = ${"b".repeat(1_000_000)}`));
    const named = await scn(["check", longName], directory);
    expect(named.code).toBe(1);
    expect(output(named)).toContain("SCN2003");
    expect(output(named).length).toBeLessThan(4_000);
  });
});

describe("numbers outside the exactly representable range", () => {
  const places: [string, string][] = [
    ["a const", "const BIG = 9007199254740993"],
    ["a range bound", "segment s = n in 0..9007199254740993"],
    ["a condition", `segment s = n > 1${"0".repeat(309)}`],
    ["an underflowing fraction", `segment s = n > 0.${"0".repeat(400)}1`],
  ];
  it.each(places)("in %s: SCN1010 at the literal from check, build and test, never exit 3", async (_where, line) => {
    const file = write("numbers.scn", program(line));
    for (const args of [["check"], ["build", "-o", "out"], ["test"]]) {
      const run = await scn([...args, file], directory);
      expect(run.code, `${args.join(" ")}: ${output(run).slice(0, 500)}`).toBe(1);
      expect(output(run)).toContain("SCN1010");
    }
  });

  it("in a test's `given` and an output value", async () => {
    const file = write("given.scn", program("").replace("given { a: true, n: 1 }", "given { a: true, n: 90071992547409930 }").replace('default { m: "x" }', 'default { m: "x" }'));
    const run = await scn(["check", file], directory);
    expect(run.code).toBe(1);
    expect(output(run)).toContain("SCN1010");
  });

  it("the largest safe integer and ordinary fractions are fine", async () => {
    const file = write("fine.scn", program("const A = 9007199254740991\nconst B = -9007199254740991.25\nconst C = 0.1"));
    const run = await scn(["check", file], directory);
    expect(output(run)).not.toContain("SCN1010");
    expect(run.code).toBe(0);
  });
});

/**
 * The deep and long input corpus, generated here at CI size: each shape is
 * one a red team would try, at a size past every limit or at its edge.
 */
function corpus(): [string, string][] {
  const many = 2_000;
  return [
    ["nested parentheses", `segment s = ${"(".repeat(1_000)}a${")".repeat(1_000)}`],
    ["unclosed parentheses", `segment s = ${"(".repeat(1_000)}`],
    ["nested lists", `const c = ${"[".repeat(1_000)}${"]".repeat(1_000)}`],
    ["nested records", `const c = ${"{ a: ".repeat(1_000)}1${" }".repeat(1_000)}`],
    ["nested list types", `context { x: ${"list<".repeat(1_000)}int${">".repeat(1_000)} }`],
    ["a `not` chain", `segment s = ${"not ".repeat(5_000)}a`],
    ["`not` and parentheses", `segment s = ${"not (".repeat(1_000)}a${")".repeat(1_000)}`],
    ["comparisons in parentheses", `segment s = ${"(n > 1 and ".repeat(2_000)}a${")".repeat(2_000)}`],
    ["a long `and` chain", `segment s = a${" and a".repeat(20_000)}`],
    ["a long `or` chain at the token limit", `segment s = a${" or a".repeat(20_000)}`],
    ["a long list", `segment s = n in [${"1, ".repeat(20_000)}]`],
    ["a long enum", `context { e: enum { ${Array.from({ length: 5_000 }, (_, i) => `m${i}`).join(", ")} } }`],
    ["many declarations", Array.from({ length: many }, (_, i) => `const c${i} = ${i}`).join("\n")],
    ["many segments", Array.from({ length: many }, (_, i) => `segment s${i} = n > ${i % 100}`).join("\n")],
    ["a chain of segments", Array.from({ length: 500 }, (_, i) => `segment s${i + 1} = ${i === 0 ? "a" : `s${i}`} and n > 1`).join("\n")],
    ["a long string", `const c = "${"x".repeat(200_000)}"`],
    ["an unterminated string", `const c = "${"x".repeat(200_000)}`],
    ["a long comment", `/*${"*".repeat(200_000)}*/`],
    ["an unclosed comment", `/*${"*x".repeat(100_000)}`],
    ["a long name", `segment ${"s".repeat(100_000)} = a`],
    ["a long number", `const c = ${"9".repeat(100_000)}`],
    ["one long line of stray characters", "\u00a7".repeat(100_000)],
    ["deep `given` records", `test "t" { given ${"{ a: ".repeat(1_000)}1${" }".repeat(1_000)} }`],
  ];
}

describe("the deep and long input corpus", () => {
  it.each(corpus())("%s: check, build, test and fmt answer without a crash", async (_name, body) => {
    const file = write("corpus.scn", program(body));
    for (const args of COMMANDS) {
      const run = await scn([...args, file], directory);
      expect([0, 1], `${args.join(" ")}: ${output(run).slice(0, 300)}`).toContain(run.code);
      // Each diagnostic quotes a bounded excerpt, so the output grows with their number only (2,000 unused consts are 2,000 warnings).
      const reported = (output(run).match(/^(?:error|warning|note|info)\[SCN\d{4}\]/gm) ?? []).length;
      expect(output(run).length, `output stays bounded (${reported} diagnostics)`).toBeLessThan(20_000 + 2_000 * reported);
    }
  });
});

describe("memory per operand is bounded", () => {
  const cli = fileURLToPath(new URL("../bin/scn.js", import.meta.url));
  /**
   * The worst shape per byte of source that the parser used to keep whole, at
   * 1 MB (docs/language.md, "Limits", has the figures for 10 MiB).
   */
  const shapes: [string, string][] = [
    ["a long `and` chain", `context { a: bool }\nsegment s = a${" and a".repeat(170_000)}\n`],
  ];
  it.each(shapes)("%s: `scn check` finishes in a 2 GB heap with a diagnostic or a clean result", (_name, text) => {
    const file = write("shape.scn", text);
    const run = spawnSync(process.execPath, ["--max-old-space-size=2048", cli, "check", file], { cwd: directory, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    expect(run.signal, run.stderr.slice(0, 500)).toBeNull();
    expect([0, 1], run.stderr.slice(0, 500)).toContain(run.status);
  });
});
