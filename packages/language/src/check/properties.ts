/**
 * `key value` metadata on scenarios, metrics and decisions: which keys each
 * declaration accepts, what kind of value each takes, and the parsed values.
 *
 * Invariant: a key appears in the result only when its value is valid; an
 * unknown key (with a did-you-mean), a repeated key or a wrong value is
 * reported once and then ignored, so defaults apply downstream.
 */
import type { Property, Value } from "../ast.js";
import type { ConstTable } from "./consts.js";
import { describeValue, listMembers } from "./describe.js";
import type { Reporter } from "./report.js";
import { didYouMean } from "./suggest.js";

export type PropertyKind =
  | { readonly kind: "string" }
  | { readonly kind: "integer" }
  | { readonly kind: "date" }
  | { readonly kind: "string-list" }
  | { readonly kind: "word"; readonly words: readonly string[] };

export type PropertyValue = string | number | readonly string[];

const STRING: PropertyKind = { kind: "string" };
const LEVEL: PropertyKind = { kind: "word", words: ["low", "medium", "high"] };

export const SCENARIO_PROPERTIES: ReadonlyMap<string, PropertyKind> = new Map<string, PropertyKind>([
  ["title", STRING],
  ["owner", STRING],
  ["status", { kind: "word", words: ["draft", "active", "paused", "retired"] }],
  ["priority", { kind: "integer" }],
  ["impact", LEVEL],
  ["feasibility", LEVEL],
  ["expires", { kind: "date" }],
  ["tags", { kind: "string-list" }],
]);

export const METRIC_PROPERTIES: ReadonlyMap<string, PropertyKind> = new Map<string, PropertyKind>([
  ["title", STRING],
  ["owner", STRING],
  ["unit", STRING],
  ["better", { kind: "word", words: ["higher", "lower"] }],
]);

export const DECISION_PROPERTIES: ReadonlyMap<string, PropertyKind> = new Map<string, PropertyKind>([
  ["title", STRING],
  ["owner", STRING],
]);

/** Reads properties against a schema; `owner` names the declaration kind for messages. */
export function readProperties(
  properties: readonly Property[],
  schema: ReadonlyMap<string, PropertyKind>,
  owner: string,
  reporter: Reporter,
  consts: ConstTable,
): Map<string, PropertyValue> {
  const values = new Map<string, PropertyValue>();
  const seen = new Map<string, Property>();
  for (const property of properties) {
    const key = property.key.name;
    const kind = schema.get(key);
    if (!kind) {
      const help = didYouMean(key, schema.keys());
      reporter.report("unknown-property", property.key.span, `a ${owner} has no property \`${key}\``, {
        help: `${help ? `${help} ` : ""}use one of the properties of a ${owner}: ${listMembers([...schema.keys()])}`,
      });
      continue;
    }
    const first = seen.get(key);
    if (first) {
      reporter.report("duplicate-member", property.key.span, `\`${key}\` is set twice`, {
        related: [{ span: first.key.span, message: "first set here" }],
      });
      continue;
    }
    seen.set(key, property);
    const value = readValue(property.value, kind, key, reporter, consts);
    if (value !== undefined) values.set(key, value);
  }
  return values;
}

function readValue(value: Value, kind: PropertyKind, key: string, reporter: Reporter, consts: ConstTable): PropertyValue | undefined {
  if (value.kind === "Percent") {
    reporter.report("percent-outside-target", value.span, `a percentage like \`${value.raw}\` is only allowed in a metric target`);
    return undefined;
  }
  if (value.kind === "Date" && kind.kind !== "date") {
    reporter.report("date-outside-expires", value.span, `a date like \`${value.value}\` is only allowed in \`expires\``);
    return undefined;
  }
  const invalid = (expected: string, help?: string): undefined => {
    reporter.report("invalid-property-value", value.span, `\`${key}\` takes ${expected}, not ${describeValue(value)}`, help ? { help } : {});
    return undefined;
  };
  switch (kind.kind) {
    case "string": {
      const text = value.kind === "String" ? value.value : constOf(value, consts, "string");
      return typeof text === "string" ? text : invalid("a string", 'write it in quotes, e.g. `"cx-returns"`');
    }
    case "integer": {
      const number = value.kind === "Number" && value.isInteger ? value.value : constOf(value, consts, "int");
      return typeof number === "number" ? number : invalid("an integer", key === "priority" ? "write a whole number, e.g. `priority 50`; higher wins where scenarios overlap" : undefined);
    }
    case "date":
      if (value.kind !== "Date") return invalid("a date `YYYY-MM-DD`");
      return isCalendarDate(value.value) ? value.value : invalid("a real calendar date", `\`${value.value}\` does not exist`);
    case "string-list": {
      if (value.kind !== "List") return invalid("a list of strings", 'e.g. `["returns", "omnichannel"]`');
      const items: string[] = [];
      for (const item of value.items) {
        if (item.kind !== "String") {
          reporter.report("invalid-property-value", item.span, `\`${key}\` holds strings, not ${describeValue(item)}`, { help: "write each tag in quotes" });
          return undefined;
        }
        items.push(item.value);
      }
      return items;
    }
    case "word": {
      const word = value.kind === "Path" && value.segments.length === 1 ? value.segments[0]?.name : undefined;
      if (word !== undefined && kind.words.includes(word)) return word;
      const suggestion = word === undefined ? undefined : didYouMean(word, kind.words);
      return invalid(`one of ${listMembers(kind.words)}`, suggestion);
    }
  }
}

/** A const used as a property value, when it has the wanted kind. */
function constOf(value: Value, consts: ConstTable, want: "string" | "int"): string | number | undefined {
  if (value.kind !== "Path" || value.segments.length !== 1) return undefined;
  const constant = consts.lookup(value.segments[0]?.name ?? "");
  return constant && constant.kind === want ? (constant.value as string | number) : undefined;
}

/** Whether `YYYY-MM-DD` names a day that exists (no 2027-02-30). */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
