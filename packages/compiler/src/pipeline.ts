/**
 * The driver: every way of compiling `.scn` sources — each CLI command, the
 * benchmark, the tests — runs these stages, in this order:
 *
 *   parse → check → lower → analyze → optimize → assemble → emit
 *
 * Each stage is a function from an immutable value to `{ value, diagnostics }`
 * (docs/architecture is ARCHITECTURE.md's stage table). The decisions are
 * lowered once and handed to both analysis and optimization. Compilation
 * goes on only when nothing so far is an error: a checker error stops before
 * lowering, and a decision past a lowering limit (SCN3007) stops before
 * optimization, so no API can compile a table that lost its rows.
 *
 * `compileWithDetachedAnalysis` is the same driver with the analysis stage
 * run elsewhere (a worker thread of `scn build`) while this thread
 * optimizes, assembles and emits; it gives `compile`'s diagnostics and bytes.
 */
import type { InvalidByte } from "@scn/language";
import { checkProgram, hasErrors, parseProgram, sortDiagnostics, type CheckedProgram, type Diagnostic, type Program, type Severity, type StageResult } from "@scn/language";
import { analyzeProgram, type AnalysisOptions } from "./analysis/analyze.js";
import { assembleBundle, type CompiledProgram } from "./bundle/assemble.js";
import { emitTargets, type Artifact, type EmitHints, type SqlTargetOptions, type Target } from "./emit/targets.js";
import { BOX_LIMIT, completeLowering, lowerProgram, type LoweringLimits } from "./lower/lower.js";
import type { LoweredProgram, Lowering } from "./lower/lowered.js";
import { optimizeProgram, type OptimizedDecision } from "./optimize/optimize.js";
import { takeLoweredBoxes } from "./lower/scenario-conditions.js";

export interface SourceText {
  readonly path: string;
  readonly text: string;
  /** The first byte that is not UTF-8, when the file was read with `decodeSource` (reported as SCN1008). */
  readonly invalidByte?: InvalidByte | undefined;
}

/** A project's setting for one diagnostic code: another severity, or `off` to drop it. */
export type SeveritySetting = Severity | "off";

export type StageName = "parse" | "check" | "lower" | "analyze" | "optimize" | "assemble" | "emit";

export interface PipelineOptions {
  /** `YYYY-MM-DD`: the date expiry checks compare against (default: today, UTC). */
  readonly today?: string;
  /** Per-code severity settings from the project's config. */
  readonly severity?: ReadonlyMap<string, SeveritySetting>;
  /** Whether to run the exact analysis (default true); the benchmark times compilation without it. */
  readonly analyze?: boolean;
  /** Stop after this stage: `analyze` for `scn check`, `check` for tests of the checker (default: run every stage). */
  readonly stopAfter?: "check" | "analyze";
  /** Lowering and analysis limits (defaults: ROW_LIMIT, BOX_LIMIT, COVERAGE_BUDGET). */
  readonly limits?: LoweringLimits & AnalysisOptions;
  /** The targets to emit, in order (default: none, the compiled bundle only). */
  readonly targets?: readonly Target[];
  /** The dialects and names of the `sql` target (docs/warehouse.md). */
  readonly sql?: SqlTargetOptions;
  /**
   * Whether the result keeps each decision's lowered rows (`lowering`;
   * default true). `scn build` has no use for them once the decisions are
   * optimized, and at 10,000 scenarios they are about 23 MB that would stay
   * alive through emission, where the build's memory peaks
   * (docs/benchmarks.md, "Index building and vectors").
   */
  readonly keepLowering?: boolean;
  /** Called after each stage with its wall-clock time, for the benchmark. */
  readonly onStage?: (stage: StageName, millis: number) => void;
}

export interface Compilation {
  /** The checked program; with errors, as complete as the recovered syntax tree allows. */
  readonly program: CheckedProgram;
  /** Every diagnostic of every stage that ran, severity settings applied, sorted. */
  readonly diagnostics: readonly Diagnostic[];
  /** True when no diagnostic is an error. */
  readonly ok: boolean;
  /** The bundle and its statistics; null when the program has errors or `stopAfter` stopped before it. */
  readonly compiled: CompiledProgram | null;
  /** The targets asked for, emitted from `compiled`. */
  readonly artifacts: readonly Artifact[];
  /** Each decision's lowered rows (null past a lowering limit); null when the checker found errors, `stopAfter` is `check`, or `keepLowering` is false and the program compiled (or, in `compileWithDetachedAnalysis`, got as far as optimization). */
  readonly lowering: Lowering | null;
}

/** Compiles a program from its sources. */
export function compile(sources: readonly SourceText[], options: PipelineOptions = {}): Compilation {
  const { checked, front } = parseAndCheck(sources, options);
  if (hasErrors(front) || options.stopAfter === "check") return result(checked, settle(front, options), null, [], null);
  return compileChecked(checked, options, front);
}

/**
 * The front end's two stages in a function of their own, so that the syntax
 * tree is garbage as soon as the checker is done with it: no later stage
 * reads it, and at 10,000 scenarios it is most of the heap (docs/benchmarks.md,
 * "Index building and vectors").
 */
function parseAndCheck(sources: readonly SourceText[], options: PipelineOptions): { checked: CheckedProgram; front: Diagnostic[] } {
  const time = timer(options);
  const parsed = time("parse", () => parse(sources));
  const checked = time("check", () => check(parsed, options));
  return { checked: checked.value, front: [...parsed.diagnostics, ...checked.diagnostics] };
}

/** Compiles a program the checker accepted, e.g. one generated by a property test; `earlier` are the diagnostics so far. */
export function compileChecked(program: CheckedProgram, options: PipelineOptions = {}, earlier: readonly Diagnostic[] = []): Compilation {
  const front = lowerAndAnalyze(program, options, earlier);
  const diagnostics = front.diagnostics;
  if (front.complete === null || hasErrors(diagnostics) || options.stopAfter !== undefined) return result(program, diagnostics, null, [], front.lowering);
  // From here on the lowered rows are held only by the optimizer while it
  // runs and by the result that keeps them: the lowered program is taken
  // out of `front` rather than kept in a variable, so that no frame or
  // closure of this function holds it through emission.
  if (options.keepLowering === false) front.lowering = null;
  const { compiled, artifacts } = optimizeAndEmit(program, front, options);
  return result(program, diagnostics, compiled, artifacts, front.lowering);
}

/** The analysis stage's own diagnostics (before severity settings) and the wall-clock time it took. */
export interface AnalysisResult {
  readonly diagnostics: readonly Diagnostic[];
  readonly millis: number;
}

/**
 * The analysis stage running somewhere else, such as a worker thread that
 * `scn build` started with the same sources and options
 * (docs/cli.md#the-analysis-runs-beside-the-build).
 */
export interface DetachedAnalysis {
  /** What `analyzeSources` answers for the sources; rejects when the analysis failed (a bug in scn). */
  readonly result: Promise<AnalysisResult>;
  /** Stops the analysis whose answer is no longer wanted; harmless once it answered. */
  cancel(): void;
}

/**
 * The stages the analysis needs, and the analysis, for a worker: its
 * diagnostics are the analysis stage's own, before severity settings, so
 * that `compileWithDetachedAnalysis` merges them exactly where `compile`
 * would have. None when the front end found errors, since the build then
 * stops before analysis.
 */
export function analyzeSources(sources: readonly SourceText[], options: PipelineOptions = {}): AnalysisResult {
  const { checked, front } = parseAndCheck(sources, { ...options, onStage: undefined });
  if (hasErrors(front) || options.analyze === false) return { diagnostics: [], millis: 0 };
  const lowered = lower(checked, options);
  const start = performance.now();
  const analyzed = analyze(checked, lowered.value, options);
  return { diagnostics: analyzed.diagnostics, millis: performance.now() - start };
}

/**
 * `compile` with the analysis stage computed elsewhere (`analysis`, started
 * on the same sources and options, with `today` set) while this thread
 * optimizes, assembles and emits: analysis only adds diagnostics, and both
 * start from the same lowered program (docs/cli.md#the-analysis-runs-beside-the-build).
 *
 * The result is `compile`'s, diagnostic for diagnostic and byte for byte:
 * the analysis's diagnostics are merged, and severity settings applied, in
 * the order `compile` uses, and when any diagnostic is then an error the
 * compiled bundle and the artifacts are dropped, as if compilation had
 * stopped before optimization. The differences are only in cost: the
 * optimization of a program whose analysis finds an error is wasted, and
 * `onStage` reports the analysis last, with the time it took elsewhere.
 */
export async function compileWithDetachedAnalysis(sources: readonly SourceText[], options: PipelineOptions, analysis: DetachedAnalysis): Promise<Compilation> {
  try {
    const { checked, front } = parseAndCheck(sources, options);
    if (hasErrors(front) || options.stopAfter === "check") {
      analysis.cancel();
      return result(checked, settle(front, options), null, [], null);
    }
    const lowered = lowerOnly(checked, options, front);
    // Optimizing is worth starting only if nothing before the analysis stops the compilation.
    const optimizing = lowered.complete !== null && !hasErrors(settle(lowered.before, options)) && options.stopAfter === undefined;
    if (optimizing && options.keepLowering === false) lowered.lowering = null;
    const compiled = optimizing ? optimizeAndEmit(checked, lowered, options) : null;
    const analyzed = await analysis.result;
    options.onStage?.("analyze", analyzed.millis);
    const diagnostics = settle([...lowered.before, ...analyzed.diagnostics], options);
    if (compiled === null || hasErrors(diagnostics)) return result(checked, diagnostics, null, [], lowered.lowering);
    return result(checked, diagnostics, compiled.compiled, compiled.artifacts, lowered.lowering);
  } catch (error) {
    analysis.cancel();
    throw error;
  }
}

/** Lowering without the analysis, which runs elsewhere; `before` are the diagnostics so far, severity settings not yet applied. */
function lowerOnly(
  program: CheckedProgram,
  options: PipelineOptions,
  front: readonly Diagnostic[],
): { before: readonly Diagnostic[]; lowering: Lowering | null; complete: LoweredProgram | null } {
  const lowered = timer(options)("lower", () => lower(program, options));
  // The boxes lowering keeps for the analysis are taken by no one on this
  // thread; dropped now, they do not stay alive through optimization.
  for (const decision of lowered.value.decisions.values()) takeLoweredBoxes(decision, options.limits?.boxes ?? BOX_LIMIT);
  return { before: [...front, ...lowered.diagnostics], lowering: lowered.value, complete: completeLowering(lowered.value) };
}

/**
 * Optimization, assembly and emission, for both drivers. The lowered
 * program is taken out of `lowered` rather than passed in, so that only the
 * optimizer holds it while it runs and nothing holds it through emission
 * (see `keepLowering`).
 */
function optimizeAndEmit(program: CheckedProgram, lowered: { complete: LoweredProgram | null }, options: PipelineOptions): { compiled: CompiledProgram; artifacts: readonly Artifact[] } {
  // The vectors reuse the points pruning finds reaching each row (docs/optimizer.md#conformance-witnesses).
  const reaching = (options.targets ?? []).includes("vectors");
  const optimized = timer(options)("optimize", () => optimize(takeComplete(lowered), reaching));
  return assembleAndEmit(program, optimized.value, options);
}

/** Assembly and emission of the optimized decisions. */
function assembleAndEmit(program: CheckedProgram, optimized: readonly OptimizedDecision[], options: PipelineOptions): { compiled: CompiledProgram; artifacts: readonly Artifact[] } {
  const time = timer(options);
  const assembled = time("assemble", () => assemble(program, optimized));
  const reaching = new Map(optimized.map((d) => [d.decision.name, d.reaching] as const));
  const emitted = time("emit", () => emit(program, assembled.value, options.targets ?? [], options.sql ?? {}, { reaching }));
  return { compiled: assembled.value, artifacts: emitted.value };
}

function takeComplete(front: { complete: LoweredProgram | null }): LoweredProgram {
  const complete = front.complete as LoweredProgram;
  front.complete = null;
  return complete;
}

/** Lowering and analysis, with the lowered program when every decision was lowered completely (null past a lowering limit). */
function lowerAndAnalyze(
  program: CheckedProgram,
  options: PipelineOptions,
  earlier: readonly Diagnostic[],
): { diagnostics: readonly Diagnostic[]; lowering: Lowering | null; complete: LoweredProgram | null } {
  const time = timer(options);
  const lowered = time("lower", () => lower(program, options));
  const analyzed = time("analyze", () => analyze(program, lowered.value, options));
  const diagnostics = settle([...earlier, ...lowered.diagnostics, ...analyzed.diagnostics], options);
  return { diagnostics, lowering: lowered.value, complete: completeLowering(lowered.value) };
}

// The stages, one line each, so that the two functions above read as the pipeline.

const parse = (sources: readonly SourceText[]): StageResult<Program> => parseProgram(sources);

/**
 * On a tree with syntax errors the checker's findings would mostly echo them
 * ("missing goal" for a goal line that failed to parse), so they wait until
 * the syntax is fixed; the checked value is still as complete as the tree allows.
 */
function check(parsed: StageResult<Program>, options: PipelineOptions): StageResult<CheckedProgram> {
  const checked = checkProgram(parsed.value, options.today === undefined ? {} : { today: options.today });
  return hasErrors(parsed.diagnostics) ? { value: checked.value, diagnostics: [] } : checked;
}

const lower = (program: CheckedProgram, options: PipelineOptions): StageResult<Lowering> => lowerProgram(program, options.limits ?? {});

/** The exact analysis of every decision that was lowered; none when the options turn it off. */
function analyze(program: CheckedProgram, lowering: Lowering, options: PipelineOptions): StageResult<null> {
  return options.analyze === false ? { value: null, diagnostics: [] } : analyzeProgram(program, lowering, options.limits ?? {});
}

const optimize = (lowered: LoweredProgram, reaching: boolean): StageResult<readonly OptimizedDecision[]> => ({ value: optimizeProgram(lowered, { reaching }), diagnostics: [] });

const assemble = (program: CheckedProgram, optimized: readonly OptimizedDecision[]): StageResult<CompiledProgram> => ({
  value: assembleBundle(program, optimized, { sources: program.files }),
  diagnostics: [],
});

const emit = (program: CheckedProgram, compiled: CompiledProgram, targets: readonly Target[], sql: SqlTargetOptions, hints: EmitHints): StageResult<readonly Artifact[]> => ({
  value: emitTargets(program, compiled.bundle, targets, sql, hints),
  diagnostics: [],
});

function result(program: CheckedProgram, diagnostics: readonly Diagnostic[], compiled: CompiledProgram | null, artifacts: readonly Artifact[], lowering: Lowering | null): Compilation {
  return { program, diagnostics, ok: !hasErrors(diagnostics), compiled, artifacts, lowering };
}

/** The diagnostics as reported: the project's severity settings applied, sorted by place. */
function settle(diagnostics: readonly Diagnostic[], options: PipelineOptions): readonly Diagnostic[] {
  return sortDiagnostics(applySeverities(diagnostics, options.severity));
}

/** Applies per-code severity settings; `off` removes the diagnostic. Errors cannot be configured away (the config loader refuses it). */
function applySeverities(diagnostics: readonly Diagnostic[], settings: ReadonlyMap<string, SeveritySetting> | undefined): Diagnostic[] {
  if (!settings || settings.size === 0) return [...diagnostics];
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    const setting = settings.get(d.code);
    if (setting === undefined) out.push(d);
    else if (setting !== "off") out.push({ ...d, severity: setting });
  }
  return out;
}

function timer(options: PipelineOptions): <T>(stage: StageName, run: () => StageResult<T>) => StageResult<T> {
  const report = options.onStage;
  if (report === undefined) return (_, run) => run();
  return (stage, run) => {
    const start = performance.now();
    const result = run();
    report(stage, performance.now() - start);
    return result;
  };
}
