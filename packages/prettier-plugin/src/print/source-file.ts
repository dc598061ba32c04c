/**
 * Printers for the file and for comments as nodes. A file prints its
 * declarations one after another (blank lines kept, collapsed to one) and
 * ends with exactly one newline; a file holding only comments prints them.
 */
import { doc } from "prettier";
import { printCommentText, printDanglingComments } from "./comments.js";
import { printMemberLines } from "./blocks.js";
import type { PrinterTable } from "./node-printer.js";

const { hardline } = doc.builders;

export const sourceFilePrinters: PrinterTable<"SourceFile" | "LineComment" | "BlockComment"> = {
  SourceFile: (path, options, print) => {
    const declarations = printMemberLines(path, options, print, "declarations");
    const body = declarations.length > 0 ? declarations : printDanglingComments(path.node, options.originalText);
    return body.length === 0 ? "" : [...body, hardline];
  },
  // Comments are printed through `printComment`; these entries keep the table
  // complete for the comment kinds that the node union includes.
  LineComment: (path) => printCommentText(path.node),
  BlockComment: (path) => printCommentText(path.node),
};
