/**
 * Checks values against types: the right-hand side of comparisons, output
 * assignments, `given` contexts and expected outputs. A bare word is an enum
 * member of the expected type, else a const (both is an error); consts are
 * substituted; the result is JSON (enum members as strings, records as
 * objects).
 *
 * Invariant: every function returns `undefined` exactly when it reported a
 * diagnostic (or met an already-reported unknown type), so callers never need
 * to report a second, vaguer error about the same value.
 */
import type { Assignment, Path, RecordLiteral, Value } from "../ast.js";
import type { CheckedField, CheckedType, JsonObject, JsonValue } from "../checked.js";
import type { Span } from "../span.js";
import type { ConstTable, Scalar, ScalarKind } from "./consts.js";
import type { ContextIndex } from "./context.js";
import { describeType, describeValue, listMembers, pathText } from "./describe.js";
import type { Reporter } from "./report.js";
import { isUnknownType } from "./resolve-types.js";
import { didYouMean } from "./suggest.js";

/** Where a value is written; it decides which diagnostics fit. */
export type ValueSite = "comparison" | "assignment" | "given" | "expected";

export interface ValueEnvironment {
  readonly reporter: Reporter;
  readonly consts: ConstTable;
  readonly context: ContextIndex;
}

/**
 * Resolves a value that must be one scalar of `type` (the subject's type in a
 * comparison, or a list element). Range checks are the caller's business.
 */
export function resolveScalar(value: Value, type: CheckedType, site: ValueSite, env: ValueEnvironment): Scalar | undefined {
  if (isUnknownType(type)) return undefined;
  const { reporter } = env;
  switch (value.kind) {
    case "Percent":
      reporter.report("percent-outside-target", value.span, `a percentage like \`${value.raw}\` is only allowed in a metric target`, {
        help: type.kind === "number" ? `write a plain number, e.g. \`${value.value / 100}\`` : `write a value of type \`${describeType(type)}\``,
      });
      return undefined;
    case "Date":
      reporter.report("date-outside-expires", value.span, `a date like \`${value.value}\` is only allowed in \`expires\``, {
        help: "pass derived time values (e.g. `days_since_delivery`) in the context as numbers",
      });
      return undefined;
    case "Path":
      return resolveWord(value, type, site, env);
    case "String":
      if (type.kind === "string") return value.value;
      return wrongType(value, type, env, type.kind === "enum" ? "write the enum member without quotes" : undefined);
    case "Number":
      if (type.kind === "number" || (type.kind === "int" && value.isInteger)) return value.value;
      return wrongType(value, type, env);
    case "Bool":
      if (type.kind === "bool") return value.value;
      // Enum members may be any word, `true` and `false` included; where such an enum is expected the word names the member.
      if (type.kind === "enum" && type.members.includes(String(value.value))) return String(value.value);
      return wrongType(value, type, env);
    default:
      return wrongType(value, type, env);
  }
}

function wrongType(value: Value, type: CheckedType, env: ValueEnvironment, help?: string): undefined {
  env.reporter.report("wrong-value-type", value.span, `expected ${article(type)}, found ${describeValue(value)}`, help ? { help } : {});
  return undefined;
}

function article(type: CheckedType): string {
  const text = describeType(type);
  if (type.kind === "enum") return type.name ? `a \`${text}\` member` : `a member of \`${text}\``;
  if (type.kind === "record") return "a record";
  return `${/^[aeiou]/.test(text) ? "an" : "a"} \`${text}\``;
}

/** A bare word (or a dotted path, which is never a value) on the value side. */
function resolveWord(path: Path, type: CheckedType, site: ValueSite, env: ValueEnvironment): Scalar | undefined {
  const { reporter, consts, context } = env;
  const text = pathText(path);
  if (path.segments.length !== 1) {
    if (site === "comparison" && context.lookup(text)) return fieldToField(path, env);
    reporter.report("wrong-value-type", path.span, `expected ${article(type)}, found the path \`${text}\``, {
      help: "write a literal, a const or an enum member",
    });
    return undefined;
  }
  const isMember = type.kind === "enum" && type.members.includes(text);
  const declared = consts.isDeclared(text);
  if (isMember && declared) {
    const constant = consts.lookup(text);
    reporter.report("ambiguous-enum-member", path.span, `\`${text}\` is both a member of \`${describeType(type)}\` and a const`, {
      related: constant ? [{ span: constant.declaration.name.span, message: `the const \`${text}\` is declared here` }] : [],
      help: "rename the const so that the word means one thing",
    });
    return undefined;
  }
  if (isMember) return text;
  if (declared) {
    const constant = consts.lookup(text);
    if (!constant) return undefined;
    if (scalarFits(constant.kind, type)) return constant.value;
    reporter.report("wrong-value-type", path.span, `expected ${article(type)}, but the const \`${text}\` is ${kindPhrase(constant.kind)}`, {
      related: [{ span: constant.declaration.span, message: `\`${text}\` is declared here` }],
    });
    return undefined;
  }
  if (type.kind === "enum") {
    const suggestion = didYouMean(text, type.members);
    reporter.report("unknown-enum-member", path.span, `\`${text}\` is not a member of \`${describeType(type)}\``, {
      help: `${suggestion ? `${suggestion} ` : ""}use one of ${listMembers(type.members)}`,
    });
    return undefined;
  }
  if (site === "comparison" && context.lookup(text)) return fieldToField(path, env);
  const suggestion = consts.suggest(text);
  const help = suggestion ?? (type.kind === "string" ? `write a string in quotes: \`"${text}"\`` : undefined);
  reporter.report("unknown-const", path.span, `there is no const named \`${text}\``, help ? { help } : {});
  return undefined;
}

function fieldToField(path: Path, env: ValueEnvironment): undefined {
  env.reporter.report("field-to-field-comparison", path.span, `a condition compares a field with literals, not with another field like \`${pathText(path)}\``, {
    help: "derive the comparison upstream (e.g. pass a bool or a difference in the context) and test that; scn keeps every rule a box in input space (the tabular principle)",
  });
  return undefined;
}

function kindPhrase(kind: ScalarKind): string {
  return kind === "int" ? "an integer" : kind === "number" ? "a decimal number" : `a ${kind}`;
}

function scalarFits(kind: ScalarKind, type: CheckedType): boolean {
  if (type.kind === "number") return kind === "int" || kind === "number";
  return type.kind === kind;
}

/** Whether a numeric value lies inside the declared range of `type`. */
export function withinDeclaredRange(value: number, type: CheckedType): boolean {
  if (type.kind !== "int" && type.kind !== "number") return true;
  return (type.min === undefined || value >= type.min) && (type.max === undefined || value <= type.max);
}

/** How a record of assignments is checked: which code reports an unknown field. */
export interface RecordShape {
  readonly site: ValueSite;
  /** The dotted prefix of the record, for messages (`""` at the top). */
  readonly prefix: string;
}

/**
 * Checks a full value (assignments, `given`, expected outputs) against a type,
 * including nested records, lists and declared ranges.
 */
export function checkValue(value: Value, type: CheckedType, shape: RecordShape, env: ValueEnvironment): JsonValue | undefined {
  if (isUnknownType(type)) return undefined;
  if (type.kind === "record") {
    if (value.kind !== "Record") return wrongType(value, type, env);
    return checkRecord(value, type.fields, shape, env);
  }
  if (type.kind === "list") {
    if (value.kind !== "List") return wrongType(value, type, env);
    const items: JsonValue[] = [];
    let ok = true;
    for (const item of value.items) {
      const scalar = checkValue(item, type.element, shape, env);
      if (scalar === undefined) ok = false;
      else items.push(scalar);
    }
    return ok ? items : undefined;
  }
  const scalar = resolveScalar(value, type, shape.site, env);
  if (typeof scalar === "number" && !withinDeclaredRange(scalar, type)) {
    env.reporter.report("value-out-of-range", value.span, `\`${scalar}\` is outside the declared range \`${describeType(type)}\``);
    return undefined;
  }
  return scalar;
}

/** Checks `{ field: value … }` against record fields; unknown and repeated fields are reported. */
export function checkRecord(record: RecordLiteral, fields: readonly CheckedField[], shape: RecordShape, env: ValueEnvironment): JsonObject | undefined {
  const result = checkAssignments(record.entries, fields, shape, env);
  return result.ok ? result.value : undefined;
}

export interface AssignmentsResult {
  /** The assignments that checked, as JSON (always returned, for partial programs). */
  readonly value: JsonObject;
  readonly ok: boolean;
}

/** Field lookup maps, built once per field list (an output is shared by every pathway of its decision). */
const fieldMaps = new WeakMap<readonly CheckedField[], ReadonlyMap<string, CheckedField>>();
function fieldsByName(fields: readonly CheckedField[]): ReadonlyMap<string, CheckedField> {
  let map = fieldMaps.get(fields);
  if (!map) {
    map = new Map(fields.map((field) => [field.name, field]));
    fieldMaps.set(fields, map);
  }
  return map;
}

/** Checks a list of assignments (a pathway body, a `default`, a record literal). */
export function checkAssignments(assignments: readonly Assignment[], fields: readonly CheckedField[], shape: RecordShape, env: ValueEnvironment): AssignmentsResult {
  const byName = fieldsByName(fields);
  const seen = new Map<string, Span>();
  // Collected as entries and turned into an object at the end: field names
  // like `__proto__` then become plain own properties, never a prototype.
  const value: [string, JsonValue][] = [];
  let ok = true;
  for (const assignment of assignments) {
    const name = assignment.field.name;
    const path = shape.prefix === "" ? name : `${shape.prefix}.${name}`;
    const first = seen.get(name);
    if (first) {
      env.reporter.report("duplicate-member", assignment.field.span, `\`${path}\` is assigned twice in this block`, {
        related: [{ span: first, message: "first assigned here" }],
      });
      ok = false;
      continue;
    }
    seen.set(name, assignment.field.span);
    const field = byName.get(name);
    if (field && shape.site === "given" && isNullWord(assignment.value) && !namesSomething("null", field.type, env)) {
      // `field: null` in a test context: the field is absent (it removes what a fixture sets).
      value.push([name, null]);
      continue;
    }
    if (!field) {
      reportUnknownField(assignment, path, fields, shape, env);
      ok = false;
      continue;
    }
    const checked = checkValue(assignment.value, field.type, { site: shape.site, prefix: path }, env);
    // A failed value still counts as assigned (as `null`), so that the
    // completeness check does not add a second error about the same field.
    if (checked === undefined) ok = false;
    value.push([name, checked ?? null]);
  }
  return { value: Object.fromEntries(value), ok };
}

/**
 * `null`, which a test context may give any field to make it absent
 * (docs/language.md#99-fixture-named-test-contexts). Like every bare word it
 * is first an enum member of the field's type, then a const; only a `null`
 * that names neither means "absent".
 */
function namesSomething(word: string, type: CheckedType, env: ValueEnvironment): boolean {
  const element = type.kind === "list" ? type.element : type;
  return (element.kind === "enum" && element.members.includes(word)) || env.consts.isDeclared(word);
}


function isNullWord(value: Value): boolean {
  return value.kind === "Path" && value.segments.length === 1 && value.segments[0]?.name === "null";
}

function reportUnknownField(assignment: Assignment, path: string, fields: readonly CheckedField[], shape: RecordShape, env: ValueEnvironment): void {
  const help = didYouMean(assignment.field.name, fields.map((field) => field.name));
  const known = fields.length > 0 ? `use one of the fields here: ${listMembers(fields.map((field) => field.name))}` : undefined;
  const text = help ?? known;
  const extras = text ? { help: text } : {};
  if (shape.site === "given") {
    env.reporter.report("unknown-context-field", assignment.field.span, `the context has no field \`${path}\``, extras);
  } else {
    env.reporter.report("unknown-output-field", assignment.field.span, `the output has no field \`${path}\``, extras);
  }
}
