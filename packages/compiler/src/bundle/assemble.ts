/**
 * The last step before emitting: assembles the bundle
 * (packages/runtime/src/bundle.ts) with its hash from a checked program and
 * its optimized decisions (pipeline.ts runs the stages before it).
 *
 * Invariant: the bundle depends only on the program's meaning and the
 * relative source names, never on the order files were read in, the time or
 * the machine, so compiling twice gives the same bytes once serialized by
 * emit/json.ts. The decisions are those of a complete lowering of a program
 * the checker accepted without errors.
 */
import type { CheckedExperiment, CheckedMetric, CheckedProgram, CheckedScenario } from "@scn/language";
import { experimentRanges } from "../semantics/experiments.js";
import { BUNDLE_FORMAT, bundleDocument, type Bundle, type BundleDocument, type DecisionTable, type ExperimentMeta, type MetricMeta, type Row, type ScenarioMeta } from "@scn/runtime";
import { compareCodeUnits, hashedDocument, WIDE } from "./canonical-json.js";
import { contextSchema, outputSchema } from "../contexts/context-schema.js";
import type { OptimizedDecision, OptimizeStats } from "../optimize/optimize.js";
import { COMPILER_VERSION } from "./version.js";

export interface AssembleOptions {
  /**
   * The relative name of each file of `program.files`, index for index
   * (`sources[i]` names `program.files[i]`). The bundle lists them sorted.
   */
  readonly sources: readonly string[];
}

export interface DecisionStats extends OptimizeStats {
  readonly decision: string;
}

export interface CompiledProgram {
  readonly bundle: Bundle;
  /** One entry per decision, in declaration order. */
  readonly stats: DecisionStats[];
}

export function assembleBundle(program: CheckedProgram, optimizedDecisions: readonly OptimizedDecision[], options: AssembleOptions): CompiledProgram {
  const { sources, fileIndex } = sortedSources(program, options.sources);
  const stats: DecisionStats[] = [];
  const decisions: [string, DecisionTable][] = [];
  for (const optimized of optimizedDecisions) {
    const declared = program.decisions.find((d) => d.name === optimized.decision.name);
    if (declared === undefined) throw new Error(`internal: lowered decision \`${optimized.decision.name}\` is not declared`);
    const { decision, index } = optimized;
    stats.push({ decision: decision.name, ...optimized.stats });
    decisions.push([
      decision.name,
      {
        title: decision.title,
        output: outputSchema(declared.output),
        default: decision.default,
        columns: decision.columns,
        outcomes: decision.outcomes,
        rows: bundleRows(decision.rows, fileIndex),
        index,
      },
    ]);
  }
  const content: Omit<Bundle, "hash"> = {
    format: BUNDLE_FORMAT,
    compiler: COMPILER_VERSION,
    sources,
    context: contextSchema(program.context),
    consent: program.consents.map((gate) => ({ name: gate.name, path: gate.path })),
    // Object.fromEntries keeps user names such as `__proto__` as plain keys.
    decisions: Object.fromEntries(decisions),
    scenarios: Object.fromEntries(program.scenarios.map((s) => [s.name, scenarioMeta(s)])),
    metrics: Object.fromEntries(program.metrics.map((m) => [m.name, metricMeta(m)])),
    // Only programs that declare experiments carry the section, so every other bundle keeps its bytes.
    ...((program.experiments ?? []).length > 0 ? { experiments: Object.fromEntries((program.experiments ?? []).map((e) => [e.name, experimentMeta(e)])) } : {}),
  };
  // The hash is of the bundle as its file holds it, tables encoded, so any reader can recompute it.
  const document = bundleDocument(content);
  // The file's text is written here, and the hashed form taken from it (hashedDocument).
  const { hash, text } = hashedDocument(document, "hash", WIDE);
  const bundle = { ...content, hash };
  documents.set(bundle, { ...document, hash });
  files.set(bundle, text);
  return { bundle, stats };
}

/**
 * The text of the `json` target (emit/json.ts) of each bundle assembled
 * here: `prettyCanonicalJson(documentOf(bundle), WIDE)`, written while
 * hashing the bundle, so that the build writes its largest document once
 * (docs/optimizer.md#canonical-text).
 */
const files = new WeakMap<Bundle, string>();

/** The `json` target's text of a bundle assembled here, or undefined for any other bundle. */
export function assembledFile(bundle: Bundle): string | undefined {
  return files.get(bundle);
}

/**
 * The document each bundle assembled here was hashed from, with its hash:
 * exactly `bundleDocument(bundle)`, which the emitters of the same build
 * read instead of encoding every table again (docs/optimizer.md#conformance-witnesses).
 */
const documents = new WeakMap<Bundle, BundleDocument>();

/** `bundleDocument(bundle)`, made once for a bundle assembled here. */
export function documentOf(bundle: Bundle): Omit<BundleDocument, "hash"> {
  return documents.get(bundle) ?? bundleDocument(bundle);
}

/**
 * The rows with each source file numbered as the bundle lists it. A row
 * whose file keeps its number is the optimizer's row object itself (rows
 * are never changed once built): a program of one file, or of files read
 * in sorted order, copied every row for nothing, 50,000 objects and their
 * source triples at 10,000 scenarios.
 */
function bundleRows(rows: readonly Row[], fileIndex: (i: number) => number): Row[] {
  const out = new Array<Row>(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as Row;
    const file = fileIndex(row.src[0]);
    out[r] = file === row.src[0] ? row : { ...row, src: [file, row.src[1], row.src[2]] };
  }
  return out;
}

/** The bundle's sorted source list, and where each of the program's files went in it. */
function sortedSources(program: CheckedProgram, names: readonly string[]): { sources: string[]; fileIndex: (i: number) => number } {
  if (names.length !== program.files.length) {
    throw new Error(`internal: ${names.length} source names for ${program.files.length} files`);
  }
  const sources = [...names].sort(compareCodeUnits);
  const position = names.map((name) => sources.indexOf(name));
  return { sources, fileIndex: (i) => position[i] ?? i };
}

function scenarioMeta(scenario: CheckedScenario): ScenarioMeta {
  return {
    title: scenario.title,
    goal: scenario.goal,
    decision: scenario.decision,
    owner: scenario.owner,
    status: scenario.status,
    priority: scenario.priority,
    impact: scenario.impact,
    feasibility: scenario.feasibility,
    expires: scenario.expires,
    tags: [...scenario.tags],
    metrics: scenario.metrics.map((use) => ({
      role: use.role,
      metric: use.metric,
      target: use.target,
      window: use.window === null ? null : { amount: use.window.amount, unit: use.window.unit },
    })),
  };
}

function experimentMeta(experiment: CheckedExperiment): ExperimentMeta {
  const ranges = experimentRanges(experiment);
  return {
    title: experiment.title,
    owner: experiment.owner,
    unit: experiment.unit,
    seed: experiment.seed,
    coverage: experiment.coverage,
    status: experiment.status,
    arms: experiment.arms.map((arm, i) => ({ name: arm.name, weight: arm.weight, range: [ranges[i]![0], ranges[i]![1]] })),
    metrics: experiment.metrics.map((use) => ({
      role: use.role,
      metric: use.metric,
      target: use.target,
      window: use.window === null ? null : { amount: use.window.amount, unit: use.window.unit },
    })),
  };
}

function metricMeta(metric: CheckedMetric): MetricMeta {
  return { title: metric.title, unit: metric.unit, better: metric.better };
}

