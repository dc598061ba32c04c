/**
 * Checks one `scenario` and lowers it: its decision, properties (with the
 * defaults `status active`, `priority 0`), `situation` and `goal`, pathways
 * (with `otherwise` last and at most once), variations, assignments against
 * the decision's output, output completeness, and its metrics.
 *
 * Invariant: the result is always a complete `CheckedScenario` value, even for
 * a partial tree; whatever could not be checked is reported and replaced by a
 * neutral placeholder (`true` situation, empty assignments).
 */
import type {
  Assignment,
  GoalClause,
  MetricsBlock,
  MetricUse,
  Pathway,
  Property,
  ScenarioDeclaration,
  SituationClause,
  Variation,
} from "../ast.js";
import type {
  CheckedCondition,
  CheckedExperiment,
  CheckedMetricUse,
  CheckedPathway,
  CheckedScenario,
  CheckedVariation,
  JsonObject,
  Level,
  ScenarioStatus,
} from "../checked.js";
import type { Span } from "../span.js";
import type { ConditionLowering } from "./conditions.js";
import type { SymbolTable } from "./declarations.js";
import type { DecisionInfo } from "./decisions.js";
import { listMembers } from "./describe.js";
import { mergeOutputs, missingFields } from "./outputs.js";
import { readProperties, SCENARIO_PROPERTIES, type PropertyValue } from "./properties.js";
import type { Reporter } from "./report.js";
import { leadingSpan } from "./spans.js";
import { didYouMean } from "./suggest.js";
import type { Usage } from "./usage.js";
import { checkAssignments, type ValueEnvironment } from "./values.js";
import { checkSplit } from "./experiments.js";

export interface ScenarioEnvironment extends ValueEnvironment {
  readonly symbols: SymbolTable;
  readonly usage: Usage;
  readonly conditions: ConditionLowering;
  readonly decisions: ReadonlyMap<string, DecisionInfo>;
  readonly experiments: ReadonlyMap<string, CheckedExperiment>;
  /** Experiments some `split` runs (the hygiene pass reports the others). */
  readonly usedExperiments: Set<string>;
}

const TRUE: CheckedCondition = { kind: "true" };

export function checkScenario(declaration: ScenarioDeclaration, env: ScenarioEnvironment): CheckedScenario {
  const { reporter } = env;
  const name = declaration.name.name;
  const decision = resolveDecision(declaration, env);

  const properties: Property[] = [];
  const situations: SituationClause[] = [];
  const goals: GoalClause[] = [];
  const pathways: Pathway[] = [];
  const metricBlocks: MetricsBlock[] = [];
  for (const member of declaration.members) {
    switch (member.kind) {
      case "Property":
        properties.push(member);
        break;
      case "Situation":
        situations.push(member);
        break;
      case "Goal":
        goals.push(member);
        break;
      case "Pathway":
        pathways.push(member);
        break;
      case "MetricsBlock":
        metricBlocks.push(member);
        break;
    }
  }
  const values = readProperties(properties, SCENARIO_PROPERTIES, "scenario", reporter, env.consts);

  reportRepeated(situations, "situation", name, reporter);
  reportRepeated(goals, "goal", name, reporter);
  reportRepeated(metricBlocks, "metrics", name, reporter);
  const situationClause = situations[0];
  if (!situationClause) {
    reporter.report("missing-situation", declaration.name.span, `the scenario \`${name}\` has no \`situation\``, {
      help: "say when it applies, e.g. `situation order.channel == online`",
    });
  }
  const goal = goals[0];
  if (!goal) {
    reporter.report("missing-goal", declaration.name.span, `the scenario \`${name}\` has no \`goal\``, {
      help: 'state the customer\'s goal in words, e.g. `goal "Return the item in one visit"`',
    });
  }
  const situation = situationClause ? env.conditions.lower(situationClause.condition, "situation") : TRUE;

  if (pathways.length === 0) {
    reporter.report("no-pathway", declaration.name.span, `the scenario \`${name}\` has no pathway`, {
      help: "add at least one, e.g. `pathway everyone otherwise { … }`",
    });
  }
  checkOtherwisePlacement(pathways, reporter);
  const checkedPathways: CheckedPathway[] = [];
  const pathwayNames = new Map<string, Pathway>();
  for (const pathway of pathways) {
    const first = pathwayNames.get(pathway.name.name);
    if (first) {
      reporter.report("duplicate-declaration", pathway.name.span, `the pathway \`${pathway.name.name}\` is declared twice in \`${name}\``, {
        related: [{ span: first.name.span, message: "first declared here" }],
        help: "rename one of them; pathway names are part of rule ids and must be unique within a scenario",
      });
    } else {
      pathwayNames.set(pathway.name.name, pathway);
    }
    checkedPathways.push(checkPathway(pathway, decision, env));
  }

  const status = (values.get("status") as ScenarioStatus | undefined) ?? "active";
  const metrics = checkMetricUses(metricBlocks[0], declaration, status, env);
  return {
    name,
    title: declaration.title?.value ?? stringOrNull(values.get("title")),
    decision: declaration.decision.name,
    owner: stringOrNull(values.get("owner")),
    status,
    priority: typeof values.get("priority") === "number" ? (values.get("priority") as number) : 0,
    impact: (values.get("impact") as Level | undefined) ?? null,
    feasibility: (values.get("feasibility") as Level | undefined) ?? null,
    expires: stringOrNull(values.get("expires")),
    tags: Array.isArray(values.get("tags")) ? [...(values.get("tags") as string[])] : [],
    goal: goal?.text.value ?? "",
    situation,
    pathways: checkedPathways,
    metrics,
    span: declaration.span,
  };
}

function stringOrNull(value: PropertyValue | undefined): string | null {
  return typeof value === "string" ? value : null;
}

function resolveDecision(declaration: ScenarioDeclaration, env: ScenarioEnvironment): DecisionInfo | undefined {
  const reference = declaration.decision;
  const decision = env.decisions.get(reference.name);
  if (decision) {
    env.usage.decisionsWithScenarios.add(reference.name);
    return decision;
  }
  const help = didYouMean(reference.name, env.decisions.keys());
  env.reporter.report("unknown-decision", reference.span, `there is no decision named \`${reference.name}\``, {
    help: help ?? "declare it with `decision NAME { output { … } }`",
  });
  return undefined;
}

function reportRepeated(clauses: readonly { readonly span: Span }[], keyword: string, scenario: string, reporter: Reporter): void {
  const first = clauses[0];
  for (const extra of clauses.slice(1)) {
    reporter.report("duplicate-member", leadingSpan(extra.span, keyword.length), `the scenario \`${scenario}\` has more than one \`${keyword}\``, {
      related: first ? [{ span: leadingSpan(first.span, keyword.length), message: `the first \`${keyword}\`` }] : [],
      help: keyword === "metrics" ? "list every metric in one `metrics` block" : `combine them into one \`${keyword}\``,
    });
  }
}

/** `otherwise` must be the last pathway and appear at most once. */
function checkOtherwisePlacement(pathways: readonly Pathway[], reporter: Reporter): void {
  let firstOtherwise: Pathway | undefined;
  pathways.forEach((pathway, index) => {
    if (!pathway.otherwise) return;
    if (firstOtherwise?.otherwise) {
      reporter.report("otherwise-repeated", pathway.otherwise, `a scenario has at most one \`otherwise\` pathway`, {
        related: [{ span: firstOtherwise.otherwise, message: `\`${firstOtherwise.name.name}\` is already the \`otherwise\` pathway` }],
        help: "give this pathway a `when` condition, or merge the two",
      });
      return;
    }
    firstOtherwise = pathway;
    const followingWhen = pathways.slice(index + 1).find((later) => later.when !== undefined);
    if (followingWhen) {
      reporter.report("otherwise-not-last", pathway.otherwise, `the \`otherwise\` pathway \`${pathway.name.name}\` must be the last pathway`, {
        related: [{ span: followingWhen.name.span, message: `\`${followingWhen.name.name}\` comes after it and could never be chosen` }],
        help: "move it to the end: pathways are tried in order and `otherwise` catches everything left",
      });
    }
  });
}

function checkPathway(pathway: Pathway, decision: DecisionInfo | undefined, env: ScenarioEnvironment): CheckedPathway {
  const when = pathway.when ? env.conditions.lower(pathway.when, "pathway") : null;
  const assignments = pathway.members.filter((member): member is Assignment => member.kind === "Assignment");
  const variations = pathway.members.filter((member): member is Variation => member.kind === "Variation");
  const own = checkOwnAssignments(assignments, decision, env);

  let layered: JsonObject | undefined;
  if (decision?.hasOutput) {
    layered = mergeOutputs(decision.checked.default ?? {}, own);
    const missing = missingFields(layered, decision.checked.output).filter((path) => !decision.defaultGaps.has(path));
    if (missing.length > 0) {
      env.reporter.report("missing-output-field", pathway.name.span, `the pathway \`${pathway.name.name}\` leaves required output fields unset: ${listMembers(missing)}`, {
        related: [{ span: decision.declaration.name.span, message: `the output of \`${decision.checked.name}\`` }],
        help: decision.checked.default
          ? "assign them in the pathway or in the decision's `default`"
          : "assign them in the pathway, or give the decision a `default` that sets them",
      });
      // Variations only add to an incomplete pathway; one report is enough.
      layered = undefined;
    }
  }

  const checkedVariations: CheckedVariation[] = [];
  const variationNames = new Map<string, Variation>();
  for (const variation of variations) {
    const first = variationNames.get(variation.name.name);
    if (first) {
      env.reporter.report("duplicate-declaration", variation.name.span, `the variation \`${variation.name.name}\` appears twice in the pathway \`${pathway.name.name}\``, {
        related: [{ span: first.name.span, message: "first declared here" }],
        help: "merge their assignments; the first one always wins",
      });
    } else {
      variationNames.set(variation.name.name, variation);
    }
    const checked = checkVariation(variation, decision, env);
    if (layered && decision) {
      const missing = missingFields(mergeOutputs(layered, checked.assignments), decision.checked.output);
      if (missing.length > 0) {
        env.reporter.report("missing-output-field", variation.name.span, `the variation \`${variation.name.name}\` leaves required output fields unset: ${listMembers(missing)}`);
      }
    }
    checkedVariations.push(checked);
  }
  return { name: pathway.name.name, when, assignments: own, variations: checkedVariations, span: pathway.span };
}

function checkVariation(variation: Variation, decision: DecisionInfo | undefined, env: ScenarioEnvironment): CheckedVariation {
  const name = variation.name.name;
  let condition: CheckedCondition;
  let segment: string | null = null;
  if (variation.when) {
    const declared = env.symbols.segments.get(name);
    if (declared) {
      env.reporter.report("duplicate-declaration", variation.name.span, `the inline variation \`${name}\` has the name of a declared segment`, {
        related: [{ span: declared.name.span, message: `the segment \`${name}\` is declared here` }],
        help: `drop \`when …\` to use the segment, or rename the inline variation`,
      });
    }
    condition = env.conditions.lower(variation.when, "variation");
  } else {
    condition = env.conditions.variationSegment(variation.name);
    segment = name;
  }
  const assignments = checkOwnAssignments(variation.assignments, decision, env);
  const split = variation.split
    ? checkSplit(variation.split, env.experiments, env.reporter, env.usedExperiments, (arm) => checkOwnAssignments(arm, decision, env))
    : undefined;
  return split ? { name, segment, condition, assignments, split, span: variation.span } : { name, segment, condition, assignments, span: variation.span };
}

function checkOwnAssignments(assignments: readonly Assignment[], decision: DecisionInfo | undefined, env: ScenarioEnvironment): JsonObject {
  // Without a known output there is nothing to check against; the missing
  // decision or output block is reported once, elsewhere.
  if (!decision?.hasOutput) return {};
  return checkAssignments(assignments, decision.checked.output, { site: "assignment", prefix: "" }, env).value;
}

function checkMetricUses(block: MetricsBlock | undefined, declaration: ScenarioDeclaration, status: ScenarioStatus, env: ScenarioEnvironment): CheckedMetricUse[] {
  const uses: CheckedMetricUse[] = [];
  const primaries: MetricUse[] = [];
  for (const use of block?.uses ?? []) {
    const metricName = use.metric.name;
    if (env.symbols.metrics.has(metricName)) {
      env.usage.metrics.add(metricName);
    } else {
      const help = didYouMean(metricName, env.symbols.metrics.keys());
      env.reporter.report("unknown-metric", use.metric.span, `there is no metric named \`${metricName}\``, {
        help: help ?? `declare it with \`metric ${metricName} { unit "…", better higher }\``,
      });
    }
    if (use.role === "primary") primaries.push(use);
    let window: CheckedMetricUse["window"] = null;
    if (use.within) {
      const amount = use.within.amount;
      if (!amount.isInteger || amount.value <= 0) {
        env.reporter.report("invalid-metric-window", amount.span, `a metric window is a positive whole number of ${use.within.unit}, not \`${amount.raw}\``);
      } else {
        window = { amount: amount.value, unit: use.within.unit };
      }
    }
    uses.push({ role: use.role, metric: metricName, target: use.target ? use.target.value : null, window });
  }
  if (status === "active") {
    if (primaries.length === 0) {
      env.reporter.report("primary-metric-count", declaration.name.span, `the active scenario \`${declaration.name.name}\` has no primary metric`, {
        help: "name the one outcome that says whether it works: `metrics { primary METRIC target +N% }`",
      });
    }
    const first = primaries[0];
    for (const extra of primaries.slice(1)) {
      env.reporter.report("primary-metric-count", leadingSpan(extra.span, "primary".length), `the active scenario \`${declaration.name.name}\` has more than one primary metric`, {
        related: first ? [{ span: leadingSpan(first.span, "primary".length), message: "the first primary metric" }] : [],
        help: "keep one `primary`; make the others `secondary` or `guardrail`",
      });
    }
  }
  return uses;
}
