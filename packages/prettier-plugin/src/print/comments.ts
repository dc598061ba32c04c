/**
 * Printing comments: a comment's own text, the dangling comments that a
 * block, a sequence or the file prints inside itself, and the comments on a
 * block's brace line.
 *
 * Invariant: a line comment is always followed by a line break in the output
 * (through `hardline`, `breakParent` or prettier's deferred line suffix), so
 * it can never swallow the code after it.
 */
import { doc, util, type Doc } from "prettier";
import type { Comment, Node } from "@scn/language/syntax";
import { OPEN_BRACE_MARKER, type AttachedComment } from "../comments.js";
import { locEnd } from "../locations.js";

const { breakParent, hardline, join, lineSuffix, literalline } = doc.builders;

/**
 * A comment's text as a doc. Line comments lose trailing blanks (the printer
 * trims line ends anyway); a multi-line block comment keeps its inner lines
 * exactly as written, whatever the indentation around it becomes.
 */
export function printCommentText(comment: Comment): Doc {
  if (comment.kind === "LineComment") return comment.text.trimEnd();
  const lines = comment.text.split("\n");
  return lines.length === 1 ? comment.text : join(literalline, lines);
}

function attachedComments(node: Node): AttachedComment[] {
  return (node as { comments?: AttachedComment[] }).comments ?? [];
}

/**
 * Prints the dangling comments of `node` that carry `marker` (or none), one
 * per line, keeping a blank line where the source had one. Returns [] when
 * there are none.
 */
export function printDanglingComments(node: Node, text: string, marker?: string): Doc[] {
  const comments = attachedComments(node).filter((c) => !c.leading && !c.trailing && !c.printed && c.marker === marker);
  return comments.map((comment, index) => {
    comment.printed = true;
    const isLast = index === comments.length - 1;
    // A line comment ends its line: whatever group holds it must break.
    const printed = comment.kind === "LineComment" ? [printCommentText(comment), breakParent] : printCommentText(comment);
    if (isLast) return printed;
    return [printed, hardline, util.isNextLineEmpty(text, locEnd(comment)) ? hardline : ""];
  });
}

/**
 * Comments placed on the brace line of a block: the first ones print after
 * the `{`, up to and including the first line comment (nothing may follow a
 * line comment on its line); any after that open the block's body, one per
 * line. Returns the docs for the brace line and for the body.
 */
export function printOpenBraceComments(node: Node): { readonly braceLine: Doc; readonly body: Doc[] } {
  const comments = attachedComments(node).filter((c) => !c.leading && !c.trailing && !c.printed && c.marker === OPEN_BRACE_MARKER);
  const braceLine: Doc[] = [];
  const body: Doc[] = [];
  let lineEnded = false;
  for (const comment of comments) {
    comment.printed = true;
    if (lineEnded) body.push(printCommentText(comment), hardline);
    else braceLine.push(" ", printCommentText(comment));
    if (comment.kind === "LineComment") lineEnded = true;
  }
  return { braceLine, body };
}

/**
 * Any dangling comment that the node's printer did not place. No printer
 * should leave one, but a comment must never be lost, so it is printed after
 * the node: a line comment is deferred to the end of the line so that it can
 * never swallow the code that follows it.
 */
export function printLeftoverComments(node: Node): Doc[] {
  const leftovers = attachedComments(node).filter((c) => !c.leading && !c.trailing && !c.printed);
  return leftovers.map((comment) => {
    comment.printed = true;
    return comment.kind === "LineComment"
      ? [lineSuffix([" ", printCommentText(comment)]), breakParent]
      : [" ", printCommentText(comment)];
  });
}
