/**
 * The words and values shared by the text and markdown renderings of a diff:
 * how an answer, a field value, a metric use and a summary line read.
 *
 * Invariant: nothing here depends on the output format; renderers escape
 * what these functions return for their own syntax.
 */
import { isJsonObject } from "../semantics/json-object.js";
import type { JsonValue } from "@scn/runtime";
import type { AnswerView, BundleDiff, DecisionDiff, FieldChange } from "./diff-model.js";

/** The rule that answered, or what happened when none did. */
export function answerLabel(answer: AnswerView): string {
  if (answer.reason === "scenario") return answer.rule ?? "(scenario)";
  return answer.reason === "default" ? "default" : "no answer";
}

function isMetricUse(value: JsonValue): value is { role: string; target: number | null; window: { amount: number; unit: string } | null } {
  return isJsonObject(value) && typeof value["role"] === "string";
}

/** A value as it reads in a change line: JSON, with `(not set)` for a missing one. */
export function valueText(value: JsonValue, field = ""): string {
  if (value === null) return "(not set)";
  if (field.startsWith("metrics.") && isMetricUse(value)) {
    const target = value.target === null ? "" : ` target ${value.target > 0 ? "+" : ""}${value.target}%`;
    const window = value.window === null ? "" : ` within ${value.window.amount} ${value.window.unit}`;
    return `${value.role}${target}${window}`;
  }
  return JSON.stringify(value);
}

export function fieldChangeText(change: FieldChange): string {
  return `${change.field}: ${valueText(change.before, change.field)} → ${valueText(change.after, change.field)}`;
}

export function pluralize(count: number, word: string, plural = `${word}s`): string {
  return `${count.toLocaleString("en-US")} ${count === 1 ? word : plural}`;
}

/** `no change in behavior`, or how many decisions changed. */
export function summaryText(diff: BundleDiff): string {
  if (!diff.behaviorChanged) return "no change in behavior";
  const changed = diff.decisions.filter((d) => d.status !== "unchanged").length;
  return `behavior changed in ${changed} of ${pluralize(diff.decisions.length, "decision")}`;
}

/** What happened to a decision, in a few words. */
export function decisionStatusText(decision: DecisionDiff): string {
  switch (decision.status) {
    case "added":
      return "new decision";
    case "removed":
      return "decision removed: callers asking for it will get an error";
    case "unchanged":
      return decision.method === "sampled" ? `no change found in ${pluralize(decision.samples ?? 0, "sampled context")}` : "no change in behavior";
    case "changed":
      return pluralize(decision.changes.length, "change") + " in behavior";
  }
}

/** Why a decision was sampled, and what that means for the reader. */
export function samplingText(decision: DecisionDiff): string | null {
  if (decision.method !== "sampled") return null;
  return `compared on ${pluralize(decision.samples ?? 0, "sampled context")} because ${decision.note ?? "the exact comparison was not possible"}; changes that no sample hit are not listed`;
}
