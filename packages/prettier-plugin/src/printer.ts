/**
 * The `scn-ast` printer: one table of node printers joined from the files
 * under print/ (one per family of nodes), plus prettier's comment hooks.
 *
 * Invariant: `PRINTERS` is typed over every node kind, so a node kind added to
 * the syntax tree fails the TypeScript build until it is printed.
 */
import { doc, type AstPath, type Doc, type ParserOptions, type Printer } from "prettier";
import type { Node } from "@scn/language/syntax";
import { childKeys, childNodes, isSyntaxNode } from "@scn/language/syntax";
import { canAttachComment, handleComments, isBlockComment, type AttachedComment } from "./comments.js";
import { locEnd, locStart } from "./locations.js";
import { printCommentText, printLeftoverComments } from "./print/comments.js";
import { conditionPrinters } from "./print/conditions.js";
import { declarationPrinters } from "./print/declarations.js";
import type { NodePrinter, PrintChild, PrinterTable } from "./print/node-printer.js";
import { scenarioPrinters } from "./print/scenario.js";
import { sourceFilePrinters } from "./print/source-file.js";
import { testPrinters } from "./print/test-blocks.js";
import { typePrinters } from "./print/types.js";
import { valuePrinters } from "./print/values.js";

const { join, literalline } = doc.builders;

const PRINTERS: PrinterTable<Node["kind"]> = {
  ...valuePrinters,
  ...typePrinters,
  ...conditionPrinters,
  ...declarationPrinters,
  ...scenarioPrinters,
  ...testPrinters,
  ...sourceFilePrinters,
};

function printNode(path: AstPath<Node>, options: ParserOptions<Node>, print: PrintChild): Doc {
  const node = path.node;
  const printNodeOfKind = PRINTERS[node.kind] as NodePrinter<Node>;
  const printed = printNodeOfKind(path, options, print);
  const leftovers = printLeftoverComments(node);
  return leftovers.length === 0 ? printed : [printed, leftovers];
}

/** `// prettier-ignore` or `/* prettier-ignore *\/` on the line(s) before a node keeps it as written. */
function hasPrettierIgnore(path: AstPath<Node>): boolean {
  const comments = (path.node as { comments?: AttachedComment[] }).comments ?? [];
  return comments.some((comment) => comment.leading && commentBody(comment) === "prettier-ignore");
}

function commentBody(comment: AttachedComment): string {
  return comment.kind === "LineComment" ? comment.text.slice(2).trim() : comment.text.slice(2, -2).trim();
}

/** An ignored node prints its source text, line by line, without re-indenting it. */
function printIgnored(path: AstPath<Node>, options: ParserOptions<Node>): Doc {
  const text = options.originalText.slice(locStart(path.node), locEnd(path.node));
  return join(literalline, text.split("\n"));
}

export const printer: Printer<Node> = {
  print: printNode,
  hasPrettierIgnore,
  printPrettierIgnored: printIgnored,
  // The `default`/`none` targets of `expect` are plain objects, not nodes:
  // they have no children.
  getVisitorKeys: (node) => (isSyntaxNode(node) ? [...childKeys(node)] : []),
  getCommentChildNodes: (node) => (isSyntaxNode(node) ? childNodes(node) : []),
  canAttachComment,
  isBlockComment: (node) => isSyntaxNode(node) && (node.kind === "LineComment" || node.kind === "BlockComment") && isBlockComment(node),
  printComment: (path) => {
    const node = path.node;
    return node.kind === "LineComment" || node.kind === "BlockComment" ? printCommentText(node) : "";
  },
  handleComments,
};
