/**
 * Printers for `test` declarations: `given`, and the forms of `expect`
 * (rule ids with slashes, as answers print them).
 * The `given` record follows the record layout: inline when it fits, one
 * field per line otherwise.
 */
import type { PrinterTable } from "./node-printer.js";
import { printBlock } from "./blocks.js";
import { printContinuation } from "./commented-child.js";

type TestKind = "TestDeclaration" | "Given" | "RuleReference" | "ExpectRule" | "ExpectOutput" | "ExpectArm";

export const testPrinters: PrinterTable<TestKind> = {
  TestDeclaration: (path, options, print) => ["test ", print("title"), " ", printBlock(path, options, print, "members")],
  Given: (path, _options, print) => ["given ", printContinuation(path, print, "value")],
  // The rule id as answers print it; a dotted id in the source is rewritten.
  RuleReference: (path, _options, print) => [
    print("scenario"),
    "/",
    print("pathway"),
    path.node.variation ? ["/", print("variation")] : "",
  ],
  ExpectRule: (path, _options, print) => {
    const { target } = path.node;
    const printed = target.kind === "RuleReference" ? print("target") : target.kind === "ExpectDefault" ? "default" : "none";
    return ["expect ", print("decision"), " = ", printed];
  },
  ExpectArm: (_path, _options, print) => ["expect ", print("decision"), " arm ", print("arm")],
  ExpectOutput: (path, _options, print) => ["expect ", print("decision"), " ", printContinuation(path, print, "output")],
};
