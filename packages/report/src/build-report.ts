/**
 * Builds the report's data from a program's sources: the driver checks,
 * lowers and analyzes it (`compile` with `stopAfter: "analyze"`,
 * docs/report.md), and when it has no error the lowered decisions give the
 * first-hit rows the report shows. Building the optimized index is left out on purpose: the
 * report shows what the rows mean, not how the runtime finds them, and the
 * index is the slow part of a build.
 */
import { compile, type LoweredDecision, type PipelineOptions, type SourceText } from "@scn/compiler";
import type { CheckedDecision, CheckedProgram, CheckedScenario, Diagnostic } from "@scn/language";
import type { JsonValue } from "@scn/runtime";
import { REPORT_FORMAT, type Level, type Report, type ReportDecision, type ReportExperiment, type ReportFinding, type ReportMatrix, type ReportMetric, type ReportProgram, type ReportScenario, type ReportTable } from "./model.js";
import { cellWords, conditionWords } from "./words.js";

export interface ProgramInput {
  readonly name: string;
  readonly sources: readonly SourceText[];
  /** The driver's options for this program (severity settings); `today` is set by `buildReport`. */
  readonly options?: PipelineOptions;
}

export interface ReportOptions {
  /** `YYYY-MM-DD`; default: today, UTC. */
  readonly today?: string;
  readonly compilerVersion: string;
}

export function buildReport(programs: readonly ProgramInput[], options: ReportOptions): Report {
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  return {
    format: REPORT_FORMAT,
    compilerVersion: options.compilerVersion,
    today,
    programs: rankScenarios(programs.map((input) => buildProgram(input, today))),
  };
}

function buildProgram(input: ProgramInput, today: string): ReportProgram {
  const compilation = compile(input.sources, { ...input.options, today, stopAfter: "analyze" });
  const program = compilation.program;
  const lowering = compilation.ok ? compilation.lowering : null;
  const findings = compilation.diagnostics.map(finding);
  const scenarios = program.scenarios.map((s) => scenario(s, program, today));
  return {
    name: input.name,
    files: program.files,
    ok: compilation.ok,
    consents: program.consents.map((c) => ({ name: c.name, path: c.path })),
    segments: program.segments.map((s) => ({ name: s.name, title: s.title, condition: conditionWords(s.condition) })),
    scenarios,
    decisions: program.decisions.map((d) => decision(d, program, lowering?.decisions.get(d.name) ?? null)),
    metrics: metrics(program),
    experiments: experiments(program),
    findings,
    hygiene: {
      expired: scenarios.filter((s) => s.expired).map((s) => s.name),
      unowned: scenarios.filter((s) => s.owner === null && s.status !== "retired").map((s) => s.name),
      drafts: scenarios.filter((s) => s.status === "draft").map((s) => s.name),
      gaps: indexesOf(findings, ["SCN3005", "SCN3006"]),
      overlaps: indexesOf(findings, ["SCN3001"]),
    },
  };
}

function indexesOf(findings: readonly ReportFinding[], codes: readonly string[]): number[] {
  return findings.flatMap((f, i) => (codes.includes(f.code) ? [i] : []));
}

function finding(d: Diagnostic): ReportFinding {
  return {
    code: d.code,
    severity: d.severity,
    message: d.message,
    help: d.help ?? null,
    file: d.span.file,
    line: d.span.start.line,
    column: d.span.start.column,
    witness: d.witness === undefined ? null : (d.witness as JsonValue),
  };
}

const LEVEL: Record<Level, number> = { low: 1, medium: 2, high: 3 };

function scenario(s: CheckedScenario, program: CheckedProgram, today: string): ReportScenario {
  const titles = new Map(program.segments.map((seg) => [seg.name, seg.title]));
  return {
    name: s.name,
    title: s.title,
    decision: s.decision,
    owner: s.owner,
    status: s.status,
    priority: s.priority,
    impact: s.impact,
    feasibility: s.feasibility,
    expires: s.expires,
    expired: s.expires !== null && s.expires < today,
    tags: s.tags,
    goal: s.goal,
    situation: conditionWords(s.situation),
    pathways: s.pathways.map((p) => ({
      name: p.name,
      when: p.when === null ? null : conditionWords(p.when),
      assignments: p.assignments,
      variations: p.variations.map((v) => ({
        name: v.name,
        segmentTitle: v.segment === null ? null : (titles.get(v.segment) ?? null),
        inline: v.segment === null,
        condition: conditionWords(v.condition),
        assignments: v.assignments,
      })),
    })),
    metrics: s.metrics.map((m) => ({ metric: m.metric, role: m.role, target: m.target, window: m.window })),
    score: s.impact !== null && s.feasibility !== null ? LEVEL[s.impact] * LEVEL[s.feasibility] : null,
    rank: null,
    location: { file: s.span.file, line: s.span.start.line },
  };
}

/**
 * The top three of the prioritization picture, over the whole catalog: the
 * rated scenarios that are not retired, by impact × feasibility, then
 * impact, then priority, then program and source order. Drafts take part:
 * choosing which drafts to launch is what the picture is for.
 */
function rankScenarios(programs: ReportProgram[]): ReportProgram[] {
  const order = programs
    .flatMap((p) => p.scenarios)
    .map((s, position) => ({ s, position }))
    .filter(({ s }) => s.score !== null && s.status !== "retired")
    .sort((a, b) => (b.s.score ?? 0) - (a.s.score ?? 0) || LEVEL[b.s.impact ?? "low"] - LEVEL[a.s.impact ?? "low"] || b.s.priority - a.s.priority || a.position - b.position);
  const ranks = new Map(order.slice(0, 3).map(({ s }, i) => [s, i + 1]));
  return programs.map((p) => ({ ...p, scenarios: p.scenarios.map((s) => ({ ...s, rank: ranks.get(s) ?? null })) }));
}

function decision(d: CheckedDecision, program: CheckedProgram, lowered: LoweredDecision | null): ReportDecision {
  return {
    name: d.name,
    title: d.title,
    outputFields: d.output.map((f) => f.name),
    default: d.default,
    matrix: matrix(program.scenarios.filter((s) => s.decision === d.name)),
    table: lowered === null ? null : table(lowered, program.files),
  };
}

function matrix(scenarios: readonly CheckedScenario[]): ReportMatrix {
  const segments: string[] = [];
  const rows = scenarios.flatMap((s) =>
    s.pathways.map((p) => {
      const variations: Record<string, { readonly [field: string]: JsonValue }> = {};
      for (const v of p.variations) {
        if (!segments.includes(v.name)) segments.push(v.name);
        variations[v.name] = v.assignments;
      }
      return { scenario: s.name, status: s.status, pathway: p.name, foundational: p.assignments, variations };
    }),
  );
  return { segments, rows };
}

function table(
  lowered: LoweredDecision,
  files: readonly string[],
): ReportTable {
  return {
    columns: lowered.columns.map((c) => c.path),
    rows: lowered.rows.map((row) => {
      const outcome = lowered.outcomes[row.outcome];
      if (outcome === undefined) throw new Error(`internal: row names outcome ${row.outcome}, which does not exist`);
      return {
        rule: outcome.rule,
        conditions: lowered.columns.map((_, i) => {
          const test = row.tests[String(i)];
          return test === undefined ? null : cellWords(test);
        }),
        output: outcome.output,
        location: { file: files[row.src[0]] ?? "", line: row.src[1] },
      };
    }),
  };
}

function metrics(program: CheckedProgram): ReportMetric[] {
  return program.metrics.map((m) => ({
    name: m.name,
    title: m.title,
    unit: m.unit,
    better: m.better,
    uses: program.scenarios.flatMap((s) =>
      s.metrics.filter((use) => use.metric === m.name).map((use) => ({ scenario: s.name, metric: use.metric, role: use.role, target: use.target, window: use.window })),
    ),
  }));
}

function experiments(program: CheckedProgram): ReportExperiment[] {
  return (program.experiments ?? []).map((e) => ({
    name: e.name,
    title: e.title,
    owner: e.owner,
    status: e.status,
    unit: e.unit,
    coverage: e.coverage,
    arms: e.arms.map((a) => ({ name: a.name, weight: a.weight })),
    seed: e.seed,
    usedBy: program.scenarios.flatMap((s) =>
      s.pathways.flatMap((p) => p.variations.filter((v) => v.split?.experiment === e.name).map((v) => ({ scenario: s.name, pathway: p.name, variation: v.name }))),
    ),
    metrics: e.metrics.map((m) => ({ metric: m.metric, role: m.role, target: m.target, window: m.window })),
  }));
}
