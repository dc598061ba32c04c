/**
 * Reading a dot-joined column path (`customer.consent.personalization`) out
 * of a context.
 *
 * Invariant: only own properties of plain records are followed, so a path
 * can never reach `Object.prototype` (a field named `constructor` or
 * `__proto__` is just a field), arrays and non-objects along the way make the
 * value absent, and each property on the way is read exactly once.
 */

/** Splits a column path into the keys to follow, once, at load time. */
export function splitPath(path: string): readonly string[] {
  return Object.freeze(path.split("."));
}

/**
 * The value at `keys` inside `context`, or `undefined` when some step is
 * missing, not an own property, or not a record. `null` is returned as is.
 */
export function readPath(context: unknown, keys: readonly string[]): unknown {
  let value = context;
  for (let i = 0; i < keys.length; i++) {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
    const key = keys[i] as string;
    if (!Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}
