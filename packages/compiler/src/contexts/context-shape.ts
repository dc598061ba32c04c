/**
 * The one model of a context that validity and witnesses are built from:
 * records with required and optional members, and leaves that know their
 * valid values and a plain value. It is read either from the checker's typed
 * fields (analysis) or from a bundle's context schema (the semantic diff), so
 * both ask the same questions of the same shape (valid-contexts.ts,
 * witness.ts).
 *
 * Invariant: a shape read from a program's checked fields and one read from
 * the context schema compiled from them (context-schema.ts) accept the same
 * contexts.
 */
import type { CheckedField, CheckedType } from "@scn/language";
import type { Interval, JsonValue, SchemaNode } from "@scn/runtime";
import { allValues, sortedScalars, type ColumnDomain, type Scalar, type ValueSet } from "../boxes/cell.js";
import { normalizeIntervals } from "../boxes/intervals.js";

export interface ShapeField {
  readonly name: string;
  readonly required: boolean;
  /** The members of a record with members; null for a leaf (an empty record is a leaf whose plain value is `{}`). */
  readonly fields: readonly ShapeField[] | null;
  /**
   * The values valid contexts hold in a column of `domain` reading this leaf.
   * For a list, only whether the tested literals `listLiterals` can be
   * elements matters.
   */
  readonly validValues: (domain: ColumnDomain, listLiterals: readonly Scalar[]) => ValueSet;
  /** A plain valid value, for a required field no column reads. */
  readonly plain: JsonValue;
}

export type ContextShape = readonly ShapeField[];

/** The fields from the root down to `path`, or null when the shape does not declare it. */
export function shapeChain(shape: ContextShape, path: string): ShapeField[] | null {
  const chain: ShapeField[] = [];
  let fields: readonly ShapeField[] | null = shape;
  for (const name of path.split(".")) {
    const field: ShapeField | undefined = fields?.find((f) => f.name === name);
    if (field === undefined) return null;
    chain.push(field);
    fields = field.fields;
  }
  return chain;
}

// From the checker's typed fields.

export function shapeOfFields(fields: readonly CheckedField[]): ContextShape {
  return fields.map((field) => ({
    name: field.name,
    required: !field.optional,
    fields: field.type.kind === "record" && field.type.fields.length > 0 ? shapeOfFields(field.type.fields) : null,
    validValues: (domain, listLiterals) => typedValues(field.type, domain, listLiterals),
    plain: plainOfType(field.type),
  }));
}

function declaredRange(type: CheckedType): { min?: number; max?: number } {
  return type.kind === "int" || type.kind === "number" ? type : {};
}

function typedValues(type: CheckedType, domain: ColumnDomain, listLiterals: readonly Scalar[]): ValueSet {
  if (domain.kind === "int" || domain.kind === "number") {
    const { min, max } = declaredRange(type);
    return { kind: "ranges", intervals: normalizeIntervals([[min ?? null, max ?? null, min !== undefined, max !== undefined]], domain.kind === "int") };
  }
  if (domain.kind === "list") {
    // Elements outside the element type's declared range cannot be in a valid list.
    const { min, max } = declaredRange(domain.element);
    const outside = (v: Scalar) => typeof v === "number" && ((min !== undefined && v < min) || (max !== undefined && v > max));
    return { kind: "lists", conj: { req: [], forb: listLiterals.filter(outside) } };
  }
  return allValues(domain);
}

function plainOfType(type: CheckedType): JsonValue {
  switch (type.kind) {
    case "bool":
      return false;
    case "int":
    case "number":
      return type.min !== undefined && type.min > 0 ? type.min : type.max !== undefined && type.max < 0 ? type.max : 0;
    case "string":
      return "";
    case "enum":
      return type.members[0] ?? "";
    case "list":
      return [];
    case "record":
      return {};
  }
}

// From a bundle's context schema (the subset context-schema.ts writes).

export function isRecordNode(node: SchemaNode): boolean {
  return node.types !== null && node.types.includes("object");
}

export function shapeOfSchema(root: SchemaNode): ContextShape {
  return root.properties.map(([name, node]) => ({
    name,
    required: root.required.includes(name),
    fields: isRecordNode(node) && node.properties.length > 0 ? shapeOfSchema(node) : null,
    validValues: (domain, listLiterals) => schemaValues(node, domain, listLiterals),
    plain: plainOfSchema(node),
  }));
}

function numericRange(node: SchemaNode, integers: boolean): Interval[] {
  const lo = node.minimum ?? node.exclusiveMinimum;
  const hi = node.maximum ?? node.exclusiveMaximum;
  return normalizeIntervals([[lo, hi, node.minimum !== null, node.maximum !== null]], integers);
}

function accepts(node: SchemaNode, value: Scalar): boolean {
  if (node.enum !== null && !node.enum.includes(value)) return false;
  if (typeof value !== "number") return true;
  const [lo, hi] = [node.minimum, node.maximum];
  if (lo !== null && value < lo) return false;
  if (hi !== null && value > hi) return false;
  if (node.exclusiveMinimum !== null && value <= node.exclusiveMinimum) return false;
  if (node.exclusiveMaximum !== null && value >= node.exclusiveMaximum) return false;
  return !(node.types ?? []).includes("integer") || (node.types ?? []).includes("number") || Number.isInteger(value);
}

function schemaValues(node: SchemaNode, domain: ColumnDomain, listLiterals: readonly Scalar[]): ValueSet {
  switch (domain.kind) {
    case "bool":
      return allValues(domain);
    case "enum":
    case "string": {
      if (node.enum === null) return allValues(domain);
      const members = node.enum.filter((m): m is string => typeof m === "string");
      return { kind: "finite", values: sortedScalars(domain.kind === "enum" ? members.filter((m) => domain.members.includes(m)) : members) };
    }
    case "int":
    case "number":
      return { kind: "ranges", intervals: numericRange(node, domain.kind === "int") };
    case "list": {
      // Lists holding an element the items schema rejects are invalid; only the tested literals matter.
      const items = node.items;
      const forb = items === null ? [] : listLiterals.filter((v) => !accepts(items, v));
      return { kind: "lists", conj: { req: [], forb: sortedScalars(forb) } };
    }
  }
}

/** A plain value that the schema accepts. */
export function plainOfSchema(node: SchemaNode): JsonValue {
  if (node.const !== null) return node.const[0];
  if (node.enum !== null) return node.enum.find((m) => m !== null) ?? null;
  const types = node.types ?? ["null"];
  if (types.includes("object")) {
    const record: { [key: string]: JsonValue } = {};
    for (const [name, child] of node.properties) {
      if (node.required.includes(name)) setOwn(record, name, plainOfSchema(child));
    }
    return record;
  }
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

/**
 * Sets an own data property, so that a field named `__proto__` stays a
 * field. Any other key is assigned: on a record made by `{}` that makes the
 * same property (enumerable, writable and configurable, in the same place
 * of the key order), since the only setter a plain object inherits is
 * `__proto__`'s, and assignment costs much less than `defineProperty` with
 * a descriptor object (every witness is built and reordered this way, a
 * property at a time).
 */
export function setOwn(record: { [key: string]: JsonValue }, key: string, value: JsonValue): void {
  if (key === "__proto__") Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  else record[key] = value;
}
