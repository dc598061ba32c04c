/**
 * The diagnostics corpus: every `.scn` file under test/corpus/ is compiled
 * by the driver (packages/compiler/src/pipeline.ts) the way `scn check`
 * compiles a program (parse, check, lower and the exact analysis when there
 * is no error), and must carry exactly the diagnostics
 * that run produces, as inline annotations (test/support/annotated.ts
 * describes the format: carets with code and message, then `// help:` and
 * `// witness:` lines).
 *
 * The corpus is data: adding a case means adding a file. Folders group the
 * cases by the stage that reports them (syntax/, check/, analysis/); the
 * runner treats them all alike. Write a new case with its source only, run
 * `UPDATE_GOLDENS=1 npx vitest run test/corpus.test.ts`, and read the
 * annotations it gained before committing them.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { CATALOG } from "@scn/language";
import { compile } from "@scn/compiler";
import { expectedCodes, renderAnnotated, sourceOf } from "./support/annotated.js";
import { expectGolden } from "./support/golden.js";

const CORPUS = fileURLToPath(new URL("./corpus/", import.meta.url));

/** Expiry checks compare with this date, so the corpus does not age. */
const TODAY = "2026-06-01";

/**
 * Codes the corpus cannot show, each compiled instead from its catalog
 * example (packages/language/test/catalog.test.ts) and through the CLI
 * (packages/cli/test/hostile-input.test.ts): SCN1005's example is a file
 * over 10 MiB and SCN1009's a declaration of 250,000 tokens, which belong in
 * no repository; SCN1008 is about bytes that are not UTF-8, and a corpus
 * case is annotated text that `UPDATE_GOLDENS=1` rewrites as UTF-8, which
 * would replace the very byte the case is about.
 */
const NOT_IN_CORPUS = new Set(["SCN1005", "SCN1008", "SCN1009"]);

function scnFiles(directory: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(directory).sort()) {
    const path = join(directory, entry);
    if (statSync(path).isDirectory()) found.push(...scnFiles(path));
    else if (entry.endsWith(".scn")) found.push(path);
  }
  return found;
}

const cases = scnFiles(CORPUS).map((path) => [relative(CORPUS, path), path] as const);

describe("diagnostics corpus", () => {
  it("has cases in every stage's folder", () => {
    const folders = new Set(cases.map(([name]) => name.split("/")[0]));
    expect([...folders].sort()).toEqual(["analysis", "check", "syntax"]);
  });

  it.each(cases)("%s", (name, path) => {
    const annotated = readFileSync(path, "utf8");
    const source = sourceOf(annotated);
    const { diagnostics } = compile([{ path: name, text: source }], { today: TODAY, stopAfter: "analyze" });
    expectGolden(path, renderAnnotated(source, diagnostics), {
      testFile: "test/corpus.test.ts",
      hint: "the annotations are the diagnostics this case produces (carets, message, help, witness)",
    });
  });

  it("shows every catalog code at least once", () => {
    const seen = new Set(cases.flatMap(([, path]) => expectedCodes(readFileSync(path, "utf8"))));
    const missing = CATALOG.map((entry) => entry.code).filter((code) => !seen.has(code) && !NOT_IN_CORPUS.has(code));
    expect(missing).toEqual([]);
  });
});
