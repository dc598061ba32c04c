/**
 * The words and values shared by the text and markdown renderings of a diff:
 * how an answer, a field value, a metric use and a summary line read.
 *
 * Invariant: nothing here depends on the output format; renderers escape
 * what these functions return for their own syntax.
 */
import { isJsonObject } from "../semantics/json-object.js";
import type { JsonValue } from "@scn/runtime";
import type { AnswerView, BehaviorChange, BundleDiff, DecisionDiff, FieldChange } from "./diff-model.js";
import type { SourceEdit } from "./source-edits.js";

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

/** `no change in behavior`, or how many decisions changed (and by how many source edits). */
export function summaryText(diff: BundleDiff): string {
  const edits = diff.edits.length === 0 ? "" : `, ${pluralize(diff.edits.length, "source edit")}`;
  if (!diff.behaviorChanged) return `no change in behavior${edits}`;
  const changed = diff.decisions.filter((d) => d.status !== "unchanged").length;
  return `behavior changed in ${changed} of ${pluralize(diff.decisions.length, "decision")}${edits}`;
}

/** What an edit is, e.g. `const RETURN_WINDOW_DAYS: 30 → 45` or `pathway store_purchase_return/long_queue changed`; `quote` marks names and values. */
export function editTitle(edit: SourceEdit, quote: (text: string) => string = (t) => t): string {
  if (edit.kind === "const" && edit.change === "changed") return `const ${quote(edit.name)}: ${quote(edit.before ?? "")} → ${quote(edit.after ?? "")}`;
  if (edit.kind === "const" && edit.change === "added") return `const ${quote(edit.name)} added: ${quote(edit.after ?? "")}`;
  return `${edit.kind} ${quote(edit.name)} ${edit.change}`;
}

/** A diff's changes grouped by cause: one group per edit (in the edits' order) that causes any, then those no single edit causes. */
export interface CauseGroup {
  /** The edit, or null for changes that need several edits together (or whose cause is unknown). */
  readonly edit: SourceEdit | null;
  readonly decisions: readonly { readonly decision: DecisionDiff; readonly changes: readonly BehaviorChange[] }[];
}

export function causeGroups(diff: BundleDiff): CauseGroup[] {
  const causes: (number | null)[] = [...diff.edits.map((_, i) => i), null];
  return causes
    .map((cause): CauseGroup => ({
      edit: cause === null ? null : diff.edits[cause]!,
      decisions: diff.decisions.map((decision) => ({ decision, changes: decision.changes.filter((c) => c.cause === cause) })).filter((d) => d.changes.length > 0),
    }))
    .filter((group) => group.decisions.length > 0);
}

/** The edits no change in behavior is attributed to (e.g. a metric's title, or an edit whose effect needs another edit too). */
export function quietEdits(diff: BundleDiff): SourceEdit[] {
  const causing = new Set(diff.decisions.flatMap((d) => d.changes.map((c) => c.cause)));
  return diff.edits.filter((_, i) => !causing.has(i));
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
