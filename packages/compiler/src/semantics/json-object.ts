/**
 * Whether a JSON value is an object (not null, not an array). JSON values
 * are readonly, and `Array.isArray` does not narrow a readonly array out of
 * a union, so this guard does it.
 */
import type { JsonValue } from "@scn/runtime";

export function isJsonObject(value: JsonValue | undefined): value is { readonly [key: string]: JsonValue } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
