/**
 * Generates the standalone context validator that the JS module embeds: the
 * source of one function declaration, `function validateContext(value) { …
 * return problems; }`, with no imports and no helpers outside it. (ajv's
 * standalone output needs helper imports for some keywords, so the project
 * generates its own from the same schema subset.)
 *
 * Invariants:
 * - The generated function returns exactly the problems, in the same order
 *   and with the same words, as the runtime's interpreter
 *   (`validateAgainstSchema` in @scn/runtime) for the same schema; both read
 *   the schema with `readContextSchema`, so they agree on the subset.
 * - Every string that comes from the schema (field names, enum members,
 *   messages) enters the source through `jsString` (JSON.stringify plus
 *   escapes for U+2028/U+2029), and every number through `jsNumber` (finite
 *   only), so no schema content can inject code.
 */
import {
  appendKey,
  enumMemberText,
  expectedTypesText,
  readContextSchema,
  unknownFieldText,
  type EnumMember,
  type SchemaNode,
  type SchemaTypeName,
} from "@scn/runtime";

/** A JavaScript string literal for `text`, safe anywhere in a script or module. */
export function jsString(text: string): string {
  return JSON.stringify(text)
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

function jsNumber(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`emitContextValidator: non-finite number ${String(value)}`);
  return value < 0 || Object.is(value, -0) ? `(${String(value)})` : String(value);
}

function jsMember(member: EnumMember): string {
  return typeof member === "string"
    ? jsString(member)
    : member === null
      ? "null"
      : typeof member === "number"
        ? jsNumber(member)
        : String(member);
}

/** The fixed helpers at the top of every generated validator. */
const PRELUDE = `  "use strict";
  const problems = [];
  const hasOwn = Object.prototype.hasOwnProperty;
  const identifier = /^[A-Za-z_][A-Za-z0-9_]*$/;
  function isRecord(v) { return typeof v === "object" && v !== null && !Array.isArray(v); }
  function key(path, name) {
    if (identifier.test(name)) return path === "" ? name : path + "." + name;
    return path + "[" + JSON.stringify(name) + "]";
  }
  function describe(v) {
    if (v === undefined) return "nothing";
    if (v === null) return "null";
    switch (typeof v) {
      case "string": return v.length > 40 ? JSON.stringify(v.slice(0, 40)) + "\\u2026" : JSON.stringify(v);
      case "number": case "boolean": return String(v);
      case "object": return Array.isArray(v) ? "a list" : "an object";
      default: return "a " + typeof v;
    }
  }
  function report(path, message) { problems.push({ path: path, message: message }); }
  /* Reads that throw (getters, Proxy traps, revoked Proxies) give undefined: the value counts as missing. */
  function readable(v) {
    if (typeof v !== "object" || v === null) return v;
    try { Array.isArray(v); return v; } catch (e) { return undefined; }
  }
  function field(v, name) {
    try { return hasOwn.call(v, name) ? readable(v[name]) : undefined; } catch (e) { return undefined; }
  }
  function element(v, i) {
    try { return readable(v[i]); } catch (e) { return undefined; }
  }
  function lengthOf(v) {
    try { const n = v.length; return typeof n === "number" ? n : 0; } catch (e) { return 0; }
  }
  function keysOf(v) {
    try { return Object.keys(v); } catch (e) { return []; }
  }
`;

const TYPE_TESTS: { readonly [type in SchemaTypeName]: string } = {
  null: "v === null",
  boolean: `typeof v === "boolean"`,
  object: "isRecord(v)",
  array: "Array.isArray(v)",
  number: `(typeof v === "number" && Number.isFinite(v))`,
  integer: "Number.isInteger(v)",
  string: `typeof v === "string"`,
};

/**
 * The source of `function validateContext(value)` for a context schema.
 * Throws when the schema is outside the supported subset: the compiler
 * produced it, so that is a compiler bug, not bad user input.
 */
export function emitContextValidator(schema: unknown): string {
  const read = readContextSchema(schema);
  if (read.problems.length > 0) {
    throw new Error(`emitContextValidator: the context schema is outside the supported subset:\n${read.problems.join("\n")}`);
  }
  const functions: string[] = [];
  const root = emitNode(read.value, true, functions);
  return `function validateContext(value) {\n${PRELUDE}${functions.join("")}  ${root}(readable(value), "");\n  return problems;\n}\n`;
}

/** Emits the checker function for `node` (and its children) and returns its name. */
function emitNode(node: SchemaNode, isRoot: boolean, functions: string[]): string {
  const name = `check${functions.length}`;
  const slot = functions.length;
  functions.push("");
  const body: string[] = [];
  if (node.never) {
    body.push(`report(p, ${jsString("no value is allowed here")});`);
  } else {
    emitScalarChecks(node, body);
    const numberChecks = emitBounds(node);
    const arrayChecks = node.items === null ? [] : emitItems(node.items, functions);
    const recordChecks = emitFields(node, isRoot, functions);
    const branches: [string, string[]][] = [
      [`typeof v === "number"`, numberChecks],
      ["Array.isArray(v)", arrayChecks],
      ["isRecord(v)", recordChecks],
    ];
    // Mirror the interpreter's single if / else-if chain: a value is a number, a list or a record, never two.
    const used = branches.filter(([, lines]) => lines.length > 0);
    used.forEach(([condition, lines], position) => {
      body.push(`${position === 0 ? "if" : "} else if"} (${condition}) {`, ...lines.map((line) => `  ${line}`));
    });
    if (used.length > 0) body.push("}");
  }
  functions[slot] = `  function ${name}(v, p) {\n${body.map((line) => `    ${line}\n`).join("")}  }\n`;
  return name;
}

function emitScalarChecks(node: SchemaNode, body: string[]): void {
  if (node.types !== null) {
    const test = node.types.map((type) => TYPE_TESTS[type]).join(" || ");
    body.push(`if (!(${test})) { report(p, ${jsString(`expected ${expectedTypesText(node.types)}, got `)} + describe(v)); return; }`);
  }
  if (node.const !== null) {
    body.push(
      `if (v !== ${jsMember(node.const[0])}) report(p, ${jsString(`expected ${enumMemberText(node.const[0])}, got `)} + describe(v));`,
    );
  }
  if (node.enum !== null) {
    const test = node.enum.length === 0 ? "true" : node.enum.map((member) => `v !== ${jsMember(member)}`).join(" && ");
    body.push(`if (${test}) report(p, ${jsString(`expected one of ${node.enum.map(enumMemberText).join(", ")}, got `)} + describe(v));`);
  }
}

function emitBounds(node: SchemaNode): string[] {
  const lines: string[] = [];
  const bound = (limit: number | null, operator: string, words: string) => {
    if (limit !== null)
      lines.push(`if (!(v ${operator} ${jsNumber(limit)})) report(p, ${jsString(`${words} ${limit}, got `)} + describe(v));`);
  };
  bound(node.minimum, ">=", "must be at least");
  bound(node.maximum, "<=", "must be at most");
  bound(node.exclusiveMinimum, ">", "must be greater than");
  bound(node.exclusiveMaximum, "<", "must be less than");
  return lines;
}

function emitItems(items: SchemaNode, functions: string[]): string[] {
  const check = emitNode(items, false, functions);
  return [`for (let i = 0, n = lengthOf(v); i < n; i++) ${check}(element(v, i), p + "[" + i + "]");`];
}

/** The path expression of field `name` inside the value at `p`. */
function fieldPath(name: string, isRoot: boolean): string {
  if (isRoot) return jsString(appendKey("", name));
  // appendKey on a non-empty path yields `.name` or `["name"]` after it.
  return `p + ${jsString(appendKey("_", name).slice(1))}`;
}

function emitFields(node: SchemaNode, isRoot: boolean, functions: string[]): string[] {
  const lines: string[] = [];
  const declared = new Set<string>();
  const missing = jsString("required field is missing");
  for (const [name, fieldSchema] of node.properties) {
    declared.add(name);
    const check = emitNode(fieldSchema, false, functions);
    const field = jsString(name);
    lines.push(`{ const x = field(v, ${field});`);
    lines.push(`  if (x !== undefined) ${check}(x, ${fieldPath(name, isRoot)});`);
    if (node.required.includes(name)) lines.push(`  else report(${fieldPath(name, isRoot)}, ${missing});`);
    lines.push("}");
  }
  for (const name of node.required) {
    if (declared.has(name)) continue;
    const field = jsString(name);
    lines.push(`if (field(v, ${field}) === undefined) report(${fieldPath(name, isRoot)}, ${missing});`);
  }
  const additional = node.additionalProperties;
  if (additional === null) return lines;
  const onExtra =
    additional === "forbidden"
      ? `report(key(p, k), ${jsString(unknownFieldText(node.properties.map(([declaredName]) => declaredName)))});`
      : `${emitNode(additional, false, functions)}(x, key(p, k));`;
  lines.push("const keys = keysOf(v);");
  lines.push("for (let i = 0; i < keys.length; i++) {");
  lines.push("  const k = keys[i];");
  if (declared.size > 0) lines.push(`  switch (k) { ${[...declared].map((name) => `case ${jsString(name)}:`).join(" ")} continue; }`);
  lines.push("  const x = field(v, k);");
  lines.push("  if (x === undefined) continue;");
  lines.push(`  ${onExtra}`);
  lines.push("}");
  return lines;
}
