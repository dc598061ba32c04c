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

export interface FieldStep {
  readonly name: string;
  readonly node: SchemaNode;
  readonly required: boolean;
}

export function contextRoot(schema: { [key: string]: JsonValue }): SchemaNode | null {
  const read = readContextSchema(schema);
  return read.problems.length === 0 ? read.value : null;
}

export function isRecordNode(node: SchemaNode): boolean {
  return node.types !== null && node.types.includes("object");
}

/** The fields from the root down to `path`, or null when the schema does not declare it. */
export function fieldChain(root: SchemaNode, path: string): FieldStep[] | null {
  const chain: FieldStep[] = [];
  let node = root;
  for (const name of path.split(".")) {
    if (!isRecordNode(node)) return null;
    const entry = node.properties.find(([key]) => key === name);
    if (entry === undefined) return null;
    chain.push({ name, node: entry[1], required: node.required.includes(name) });
    node = entry[1];
  }
  return chain;
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

/** A plain value that the schema accepts, for required fields no rule reads. */
export function plainValue(node: SchemaNode): JsonValue {
  if (node.const !== null) return node.const[0];
  if (node.enum !== null) return node.enum.find((m) => m !== null) ?? null;
  const types = node.types ?? ["null"];
  if (types.includes("object")) return plainRecord(node);
  if (types.includes("boolean")) return false;
  if (types.includes("integer") || types.includes("number")) {
    const integer = !types.includes("number");
    const lo = node.minimum ?? (node.exclusiveMinimum === null ? null : integer ? Math.floor(node.exclusiveMinimum) + 1 : node.exclusiveMinimum + 1);
    const hi = node.maximum ?? (node.exclusiveMaximum === null ? null : integer ? Math.ceil(node.exclusiveMaximum) - 1 : node.exclusiveMaximum - 1);
    if (lo !== null && lo > 0) return integer ? Math.ceil(lo) : lo;
    if (hi !== null && hi < 0) return integer ? Math.floor(hi) : hi;
    return 0;
  }
  if (types.includes("string")) return "";
  if (types.includes("array")) return [];
  return null;
}

/** A record holding a plain value for each required field. */
export function plainRecord(node: SchemaNode): { [key: string]: JsonValue } {
  const record: { [key: string]: JsonValue } = {};
  for (const [name, child] of node.properties) {
    if (node.required.includes(name)) setOwn(record, name, plainValue(child));
  }
  return record;
}

/** Sets an own data property, so that a field named `__proto__` stays a field. */
export function setOwn(record: { [key: string]: JsonValue }, key: string, value: JsonValue): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}
