/**
 * Where a block's body begins. Blocks (`context {…}`, `pathway p when c {…}`,
 * …) have a header and a body; the syntax tree records neither the `{` nor
 * the keywords of the header, so comment placement finds the brace in the
 * text. Typed over every node kind that owns a block, so a new kind of block
 * must say where its header ends.
 */
import type { Node } from "@scn/language/syntax";
import { locEnd, locStart } from "./locations.js";

export type BlockOwner = Extract<
  Node,
  {
    kind:
      | "ContextDeclaration"
      | "OutputBlock"
      | "DefaultBlock"
      | "MetricsBlock"
      | "DecisionDeclaration"
      | "MetricDeclaration"
      | "ScenarioDeclaration"
      | "TestDeclaration"
      | "Pathway"
      | "Variation"
      | "ExperimentDeclaration"
      | "ArmsBlock"
      | "Split"
      | "SplitArm";
  }
>;

/**
 * Where to start looking for a block's `{`: the end of the last node of its
 * header, or the start of the block for the headers that are one keyword.
 * Typed over every block owner, so a new kind of block must say where its
 * header ends.
 */
function headerEnd(node: BlockOwner): number {
  switch (node.kind) {
    case "ContextDeclaration":
    case "OutputBlock":
    case "DefaultBlock":
    case "MetricsBlock":
    case "ArmsBlock":
      return locStart(node);
    case "DecisionDeclaration":
    case "MetricDeclaration":
    case "ExperimentDeclaration":
      return locEnd(node.title ?? node.name);
    case "Split":
      return locEnd(node.experiment);
    case "SplitArm":
      return locEnd(node.name);
    case "ScenarioDeclaration":
      return locEnd(node.decision);
    case "TestDeclaration":
      return locEnd(node.title);
    case "Pathway":
    case "Variation":
      return locEnd(node.when ?? node.name);
  }
}

export function isBlockOwner(node: Node): node is BlockOwner {
  switch (node.kind) {
    case "ContextDeclaration":
    case "OutputBlock":
    case "DefaultBlock":
    case "MetricsBlock":
    case "DecisionDeclaration":
    case "MetricDeclaration":
    case "ScenarioDeclaration":
    case "TestDeclaration":
    case "Pathway":
    case "Variation":
    case "ExperimentDeclaration":
    case "ArmsBlock":
    case "Split":
    case "SplitArm":
      return true;
    default:
      return false;
  }
}

/**
 * The offset of the `{` that opens a block: the first brace after the header,
 * skipping blanks, comments and keywords (`otherwise`, `context`, …).
 */
export function openBraceOffset(node: BlockOwner, text: string): number | undefined {
  let index = headerEnd(node);
  const end = locEnd(node);
  while (index < end) {
    const char = text[index];
    if (char === "{") return index;
    if (char === "/" && text[index + 1] === "/") {
      const newline = text.indexOf("\n", index);
      index = newline === -1 ? end : newline;
    } else if (char === "/" && text[index + 1] === "*") {
      const close = text.indexOf("*/", index + 2);
      index = close === -1 ? end : close + 2;
    } else if (char !== undefined && /[\sA-Za-z0-9_]/.test(char)) {
      index += 1;
    } else {
      return undefined;
    }
  }
  return undefined;
}
