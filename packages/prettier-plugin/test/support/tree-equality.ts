/**
 * What "the formatter preserves meaning" compares: two syntax trees with
 * source positions and spelling removed. Spans, operator spans and `raw`
 * texts go; the `personal` and `otherwise` markers (spans) become `true`;
 * the file's comment list is compared separately, as a multiset of texts.
 */
import type { SourceFile } from "@scn/language/syntax";

const POSITION_KEYS = new Set(["span", "operatorSpan", "raw", "comments"]);
const MARKER_KEYS = new Set(["personal", "otherwise"]);

/** A deep copy of `value` without positions or spelling. */
export function withoutPositions(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPositions);
  if (typeof value !== "object" || value === null) return value;
  const result: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (POSITION_KEYS.has(key)) continue;
    result[key] = MARKER_KEYS.has(key) ? child !== undefined : withoutPositions(child);
  }
  return result;
}

/** The comment texts of a file, sorted, with line ends trimmed (the printer trims them). */
export function commentTexts(file: SourceFile): string[] {
  return file.comments.map((comment) => comment.text.split("\n").map((line) => line.trimEnd()).join("\n")).sort();
}
