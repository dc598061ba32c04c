/**
 * Layout of bracketed sequences: lists `[a, b]`, records `{ a: 1, b: 2 }`,
 * record types and enum types. A sequence prints inline when it fits in the
 * print width and one item per line otherwise; lists then keep a trailing
 * comma, records and enums (whose items are members) drop their commas.
 */
import { doc, util, type AstPath, type Doc, type ParserOptions } from "prettier";
import type { Node } from "@scn/language/syntax";
import { locEnd } from "../locations.js";
import type { AttachedComment } from "../comments.js";
import { printDanglingComments } from "./comments.js";
import type { PrintChild } from "./node-printer.js";

const { breakParent, group, ifBreak, indent, line, softline } = doc.builders;

export interface SequenceStyle {
  readonly open: string;
  readonly close: string;
  /** Whether a broken sequence keeps commas (lists) or drops them (records, enums). */
  readonly commas: boolean;
  /** Whether a space pads the brackets when inline (`{ a }` but `[a]`). */
  readonly padded: boolean;
  /** Keep the sequence broken even when it would fit. */
  readonly shouldBreak?: boolean;
}

export function printSequence<N extends Node>(
  path: AstPath<N>,
  options: ParserOptions<Node>,
  print: PrintChild,
  key: string,
  style: SequenceStyle,
): Doc {
  const text = options.originalText;
  const edge = style.padded ? line : softline;
  const items: Doc[] = [];
  (path as AstPath).each((item: AstPath) => {
    const node = item.node as Node;
    items.push(print());
    if (breaksAfterLeadingComment(node)) items.push(breakParent);
    if (item.isLast) return;
    items.push(style.commas ? "," : ifBreak("", ","), line);
    // A blank line between items survives when the sequence is broken.
    if (util.isNextLineEmpty(text, locEnd(node))) items.push(softline);
  }, key);
  const inside = printDanglingComments(path.node, text);
  if (items.length === 0) {
    if (inside.length === 0) return style.open + style.close;
    return group([style.open, indent([edge, ...inside]), edge, style.close]);
  }
  const trailingComma = style.commas ? ifBreak(",") : "";
  return group([style.open, indent([edge, ...items]), trailingComma, edge, style.close], {
    shouldBreak: style.shouldBreak ?? false,
  });
}

/**
 * Whether an item's leading block comments end with a line break in the
 * source (`/* a *\/ /* b *\/⏎ x: 1`). Prettier breaks the line after such a
 * comment only when the comment also starts its line; after a second comment
 * on the same line it prints a soft line instead, which an inline sequence
 * turns into a space. A sequence broken on the first pass puts the comments
 * on a line of their own, so without this the second pass would join the
 * sequence onto one line: formatting would not be idempotent. Breaking the
 * sequence keeps the author's line break, as a line comment does
 * (docs/style.md, "Comments").
 */
function breaksAfterLeadingComment(node: Node): boolean {
  const comments = (node as { comments?: AttachedComment[] }).comments ?? [];
  return comments.some((comment) => comment.leading === true && comment.kind === "BlockComment" && comment.lineBreakAfter === true);
}

/** A newline in the source between `from` and `to`. */
export function hasNewlineBetween(options: ParserOptions<Node>, from: number, to: number): boolean {
  return util.hasNewlineInRange(options.originalText, from, to);
}
