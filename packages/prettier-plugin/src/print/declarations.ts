/**
 * Printers for top-level declarations other than scenarios and tests, their
 * blocks (`output`, `default`) and `key value` properties. Every block prints
 * one member per line.
 */
import type { AstPath, Doc } from "prettier";
import type { Node, StringLiteral } from "@scn/language/syntax";
import { printBlock } from "./blocks.js";
import type { PrintChild, PrinterTable } from "./node-printer.js";
import { printContinuation } from "./commented-child.js";

type DeclarationKind =
  | "ContextDeclaration"
  | "TypeDeclaration"
  | "ConstDeclaration"
  | "SegmentDeclaration"
  | "DecisionDeclaration"
  | "MetricDeclaration"
  | "ConsentDeclaration"
  | "ExperimentDeclaration"
  | "ArmsBlock"
  | "ExperimentArm"
  | "OutputBlock"
  | "DefaultBlock"
  | "Property";

/** ` "Title"` after a declaration's name, when it has one. */
export function printTitle(path: AstPath<Node & { readonly title?: StringLiteral }>, print: PrintChild): Doc {
  return path.node.title ? [" ", print("title")] : "";
}

export const declarationPrinters: PrinterTable<DeclarationKind> = {
  ContextDeclaration: (path, options, print) => ["context ", printBlock(path, options, print, "fields")],
  TypeDeclaration: (path, _options, print) => ["type ", print("name"), " = ", printContinuation(path, print, "type")],
  ConstDeclaration: (path, _options, print) => ["const ", print("name"), " = ", printContinuation(path, print, "value")],
  SegmentDeclaration: (path, _options, print) => ["segment ", print("name"), printTitle(path, print), " = ", printContinuation(path, print, "condition")],
  DecisionDeclaration: (path, options, print) => [
    "decision ",
    print("name"),
    printTitle(path, print),
    " ",
    printBlock(path, options, print, "members"),
  ],
  MetricDeclaration: (path, options, print) => [
    "metric ",
    print("name"),
    printTitle(path, print),
    " ",
    printBlock(path, options, print, "properties"),
  ],
  ConsentDeclaration: (path, _options, print) => ["consent ", print("name"), " = ", printContinuation(path, print, "path")],
  ExperimentDeclaration: (path, options, print) => [
    "experiment ",
    print("name"),
    printTitle(path, print),
    " ",
    printBlock(path, options, print, "members"),
  ],
  ArmsBlock: (path, options, print) => ["arms ", printBlock(path, options, print, "arms")],
  ExperimentArm: (_path, _options, print) => [print("name"), " ", print("weight")],
  OutputBlock: (path, options, print) => ["output ", printBlock(path, options, print, "fields")],
  DefaultBlock: (path, options, print) => ["default ", printBlock(path, options, print, "assignments")],
  Property: (path, _options, print) => [print("key"), " ", printContinuation(path, print, "value")],
};
