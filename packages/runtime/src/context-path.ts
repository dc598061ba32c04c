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
  for (let i = 0; i < keys.length && value !== undefined; i++) value = readStep(value, keys[i] as string);
  return value;
}

const hasOwnProperty = Object.prototype.hasOwnProperty;

/** One step of `readPath`: the own property `key` of a record, else undefined. */
export function readStep(value: unknown, key: string): unknown {
  return typeof value === "object" && value !== null && !Array.isArray(value) && hasOwnProperty.call(value, key)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

/**
 * A reader for one path, built once at load time: `readPath` with the loop
 * unrolled for the common short paths (most columns are one to three keys
 * deep), which is measurably faster on the hot path of `decide`.
 */
export function pathReader(keys: readonly string[]): (context: unknown) => unknown {
  const [a = "", b = "", c = ""] = keys;
  switch (keys.length) {
    case 1:
      return (context) => readStep(context, a);
    case 2:
      return (context) => readStep(readStep(context, a), b);
    case 3:
      return (context) => readStep(readStep(readStep(context, a), b), c);
    default:
      return (context) => readPath(context, keys);
  }
}
