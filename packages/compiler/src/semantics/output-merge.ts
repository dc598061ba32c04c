/**
 * Layering of outputs: `default` ⊕ pathway ⊕ variation (docs/language.md#115-the-output).
 * Later layers win field by field and records are merged deeply; lists and
 * scalars are replaced whole.
 *
 * Invariant: inputs are never modified; the result shares no mutable objects
 * with them, so callers may hand it out freely.
 */
import type { JsonValue } from "@scn/runtime";

type JsonRecord = { [key: string]: JsonValue };
type ReadonlyJson = string | number | boolean | null | readonly ReadonlyJson[] | { readonly [key: string]: ReadonlyJson };

function isRecord(value: ReadonlyJson | undefined): value is { readonly [key: string]: ReadonlyJson } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function copy(value: ReadonlyJson): JsonValue {
  if (Array.isArray(value)) return value.map(copy);
  if (isRecord(value)) return mergeOutputs([value]);
  return value as string | number | boolean | null;
}

export function mergeOutputs(layers: readonly ({ readonly [key: string]: ReadonlyJson } | null)[]): JsonRecord {
  const result: JsonRecord = {};
  for (const layer of layers) {
    if (!layer) continue;
    for (const key of Object.keys(layer)) {
      const incoming = layer[key] as ReadonlyJson;
      const existing = Object.prototype.hasOwnProperty.call(result, key) ? result[key] : undefined;
      const value = isRecord(incoming) && isRecord(existing) ? mergeOutputs([existing, incoming]) : copy(incoming);
      // Assignment to `__proto__` would set the prototype; defineProperty keeps
      // it as ordinary data. Every other key is assigned, which is much faster
      // and gives the same own, enumerable, writable property.
      if (key === "__proto__") Object.defineProperty(result, key, { value, enumerable: true, writable: true, configurable: true });
      else result[key] = value;
    }
  }
  return result;
}
