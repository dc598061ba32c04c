/**
 * Checks `experiment` declarations and the `split`s that run them
 * (docs/experiments.md): the unit is a `string` or `int` context field, at
 * least two arms with weights summing to exactly 100%, coverage in (0, 100%],
 * a non-empty seed, metrics that exist and targets in their better direction;
 * each `split` lists every arm of a declared experiment exactly once.
 *
 * Invariant: a checked experiment is always complete (invalid parts are
 * reported and replaced by harmless values), so later passes never see a
 * partial one; the compiler does not run when any of them was reported.
 */
import type { ExperimentDeclaration, MetricsBlock, Property, Split } from "../ast.js";
import type { CheckedCondition, CheckedExperiment, CheckedMetric, CheckedMetricUse, CheckedScenario, CheckedSplit, ExperimentStatus, JsonObject } from "../checked.js";
import type { ConstTable } from "./consts.js";
import type { ContextIndex } from "./context.js";
import { listMembers } from "./describe.js";
import { reportTargetDirection } from "./hygiene.js";
import { readProperties, type PropertyKind } from "./properties.js";
import type { Reporter } from "./report.js";
import { didYouMean } from "./suggest.js";

const EXPERIMENT_PROPERTIES: ReadonlyMap<string, PropertyKind> = new Map<string, PropertyKind>([
  ["title", { kind: "string" }],
  ["owner", { kind: "string" }],
  ["seed", { kind: "string" }],
  ["status", { kind: "word", words: ["draft", "running", "stopped"] }],
]);

/** Properties read here rather than by `readProperties`, because their values are a path and a percentage. */
const OWN_KEYS = new Set(["unit", "coverage"]);

/** Weights are compared in millionths of a percent, so `33.33% + 33.33% + 33.34%` sums to exactly 100%. */
const SCALE = 1_000_000;

export interface ExperimentEnvironment {
  readonly reporter: Reporter;
  readonly consts: ConstTable;
  readonly context: ContextIndex;
  readonly metricNames: ReadonlySet<string>;
  readonly metrics: ReadonlyMap<string, CheckedMetric>;
  readonly usedMetrics: Set<string>;
}

export function checkExperiment(declaration: ExperimentDeclaration, env: ExperimentEnvironment): CheckedExperiment {
  const { reporter } = env;
  const properties = declaration.members.filter((m): m is Property => m.kind === "Property");
  const values = readProperties(properties.filter((p) => !OWN_KEYS.has(p.key.name)), EXPERIMENT_PROPERTIES, "experiment", reporter, env.consts);
  const own = new Map<string, Property>();
  for (const property of properties.filter((p) => OWN_KEYS.has(p.key.name))) {
    const first = own.get(property.key.name);
    if (first) {
      reporter.report("duplicate-member", property.key.span, `\`${property.key.name}\` is set twice`, { related: [{ span: first.key.span, message: "first set here" }] });
    } else {
      own.set(property.key.name, property);
    }
  }
  const name = declaration.name.name;
  const seed = values.get("seed");
  if (seed === "") {
    const property = properties.find((p) => p.key.name === "seed");
    reporter.report("empty-seed", property?.value.span ?? declaration.name.span, `the experiment \`${name}\` has an empty seed`, {
      help: `leave \`seed\` out to hash with the experiment's name, or write a seed such as \`seed "${name}-1"\``,
    });
  }
  const title = declaration.title?.value ?? (typeof values.get("title") === "string" ? (values.get("title") as string) : null);
  return {
    name,
    title,
    owner: typeof values.get("owner") === "string" ? (values.get("owner") as string) : null,
    unit: checkUnit(declaration, own.get("unit"), env),
    arms: checkArms(declaration, reporter),
    coverage: checkCoverage(own.get("coverage"), reporter),
    seed: typeof seed === "string" && seed !== "" ? seed : name,
    status: ((values.get("status") as ExperimentStatus | undefined) ?? "running"),
    metrics: checkMetrics(declaration.members.filter((m): m is MetricsBlock => m.kind === "MetricsBlock"), env),
    span: declaration.span,
  };
}

function checkUnit(declaration: ExperimentDeclaration, property: Property | undefined, env: ExperimentEnvironment): string {
  const { reporter } = env;
  if (!property) {
    reporter.report("invalid-experiment-unit", declaration.name.span, `the experiment \`${declaration.name.name}\` does not say who is assigned`, {
      help: "add `unit PATH`, the string or int context field that identifies a unit, e.g. `unit customer.id`",
    });
    return "";
  }
  const value = property.value;
  if (value.kind !== "Path") {
    reporter.report("invalid-experiment-unit", value.span, "`unit` takes a context field, such as `customer.id`");
    return "";
  }
  const path = value.segments.map((s) => s.name).join(".");
  const entry = env.context.lookup(path);
  if (!entry) {
    const parent = value.segments.slice(0, -1).map((s) => s.name).join(".");
    const last = value.segments.at(-1)?.name ?? path;
    const help = didYouMean(last, env.context.childNames(parent));
    reporter.report("invalid-experiment-unit", value.span, `there is no context field \`${path}\``, { help: help ?? "declare the unit's field in `context`" });
    return "";
  }
  if (entry.type.kind !== "string" && entry.type.kind !== "int") {
    reporter.report("invalid-experiment-unit", value.span, `the unit \`${path}\` is a ${entry.type.kind} field; a unit is a \`string\` or \`int\` field`, {
      related: [{ span: entry.span, message: `\`${path}\` is declared here` }],
      help: "choose the field that identifies who is assigned, such as a customer id",
    });
    return "";
  }
  return path;
}

function checkArms(declaration: ExperimentDeclaration, reporter: Reporter): { name: string; weight: number }[] {
  const blocks = declaration.members.filter((m) => m.kind === "ArmsBlock");
  for (const extra of blocks.slice(1)) {
    reporter.report("duplicate-member", extra.span, "`arms` is set twice", { help: "list every arm in one `arms` block" });
  }
  const block = blocks[0];
  const name = declaration.name.name;
  if (!block) {
    reporter.report("too-few-arms", declaration.name.span, `the experiment \`${name}\` has no arms`, {
      help: "add `arms { control 50%, treatment 50% }`",
    });
    return [];
  }
  const arms: { name: string; weight: number }[] = [];
  const seen = new Map<string, { readonly span: import("../span.js").Span }>();
  let total = 0;
  for (const arm of block.arms) {
    const first = seen.get(arm.name.name);
    if (first) {
      reporter.report("duplicate-arm", arm.name.span, `the arm \`${arm.name.name}\` is listed twice`, {
        related: [{ span: first.span, message: "first listed here" }],
        help: "give each arm its own name and weight",
      });
      continue;
    }
    seen.set(arm.name.name, arm.name);
    if (arm.weight.explicitSign || arm.weight.value <= 0) {
      reporter.report("arm-weights", arm.weight.span, `the arm \`${arm.name.name}\` has the weight \`${arm.weight.raw}\`; a weight is a share above 0%`, {
        help: "give the arm a share of the units, or remove it",
      });
    }
    total += Math.round(arm.weight.value * SCALE);
    arms.push({ name: arm.name.name, weight: arm.weight.value });
  }
  if (arms.length < 2) {
    reporter.report("too-few-arms", block.span, `the experiment \`${name}\` has ${arms.length === 0 ? "no arms" : "one arm"}; an experiment compares at least two`, {
      help: "add a control arm, e.g. `arms { control 50%, treatment 50% }`",
    });
  } else if (total !== 100 * SCALE) {
    reporter.report("arm-weights", block.span, `the arm weights of \`${name}\` sum to ${total / SCALE}%, not 100%`, {
      help: "adjust the weights so they sum to 100%; coverage, not the weights, sets how many units take part",
    });
  }
  return arms;
}

function checkCoverage(property: Property | undefined, reporter: Reporter): number {
  if (!property) return 100;
  const value = property.value;
  if (value.kind !== "Percent" || value.explicitSign || value.value <= 0 || value.value > 100) {
    const shown = value.kind === "Percent" ? `\`${value.raw}\`` : "a value that is not a percentage";
    reporter.report("invalid-coverage", value.span, `coverage is a share of units above 0% and at most 100%, not ${shown}`, {
      help: "write the share of units that take part, e.g. `coverage 50%`",
    });
    return 100;
  }
  return value.value;
}

function checkMetrics(blocks: readonly MetricsBlock[], env: ExperimentEnvironment): CheckedMetricUse[] {
  for (const extra of blocks.slice(1)) {
    env.reporter.report("duplicate-member", extra.span, "`metrics` is set twice", { help: "list every metric in one `metrics` block" });
  }
  const uses: CheckedMetricUse[] = [];
  for (const use of blocks[0]?.uses ?? []) {
    if (env.metricNames.has(use.metric.name)) {
      env.usedMetrics.add(use.metric.name);
    } else {
      const help = didYouMean(use.metric.name, env.metricNames);
      env.reporter.report("unknown-metric", use.metric.span, `there is no metric named \`${use.metric.name}\``, {
        help: help ?? `declare it with \`metric ${use.metric.name} { unit "…", better higher }\``,
      });
    }
    reportTargetDirection(use, env.metrics, env.reporter);
    const window = use.within && use.within.amount.isInteger && use.within.amount.value > 0 ? { amount: use.within.amount.value, unit: use.within.unit } : null;
    uses.push({ role: use.role, metric: use.metric.name, target: use.target ? use.target.value : null, window });
  }
  return uses;
}

/**
 * A variation's `split` against its experiment: every arm exactly once, no
 * unknown arm. `checkArm` type-checks an arm's assignments against the
 * decision's output, like any other layer.
 */
export function checkSplit(
  split: Split,
  experiments: ReadonlyMap<string, CheckedExperiment>,
  reporter: Reporter,
  used: Set<string>,
  checkArm: (assignments: Split["arms"][number]["assignments"]) => JsonObject,
): CheckedSplit | undefined {
  const name = split.experiment.name;
  const experiment = experiments.get(name);
  if (!experiment) {
    const help = didYouMean(name, experiments.keys());
    reporter.report("unknown-experiment", split.experiment.span, `there is no experiment named \`${name}\``, {
      help: help ?? `declare it with \`experiment ${name} { unit customer.id, arms { control 50%, treatment 50% } }\``,
    });
    for (const arm of split.arms) checkArm(arm.assignments);
    return undefined;
  }
  used.add(name);
  if (experiment.status !== "running") {
    reporter.report("experiment-not-running", split.experiment.span, `the experiment \`${name}\` is ${experiment.status}, so this variation never holds`, {
      related: [{ span: experiment.span, message: `\`${name}\` is declared here` }],
      help:
        experiment.status === "stopped"
          ? "roll out the winner: move its arm's assignments into the variation and remove the `split`, or remove the variation"
          : "set `status running` when the experiment starts, or remove the `split`",
    });
  }
  const known = experiment.arms.map((arm) => arm.name);
  const byName = new Map<string, JsonObject>();
  const firstSpan = new Map<string, Split["arms"][number]>();
  for (const arm of split.arms) {
    const assignments = checkArm(arm.assignments);
    const first = firstSpan.get(arm.name.name);
    if (first) {
      reporter.report("duplicate-arm", arm.name.span, `the arm \`${arm.name.name}\` appears twice in this split`, {
        related: [{ span: first.name.span, message: "first listed here" }],
        help: "merge the two into one arm",
      });
      continue;
    }
    firstSpan.set(arm.name.name, arm);
    if (!known.includes(arm.name.name)) {
      const help = didYouMean(arm.name.name, known);
      reporter.report("unknown-arm", arm.name.span, `the experiment \`${name}\` has no arm \`${arm.name.name}\``, {
        help: help ?? `the arms of \`${name}\` are ${listMembers(known)}`,
      });
      continue;
    }
    byName.set(arm.name.name, assignments);
  }
  const missing = known.filter((arm) => !byName.has(arm));
  if (missing.length > 0) {
    reporter.report("missing-arm", split.experiment.span, `this split of \`${name}\` does not list ${missing.length === 1 ? "the arm" : "the arms"} ${listMembers(missing)}`, {
      help: `list every arm of the experiment; an arm that changes nothing is written \`${missing[0]} {}\``,
    });
  }
  return { experiment: name, arms: experiment.arms.map((arm) => ({ name: arm.name, assignments: byName.get(arm.name) ?? {} })), span: split.span };
}

function testedPaths(condition: CheckedCondition, out: { path: string; span: import("../span.js").Span }[]): void {
  switch (condition.kind) {
    case "and":
    case "or":
      for (const operand of condition.operands) testedPaths(operand, out);
      return;
    case "not":
      testedPaths(condition.operand, out);
      return;
    case "test":
      out.push({ path: condition.path, span: condition.span });
      return;
    default:
      return;
  }
}

/**
 * The arm is computed from the unit, so a condition on the unit field in the
 * same decision would tie the two together; analysis treats the arm as its
 * own column, and stays exact only if no condition of the decision reads
 * the unit (docs/experiments.md#analysis).
 */
export function reportUnitsInConditions(scenarios: readonly CheckedScenario[], experiments: ReadonlyMap<string, CheckedExperiment>, reporter: Reporter): void {
  const units = new Map<string, Set<string>>();
  for (const scenario of scenarios) {
    for (const pathway of scenario.pathways) {
      for (const variation of pathway.variations) {
        const experiment = variation.split ? experiments.get(variation.split.experiment) : undefined;
        if (!experiment || experiment.unit === "") continue;
        const set = units.get(scenario.decision) ?? new Set<string>();
        set.add(experiment.unit);
        units.set(scenario.decision, set);
      }
    }
  }
  for (const scenario of scenarios) {
    const read = units.get(scenario.decision);
    if (!read) continue;
    const tests: { path: string; span: import("../span.js").Span }[] = [];
    testedPaths(scenario.situation, tests);
    for (const pathway of scenario.pathways) {
      if (pathway.when) testedPaths(pathway.when, tests);
      for (const variation of pathway.variations) testedPaths(variation.condition, tests);
    }
    for (const test of tests) {
      if (!read.has(test.path)) continue;
      reporter.report("unit-in-condition", test.span, `\`${test.path}\` assigns experiment arms in the decision \`${scenario.decision}\`, so its conditions cannot read it`, {
        help: "test another field in the condition; an experiment's unit only says who is assigned",
      });
    }
  }
}

/** Experiments no `split` runs. */
export function reportUnusedExperiments(declarations: ReadonlyMap<string, ExperimentDeclaration>, used: ReadonlySet<string>, reporter: Reporter): void {
  for (const [name, declaration] of declarations) {
    if (used.has(name)) continue;
    reporter.report("unused-experiment", declaration.name.span, `the experiment \`${name}\` is not run by any \`split\``, {
      help: `run it from a variation with \`split ${name} { … }\`, or remove it`,
    });
  }
}
