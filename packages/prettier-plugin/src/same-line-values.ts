/**
 * Values that must start on the line of the token before them. The parser
 * reads a reserved word at the start of a line as the start of the next
 * member (so that a missing value does not swallow the next line), which
 * makes a reserved word used as a single value (`action: default`, `x ==
 * default`) valid only on the line of the `:` or operator before it. Items of
 * a list and members of an enum are exempt: inside `[ … ]` and `enum { … }`
 * any word may start a line.
 */
import { isReservedWord, type Node } from "@scn/language/syntax";

export function mustStayOnPreviousLine(node: Node): boolean {
  const first = node.kind === "Path" ? node.segments[0] : undefined;
  return first !== undefined && isReservedWord(first.name);
}
