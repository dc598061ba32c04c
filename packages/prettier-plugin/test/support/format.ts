/**
 * Test helpers: format through the plugin as a user would (prettier's API),
 * and parse with the language package's parser, failing loudly when a text
 * that should parse does not.
 */
import { parseFile, type SourceFile } from "@scn/language/syntax";
import type { Options } from "prettier";
import { formatScn } from "@scn/prettier-plugin";

export async function format(text: string, options: Options = {}): Promise<string> {
  return formatScn(text, { filepath: "test.scn", ...options });
}

/** Parses `text`, throwing with every syntax error when it does not parse. */
export function parseOrThrow(text: string, path = "test.scn"): SourceFile {
  const result = parseFile(text, path);
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) {
    const listed = errors.map((d) => `${d.span.start.line}:${d.span.start.column} ${d.code} ${d.message}`).join("\n");
    throw new Error(`does not parse:\n${listed}\n--- source ---\n${text}`);
  }
  return result.value;
}

/** Whether `text` parses without errors. */
export function parses(text: string): boolean {
  return !parseFile(text, "test.scn").diagnostics.some((d) => d.severity === "error");
}
