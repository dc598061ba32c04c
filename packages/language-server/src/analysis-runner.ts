/**
 * Runs the exact analysis without blocking the server: lowering (one
 * decision at a time) and the analysis (a scenario at a time) run as steps,
 * a slice of a few milliseconds per turn of the event loop, so requests and
 * edits are served between slices; `cancel` drops the run at the next slice.
 *
 * An edit changes one scenario, so the runner keeps what it found
 * (docs/editors.md#speed), naming scenarios by their source text and the
 * text of every declaration that is not a scenario or a test:
 * - per decision, its lowering and analysis findings, reused whole when
 *   none of its scenarios changed text or place (an edit elsewhere);
 * - per scenario, its own findings (gap, reachability), reused when its
 *   text and surroundings did not change, even if it moved;
 * - per scenario, how many rows it lowers to, so that after an edit only
 *   the changed scenarios are lowered (row-counts.ts).
 * The findings are those `scn check` reports (lowering, then analysis).
 *
 * Invariant: a promise returned by `run` settles exactly once, with the
 * diagnostics or with null when the run was cancelled.
 */
import { performance } from "node:perf_hooks";
import { analyzeProgramInSteps, lowerDecision, ScenarioFindingsStore, type LoweredDecision } from "@scn/compiler";
import { sortDiagnostics, type CheckedProgram, type CheckedScenario, type Diagnostic, type Span } from "@scn/language";
import { countRows, lowerAfterEdit, type RowCounts } from "./row-counts.js";

export type AnalysisOutcome = { readonly diagnostics: readonly Diagnostic[] } | { readonly failure: string } | null;

/** How long one slice of analysis may run before the server serves what is waiting (ms). */
const SLICE_MS = 10;

/** What the runner needs to know of the program's sources to name scenarios by their text. */
export interface SourceView {
  /** The text of `path`, or undefined when it is not part of the program. */
  text(path: string): string | undefined;
  /** The text of every declaration that is not a scenario or a test, in a fixed order. */
  surroundings(): string;
}

interface Job {
  cancelled: boolean;
}

/** A decision's findings from an earlier run, and what they were found from. */
interface DecisionFindings {
  readonly key: string;
  readonly lowering: readonly Diagnostic[];
  readonly analysis: readonly Diagnostic[];
}

export class AnalysisRunner {
  private job: Job | undefined;
  private surroundings = "";
  private surroundingsId = 0;
  private readonly store = new ScenarioFindingsStore((scenario) => this.nameOf(scenario));
  private sources: SourceView | undefined;
  private decisions = new Map<string, DecisionFindings>();
  private rowCounts = new Map<string, RowCounts>();
  private decisionsReused = 0;
  private lowerings = 0;

  /**
   * Since the server started: how many scenarios' findings the store gave
   * back and how many were computed, how many decisions were reused whole,
   * and how many were lowered whole.
   */
  get counts(): { readonly reused: number; readonly computed: number; readonly decisionsReused: number; readonly lowerings: number } {
    return { ...this.store.counts, decisionsReused: this.decisionsReused, lowerings: this.lowerings };
  }

  run(program: CheckedProgram, sources: SourceView): Promise<AnalysisOutcome> {
    this.cancel();
    const job: Job = { cancelled: false };
    this.job = job;
    const surroundings = sources.surroundings();
    if (surroundings !== this.surroundings) {
      this.surroundings = surroundings;
      this.surroundingsId += 1;
    }
    this.sources = sources;
    const steps = this.steps(program);
    return new Promise((resolve) => {
      const slice = (): void => {
        if (job.cancelled) return;
        const until = performance.now() + SLICE_MS;
        try {
          for (;;) {
            const step = steps.next();
            if (step.done) {
              this.job = undefined;
              this.settle = undefined;
              this.store.sweep();
              resolve({ diagnostics: sortDiagnostics(step.value) });
              return;
            }
            if (performance.now() >= until || job.cancelled) break;
          }
        } catch (error) {
          this.job = undefined;
          this.settle = undefined;
          resolve({ failure: error instanceof Error ? (error.stack ?? error.message) : String(error) });
          return;
        }
        setImmediate(slice);
      };
      // A cancelled job settles at once, from `cancel`.
      this.settle = () => resolve(null);
      setImmediate(slice);
    });
  }

  private settle: (() => void) | undefined;

  /**
   * Lowering, a decision per step, then the analysis of what was lowered, as
   * `scn check` runs them; a decision whose scenarios and surroundings did
   * not change keeps its findings from the last run.
   */
  private *steps(program: CheckedProgram): Generator<void, Diagnostic[]> {
    const previous = this.decisions;
    const next = new Map<string, DecisionFindings>();
    const rowCounts = new Map<string, RowCounts>();
    const lowering = new Map<string, LoweredDecision | null>();
    const fresh = new Map<string, { key: string; lowering: Diagnostic[] }>();
    const diagnostics: Diagnostic[] = [];
    for (const decision of program.decisions) {
      const key = this.decisionKey(program, decision.name);
      const known = previous.get(decision.name);
      if (known !== undefined && key !== undefined && known.key === key) {
        next.set(decision.name, known);
        const counted = this.rowCounts.get(decision.name);
        if (counted !== undefined) rowCounts.set(decision.name, counted);
        lowering.set(decision.name, null);
        diagnostics.push(...known.lowering, ...known.analysis);
        this.decisionsReused += 1;
        continue;
      }
      // After an edit, only the changed scenarios are lowered, to learn that the decision stays within the row limit.
      const counted = this.rowCounts.get(decision.name);
      const after = counted === undefined ? undefined : lowerAfterEdit(program, decision.name, counted, this.surroundingsId, (s) => this.nameOf(s));
      if (after !== undefined) {
        rowCounts.set(decision.name, after);
        lowering.set(decision.name, after.lowered);
        if (key !== undefined) fresh.set(decision.name, { key, lowering: [] });
        yield;
        continue;
      }
      const lowered = lowerDecision(program, decision.name);
      this.lowerings += 1;
      lowering.set(decision.name, lowered.value);
      diagnostics.push(...lowered.diagnostics);
      if (key !== undefined) fresh.set(decision.name, { key, lowering: [...lowered.diagnostics] });
      if (lowered.value !== null) {
        const scenarios = program.scenarios.filter((s) => s.decision === decision.name);
        const byScenario = countRows(program, lowered.value, scenarios, (s) => this.nameOf(s));
        if (byScenario !== undefined) rowCounts.set(decision.name, { surroundings: this.surroundingsId, byScenario, lowered: lowered.value });
      }
      yield;
    }
    // Only the decisions lowered afresh are analyzed; the others are null here and skipped.
    const analyzed = yield* analyzeProgramInSteps(program, { decisions: lowering }, { store: this.store });
    diagnostics.push(...analyzed.diagnostics);
    this.rowCounts = rowCounts;
    const owners = analyzed.diagnostics.map((d) => analysisOf(program, d));
    // A finding that belongs to no decision cannot be kept with one: nothing is kept from this run then.
    if (owners.every((owner) => owner !== undefined)) {
      for (const [name, found] of fresh) next.set(name, { ...found, analysis: analyzed.diagnostics.filter((_, i) => owners[i] === name) });
      this.decisions = next;
    } else {
      this.decisions = new Map();
    }
    return diagnostics;
  }

  /**
   * What a decision's findings are computed from: the surroundings, the
   * decision's place, and each of its scenarios' text and place (findings
   * carry positions, so a scenario that moved makes the key differ).
   * Undefined when a scenario's text is unknown.
   */
  private decisionKey(program: CheckedProgram, decision: string): string | undefined {
    const declared = program.decisions.find((d) => d.name === decision)!;
    const parts = [String(this.surroundingsId), spanKey(declared.span)];
    for (const scenario of program.scenarios) {
      if (scenario.decision !== decision) continue;
      const name = this.nameOf(scenario);
      if (name === undefined) return undefined;
      parts.push(spanKey(scenario.span), name);
    }
    return parts.join("\u0000");
  }

  /** A scenario's name in the store: its text, its column, and which surroundings it was checked in. */
  private nameOf(scenario: CheckedScenario): string | undefined {
    const text = this.sources?.text(scenario.span.file);
    if (text === undefined) return undefined;
    return `${this.surroundingsId}:${scenario.span.start.column}:${text.slice(scenario.span.start.offset, scenario.span.end.offset)}`;
  }

  /** Drops the running analysis; its promise settles with null. */
  cancel(): void {
    const job = this.job;
    if (!job) return;
    job.cancelled = true;
    this.job = undefined;
    const settle = this.settle;
    this.settle = undefined;
    settle?.();
  }

  dispose(): void {
    this.cancel();
  }
}

function spanKey(span: Span): string {
  return `${span.file}:${span.start.offset}:${span.start.line}:${span.end.offset}`;
}

/**
 * The decision an analysis finding belongs to: the decision it is about
 * (SCN3006, an undecided question about the decision) or the decision of
 * the scenario it lies in.
 */
function analysisOf(program: CheckedProgram, diagnostic: Diagnostic): string | undefined {
  const { span } = diagnostic;
  const within = (outer: Span) => outer.file === span.file && outer.start.offset <= span.start.offset && span.end.offset <= outer.end.offset;
  return program.decisions.find((d) => within(d.span))?.name ?? program.scenarios.find((s) => within(s.span))?.decision;
}
