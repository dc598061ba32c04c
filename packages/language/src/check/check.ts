/**
 * The checker stage: syntax tree in, `CheckedProgram` out. It reads as the
 * sequence of its passes: collect declarations, resolve types and the
 * context, check consents, lower segments, check metrics and decisions, check
 * and lower scenarios and tests, then hygiene.
 *
 * Invariants: never throws on a tree the parser can produce (including
 * partial trees from error recovery); always returns a complete value;
 * diagnostics are sorted by file, then position. When the diagnostics include
 * an error, the value may be partial and the compiler must not use it.
 */
import type { Program } from "../ast.js";
import type { CheckedExperiment, CheckedMetric, CheckedProgram, CheckedScenario, CheckedSegment } from "../checked.js";
import { checkExperiment, reportUnitsInConditions, reportUnusedExperiments } from "./experiments.js";
import type { StageResult } from "../diagnostic.js";
import { ConditionLowering } from "./conditions.js";
import { checkConsent } from "./consent.js";
import { ConstTable } from "./consts.js";
import { ContextIndex, mergeContext } from "./context.js";
import { collectDeclarations } from "./declarations.js";
import { checkDecision, type DecisionInfo } from "./decisions.js";
import { reportDecisionsWithoutScenarios, reportScenarioHygiene, reportUnreadFields, reportUnused } from "./hygiene.js";
import { checkMetric } from "./metrics.js";
import { Reporter } from "./report.js";
import { TypeResolver } from "./resolve-types.js";
import { checkScenario } from "./scenarios.js";
import { segmentLoweringOrder, typeResolutionOrder } from "./dependency-order.js";
import { checkTest } from "./test-blocks.js";
import { FixtureTable } from "./fixtures.js";
import { Usage } from "./usage.js";

export interface CheckOptions {
  /** `YYYY-MM-DD`; review dates before it are reported. Defaults to the current UTC date. */
  readonly today?: string;
}

export function checkProgram(program: Program, options: CheckOptions = {}): StageResult<CheckedProgram> {
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const reporter = new Reporter();
  const usage = new Usage();
  const symbols = collectDeclarations(program, reporter);
  const consts = new ConstTable(symbols, reporter, usage);
  const types = new TypeResolver(symbols, consts, reporter, usage);
  types.resolveDeclaredTypes(typeResolutionOrder(symbols));
  const context = new ContextIndex(mergeContext(symbols.contexts, types, reporter));
  const consents = [...symbols.consents.values()].map((declaration) => checkConsent(declaration, context, reporter));
  const conditions = new ConditionLowering({
    reporter,
    consts,
    context,
    symbols,
    usage,
    types,
    hasConsentGates: symbols.consents.size > 0,
  });

  // Dependencies first, so that even a long chain of segments lowers with a
  // shallow stack; each is memoized and reused below.
  for (const name of segmentLoweringOrder(symbols)) conditions.segment(name);

  // Every declaration is checked, duplicates included; only the first of a
  // name is part of the checked program.
  const segments: CheckedSegment[] = [];
  const metrics = new Map<string, CheckedMetric>();
  const decisions = new Map<string, DecisionInfo>();
  for (const declaration of symbols.all) {
    if (declaration.kind === "SegmentDeclaration") {
      const first = symbols.segments.get(declaration.name.name) === declaration;
      const condition = first ? conditions.segment(declaration.name.name)?.condition : conditions.lower(declaration.condition, "segment");
      if (first && condition) {
        segments.push({ name: declaration.name.name, title: declaration.title?.value ?? null, condition, span: declaration.span });
      }
    } else if (declaration.kind === "MetricDeclaration") {
      const metric = checkMetric(declaration, reporter, consts);
      if (symbols.metrics.get(declaration.name.name) === declaration) metrics.set(metric.name, metric);
    } else if (declaration.kind === "DecisionDeclaration") {
      const info = checkDecision(declaration, { reporter, consts, context, types });
      if (symbols.decisions.get(declaration.name.name) === declaration) decisions.set(info.checked.name, info);
    }
  }

  const experiments = new Map<string, CheckedExperiment>();
  for (const declaration of symbols.all) {
    if (declaration.kind !== "ExperimentDeclaration") continue;
    const experiment = checkExperiment(declaration, { reporter, consts, context, metricNames: new Set(symbols.metrics.keys()), metrics, usedMetrics: usage.metrics });
    if (symbols.experiments.get(declaration.name.name) === declaration) experiments.set(experiment.name, experiment);
  }

  const usedExperiments = new Set<string>();
  const scenarioEnvironment = { reporter, consts, context, symbols, usage, conditions, decisions, experiments, usedExperiments };
  const scenarios: CheckedScenario[] = [];
  for (const declaration of symbols.all) {
    if (declaration.kind !== "ScenarioDeclaration") continue;
    const scenario = checkScenario(declaration, scenarioEnvironment);
    reportScenarioHygiene(declaration, scenario, metrics, today, reporter);
    if (symbols.scenarios.get(declaration.name.name) === declaration) scenarios.push(scenario);
  }
  const fixtures = new FixtureTable({ reporter, consts, context, symbols, usage });
  fixtures.checkAll();
  const tests = symbols.tests.map((declaration) => checkTest(declaration, { reporter, consts, context, symbols, decisions, experiments, fixtures }));

  reportUnitsInConditions(scenarios, experiments, reporter);
  reportUnusedExperiments(symbols.experiments, usedExperiments, reporter);
  reportUnused(symbols, usage, reporter);
  reportDecisionsWithoutScenarios(symbols, usage, reporter);
  // A condition that failed to check records no reads, so on a program with
  // errors the note would blame fields that are in fact read.
  if (!reporter.hasErrors()) reportUnreadFields({ context: context.fields, consents, segments, scenarios, experiments: [...experiments.values()] }, reporter);

  return {
    value: {
      files: program.files.map((file) => file.path),
      context: context.fields,
      consents,
      segments,
      decisions: [...decisions.values()].map((info) => info.checked),
      scenarios,
      metrics: [...metrics.values()],
      tests,
      experiments: [...experiments.values()],
    },
    diagnostics: reporter.sorted(),
  };
}
