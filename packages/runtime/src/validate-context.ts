/**
 * Strict validation of a context against the bundle's context schema: an
 * interpreter of the subset read by context-schema.ts. It lists every bad
 * path (wrong types, numbers out of range, non-integers for `int`, unknown
 * enum members, missing required fields, unknown fields) and never stops at
 * the first.
 *
 * Invariants:
 * - The problem list is exactly the one the compiler's generated validator
 *   (packages/compiler/src/emit/validator.ts) returns for the same schema and
 *   value, in the same order, and it is empty exactly when ajv accepts the
 *   value (both checked by property tests).
 * - The context is only read: own properties only (a field called
 *   `__proto__` or `constructor` is data), each property read at most once
 *   (twice only for a field listed in `required` but not in `properties`,
 *   which compiled schemas never have), and recursion follows the schema,
 *   whose depth is bounded, so a context nested 100,000 levels deep cannot
 *   exhaust the stack.
 * - It never throws: a read that throws (a throwing getter, a Proxy trap, a
 *   revoked Proxy) gives `undefined`, so the value counts as missing, the
 *   same rule `decide` follows (docs/runtime.md, "Hostile contexts").
 */
import type { EnumMember, SchemaNode, SchemaTypeName } from "./context-schema.js";
import { describeValue } from "./describe-value.js";
import { appendIndex, appendKey } from "./value-path.js";

export interface ContextProblem {
  /** Where, as `order.channel` or `customer.tags[2]`; "" for the context itself. */
  readonly path: string;
  readonly message: string;
}

export function validateAgainstSchema(schema: SchemaNode, value: unknown): ContextProblem[] {
  const problems: ContextProblem[] = [];
  visit(schema, readable(value), "", problems);
  return problems;
}

/** `value`, or undefined when it is a revoked Proxy (on which even Array.isArray throws). */
function readable(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  try {
    Array.isArray(value);
    return value;
  } catch {
    return undefined;
  }
}

/** The own property `name` of `record`, read once; undefined when it is missing or reading it throws. */
function ownField(record: object, name: string): unknown {
  try {
    return Object.hasOwn(record, name) ? readable((record as Record<string, unknown>)[name]) : undefined;
  } catch {
    return undefined;
  }
}

/** Element `index` of `list`; undefined when reading it throws. */
function element(list: readonly unknown[], index: number): unknown {
  try {
    return readable(list[index]);
  } catch {
    return undefined;
  }
}

/** The list's length, read once; 0 when reading it throws. */
function lengthOf(list: readonly unknown[]): number {
  try {
    const length = list.length;
    return typeof length === "number" ? length : 0;
  } catch {
    return 0;
  }
}

/** The record's own enumerable keys; none when listing them throws. */
function keysOf(record: object): string[] {
  try {
    return Object.keys(record);
  } catch {
    return [];
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function hasType(value: unknown, type: SchemaTypeName): boolean {
  switch (type) {
    case "null":
      return value === null;
    case "boolean":
      return typeof value === "boolean";
    case "object":
      return isRecord(value);
    case "array":
      return Array.isArray(value);
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "integer":
      return Number.isInteger(value);
    case "string":
      return typeof value === "string";
  }
}

const TYPE_WORDS: { readonly [type in SchemaTypeName]: string } = {
  null: "null",
  boolean: "true or false",
  object: "an object",
  array: "a list",
  number: "a number",
  integer: "an integer",
  string: "a string",
};

export function expectedTypesText(types: readonly SchemaTypeName[]): string {
  return types.map((type) => TYPE_WORDS[type]).join(" or ");
}

export function enumMemberText(member: EnumMember): string {
  return `\`${member === null ? "null" : String(member)}\``;
}

export function unknownFieldText(declared: readonly string[]): string {
  return declared.length === 0
    ? "unknown field; no fields are declared here"
    : `unknown field; expected one of ${declared.map((name) => `\`${name}\``).join(", ")}`;
}

function visit(schema: SchemaNode, value: unknown, path: string, problems: ContextProblem[]): void {
  if (schema.never) {
    problems.push({ path, message: "no value is allowed here" });
    return;
  }
  if (schema.types !== null && !schema.types.some((type) => hasType(value, type))) {
    problems.push({ path, message: `expected ${expectedTypesText(schema.types)}, got ${describeValue(value)}` });
    return;
  }
  if (schema.const !== null && value !== schema.const[0]) {
    problems.push({ path, message: `expected ${enumMemberText(schema.const[0])}, got ${describeValue(value)}` });
  }
  if (schema.enum !== null && !schema.enum.includes(value as EnumMember)) {
    problems.push({ path, message: `expected one of ${schema.enum.map(enumMemberText).join(", ")}, got ${describeValue(value)}` });
  }
  if (typeof value === "number") checkBounds(schema, value, path, problems);
  else if (Array.isArray(value)) checkItems(schema, value, path, problems);
  else if (isRecord(value)) checkFields(schema, value, path, problems);
}

function checkBounds(schema: SchemaNode, value: number, path: string, problems: ContextProblem[]): void {
  if (schema.minimum !== null && !(value >= schema.minimum)) {
    problems.push({ path, message: `must be at least ${schema.minimum}, got ${describeValue(value)}` });
  }
  if (schema.maximum !== null && !(value <= schema.maximum)) {
    problems.push({ path, message: `must be at most ${schema.maximum}, got ${describeValue(value)}` });
  }
  if (schema.exclusiveMinimum !== null && !(value > schema.exclusiveMinimum)) {
    problems.push({ path, message: `must be greater than ${schema.exclusiveMinimum}, got ${describeValue(value)}` });
  }
  if (schema.exclusiveMaximum !== null && !(value < schema.exclusiveMaximum)) {
    problems.push({ path, message: `must be less than ${schema.exclusiveMaximum}, got ${describeValue(value)}` });
  }
}

function checkItems(schema: SchemaNode, value: readonly unknown[], path: string, problems: ContextProblem[]): void {
  if (schema.items === null) return;
  const length = lengthOf(value);
  for (let index = 0; index < length; index++) {
    visit(schema.items, element(value, index), appendIndex(path, index), problems);
  }
}

function checkFields(schema: SchemaNode, value: Record<string, unknown>, path: string, problems: ContextProblem[]): void {
  const declared = new Set<string>();
  for (const [name, fieldSchema] of schema.properties) {
    declared.add(name);
    const field = ownField(value, name);
    if (field !== undefined) visit(fieldSchema, field, appendKey(path, name), problems);
    else if (schema.required.includes(name)) problems.push({ path: appendKey(path, name), message: "required field is missing" });
  }
  for (const name of schema.required) {
    if (!declared.has(name) && ownField(value, name) === undefined) {
      problems.push({ path: appendKey(path, name), message: "required field is missing" });
    }
  }
  const additional = schema.additionalProperties;
  if (additional === null) return;
  for (const name of keysOf(value)) {
    if (declared.has(name)) continue;
    const field = ownField(value, name);
    if (field === undefined) continue;
    if (additional === "forbidden") {
      problems.push({ path: appendKey(path, name), message: unknownFieldText(schema.properties.map(([declaredName]) => declaredName)) });
    } else {
      visit(additional, field, appendKey(path, name), problems);
    }
  }
}
