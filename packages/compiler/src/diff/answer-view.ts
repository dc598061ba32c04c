/**
 * The answers a decision table can give, seen the way a diff compares them:
 * a row's outcome (rule and merged output), or, when no row matches, the
 * decision's `default` or no answer at all. Two answers are the same change
 * target exactly when their reason, rule and output are equal as JSON.
 *
 * Invariant: `answerKey` is canonical, so equal answers have equal keys
 * whatever the key order of their outputs.
 */
import type { Answer, DecisionTable, JsonValue } from "@scn/runtime";
import { canonicalJson, compareCodeUnits } from "../bundle/canonical-json.js";
import type { AnswerView, FieldChange, JsonObject } from "./diff-model.js";

export function rowAnswer(table: DecisionTable, row: number): AnswerView {
  const outcome = table.outcomes[table.rows[row]!.outcome]!;
  return { reason: "scenario", rule: outcome.rule, output: outcome.output };
}

export function noMatchAnswer(table: DecisionTable): AnswerView {
  return table.default === null ? { reason: "none", rule: null, output: null } : { reason: "default", rule: null, output: table.default };
}

export function answerView(answer: Answer): AnswerView {
  return { reason: answer.reason, rule: answer.rule, output: answer.output };
}

export function answerKey(answer: AnswerView): string {
  return canonicalJson({ reason: answer.reason, rule: answer.rule, output: answer.output });
}

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Leaf fields of an output, records flattened to dot-joined paths (lists are leaves). */
function leaves(output: JsonObject, prefix: string, into: Map<string, JsonValue>): Map<string, JsonValue> {
  for (const key of Object.keys(output)) {
    const value = output[key]!;
    if (isObject(value)) leaves(value, `${prefix}${key}.`, into);
    else into.set(prefix + key, value);
  }
  return into;
}

/**
 * The output fields that differ, sorted by path: a bundle read from disk has
 * its keys sorted, one built in memory does not, and both must give the same
 * diff.
 */
export function outputChanges(before: JsonObject | null, after: JsonObject | null): FieldChange[] {
  const a = before === null ? new Map<string, JsonValue>() : leaves(before, "", new Map());
  const b = after === null ? new Map<string, JsonValue>() : leaves(after, "", new Map());
  const fields = [...new Set([...a.keys(), ...b.keys()])].sort(compareCodeUnits);
  const changes: FieldChange[] = [];
  for (const field of fields) {
    const x = a.get(field) ?? null;
    const y = b.get(field) ?? null;
    if (canonicalJson(x) !== canonicalJson(y)) changes.push({ field, before: x, after: y });
  }
  return changes;
}
