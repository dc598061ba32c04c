/**
 * Printers for conditions (docs/language.md#10-conditions). A condition prints on one line
 * when it fits; otherwise an `and`/`or` chain breaks before each operator,
 * the continuation lines indented one level. Parentheses are kept as written
 * (the tree records them), so precedence never changes; a parenthesized
 * group that does not fit opens its own indented block.
 */
import { doc, type AstPath, type Doc } from "prettier";
import type { AndCondition, Node, OrCondition } from "@scn/language/syntax";
import type { PrintChild, PrinterTable } from "./node-printer.js";
import { printContinuation } from "./commented-child.js";

const { group, indent, line, softline } = doc.builders;

type ConditionKind = "Or" | "And" | "Not" | "Paren" | "BoolCondition" | "Reference" | "Compare" | "In" | "Contains" | "Present";

function printJunction(path: AstPath<AndCondition | OrCondition>, print: PrintChild, keyword: "and" | "or"): Doc {
  const operands = (path as AstPath).map(() => print(), "operands") as Doc[];
  const chain = operands.map((operand, index) => (index === 0 ? operand : [line, keyword, " ", operand]));
  // Inside parentheses the parentheses already indent the chain.
  return (path.parent as Node | null)?.kind === "Paren" ? group(chain) : group(indent(chain));
}

export const conditionPrinters: PrinterTable<ConditionKind> = {
  Or: (path, _options, print) => printJunction(path, print, "or"),
  And: (path, _options, print) => printJunction(path, print, "and"),
  Not: (path, _options, print) => ["not ", printContinuation(path, print, "operand")],
  Paren: (_path, _options, print) => group(["(", indent([softline, print("inner")]), softline, ")"]),
  BoolCondition: (path) => (path.node.value ? "true" : "false"),
  Reference: (_path, _options, print) => print("path"),
  Compare: (path, _options, print) => [print("subject"), " ", path.node.operator, " ", printContinuation(path, print, "value")],
  In: (path, _options, print) => [print("subject"), path.node.negated ? " not in " : " in ", printContinuation(path, print, "set")],
  Contains: (path, _options, print) => [print("subject"), path.node.negated ? " not contains " : " contains ", printContinuation(path, print, "value")],
  Present: (path, _options, print) => [print("subject"), path.node.negated ? " is not present" : " is present"],
};
