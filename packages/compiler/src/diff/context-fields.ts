/**
 * A bundle's context schema (JSON Schema, read by the runtime into a
 * SchemaNode tree) seen as the language's fields: records with required and
 * optional members, and leaves. The diff needs it to keep witnesses valid
 * against the new schema, to fill in fields no rule reads, and to list
 * context fields that were added, removed or retyped.
 *
 * Invariant: only what the compiler's context schemas say is interpreted
 * (contexts/context-schema.ts): `type` with an optional `null`, `enum`, `minimum` and
 * `maximum` (and their exclusive forms), `properties`, `required`, `items`.
 */
import { readContextSchema, type JsonValue, type SchemaNode } from "@scn/runtime";
import { isRecordNode } from "../contexts/context-shape.js";

export interface FieldStep {
  readonly name: string;
  readonly node: SchemaNode;
  readonly required: boolean;
}

export function contextRoot(schema: { [key: string]: JsonValue }): SchemaNode | null {
  const read = readContextSchema(schema);
  return read.problems.length === 0 ? read.value : null;
}

/** Every leaf field as [path, its chain], in schema order. */
export function leafFields(root: SchemaNode): [string, FieldStep[]][] {
  const found: [string, FieldStep[]][] = [];
  const walk = (node: SchemaNode, prefix: string, chain: FieldStep[]) => {
    for (const [name, child] of node.properties) {
      const step = { name, node: child, required: node.required.includes(name) };
      const path = prefix + name;
      if (isRecordNode(child) && child.properties.length > 0) walk(child, `${path}.`, [...chain, step]);
      else found.push([path, [...chain, step]]);
    }
  };
  walk(root, "", []);
  return found;
}

function scalarName(node: SchemaNode): string {
  const types = (node.types ?? []).filter((t) => t !== "null");
  if (node.enum !== null) return `enum { ${node.enum.filter((m) => m !== null).join(", ")} }`;
  const name = types[0];
  const range = (kind: string) => {
    const lo = node.minimum ?? node.exclusiveMinimum;
    const hi = node.maximum ?? node.exclusiveMaximum;
    return lo === null && hi === null ? kind : `${kind}(${lo ?? ""}..${hi ?? ""})`;
  };
  switch (name) {
    case "boolean":
      return "bool";
    case "integer":
      return range("int");
    case "number":
      return range("number");
    case "string":
      return "string";
    case "array":
      return `list<${node.items === null ? "any" : scalarName(node.items)}>`;
    case "object":
      return "record";
    default:
      return types.join(" | ") || "any";
  }
}

/** A leaf field's type in `.scn` syntax, `?` marking a field that may be absent. */
export function fieldTypeText(chain: readonly FieldStep[]): string {
  const leaf = chain[chain.length - 1]!;
  return scalarName(leaf.node) + (leaf.required ? "" : "?");
}
