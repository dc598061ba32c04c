/**
 * Printable paths into JSON values, for problem reports: `order.channel`,
 * `customer.tags[3]`, `decisions["store returns"].rows[0]`. The root is the
 * empty string.
 *
 * Invariant: a key that is not a plain identifier is printed with
 * `JSON.stringify` inside brackets, so a hostile key (dots, quotes, newlines,
 * `__proto__`) can never make one path look like another.
 */

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The path of property `key` inside the value at `path`. */
export function appendKey(path: string, key: string): string {
  if (IDENTIFIER.test(key)) return path === "" ? key : `${path}.${key}`;
  return `${path}[${JSON.stringify(key)}]`;
}

/** The path of element `index` inside the array at `path`. */
export function appendIndex(path: string, index: number): string {
  return `${path}[${index}]`;
}
