/**
 * How the checker names types and values inside messages, e.g. `int(0..23)`,
 * `enum { none, gold }`, `a list`. Keeping this in one place makes messages
 * consistent across every check.
 */
import type { Value } from "../ast.js";
import type { CheckedType } from "../checked.js";

/** A type as the author would write it (enum members listed, at most eight). */
export function describeType(type: CheckedType): string {
  switch (type.kind) {
    case "bool":
    case "string":
      return type.kind;
    case "int":
    case "number":
      return type.min !== undefined || type.max !== undefined
        ? `${type.kind}(${type.min ?? ""}..${type.max ?? ""})`
        : type.kind;
    case "enum": {
      if (type.name) return type.name;
      const shown = type.members.slice(0, 8).join(", ");
      return `enum { ${shown}${type.members.length > 8 ? ", …" : ""} }`;
    }
    case "list":
      return `list<${describeType(type.element)}>`;
    case "record":
      return "a record";
  }
}

/** What kind of value the author wrote, for "expected X, found Y" messages. */
export function describeValue(value: Value): string {
  switch (value.kind) {
    case "String":
      return `the string ${value.raw}`;
    case "Number":
      return value.isInteger ? `the integer \`${value.raw}\`` : `the decimal \`${value.raw}\``;
    case "Bool":
      return `\`${value.value}\``;
    case "Percent":
      return `the percentage \`${value.raw}\``;
    case "Date":
      return `the date \`${value.value}\``;
    case "Range":
      return "a range";
    case "List":
      return "a list";
    case "Record":
      return "a record";
    case "Path":
      return `\`${pathText(value)}\``;
  }
}

export function pathText(path: { readonly segments: readonly { readonly name: string }[] }): string {
  return path.segments.map((segment) => segment.name).join(".");
}

/** Lists enum members for a message: `none`, `silver`, `gold`. */
export function listMembers(members: readonly string[]): string {
  const shown = members.slice(0, 12).map((member) => `\`${member}\``).join(", ");
  return members.length > 12 ? `${shown}, …` : shown;
}
