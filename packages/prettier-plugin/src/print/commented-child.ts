/**
 * Printing a child that follows a keyword or operator on the same line
 * (`segment x = COND`, `owner VALUE`, `x.a == VALUE`). When a line comment
 * leads that child, the child starts a new line; it is indented one level so
 * that it reads as the continuation of the line above.
 */
import { doc, type AstPath, type Doc } from "prettier";
import type { Node } from "@scn/language/syntax";
import type { AttachedComment } from "../comments.js";
import type { PrintChild } from "./node-printer.js";

const { indent } = doc.builders;

/**
 * Whether a leading comment puts a line break before the child: a line
 * comment always does, and prettier follows a leading block comment with a
 * line break exactly when the source has one after it. Only then is the child
 * indented; indenting it after a comment that stays on the line (`not /* b *\/
 * (`) would shift the lines inside it, and the next pass, which sees the
 * comment differently placed, would shift them back.
 */
function startsOnNewLine(child: unknown): boolean {
  const comments = (child as { comments?: AttachedComment[] } | undefined)?.comments ?? [];
  return comments.some((comment) => comment.leading && (comment.kind === "LineComment" || comment.lineBreakAfter === true));
}

export function printContinuation<N extends Node>(path: AstPath<N>, print: PrintChild, key: keyof N & string): Doc {
  const printed = print(key);
  return startsOnNewLine(path.node[key]) ? indent(printed) : printed;
}
