/**
 * The part of a diff that is not about answers: scenarios added, removed,
 * re-prioritized or otherwise edited (owner, status, title, goal, tags,
 * portfolio fields, metric roles, targets and windows), metric definitions,
 * context fields, consent gates, and each decision's title and output
 * fields. These matter to reviewers even when no customer's answer moves.
 *
 * Invariant: an entry is listed exactly when its canonical JSON differs
 * between the versions; entries are sorted by name, fields in a fixed order.
 */
import type { Bundle, JsonValue, ScenarioMeta } from "@scn/runtime";
import { canonicalJson, compareCodeUnits } from "../bundle/canonical-json.js";
import { contextRoot, fieldTypeText, leafFields } from "./context-fields.js";
import type { ContextFieldDiff, FieldChange, MetricDiff, ScenarioDiff } from "./diff-model.js";

const SCENARIO_FIELDS = ["decision", "status", "priority", "title", "goal", "owner", "impact", "feasibility", "expires", "tags"] as const;
const METRIC_FIELDS = ["title", "unit", "better"] as const;

function same(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

function names(a: object, b: object): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].sort(compareCodeUnits);
}

function fieldChanges<T extends object>(before: T, after: T, fields: readonly (keyof T & string)[]): FieldChange[] {
  return fields
    .filter((field) => !same(before[field], after[field]))
    .map((field) => ({ field, before: (before[field] ?? null) as JsonValue, after: (after[field] ?? null) as JsonValue }));
}

/** Metric uses keyed by metric name: `metrics.NAME` → { role, target, window }. */
function metricUseChanges(before: ScenarioMeta, after: ScenarioMeta): FieldChange[] {
  const use = (meta: ScenarioMeta, metric: string): JsonValue => {
    const found = meta.metrics.find((m) => m.metric === metric);
    return found === undefined ? null : { role: found.role, target: found.target, window: found.window };
  };
  const metrics = [...new Set([...before.metrics.map((m) => m.metric), ...after.metrics.map((m) => m.metric)])];
  return metrics
    .map((metric) => ({ field: `metrics.${metric}`, before: use(before, metric), after: use(after, metric) }))
    .filter((change) => !same(change.before, change.after));
}

export function scenarioChanges(before: Bundle, after: Bundle): ScenarioDiff[] {
  const diffs: ScenarioDiff[] = [];
  for (const name of names(before.scenarios, after.scenarios)) {
    const a = Object.hasOwn(before.scenarios, name) ? before.scenarios[name]! : null;
    const b = Object.hasOwn(after.scenarios, name) ? after.scenarios[name]! : null;
    if (a === null && b !== null) diffs.push({ name, decision: b.decision, change: "added", fields: [] });
    else if (b === null && a !== null) diffs.push({ name, decision: a.decision, change: "removed", fields: [] });
    else if (a !== null && b !== null) {
      const fields = [...fieldChanges(a, b, SCENARIO_FIELDS), ...metricUseChanges(a, b)];
      if (fields.length > 0) diffs.push({ name, decision: b.decision, change: "changed", fields });
    }
  }
  return diffs;
}

export function metricChanges(before: Bundle, after: Bundle): MetricDiff[] {
  const diffs: MetricDiff[] = [];
  for (const name of names(before.metrics, after.metrics)) {
    const a = Object.hasOwn(before.metrics, name) ? before.metrics[name]! : null;
    const b = Object.hasOwn(after.metrics, name) ? after.metrics[name]! : null;
    if (a === null) diffs.push({ name, change: "added", fields: [] });
    else if (b === null) diffs.push({ name, change: "removed", fields: [] });
    else {
      const fields = fieldChanges(a, b, METRIC_FIELDS);
      if (fields.length > 0) diffs.push({ name, change: "changed", fields });
    }
  }
  return diffs;
}

/** Leaf fields of a record schema with their types in `.scn` syntax. */
function fieldTypes(schema: { [key: string]: JsonValue }): Map<string, string> {
  const root = contextRoot(schema);
  if (root === null) return new Map();
  return new Map(leafFields(root).map(([path, chain]) => [path, fieldTypeText(chain)]));
}

export function schemaFieldChanges(before: { [key: string]: JsonValue }, after: { [key: string]: JsonValue }): ContextFieldDiff[] {
  const a = fieldTypes(before);
  const b = fieldTypes(after);
  const diffs: ContextFieldDiff[] = [];
  for (const path of [...new Set([...a.keys(), ...b.keys()])].sort(compareCodeUnits)) {
    const x = a.get(path) ?? null;
    const y = b.get(path) ?? null;
    if (x === y) continue;
    diffs.push({ path, change: x === null ? "added" : y === null ? "removed" : "changed", before: x, after: y });
  }
  return diffs;
}

export function consentChanges(before: Bundle, after: Bundle): FieldChange[] {
  const a = new Map(before.consent.map((g) => [g.name, g.path]));
  const b = new Map(after.consent.map((g) => [g.name, g.path]));
  return [...new Set([...a.keys(), ...b.keys()])]
    .sort(compareCodeUnits)
    .filter((name) => a.get(name) !== b.get(name))
    .map((name) => ({ field: name, before: a.get(name) ?? null, after: b.get(name) ?? null }));
}
