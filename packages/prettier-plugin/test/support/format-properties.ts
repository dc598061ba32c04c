/**
 * The three properties every formatted text must have, as one check:
 * formatting is idempotent, preserves the syntax tree (ignoring positions and
 * spelling), and loses no comment.
 */
import type { Options } from "prettier";
import { expect } from "vitest";
import { commentTexts, withoutPositions } from "./tree-equality.js";
import { format, parseOrThrow } from "./format.js";

export async function expectFormatProperties(source: string, path = "test.scn", options: Options = {}): Promise<void> {
  const before = parseOrThrow(source, path);
  const once = await format(source, { ...options, filepath: path });
  const after = parseOrThrow(once, path);
  const twice = await format(once, { ...options, filepath: path });
  expect(twice, "formatting is idempotent").toBe(once);
  expect(withoutPositions(after.declarations), "formatting preserves the syntax tree").toEqual(withoutPositions(before.declarations));
  expect(commentTexts(after), "formatting loses no comment").toEqual(commentTexts(before));
}
