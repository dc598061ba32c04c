/**
 * Printers for `test` declarations: `given`, and the forms of `expect`
 * (rule ids with slashes, as answers print them), and for `fixture`
 * declarations, the named contexts a `given` extends.
 * The `given` and fixture records follow the record layout: inline when it
 * fits, one field per line otherwise.
 */
import type { PrinterTable } from "./node-printer.js";
import { printBlock } from "./blocks.js";
import { printContinuation } from "./commented-child.js";

type TestKind = "TestDeclaration" | "FixtureDeclaration" | "Given" | "RuleReference" | "ExpectRule" | "ExpectOutput" | "ExpectArm";

export const testPrinters: PrinterTable<TestKind> = {
  TestDeclaration: (path, options, print) => ["test ", print("title"), " ", printBlock(path, options, print, "members")],
  FixtureDeclaration: (path, _options, print) => [
    "fixture ",
    print("name"),
    path.node.base ? [" extends ", printContinuation(path, print, "base")] : "",
    " ",
    printContinuation(path, print, "value"),
  ],
  // `given FIXTURE { … }`, `given FIXTURE` or `given { … }`.
  Given: (path, _options, print) => [
    "given ",
    path.node.fixture ? printContinuation(path, print, "fixture") : "",
    path.node.fixture && path.node.value ? " " : "",
    path.node.value ? printContinuation(path, print, "value") : "",
  ],
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
