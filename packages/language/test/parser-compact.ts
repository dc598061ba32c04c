/**
 * Compact, span-free views of syntax trees for one-line parser tests:
 * conditions and values print as short S-expressions, and whole declarations
 * as plain objects where names are strings and spans are gone.
 */
import type { Condition, Node, Path, TypeExpression, Value } from "@scn/language";

function path(p: Path): string {
  return p.segments.map((s) => s.name).join(".");
}

export function printValue(value: Value): string {
  switch (value.kind) {
    case "String":
      return value.raw;
    case "Number":
    case "Percent":
      return value.raw;
    case "Bool":
      return String(value.value);
    case "Date":
      return value.value;
    case "Range":
      return `${printValue(value.low)}..${printValue(value.high)}`;
    case "List":
      return `[${value.items.map(printValue).join(" ")}]`;
    case "Record":
      return `{${value.entries.map((e) => `${e.field.name}: ${printValue(e.value)}`).join(", ")}}`;
    case "Path":
      return path(value);
  }
}

export function printCondition(condition: Condition): string {
  switch (condition.kind) {
    case "Or":
    case "And":
      return `(${condition.kind.toLowerCase()} ${condition.operands.map(printCondition).join(" ")})`;
    case "Not":
      return `(not ${printCondition(condition.operand)})`;
    case "Paren":
      return `(paren ${printCondition(condition.inner)})`;
    case "BoolCondition":
      return String(condition.value);
    case "Reference":
      return path(condition.path);
    case "Compare":
      return `(${condition.operator} ${path(condition.subject)} ${printValue(condition.value)})`;
    case "In":
      return `(${condition.negated ? "not-in" : "in"} ${path(condition.subject)} ${printValue(condition.set)})`;
    case "Contains":
      return `(${condition.negated ? "not-contains" : "contains"} ${path(condition.subject)} ${printValue(condition.value)})`;
    case "Present":
      return `(${condition.negated ? "absent" : "present"} ${path(condition.subject)})`;
  }
}

export function printType(type: TypeExpression): string {
  switch (type.kind) {
    case "TypeReference":
      return type.range ? `${type.name.name}(${printValue(type.range)})` : type.name.name;
    case "EnumType":
      return `enum{${type.members.map((m) => m.name).join(" ")}}`;
    case "ListType":
      return `list<${printType(type.element)}>`;
    case "RecordType":
      return `{${type.fields.map((f) => `${f.name.name}: ${printType(f.type)}${f.personal ? " personal" : ""}`).join(", ")}}`;
    case "OptionalType":
      return `${printType(type.inner)}?`;
  }
}

/** Drops spans; names become strings; marker spans (`personal`, `otherwise`) become `true`. */
export function compact(node: Node | readonly Node[] | unknown): unknown {
  if (Array.isArray(node)) return node.map(compact);
  if (node === null || typeof node !== "object") return node;
  const record = node as Record<string, unknown>;
  if (record["kind"] === "Identifier") return record["name"];
  if (record["kind"] === "Path") return path(record as unknown as Path);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (key === "span" || key === "operatorSpan") continue;
    if (key === "personal" || key === "otherwise") {
      out[key] = true;
      continue;
    }
    out[key] = compact(value);
  }
  return out;
}
