/**
 * Comments: where prettier attaches them.
 *
 * Prettier attaches each comment to a neighbouring node (leading, trailing)
 * or, when it has no neighbour, to the enclosing node (dangling). Its defaults
 * are right for most of this language; the handlers below correct the places
 * where they would move a comment somewhere a reader does not expect, or
 * where a line comment could run into another one:
 * - a comment right after a block's `{`, on the same line, stays there;
 * - a comment inside an empty block stays inside the block;
 * - an own-line comment between two operands of `and`/`or` stays on its own
 *   line before the operator, instead of landing between operator and operand;
 * - a comment inside a one-line construct leads the node after it (or trails
 *   the member it is in), so that a line break always follows it.
 *
 * Invariant: every comment is printed exactly once. Prettier checks this
 * itself (it throws on a comment that was never printed); the printer adds a
 * last-resort fallback that prints any dangling comment a node printer did not
 * place (see `printLeftoverComments`).
 */
import { util } from "prettier";
import type { Comment, Node } from "@scn/language/syntax";
import { isBlockOwner, openBraceOffset } from "./block-geometry.js";
import { childNodes, isSyntaxNode } from "@scn/language/syntax";
import { locEnd, locStart } from "./locations.js";
import { mustStayOnPreviousLine } from "./same-line-values.js";

/** A comment as prettier decorates it during attachment and printing. */
export interface AttachedComment extends Comment {
  leading?: boolean;
  trailing?: boolean;
  printed?: boolean;
  marker?: string;
  placement?: "ownLine" | "endOfLine" | "remaining";
  enclosingNode?: Node;
  precedingNode?: Node;
  followingNode?: Node;
  /** Whether the source has a line break right after the comment (set by `handleComments`). */
  lineBreakAfter?: boolean;
}

/** Marks a dangling comment that sits on the same line as its block's `{`. */
export const OPEN_BRACE_MARKER = "open-brace";

export function isBlockComment(comment: Comment): boolean {
  return comment.kind === "BlockComment";
}

export function canAttachComment(node: unknown): boolean {
  return isSyntaxNode(node) && node.kind !== "LineComment" && node.kind !== "BlockComment";
}

/**
 * Whether `text` has a line break between `from` and `to` that is not inside
 * a block comment. Only comments and blanks lie between a block's `{` and its
 * first member, and a multi-line comment on the brace line leaves the next
 * comment on that line too (`{ /* a⏎ *\/ /* b *\/`): counting the line breaks
 * inside it would move the next comment into the body on a second pass.
 */
function hasNewlineOutsideComments(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    if (text.startsWith("/*", i)) {
      const close = text.indexOf("*/", i + 2);
      if (close === -1 || close >= to) return false;
      i = close + 1;
      continue;
    }
    const char = text.charAt(i);
    if (char === "\n" || char === "\r") return true;
  }
  return false;
}

/**
 * A comment between a block's header and its first member (just before the
 * `{`, on the brace's line, or on its own line after it): a comment on the
 * brace's line stays there, one in an empty block stays inside, and an
 * own-line comment leads the first member.
 */
function handleCommentInBlockHead(comment: AttachedComment, text: string): boolean {
  const { enclosingNode: enclosing, precedingNode: preceding, followingNode: following } = comment;
  if (!enclosing || !isBlockOwner(enclosing)) return false;
  const open = openBraceOffset(enclosing, text);
  if (open === undefined) return false;
  // Only the gap after the header's last node and before the first member.
  if (preceding && locEnd(preceding) > open) return false;
  if (following && locStart(following) < open) return false;
  if (!following) return util.addDanglingComment(enclosing, comment, undefined);
  const onBraceLine = locStart(comment) < open || !hasNewlineOutsideComments(text, open, locStart(comment));
  if (onBraceLine && comment.placement !== "ownLine") return util.addDanglingComment(enclosing, comment, OPEN_BRACE_MARKER);
  return util.addLeadingComment(following, comment);
}

/**
 * Whether the printer always breaks the line right after `child` inside
 * `parent`: members of a file or of a block's body; items of a sequence and
 * the inside of parentheses (a line comment breaks their group); operands of
 * an `and`/`or` chain but the last (after the last comes whatever follows
 * the chain). A line comment trailing such a child stays at the end of its
 * line without running into anything.
 */
function breaksAfter(parent: Node | undefined, child: Node, text: string): boolean {
  if (parent === undefined) return true;
  if (isBlockOwner(parent)) {
    // Only the members of the body; a block's header stays on one line.
    const open = openBraceOffset(parent, text);
    return open !== undefined && locStart(child) > open;
  }
  switch (parent.kind) {
    case "SourceFile":
    case "List":
    case "Record":
    case "RecordType":
    case "EnumType":
    case "Paren":
      return true;
    case "And":
    case "Or":
      return parent.operands[parent.operands.length - 1] !== child;
    default:
      return false;
  }
}

/** The nodes from the root down to the innermost one whose span holds `comment`. */
function enclosingChain(root: Node, comment: AttachedComment): Node[] {
  const chain: Node[] = [root];
  for (;;) {
    const current = chain[chain.length - 1];
    if (current === undefined) return chain;
    const inner = childNodes(current).find((child) => locStart(child) <= locStart(comment) && locEnd(comment) <= locEnd(child));
    if (!inner) return chain;
    chain.push(inner);
  }
}

/**
 * A comment inside a one-line construct, where the printer keeps going on the
 * same line after the comment's neighbours (`segment x = // why` before the
 * condition, `x.a // why` before `is present`). Attached to a neighbour, a
 * line comment would be deferred to the end of the output line and could run
 * into another comment deferred there. So it leads the node after it, which
 * puts a line break right after it; with no node after it (or one that must
 * stay on its line), it trails the nearest enclosing node that ends a line
 * (usually the member it is in).
 */
function handleCommentInsideLine(comment: AttachedComment, text: string, root: Node): boolean {
  const { enclosingNode: enclosing, precedingNode: preceding, followingNode: following } = comment;
  // With nothing before it, a comment leads the node after it: already safe.
  if (!enclosing || !preceding || breaksAfter(enclosing, preceding, text)) return false;
  // A comment leading a value puts a line break before it, which a value that
  // must stay on its line cannot take; the comment then trails the member.
  if (following && !mustStayOnPreviousLine(following)) return util.addLeadingComment(following, comment);
  const chain = enclosingChain(root, comment);
  for (let index = chain.lastIndexOf(enclosing); index > 0; index -= 1) {
    const node = chain[index];
    if (node && breaksAfter(chain[index - 1], node, text)) return util.addTrailingComment(node, comment);
  }
  return false;
}

/**
 * An own-line comment between operands of `and`/`or` trails the operand
 * before it, so it prints on its own line above the `and`/`or` line rather
 * than between the operator and its operand.
 */
function handleOwnLineCommentInJunction(comment: AttachedComment): boolean {
  const { enclosingNode: enclosing, precedingNode: preceding } = comment;
  if (!enclosing || (enclosing.kind !== "And" && enclosing.kind !== "Or") || !preceding) return false;
  return util.addTrailingComment(preceding, comment);
}

/**
 * Prettier prints a line break after a leading block comment exactly when
 * the source has one after it; the printer needs to know that to indent what
 * follows the comment (see print/commented-child.ts).
 */
function noteLineBreakAfter(comment: AttachedComment, text: string): void {
  comment.lineBreakAfter = util.hasNewline(text, locEnd(comment));
}

export const handleComments = {
  ownLine: (comment: AttachedComment, text: string, _options: unknown, root: Node): boolean => {
    noteLineBreakAfter(comment, text);
    return handleCommentInBlockHead(comment, text) || handleOwnLineCommentInJunction(comment) || handleCommentInsideLine(comment, text, root);
  },
  endOfLine: (comment: AttachedComment, text: string, _options: unknown, root: Node): boolean => {
    noteLineBreakAfter(comment, text);
    return handleCommentInBlockHead(comment, text) || handleCommentInsideLine(comment, text, root);
  },
  remaining: (comment: AttachedComment, text: string): boolean => {
    noteLineBreakAfter(comment, text);
    return handleCommentInBlockHead(comment, text);
  },
};
