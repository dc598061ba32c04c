/**
 * Short, bounded descriptions of arbitrary values for problem messages and
 * traces: `"fax"`, `42`, `null`, `a list`, `an object`.
 *
 * Invariant: never throws and never walks into a value (a hostile context may
 * be nested 100,000 levels deep or hold a million elements); strings are
 * quoted with `JSON.stringify` and cut to a fixed length.
 */

const MAX_STRING = 40;

/** Array.isArray, except that a revoked Proxy (on which it throws) is not a list. */
function isList(value: object): boolean {
  try {
    return Array.isArray(value);
  } catch {
    return false;
  }
}

export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  switch (typeof value) {
    case "string":
      return value.length > MAX_STRING ? `${JSON.stringify(value.slice(0, MAX_STRING))}…` : JSON.stringify(value);
    case "number":
    case "boolean":
      return String(value);
    case "object":
      return isList(value) ? "a list" : "an object";
    default:
      return `a ${typeof value}`;
  }
}
