/**
 * Printers for type expressions and field declarations (`context`, `output`
 * and record types). Enum types print inline when they fit, else one member
 * per line (with commas when a member is a reserved word); a record type
 * follows its author: written with its first field on a new line, it stays
 * one field per line, so a schema laid out as a block stays a block.
 */
import { isReservedWord } from "@scn/language/syntax";
import { locStart } from "../locations.js";
import type { PrinterTable } from "./node-printer.js";
import { hasNewlineBetween, printSequence } from "./sequences.js";
import { printContinuation } from "./commented-child.js";

type TypeKind = "TypeReference" | "EnumType" | "ListType" | "RecordType" | "OptionalType" | "FieldDeclaration";

export const typePrinters: PrinterTable<TypeKind> = {
  TypeReference: (path, _options, print) => [print("name"), path.node.range ? ["(", print("range"), ")"] : ""],
  EnumType: (path, options, print) => {
    // The parser takes a reserved word at the start of a line as a member
    // only when a `,` or `}` follows it, so such an enum keeps its commas.
    const commas = path.node.members.some((member) => isReservedWord(member.name));
    return ["enum ", printSequence(path, options, print, "members", { open: "{", close: "}", commas, padded: true })];
  },
  ListType: (_path, _options, print) => ["list<", print("element"), ">"],
  RecordType: (path, options, print) => {
    const first = path.node.fields[0];
    const shouldBreak = first !== undefined && hasNewlineBetween(options, locStart(path.node), locStart(first));
    return printSequence(path, options, print, "fields", { open: "{", close: "}", commas: false, padded: true, shouldBreak });
  },
  OptionalType: (_path, _options, print) => [print("inner"), "?"],
  FieldDeclaration: (path, _options, print) => [print("name"), ": ", printContinuation(path, print, "type"), path.node.personal ? " personal" : ""],
};
