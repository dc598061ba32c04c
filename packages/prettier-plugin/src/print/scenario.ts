/**
 * Printers for scenarios and what they hold: `situation`, `goal`, pathways,
 * variations and the `metrics` block. A pathway or variation header keeps its
 * `when` condition on the header line; a condition too long for it breaks
 * before `and`/`or` like any other condition, one level deeper.
 */
import { doc, type Doc } from "prettier";
import type { PrintChild, PrinterTable } from "./node-printer.js";
import { printBlock } from "./blocks.js";
import { printTitle } from "./declarations.js";
import { printContinuation } from "./commented-child.js";

const { indent } = doc.builders;

/**
 * ` when COND`. A broken guard is indented one level more than the block's
 * members, so the header's continuation lines cannot be mistaken for them.
 */
function printGuard(print: PrintChild): Doc {
  return [" when ", indent(print("when"))];
}

type ScenarioKind =
  | "ScenarioDeclaration"
  | "Situation"
  | "Goal"
  | "Pathway"
  | "Variation"
  | "Split"
  | "SplitArm"
  | "MetricsBlock"
  | "MetricUse"
  | "MetricWindow";

export const scenarioPrinters: PrinterTable<ScenarioKind> = {
  ScenarioDeclaration: (path, options, print) => [
    "scenario ",
    print("name"),
    printTitle(path, print),
    " for ",
    print("decision"),
    " ",
    printBlock(path, options, print, "members"),
  ],
  Situation: (path, _options, print) => ["situation ", printContinuation(path, print, "condition")],
  Goal: (path, _options, print) => ["goal ", printContinuation(path, print, "text")],
  Pathway: (path, options, print) => {
    const { when, otherwise } = path.node;
    const guard = when ? printGuard(print) : otherwise ? " otherwise" : "";
    return ["pathway ", print("name"), guard, " ", printBlock(path, options, print, "members")];
  },
  Variation: (path, options, print) => [
    "variation ",
    print("name"),
    path.node.when ? printGuard(print) : "",
    " ",
    printBlock(path, options, print, "assignments", "split"),
  ],
  Split: (path, options, print) => ["split ", print("experiment"), " ", printBlock(path, options, print, "arms")],
  SplitArm: (path, options, print) => [print("name"), " ", printBlock(path, options, print, "assignments")],
  MetricsBlock: (path, options, print) => ["metrics ", printBlock(path, options, print, "uses")],
  MetricUse: (path, _options, print) => [
    path.node.role,
    " ",
    print("metric"),
    path.node.target ? [" target ", print("target")] : "",
    path.node.within ? [" ", print("within")] : "",
  ],
  MetricWindow: (path, _options, print) => ["within ", print("amount"), " ", path.node.unit],
};
