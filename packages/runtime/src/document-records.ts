/**
 * The compact forms a bundle file gives its outcomes and its scenarios'
 * metadata (docs/bundle-format.md, "Outcomes" and "`scenarios` and
 * `metrics`"), and reading them back into the objects the rest of the
 * runtime and the compiler's tools work with.
 *
 * Each record of a large program is written as a list whose positions stand
 * for its keys, so the keys are written once (in the docs and the schema)
 * instead of once per record: an outcome's output is the number of its key
 * list in the decision's `shapes` and the list of its values, its metrics
 * the number of a list in the decision's `metricLists`, and a scenario's
 * metadata a list whose trailing defaults are left out.
 *
 * Invariants: expanding what `outcomeTuples` and `scenarioTuple` write
 * gives back equal objects (same keys, same values, keys in the same
 * order), and the expansions never throw: a malformed record becomes a
 * problem and null.
 */
import type { JsonValue, Outcome, OutcomeTuple, ScenarioMeta, ScenarioTuple } from "./bundle.js";
import { isRecord, type Problems, type Rec } from "./bundle-problems.js";
import { describeValue } from "./describe-value.js";
import { appendIndex } from "./value-path.js";
import { sortKeysByCodeUnits } from "./sort-keys.js";

/** A decision's outcomes as its file holds them, with the key lists and metric lists they refer to. */
export interface OutcomeTuples {
  outcomes: OutcomeTuple[];
  shapes: string[][];
  metricLists: string[][];
}

/** Numbers each distinct list of strings in order of first use. */
class ListPool {
  readonly lists: string[][] = [];
  private readonly ids = new Map<string, number>();

  add(list: readonly string[]): number {
    const key = JSON.stringify(list);
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.lists.length;
      this.ids.set(key, id);
      this.lists.push([...list]);
    }
    return id;
  }
}

/** A decision's outcomes as tuples: each output's keys by shape number, each metric list by number. */
export function outcomeTuples(outcomes: readonly Outcome[]): OutcomeTuples {
  const shapes = new ListPool();
  const metricLists = new ListPool();
  const tuples = outcomes.map((o): OutcomeTuple => {
    // Keys in canonical order, so that the shape of two equal outputs is one shape whatever order they were built in.
    const keys = sortKeysByCodeUnits(Object.keys(o.output));
    const shape = shapes.add(keys);
    const values = keys.map((key) => o.output[key] as JsonValue);
    const metrics = metricLists.add(o.metrics);
    return o.experiment === undefined
      ? [o.scenario, o.pathway, o.variation, shape, values, metrics]
      : [o.scenario, o.pathway, o.variation, shape, values, metrics, { name: o.experiment.name, arm: o.experiment.arm }];
  });
  return { outcomes: tuples, shapes: shapes.lists, metricLists: metricLists.lists };
}

/** The rule of an outcome: `scenario/pathway[/variation]`. */
export function ruleOf(scenario: string, pathway: string, variation: string | null): string {
  return variation === null ? `${scenario}/${pathway}` : `${scenario}/${pathway}/${variation}`;
}

/** The string lists of `value`, or null (with a problem) when it is not a list of lists of strings. */
export function stringLists(value: unknown, path: string, p: Problems): string[][] | null {
  if (!Array.isArray(value)) {
    if (value !== undefined) p.add(path, `expected a list of lists of strings, got ${describeValue(value)}`);
    return null;
  }
  for (let i = 0; i < value.length; i++) {
    const list: unknown = value[i];
    if (!Array.isArray(list) || !list.every((item) => typeof item === "string")) {
      p.add(appendIndex(path, i), `expected a list of strings, got ${describeValue(list)}`);
      return null;
    }
  }
  return value as string[][];
}

const OUTCOME_FORM = "[scenario, pathway, variation, shape, values, metric list] or, for an arm, the same with {name, arm} last";

/**
 * The outcome object a tuple stands for, its output built from its shape's
 * keys and its values, and its metrics from the metric list it names; null,
 * with a problem at `path`, when the tuple does not have that form or names
 * a shape or a list that does not exist. The names and the output's values
 * are checked afterwards on the object, as for an expanded bundle.
 */
export function expandOutcome(tuple: unknown, shapes: readonly (readonly string[])[], metricLists: readonly (readonly string[])[], path: string, p: Problems): Rec | null {
  if (!Array.isArray(tuple) || (tuple.length !== 6 && tuple.length !== 7)) {
    p.add(path, `expected an outcome as ${OUTCOME_FORM}, got ${describeValue(tuple)}`);
    return null;
  }
  const [scenario, pathway, variation, shape, values, metrics, experiment] = tuple as unknown[];
  if (!Number.isInteger(shape) || (shape as number) < 0 || (shape as number) >= shapes.length) {
    p.add(appendIndex(path, 3), `expected the number of a shape below ${shapes.length}, got ${describeValue(shape)}`);
    return null;
  }
  const keys = shapes[shape as number] as readonly string[];
  if (!Array.isArray(values) || values.length !== keys.length) {
    p.add(appendIndex(path, 4), `expected the ${keys.length} values of shape ${shape as number}, got ${describeValue(values)}`);
    return null;
  }
  if (!Number.isInteger(metrics) || (metrics as number) < 0 || (metrics as number) >= metricLists.length) {
    p.add(appendIndex(path, 5), `expected the number of a metric list below ${metricLists.length}, got ${describeValue(metrics)}`);
    return null;
  }
  // fromEntries defines each key as an own property, so an output field called `__proto__` stays a field.
  const object = Object.fromEntries(keys.map((key, i) => [key, values[i]]));
  const rule = typeof scenario === "string" && typeof pathway === "string" && (variation === null || typeof variation === "string") ? ruleOf(scenario, pathway, variation) : "";
  return {
    rule,
    scenario,
    pathway,
    variation,
    output: object,
    metrics: [...(metricLists[metrics as number] as readonly string[])],
    ...(tuple.length === 7 ? { experiment } : {}),
  };
}

/**
 * The positions of a scenario tuple; the ones from `metrics` on may be left
 * out at the end of the list, standing for their defaults (no metrics, no
 * tags, no impact, feasibility or expiry).
 */
const SCENARIO_KEYS = ["decision", "priority", "status", "title", "goal", "owner", "metrics", "tags", "impact", "feasibility", "expires"] as const;
const SCENARIO_REQUIRED = 6;
const SCENARIO_DEFAULTS: readonly unknown[] = [[], [], null, null, null];

function isDefault(value: unknown, position: number): boolean {
  const fallback = SCENARIO_DEFAULTS[position - SCENARIO_REQUIRED];
  return Array.isArray(fallback) ? Array.isArray(value) && value.length === 0 : value === fallback;
}

/** A scenario's metadata as its file holds it: a list in SCENARIO_KEYS order, without trailing defaults. */
export function scenarioTuple(meta: ScenarioMeta): ScenarioTuple {
  const full: unknown[] = [
    meta.decision,
    meta.priority,
    meta.status,
    meta.title,
    meta.goal,
    meta.owner,
    meta.metrics.map((use) => [use.metric, use.role, use.target, use.window === null ? null : [use.window.amount, use.window.unit]]),
    [...meta.tags],
    meta.impact,
    meta.feasibility,
    meta.expires,
  ];
  let length = full.length;
  while (length > SCENARIO_REQUIRED && isDefault(full[length - 1], length - 1)) length--;
  return full.slice(0, length) as unknown as ScenarioTuple;
}

/**
 * The metadata object a scenario tuple stands for, or null with a problem
 * when it is not a list of the right length or its metric uses are not
 * `[metric, role, target, window]` lists. The values are checked afterwards
 * on the object, as for an expanded bundle.
 */
export function expandScenario(tuple: unknown, path: string, p: Problems): Rec | null {
  if (!Array.isArray(tuple) || tuple.length < SCENARIO_REQUIRED || tuple.length > SCENARIO_KEYS.length) {
    p.add(path, `expected a scenario as [${SCENARIO_KEYS.join(", ")}] (the last five may be left out), got ${describeValue(tuple)}`);
    return null;
  }
  const at = (i: number): unknown => (i < tuple.length ? tuple[i] : Array.isArray(SCENARIO_DEFAULTS[i - SCENARIO_REQUIRED]) ? [] : null);
  // Keys in code unit order, as the object form of the metadata is written and parsed (SCENARIO_KEYS gives each position).
  const object: Rec = {
    decision: at(0),
    expires: at(10),
    feasibility: at(9),
    goal: at(4),
    impact: at(8),
    metrics: at(6),
    owner: at(5),
    priority: at(1),
    status: at(2),
    tags: at(7),
    title: at(3),
  };
  const uses: unknown = object["metrics"];
  if (!Array.isArray(uses)) return object;
  const expanded: unknown[] = [];
  for (let i = 0; i < uses.length; i++) {
    const use: unknown = uses[i];
    if (!Array.isArray(use) || use.length !== 4) {
      p.add(appendIndex(appendIndex(path, 6), i), `expected a metric use as [metric, role, target, window], got ${describeValue(use)}`);
      return null;
    }
    const [metric, role, target, window] = use as unknown[];
    let windowObject: unknown = window;
    if (Array.isArray(window)) {
      if (window.length !== 2) {
        p.add(appendIndex(appendIndex(appendIndex(path, 6), i), 3), `expected a window as [amount, unit], got ${describeValue(window)}`);
        return null;
      }
      windowObject = { amount: window[0], unit: window[1] };
    } else if (window !== null) {
      p.add(appendIndex(appendIndex(appendIndex(path, 6), i), 3), `expected a window as [amount, unit] or null, got ${describeValue(window)}`);
      return null;
    }
    expanded.push({ metric, role, target, window: windowObject });
  }
  object["metrics"] = expanded;
  return object;
}

/** Whether `value` is a scenario's metadata in its expanded form (an object) rather than a tuple. */
export function isScenarioObject(value: unknown): value is Rec {
  return isRecord(value);
}
