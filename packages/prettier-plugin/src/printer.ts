/**
 * The `scn-ast` printer: one table of node printers joined from the files
 * under print/ (one per family of nodes), plus prettier's comment hooks.
 *
 * Invariant: `PRINTERS` is typed over every node kind, so a node kind added to
 * the syntax tree fails the TypeScript build until it is printed.
 */
import type { AstPath, Doc, ParserOptions, Printer } from "prettier";
import type { Node } from "@scn/language";
import { childKeys, childNodes, isSyntaxNode } from "./child-nodes.js";
import { canAttachComment, handleComments, isBlockComment, printCommentText, printLeftoverComments } from "./comments.js";
import { conditionPrinters } from "./print/conditions.js";
import { declarationPrinters } from "./print/declarations.js";
import type { NodePrinter, PrintChild, PrinterTable } from "./print/node-printer.js";
import { scenarioPrinters } from "./print/scenario.js";
import { sourceFilePrinters } from "./print/source-file.js";
import { testPrinters } from "./print/test-blocks.js";
import { typePrinters } from "./print/types.js";
import { valuePrinters } from "./print/values.js";

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

export const printer: Printer<Node> = {
  print: printNode,
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
