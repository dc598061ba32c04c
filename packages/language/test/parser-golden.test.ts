// AST goldens: every `.scn` file under examples/ and under
// test/ast-golden/fixtures has a JSON golden of its syntax tree and
// diagnostics beside the others in test/ast-golden. Spans are written as
// `line:column-line:column` so a reviewer can read the diff.
//
// Regenerate after an intended change with `UPDATE_GOLDENS=1 npx vitest run
// packages/language/test/parser-golden.test.ts`, then read the diff.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseFile } from "@scn/language";
import { expectGolden } from "../../../test/support/golden.js";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const GOLDEN_DIR = fileURLToPath(new URL("./ast-golden", import.meta.url));
const FIXTURE_DIR = join(GOLDEN_DIR, "fixtures");
const EXAMPLES_DIR = join(ROOT, "examples");

function scnFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const found: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) found.push(...scnFiles(path));
    else if (entry.endsWith(".scn")) found.push(path);
  }
  return found;
}

function isSpan(value: Record<string, unknown>): boolean {
  return "file" in value && "start" in value && "end" in value;
}

function spanText(span: { start: { line: number; column: number }; end: { line: number; column: number } }): string {
  return `${span.start.line}:${span.start.column}-${span.end.line}:${span.end.column}`;
}

/** The golden form: spans shortened, everything else as the parser returns it. */
function goldenForm(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(goldenForm);
  if (value === null || typeof value !== "object") return value;
  const record = value as Record<string, unknown>;
  if (isSpan(record)) return spanText(record as never);
  return Object.fromEntries(Object.entries(record).map(([key, inner]) => [key, goldenForm(inner)]));
}

const sources = [
  ...scnFiles(FIXTURE_DIR).map((path) => ({ path, golden: join(GOLDEN_DIR, `${relative(FIXTURE_DIR, path)}.json`) })),
  ...scnFiles(EXAMPLES_DIR).map((path) => ({ path, golden: join(GOLDEN_DIR, "examples", `${relative(EXAMPLES_DIR, path)}.json`) })),
];

describe("AST goldens", () => {
  it("finds the fixtures", () => {
    expect(sources.length).toBeGreaterThanOrEqual(3);
  });

  it.each(sources.map((source) => [relative(ROOT, source.path), source] as const))("%s", (name, source) => {
    const result = parseFile(readFileSync(source.path, "utf8"), name);
    const actual = `${JSON.stringify(
      {
        diagnostics: result.diagnostics.map((d) => ({ code: d.code, span: spanText(d.span), message: d.message })),
        declarations: goldenForm(result.value.declarations),
        comments: goldenForm(result.value.comments),
      },
      null,
      1,
    )}\n`;
    expectGolden(source.golden, actual, { testFile: "packages/language/test/parser-golden.test.ts" });
  });
});
