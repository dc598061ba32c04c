/**
 * Random well-typed checked programs: a random context schema, optionally a
 * consent gate, one or two decisions with outputs and defaults, and scenarios
 * with random priorities (ties are common on purpose), statuses, situations,
 * pathways (some `otherwise`), variations and metrics.
 *
 * Invariant: the programs respect the checker's rules that the compiler
 * relies on: every path is declared and every test fits its type; `otherwise`
 * is last; `personal` fields are read only by variation conditions, and only
 * when a consent gate exists. Spans are distinct per scenario, pathway and
 * variation, on increasing lines, in source order.
 */
import fc from "fast-check";
import type {
  CheckedConsent,
  CheckedDecision,
  CheckedExperiment,
  CheckedField,
  CheckedSplit,
  CheckedMetricUse,
  CheckedPathway,
  CheckedProgram,
  CheckedScenario,
  CheckedVariation,
  JsonObject,
  ScenarioStatus,
} from "@scn/language";
import { arbitraryCondition, type ConditionPaths } from "./conditions.js";
import { arbitrarySchema, consentField, leafPaths, recordPaths } from "./schema.js";
import { GENERATED_FILE, SpanSource, spanAtLine } from "./spans.js";

export interface ProgramOptions {
  /** Whether to declare a consent gate: always, never, or either (default). */
  readonly gate?: boolean;
  /** Whether context leaves may be `personal` (default true; they are only read where allowed). */
  readonly personal?: boolean;
  /** Most scenarios per decision (default 4). */
  readonly maxScenarios?: number;
  /**
   * Whether variations may run `split`s of an experiment on the context field
   * `unit_id` (default false). No condition reads that field, as the checker
   * requires (SCN2310).
   */
  readonly experiments?: boolean;
}

/** The generated experiment: three arms, coverage below 100% so some units are not enrolled. */
const EXPERIMENT: CheckedExperiment = {
  name: "trial",
  title: null,
  owner: null,
  unit: "unit_id",
  arms: [
    { name: "a", weight: 50 },
    { name: "b", weight: 30 },
    { name: "c", weight: 20 },
  ],
  coverage: 80,
  seed: "trial",
  status: "running",
  metrics: [],
  span: spanAtLine(0),
};

const UNIT_FIELD: CheckedField = { name: "unit_id", type: { kind: "string" }, optional: true, personal: false, span: spanAtLine(0) };


const ACTIONS = ["go", "stop", "wait"] as const;

const OUTPUT: readonly CheckedField[] = [
  { name: "action", type: { kind: "enum", members: [...ACTIONS] }, optional: false, personal: false, span: spanAtLine(0) },
  { name: "message", type: { kind: "string" }, optional: false, personal: false, span: spanAtLine(0) },
  {
    name: "extra",
    type: { kind: "record", fields: [{ name: "level", type: { kind: "int" }, optional: false, personal: false, span: spanAtLine(0) }, { name: "note", type: { kind: "string" }, optional: true, personal: false, span: spanAtLine(0) }] },
    optional: true,
    personal: false,
    span: spanAtLine(0),
  },
];

const assignments: fc.Arbitrary<JsonObject> = fc
  .record(
    {
      action: fc.constantFrom(...ACTIONS),
      message: fc.constantFrom("m1", "m2", "m3"),
      extra: fc.oneof(fc.record({ level: fc.integer({ min: 0, max: 3 }) }), fc.record({ note: fc.constantFrom("n1", "n2") })),
    },
    { requiredKeys: [] },
  )
  .map((a) => a as JsonObject);

const split = fc
  .tuple(assignments, assignments, assignments)
  .map(([a, b, c]): CheckedSplit => ({ experiment: EXPERIMENT.name, arms: [{ name: "a", assignments: a }, { name: "b", assignments: b }, { name: "c", assignments: c }], span: spanAtLine(0) }));

const metrics: fc.Arbitrary<CheckedMetricUse[]> = fc
  .shuffledSubarray(["m1", "m2", "m3"])
  .chain((others) =>
    fc.tuple(...others.map((metric) => fc.constantFrom<"guardrail" | "secondary">("guardrail", "secondary").map((role) => ({ role, metric })))).map((uses) => [
      { role: "primary" as const, metric: "m0" },
      ...uses,
    ]),
  )
  .chain((uses) => fc.shuffledSubarray(uses, { minLength: uses.length, maxLength: uses.length }))
  .map((uses) => uses.map((u): CheckedMetricUse => ({ ...u, target: null, window: null })));

interface Shape {
  readonly situations: ConditionPaths;
  readonly variations: ConditionPaths;
  readonly experiments: boolean;
}

function arbitraryVariation(shape: Shape, index: number): fc.Arbitrary<CheckedVariation> {
  const withSplit = shape.experiments ? fc.option(split, { nil: undefined, freq: 2 }) : fc.constant(undefined);
  return fc.record({ condition: arbitraryCondition(shape.variations), assignments, split: withSplit }).map(({ split: s, ...v }) => ({
    name: `v${index}`,
    segment: null,
    ...v,
    ...(s === undefined ? {} : { split: s }),
    span: spanAtLine(0),
  }));
}

function arbitraryPathway(shape: Shape, index: number, otherwise: boolean): fc.Arbitrary<CheckedPathway> {
  return fc
    .record({
      when: otherwise ? fc.constant(null) : arbitraryCondition(shape.situations),
      assignments,
      variations: fc.integer({ min: 0, max: 2 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => arbitraryVariation(shape, i)))),
    })
    .map((p) => ({ name: `p${index}`, ...p, span: spanAtLine(0) }));
}

function arbitraryScenario(shape: Shape, decision: string, index: number): fc.Arbitrary<CheckedScenario> {
  return fc
    .record({
      status: fc.constantFrom<ScenarioStatus>("active", "active", "active", "active", "draft", "paused"),
      priority: fc.integer({ min: 0, max: 2 }),
      situation: arbitraryCondition(shape.situations),
      pathways: fc
        .tuple(fc.integer({ min: 1, max: 3 }), fc.boolean())
        .chain(([n, lastOtherwise]) => fc.tuple(...Array.from({ length: n }, (_, i) => arbitraryPathway(shape, i, lastOtherwise && i === n - 1)))),
      metrics,
    })
    .map((s) => ({
      name: `${decision}_s${index}`,
      title: null,
      decision,
      owner: "cx",
      impact: null,
      feasibility: null,
      expires: null,
      tags: [],
      goal: "goal",
      ...s,
      span: spanAtLine(0),
    }));
}

function arbitraryDecision(shape: Shape, name: string, maxScenarios: number): fc.Arbitrary<{ decision: CheckedDecision; scenarios: CheckedScenario[] }> {
  return fc
    .record({
      default: fc.option(fc.constant<JsonObject>({ action: "wait", message: "default", extra: { level: 0 } }), { nil: null }),
      scenarios: fc.integer({ min: 1, max: maxScenarios }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => arbitraryScenario(shape, name, i)))),
    })
    .map(({ default: dflt, scenarios }) => ({ decision: { name, title: null, output: OUTPUT, default: dflt, span: spanAtLine(0) }, scenarios }));
}

/** Gives every scenario, pathway and variation its own line, in source order. */
function placeSpans(scenarios: readonly CheckedScenario[]): CheckedScenario[] {
  const spans = new SpanSource();
  return scenarios.map((s) => ({
    ...s,
    span: spans.next(),
    pathways: s.pathways.map((p) => ({ ...p, span: spans.next(), variations: p.variations.map((v) => ({ ...v, span: spans.next() })) })),
  }));
}

function pathsOf(fields: readonly CheckedField[], includePersonal: boolean): ConditionPaths {
  const leaves = leafPaths(fields).filter((l) => includePersonal || !l.field.personal);
  const records = recordPaths(fields).filter((r) => includePersonal || leafPaths(fields).every((l) => !l.path.startsWith(`${r}.`) || !l.field.personal));
  return { leaves, records };
}

export function arbitraryProgram(options: ProgramOptions = {}): fc.Arbitrary<CheckedProgram> {
  const gate = options.gate === undefined ? fc.boolean() : fc.constant(options.gate);
  return fc
    .tuple(gate, fc.integer({ min: 1, max: 2 }))
    .chain(([hasGate, decisionCount]) =>
      fc.tuple(arbitrarySchema({ personal: (options.personal ?? true) && hasGate }), hasGate ? consentField.map((f) => [f]) : fc.constant([])).chain(([schema, consent]) => {
        const read = [...schema, ...consent];
        const shape: Shape = { situations: pathsOf(read, false), variations: pathsOf(read, hasGate), experiments: options.experiments === true };
        const context = options.experiments === true ? [...read, UNIT_FIELD] : read;
        const decisions = Array.from({ length: decisionCount }, (_, i) => arbitraryDecision(shape, `d${i}`, options.maxScenarios ?? 4));
        return fc.tuple(...decisions).map((ds): CheckedProgram => {
          const consents: CheckedConsent[] = hasGate ? [{ name: "personalization", path: "consent.ok", span: spanAtLine(0) }] : [];
          return {
            files: [GENERATED_FILE],
            context,
            consents,
            segments: [],
            decisions: ds.map((d) => d.decision),
            scenarios: placeSpans(ds.flatMap((d) => d.scenarios)),
            metrics: ["m0", "m1", "m2", "m3"].map((name) => ({ name, title: null, unit: null, better: "higher" as const, span: spanAtLine(0) })),
            tests: [],
            ...(options.experiments === true ? { experiments: [EXPERIMENT] } : {}),
          };
        });
      }),
    );
}

/** The `personal` leaf paths of a program's context. */
export function personalPaths(program: CheckedProgram): string[] {
  return leafPaths(program.context)
    .filter((l) => l.field.personal)
    .map((l) => l.path);
}

