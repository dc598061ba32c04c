/**
 * Output completeness: the answer of each pathway is `default ⊕ pathway` and
 * of each variation `default ⊕ pathway ⊕ variation` (later wins, field by
 * field, records merged deeply), and every required output field must be set
 * in each of them.
 *
 * Invariant: merging follows docs/language.md#115-the-output exactly, so "complete" here
 * means the runtime can never produce an answer with a required field
 * missing.
 */
import type { CheckedField, JsonObject, JsonValue } from "../checked.js";

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `base ⊕ layer`: later wins field by field; records merge deeply. */
export function mergeOutputs(base: JsonObject, layer: JsonObject): JsonObject {
  const merged: Record<string, JsonValue> = { ...base };
  for (const [key, value] of Object.entries(layer)) {
    const previous = merged[key];
    merged[key] = isObject(previous) && isObject(value) ? mergeOutputs(previous, value) : value;
  }
  return merged;
}

/** The dotted paths of required fields missing from `value`, in declaration order. */
export function missingFields(value: JsonObject, fields: readonly CheckedField[], prefix = ""): string[] {
  const missing: string[] = [];
  for (const field of fields) {
    const path = prefix === "" ? field.name : `${prefix}.${field.name}`;
    const present = Object.hasOwn(value, field.name) ? value[field.name] : undefined;
    if (present === undefined) {
      if (!field.optional) missing.push(path);
      continue;
    }
    if (field.type.kind === "record" && isObject(present)) missing.push(...missingFields(present, field.type.fields, path));
  }
  return missing;
}
