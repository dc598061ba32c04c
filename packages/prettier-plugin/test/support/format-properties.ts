/**
 * The three properties every formatted text must have, as one check:
 * formatting is idempotent, preserves the syntax tree (ignoring positions and
 * spelling), and loses no comment.
 */
import type { Options } from "prettier";
import { expect } from "vitest";
import { commentTexts, withoutPositions } from "./tree-equality.js";
import { format, parseOrThrow } from "./format.js";

/** Returns the formatted text, after checking the three properties. */
export async function expectFormatProperties(source: string, path = "test.scn", options: Options = {}): Promise<string> {
  const before = parseOrThrow(source, path);
  const once = await format(source, { ...options, filepath: path });
  const after = parseOrThrow(once, path);
  const twice = await format(once, { ...options, filepath: path });
  expect(twice, "formatting is idempotent").toBe(once);
  expect(withoutPositions(after.declarations), "formatting preserves the syntax tree").toEqual(withoutPositions(before.declarations));
  expect(commentTexts(after), "formatting loses no comment").toEqual(commentTexts(before));
  return once;
}

/**
 * The layout rules every formatted file follows (for files without
 * multi-line block comments, whose inner lines are kept as written): LF line
 * ends, one final newline, no trailing blanks, no run of blank lines, and
 * indentation in whole levels of `tabWidth` spaces.
 */
export function expectCanonicalLayout(text: string, tabWidth = 2): void {
  if (text === "") return;
  expect(text).not.toContain("\r");
  expect(text.endsWith("\n") && !text.endsWith("\n\n"), "one final newline").toBe(true);
  expect(text, "no run of blank lines").not.toMatch(/\n\n\n/);
  expect(text.startsWith("\n"), "no blank line at the start").toBe(false);
  for (const line of text.slice(0, -1).split("\n")) {
    expect(line, "no trailing blanks").toBe(line.trimEnd());
    const indentation = /^ */.exec(line)?.[0].length ?? 0;
    expect(indentation % tabWidth, `indentation in whole levels: ${JSON.stringify(line)}`).toBe(0);
  }
}
