/**
 * Checks of the unary tests in a bundle (in rows and in `test` index nodes):
 * exactly one test kind, a kind that suits the column's type, literals of
 * the column's type, well-formed intervals.
 *
 * Invariant: a test that passes these checks is one `compileTest`
 * (unary-test.ts) can compile without further checks.
 */
import type { ColumnType } from "./bundle.js";
import { expectArray, expectBoolean, expectRecord, mismatch, type Problems } from "./bundle-problems.js";
import { appendIndex, appendKey } from "./value-path.js";

const TEST_KEYS: ReadonlySet<string> = new Set(["eq", "in", "notIn", "range", "bool", "contains", "notContains", "present"]);

/** What the rest of a decision needs to know about a column that checked out. */
export interface ColumnShape {
  readonly type: ColumnType;
  /** The type of the test literals: the column type, or the element type of a list. */
  readonly scalar: Exclude<ColumnType, "list">;
}

/** Whether `value` is a literal a test on a column with literal type `scalar` may hold. */
function isLiteralOf(scalar: Exclude<ColumnType, "list">, value: unknown): boolean {
  switch (scalar) {
    case "bool":
      return typeof value === "boolean";
    case "int":
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "string":
    case "enum":
      return typeof value === "string";
  }
}

const LITERAL_WORDS: { readonly [type in Exclude<ColumnType, "list">]: string } = {
  bool: "true or false",
  int: "a number",
  number: "a number",
  string: "a string",
  enum: "a string",
};

/** Which column types each test applies to. */
function testSuits(key: string, column: ColumnShape): boolean {
  switch (key) {
    case "present":
      return true;
    case "eq":
    case "in":
    case "notIn":
      return column.type !== "list";
    case "range":
      return column.type === "int" || column.type === "number";
    case "bool":
      return column.type === "bool";
    default:
      return column.type === "list";
  }
}

/** A unary test on `column` (null when the column itself was malformed). */
export function checkTest(test: unknown, path: string, column: ColumnShape | null, p: Problems): void {
  if (!expectRecord(test, path, p)) return;
  const keys = Object.keys(test);
  const key = keys[0];
  if (keys.length !== 1 || key === undefined || !TEST_KEYS.has(key)) {
    p.add(
      path,
      `a test has exactly one of ${[...TEST_KEYS].map((name) => `\`${name}\``).join(", ")}, got ${keys.length === 0 ? "none" : keys.map((name) => `\`${name}\``).join(", ")}`,
    );
    return;
  }
  const at = appendKey(path, key);
  const value = test[key];
  if (column === null) return;
  if (!testSuits(key, column)) {
    p.add(at, `\`${key}\` does not apply to \`${column.type}\` columns`);
    return;
  }
  const literal = (candidate: unknown, where: string) => {
    if (!isLiteralOf(column.scalar, candidate)) mismatch(candidate, where, LITERAL_WORDS[column.scalar], p);
  };
  switch (key) {
    case "present":
    case "bool":
      expectBoolean(value, at, p);
      break;
    case "in":
    case "notIn":
      if (expectArray(value, at, p)) value.forEach((item, index) => literal(item, appendIndex(at, index)));
      break;
    case "range":
      if (expectArray(value, at, p)) value.forEach((interval, index) => checkInterval(interval, appendIndex(at, index), p));
      break;
    default:
      literal(value, at);
  }
}

function checkInterval(interval: unknown, path: string, p: Problems): void {
  const ok =
    Array.isArray(interval) &&
    interval.length === 4 &&
    interval.slice(0, 2).every((bound) => bound === null || (typeof bound === "number" && Number.isFinite(bound))) &&
    interval.slice(2).every((flag) => typeof flag === "boolean");
  if (!ok) mismatch(interval, path, "[low, high, lowInclusive, highInclusive] with numbers or null bounds", p);
}
