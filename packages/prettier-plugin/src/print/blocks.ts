/**
 * Layout shared by every `{ … }` block and by the file itself: one member per
 * line, blank lines between members kept but collapsed to one, comments of an
 * empty block printed inside it.
 */
import { doc, util, type AstPath, type Doc, type ParserOptions } from "prettier";
import type { Node } from "@scn/language/syntax";
import { locEnd } from "../locations.js";
import { printDanglingComments, printOpenBraceComments } from "./comments.js";
import type { PrintChild } from "./node-printer.js";

const { hardline, indent } = doc.builders;

/**
 * The members found under `key` of the current node, each on its own line,
 * with one blank line after a member that was followed by one or more blank
 * lines in the source.
 */
export function printMemberLines<N extends Node>(path: AstPath<N>, options: ParserOptions<Node>, print: PrintChild, key: string): Doc[] {
  const text = options.originalText;
  const lines: Doc[] = [];
  (path as AstPath).each((member: AstPath) => {
    const node = member.node as Node;
    lines.push(print());
    if (!member.isLast) {
      lines.push(hardline);
      if (util.isNextLineEmpty(text, locEnd(node))) lines.push(hardline);
    }
  }, key);
  return lines;
}

/**
 * `{`, the members one per line and indented, `}`. An empty block prints as
 * `{}`, or with its comments inside it. Members may come from several keys
 * (a variation's assignments, then its `split`), printed in that order.
 */
export function printBlock<N extends Node>(path: AstPath<N>, options: ParserOptions<Node>, print: PrintChild, key: string, ...moreKeys: string[]): Doc {
  const node = path.node;
  const text = options.originalText;
  const members = printMemberLines(path, options, print, key);
  for (const more of moreKeys) {
    const child = (node as unknown as Record<string, unknown>)[more];
    if (child === undefined) continue;
    const before = (node as unknown as Record<string, unknown>)[key];
    const last = Array.isArray(before) ? (before.at(-1) as Node | undefined) : undefined;
    if (members.length > 0) {
      members.push(hardline);
      if (last !== undefined && util.isNextLineEmpty(text, locEnd(last))) members.push(hardline);
    }
    members.push(print(more));
  }
  const open = printOpenBraceComments(node);
  const inside = printDanglingComments(node, text);
  if (members.length === 0 && inside.length === 0) return ["{", open.braceLine, "}"];
  const body = members.length === 0 ? inside : members;
  return ["{", open.braceLine, indent([hardline, ...open.body, ...body]), hardline, "}"];
}
