/**
 * Conditions and values in plain words, for readers who do not read `.scn`:
 * `order.days_since_delivery <= 30` reads "order days since delivery is at
 * most 30". The words follow the meaning of each unary test
 * (docs/language.md#102-operators); segments are already expanded by the
 * checker, so the report names them separately where a variation uses one.
 */
import type { CheckedCondition } from "@scn/language";
import type { Interval, JsonValue, Scalar, UnaryTest } from "@scn/runtime";

/** A context path as words: `order.days_since_delivery` → `order days since delivery`. */
export function pathWords(path: string): string {
  return path.replaceAll(".", " ").replaceAll("_", " ");
}

function scalarWords(value: Scalar): string {
  return typeof value === "string" ? value : typeof value === "boolean" ? (value ? "yes" : "no") : String(value);
}

function listWords(values: readonly Scalar[]): string {
  const words = values.map(scalarWords);
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} or ${words[words.length - 1]}`;
}

function intervalWords(interval: Interval): string {
  const [low, high, lowInclusive, highInclusive] = interval;
  if (low !== null && high !== null) {
    if (low === high && lowInclusive && highInclusive) return `is ${low}`;
    if (lowInclusive && highInclusive) return `is between ${low} and ${high}`;
    return `is ${lowInclusive ? "at least" : "above"} ${low} and ${highInclusive ? "at most" : "below"} ${high}`;
  }
  if (low !== null) return `is ${lowInclusive ? "at least" : "above"} ${low}`;
  if (high !== null) return `is ${highInclusive ? "at most" : "below"} ${high}`;
  return "is any number";
}

/** One unary test on a path, in words. */
export function testWords(path: string, test: UnaryTest): string {
  const subject = pathWords(path);
  if ("eq" in test) return `${subject} is ${scalarWords(test.eq)}`;
  if ("in" in test) return `${subject} is ${test.in.length === 1 ? "" : "one of "}${listWords(test.in)}`;
  if ("notIn" in test) return `${subject} is not ${listWords(test.notIn)}`;
  if ("range" in test) return test.range.map((interval) => `${subject} ${intervalWords(interval)}`).join(" or ");
  if ("bool" in test) return test.bool ? subject : `${subject} is no`;
  if ("contains" in test) return `${subject} include ${scalarWords(test.contains)}`;
  if ("notContains" in test) return `${subject} do not include ${scalarWords(test.notContains)}`;
  return test.present ? `${subject} is given` : `${subject} is not given`;
}

/** The test alone, without its subject, for a spreadsheet cell under the column's path. */
export function cellWords(test: UnaryTest): string {
  if ("bool" in test) return test.bool ? "is yes" : "is no";
  return testWords("", test).trimStart();
}

/** A condition in words; `and` binds tighter than `or`, so an `or` inside an `and` is bracketed. */
export function conditionWords(condition: CheckedCondition): string {
  switch (condition.kind) {
    case "true":
      return "always";
    case "false":
      return "never";
    case "test":
      return testWords(condition.path, condition.test);
    case "not":
      return `not (${conditionWords(condition.operand)})`;
    case "and":
      return condition.operands.map((c) => (c.kind === "or" ? `(${conditionWords(c)})` : conditionWords(c))).join(" and ");
    case "or":
      return condition.operands.map(conditionWords).join(" or ");
  }
}

/** An assigned value in words: records as `field: value` pairs, lists comma-separated. */
export function valueWords(value: JsonValue): string {
  if (value === null) return "nothing";
  if (Array.isArray(value)) return value.length === 0 ? "none" : value.map(valueWords).join(", ");
  if (typeof value === "object") {
    return Object.entries(value)
      .map(([key, inner]) => `${pathWords(key)}: ${valueWords(inner)}`)
      .join("; ");
  }
  return scalarWords(value as Scalar);
}
