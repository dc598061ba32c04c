/**
 * Runs the exact analysis without blocking the server: lowering (one
 * decision at a time) and the analysis (a scenario at a time) run as steps,
 * a slice of a few milliseconds per turn of the event loop, so requests and
 * edits are served between slices; `cancel` drops the run at the next slice.
 *
 * An edit changes one scenario, so the runner keeps a store of each
 * scenario's own findings (docs/editors.md#speed) named by the scenario's
 * source text and the text of every declaration that is not a scenario or
 * a test: a scenario whose text and surroundings did not change gets its
 * gap and reachability findings back without asking the analysis again.
 * The findings are those `scn check` reports (lowering, then analysis).
 *
 * Invariant: a promise returned by `run` settles exactly once, with the
 * diagnostics or with null when the run was cancelled.
 */
import { performance } from "node:perf_hooks";
import { analyzeProgramInSteps, lowerDecision, ScenarioFindingsStore, type LoweredDecision } from "@scn/compiler";
import { sortDiagnostics, type CheckedProgram, type CheckedScenario, type Diagnostic } from "@scn/language";

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

export class AnalysisRunner {
  private job: Job | undefined;
  private surroundings = "";
  private surroundingsId = 0;
  private readonly store = new ScenarioFindingsStore((scenario) => this.nameOf(scenario));
  private sources: SourceView | undefined;

  /** How many scenarios' findings the store gave back and how many were computed, since the server started. */
  get counts(): { readonly reused: number; readonly computed: number } {
    return this.store.counts;
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

  /** Lowering, a decision per step, then the analysis of what was lowered, as `scn check` runs them. */
  private *steps(program: CheckedProgram): Generator<void, Diagnostic[]> {
    const diagnostics: Diagnostic[] = [];
    const decisions = new Map<string, LoweredDecision | null>();
    for (const decision of program.decisions) {
      const lowered = lowerDecision(program, decision.name);
      decisions.set(decision.name, lowered.value);
      diagnostics.push(...lowered.diagnostics);
      yield;
    }
    const analyzed = yield* analyzeProgramInSteps(program, { decisions }, { store: this.store });
    return [...diagnostics, ...analyzed.diagnostics];
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
