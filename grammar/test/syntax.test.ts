/**
 * Runs every syntax-test case in grammar/test/cases/ through the real
 * tokenizer, and checks that the assertion runner itself reports wrong
 * expectations (a runner that always passes would prove nothing).
 */
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { checkSyntaxTest, formatFailures, parseSyntaxTest } from "./syntax-assertions.js";
import { CASES_DIR, repoRelative, scnFilesUnder } from "./scn-files.js";
import { loadTokenizer, SCOPE_NAME, type Tokenize } from "./tokenize.js";

let tokenize: Tokenize;
beforeAll(async () => {
  tokenize = await loadTokenizer();
});

const caseFiles = scnFilesUnder(CASES_DIR);

describe("syntax-test cases", () => {
  it("has cases to run", () => {
    expect(caseFiles.length).toBeGreaterThan(0);
  });

  it.each(caseFiles.map((path) => [repoRelative(path), path]))("%s", (name, path) => {
    const file = parseSyntaxTest(readFileSync(path, "utf8"));
    expect(file.scopeName).toBe(SCOPE_NAME);
    expect(file.assertions.length).toBeGreaterThan(0);
    const failures = checkSyntaxTest(file, tokenize(file.text));
    expect(formatFailures(name, failures)).toBe("");
  });
});

describe("the assertion runner", () => {
  const run = (text: string) => {
    const file = parseSyntaxTest(text);
    return checkSyntaxTest(file, tokenize(file.text));
  };
  const header = '// SYNTAX TEST "source.scn" "runner self-test"\n';

  it("accepts assertions that hold, with carets, <- and exclusions", () => {
    const failures = run(
      header +
        "segment loyal = customer.tier in [gold]\n" +
        "// <- storage.type.scn\n" +
        "//<~- storage.type.scn\n" +
        "//      ^^^^^ entity.name.function.scn - variable.other.readwrite.scn\n" +
        "//                            ^^ keyword.operator.word.scn\n",
    );
    expect(failures).toEqual([]);
  });

  it("reports a scope that is not there, naming the line, the text and the actual scopes", () => {
    const failures = run(header + "segment loyal = customer.tier in [gold]\n//      ^^^^^ keyword.control.scn\n");
    expect(failures).toHaveLength(5);
    expect(failures[0]).toMatchObject({ line: 3, column: 8 });
    expect(failures[0]?.message).toContain("missing keyword.control.scn");
    expect(failures[0]?.message).toContain('"loyal"');
    expect(failures[0]?.message).toContain("entity.name.function.scn");
  });

  it("reports an excluded scope that is present", () => {
    const failures = run(header + "const X = 1\n// <- storage.type.scn - storage.type.scn\n");
    expect(failures.map((failure) => failure.message)).toEqual([expect.stringContaining("unexpected storage.type.scn")]);
  });

  it("reports only the characters where the assertion fails", () => {
    // `in` is a keyword; the space after it is not, so one caret of three fails.
    const failures = run(header + "segment s = a.b in [c]\n//              ^^^ keyword.operator.word.scn\n");
    expect(failures.map((failure) => failure.column)).toEqual([18]);
  });

  it("reports assertions that cannot be checked", () => {
    expect(run(header + "const X = 1\n//                ^ constant.numeric.scn\n")[0]?.message).toContain("has no character");
    expect(run(header + "// ^ comment.line.double-slash.scn\n")[0]?.message).toContain("before any source line");
    expect(run(header + "const X = 1\n// ^\n")[0]?.message).toContain("names no scope");
    expect(run("const X = 1\n// <- storage.type.scn\n")[0]?.message).toContain("header");
  });
});
