/**
 * The JSON Schema (2020-12) subset that describes a context, read into a
 * small typed tree that both the runtime's validator (validate-context.ts)
 * and the compiler's generated validator (emit-validator.ts) walk.
 *
 * The subset: `type` (a name or a list of names), `enum` and `const` of
 * scalars or `null`, `minimum` / `maximum` / `exclusiveMinimum` /
 * `exclusiveMaximum`, `properties`, `required`, `additionalProperties`
 * (boolean or schema), `items` (schema), boolean schemas, and annotation
 * keywords that do not affect validity (`title`, `description`, …).
 *
 * Invariant: a schema that uses anything outside the subset is reported,
 * never silently half-understood, so a validator built from the tree accepts
 * exactly what ajv accepts for the same schema (checked by property tests).
 * Nesting is limited to MAX_SCHEMA_DEPTH so that walking the tree
 * recursively can never exhaust the stack.
 */
import type { Scalar } from "./bundle.js";
import { appendKey } from "./value-path.js";

export type SchemaTypeName = "null" | "boolean" | "object" | "array" | "number" | "integer" | "string";

const TYPE_NAMES: ReadonlySet<string> = new Set<SchemaTypeName>(["null", "boolean", "object", "array", "number", "integer", "string"]);

/** Keywords that only annotate a schema; validation ignores them. */
const ANNOTATIONS: ReadonlySet<string> = new Set([
  "$schema",
  "$id",
  "$comment",
  "title",
  "description",
  "default",
  "examples",
  "deprecated",
  "readOnly",
  "writeOnly",
]);

export const MAX_SCHEMA_DEPTH = 100;

export type EnumMember = Scalar | null;

export interface SchemaNode {
  /** `false` schema: no value is valid here. */
  readonly never: boolean;
  /** Accepted types, or null when any type is accepted. */
  readonly types: readonly SchemaTypeName[] | null;
  /** `const`, as a one-element list, or null. */
  readonly const: readonly [EnumMember] | null;
  readonly enum: readonly EnumMember[] | null;
  readonly minimum: number | null;
  readonly maximum: number | null;
  readonly exclusiveMinimum: number | null;
  readonly exclusiveMaximum: number | null;
  /** Sorted by name (UTF-16 code units). */
  readonly properties: readonly (readonly [string, SchemaNode])[];
  /** Deduplicated, sorted. */
  readonly required: readonly string[];
  /** `forbidden` for `additionalProperties: false`; null when anything goes. */
  readonly additionalProperties: SchemaNode | "forbidden" | null;
  readonly items: SchemaNode | null;
}

const ANY: SchemaNode = Object.freeze({
  never: false,
  types: null,
  const: null,
  enum: null,
  minimum: null,
  maximum: null,
  exclusiveMinimum: null,
  exclusiveMaximum: null,
  properties: Object.freeze([]),
  required: Object.freeze([]),
  additionalProperties: null,
  items: null,
});
const NEVER: SchemaNode = Object.freeze({ ...ANY, never: true });

export interface SchemaReadResult {
  /** Meaningful only when `problems` is empty. */
  readonly value: SchemaNode;
  /** `path: message` lines, paths starting at the given base path. */
  readonly problems: readonly string[];
}

/** Reads `schema` (at `basePath` in its document) into a SchemaNode tree. */
export function readContextSchema(schema: unknown, basePath = ""): SchemaReadResult {
  const problems: string[] = [];
  const value = readNode(schema, basePath, 0, problems);
  return { value, problems };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isEnumMember(value: unknown): value is EnumMember {
  return value === null || typeof value === "string" || typeof value === "boolean" || (typeof value === "number" && Number.isFinite(value));
}

function label(path: string): string {
  return path === "" ? "(schema root)" : path;
}

function readNode(schema: unknown, path: string, depth: number, problems: string[]): SchemaNode {
  if (schema === true) return ANY;
  if (schema === false) return NEVER;
  if (!isRecord(schema)) {
    problems.push(`${label(path)}: a schema must be an object or a boolean`);
    return ANY;
  }
  if (depth >= MAX_SCHEMA_DEPTH) {
    problems.push(`${label(path)}: schemas nested deeper than ${MAX_SCHEMA_DEPTH} levels are not supported`);
    return ANY;
  }
  let types: SchemaTypeName[] | null = null;
  let constValue: [EnumMember] | null = null;
  let enumValues: EnumMember[] | null = null;
  const bounds = {
    minimum: null as number | null,
    maximum: null as number | null,
    exclusiveMinimum: null as number | null,
    exclusiveMaximum: null as number | null,
  };
  let properties: [string, SchemaNode][] = [];
  let required: string[] = [];
  let additionalProperties: SchemaNode | "forbidden" | null = null;
  let items: SchemaNode | null = null;

  for (const keyword of Object.keys(schema)) {
    const value = schema[keyword];
    const at = appendKey(path, keyword);
    switch (keyword) {
      case "type":
        types = readTypes(value, at, problems);
        break;
      case "const":
        if (isEnumMember(value)) constValue = [value];
        else problems.push(`${at}: only a string, number, boolean or null is supported as \`const\``);
        break;
      case "enum":
        if (Array.isArray(value) && value.length > 0 && value.every(isEnumMember)) enumValues = [...value];
        else problems.push(`${at}: \`enum\` must be a non-empty list of strings, numbers, booleans or null`);
        break;
      case "minimum":
      case "maximum":
      case "exclusiveMinimum":
      case "exclusiveMaximum":
        if (typeof value === "number" && Number.isFinite(value)) bounds[keyword] = value;
        else problems.push(`${at}: \`${keyword}\` must be a finite number`);
        break;
      case "properties":
        properties = readProperties(value, at, depth, problems);
        break;
      case "required":
        if (Array.isArray(value) && value.every((name) => typeof name === "string")) required = [...new Set(value as string[])].sort();
        else problems.push(`${at}: \`required\` must be a list of field names`);
        break;
      case "additionalProperties":
        additionalProperties = value === false ? "forbidden" : value === true ? null : readNode(value, at, depth + 1, problems);
        break;
      case "items":
        items = value === true ? null : readNode(value, at, depth + 1, problems);
        break;
      default:
        if (!ANNOTATIONS.has(keyword)) {
          problems.push(`${at}: the keyword \`${keyword}\` is not supported in a context schema`);
        }
    }
  }
  return {
    never: false,
    types,
    const: constValue,
    enum: enumValues,
    ...bounds,
    properties,
    required,
    additionalProperties,
    items,
  };
}

function readTypes(value: unknown, path: string, problems: string[]): SchemaTypeName[] | null {
  const names = typeof value === "string" ? [value] : value;
  if (!Array.isArray(names) || names.length === 0 || !names.every((name) => typeof name === "string" && TYPE_NAMES.has(name))) {
    problems.push(
      `${path}: \`type\` must be one of ${[...TYPE_NAMES].map((name) => `\`${name}\``).join(", ")}, or a non-empty list of them`,
    );
    return null;
  }
  return [...new Set(names as SchemaTypeName[])];
}

function readProperties(value: unknown, path: string, depth: number, problems: string[]): [string, SchemaNode][] {
  if (!isRecord(value)) {
    problems.push(`${path}: \`properties\` must be an object`);
    return [];
  }
  // Sorted, so that problems come in the same order and with the same words
  // ("expected one of …") whatever the key order of the schema object: a
  // bundle read from its canonical JSON and one built in memory agree.
  return Object.keys(value)
    .sort()
    .map((name) => [name, readNode(value[name], appendKey(path, name), depth + 1, problems)]);
}
