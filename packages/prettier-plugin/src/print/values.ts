/**
 * Printers for names, literals and values. Literals print their source text
 * (`raw`) so that escapes in strings, the form of numbers and the sign of
 * percentages stay exactly as written.
 */
import { doc } from "prettier";
import type { PrinterTable } from "./node-printer.js";
import { printSequence } from "./sequences.js";
import { printContinuation } from "./commented-child.js";

const { join } = doc.builders;

type ValueKind = "Identifier" | "Path" | "String" | "Number" | "Bool" | "Percent" | "Date" | "Range" | "List" | "Record" | "Assignment";

export const valuePrinters: PrinterTable<ValueKind> = {
  Identifier: (path) => path.node.name,
  Path: (path, _options, print) => join(".", path.map(() => print(), "segments")),
  String: (path) => path.node.raw,
  Number: (path) => path.node.raw,
  Bool: (path) => (path.node.value ? "true" : "false"),
  Percent: (path) => path.node.raw,
  Date: (path) => path.node.value,
  Range: (_path, _options, print) => [print("low"), "..", print("high")],
  List: (path, options, print) =>
    printSequence(path, options, print, "items", { open: "[", close: "]", commas: true, padded: false }),
  Record: (path, options, print) =>
    printSequence(path, options, print, "entries", { open: "{", close: "}", commas: false, padded: true }),
  Assignment: (path, _options, print) => [print("field"), ": ", printContinuation(path, print, "value")],
};
