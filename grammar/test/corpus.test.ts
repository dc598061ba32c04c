/**
 * Tokenizes every `.scn` file under examples/ and every syntax-test case, and
 * checks what must hold for any well-formed source: no `invalid.illegal`
 * scope (in the cases, only where an assertion asks for one), and no text
 * outside comments and whitespace left without a scope that a theme colors.
 */
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { parseSyntaxTest } from "./syntax-assertions.js";
import { CASES_DIR, EXAMPLES_DIR, repoRelative, scnFilesUnder } from "./scn-files.js";
import { loadTokenizer, type Tokenize, type TokenizedLine } from "./tokenize.js";

let tokenize: Tokenize;
beforeAll(async () => {
  tokenize = await loadTokenizer();
});

interface Finding {
  readonly line: number;
  readonly column: number;
  readonly text: string;
  readonly scopes: readonly string[];
}

function findings(lines: readonly TokenizedLine[], matches: (scopes: readonly string[]) => boolean): Finding[] {
  return lines.flatMap((tokens, index) =>
    tokens
      .filter((token) => token.text.trim() !== "" && matches(token.scopes))
      .map((token) => ({ line: index + 1, column: token.start + 1, text: token.text, scopes: token.scopes })),
  );
}

const isIllegal = (scopes: readonly string[]) => scopes.some((scope) => scope.startsWith("invalid.illegal"));
// `source.scn` and `meta.*` scopes only group text; themes color none of them.
const isUnscoped = (scopes: readonly string[]) =>
  scopes.every((scope) => scope === "source.scn" || scope.startsWith("meta."));
const describeFinding = (path: string, finding: Finding) =>
  `${repoRelative(path)}:${finding.line}:${finding.column} ${JSON.stringify(finding.text)} (${finding.scopes.join(" ")})`;

const examples = scnFilesUnder(EXAMPLES_DIR);
const cases = scnFilesUnder(CASES_DIR);

describe.each([
  ["examples", examples],
  ["syntax-test cases", cases],
])("every file in %s", (_, files) => {
  it.each(files.map((path) => [repoRelative(path), path]))("%s has no unscoped text", (_name, path) => {
    const unscoped = findings(tokenize(readFileSync(path, "utf8")), isUnscoped);
    expect(unscoped.map((finding) => describeFinding(path, finding))).toEqual([]);
  });
});

describe("no invalid.illegal scopes", () => {
  it.each(examples.map((path) => [repoRelative(path), path]))("%s", (_name, path) => {
    const illegal = findings(tokenize(readFileSync(path, "utf8")), isIllegal);
    expect(illegal.map((finding) => describeFinding(path, finding))).toEqual([]);
  });

  it.each(cases.map((path) => [repoRelative(path), path]))("%s, except where an assertion expects one", (_name, path) => {
    const file = parseSyntaxTest(readFileSync(path, "utf8"));
    const expected = new Set(
      file.assertions
        .filter((assertion) => assertion.required.some((scope) => scope.startsWith("invalid.illegal")))
        .flatMap((assertion) => assertion.columns.map((column) => `${assertion.sourceLine + 1}:${column + 1}`)),
    );
    const lines = tokenize(file.text);
    const unexpected = lines.flatMap((tokens, index) =>
      tokens
        .filter((token) => isIllegal(token.scopes))
        .flatMap((token) =>
          Array.from({ length: token.end - token.start }, (_, offset) => `${index + 1}:${token.start + offset + 1}`),
        )
        .filter((position) => !expected.has(position)),
    );
    expect(unexpected).toEqual([]);
  });
});
