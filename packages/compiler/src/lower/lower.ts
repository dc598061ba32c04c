/**
 * Lowering (docs/optimizer.md): turns each decision of a checked program into
 * first-hit rows over columns. For each candidate (in §5 order), for each
 * pathway, it emits the rows of each variation (situation ∧ when ∧ consent ∧
 * segment) and then the rows of the foundational experience (situation ∧
 * when). Earlier pathways and variations are not negated in later rows:
 * first-hit order already gives them precedence, so adding their negations
 * would only multiply rows (a negated `or` is a product) without changing any
 * answer. Each condition is a union of boxes; each box becomes one row, or a
 * few when a cell needs more than one unary test (absent or some values).
 *
 * Invariant: for every context, the first row whose tests all hold carries the
 * outcome the reference interpreter answers, and no row holds when it answers
 * `default` or `none`. Outcomes are deduplicated by rule and carry the fully
 * merged output. A decision past `limit` rows is reported, not lowered: it
 * gets no rows at all, and only a lowering of every decision can be compiled.
 */
import type { CheckedProgram, Span, StageResult } from "@scn/language";
import { makeDiagnostic } from "@scn/language";
import type { Column, JsonValue, Outcome, Row } from "@scn/runtime";
import { BoxLimitExceeded, boxOf, intersectUnions, type Box } from "../boxes/box.js";
import { findExperiment } from "../semantics/experiments.js";
import { scenarioMetricNames } from "../semantics/candidates.js";
import { cellAlternativeCount } from "./cell-tests.js";
import { armPath, ColumnTable } from "../boxes/column-table.js";
import { ruleId } from "../semantics/interpret.js";
import type { LoweredDecision, LoweredProgram, Lowering } from "./lowered.js";
import { mergeOutputs } from "../semantics/output-merge.js";
import { decisionBoxes, keepLoweredBoxes, type DecisionBoxes } from "./scenario-conditions.js";
import { buildRows, type RowStep } from "./rows.js";

/** The most rows one decision may lower to before lowering stops with a diagnostic. */
export const ROW_LIMIT = 200_000;
/** The most boxes one condition (or one product of conditions) may expand to. */
export const BOX_LIMIT = 10_000;

export interface LoweringLimits {
  readonly rows?: number;
  readonly boxes?: number;
}

class RowLimitExceeded extends Error {}

/** What one step of lowering emits: the rows of `boxes`, each with the outcome `outcome` makes, from the source at `span`. */
interface EmitStep {
  readonly boxes: readonly Box[];
  readonly outcome: () => Outcome;
  readonly span: Span;
}

/** How many rows `buildRows` (rows.ts) makes of `box`: the product of its cells' numbers of alternatives. */
function rowCount(columns: ColumnTable, box: Box): number {
  let count = 1;
  // `forEach` rather than `for … of`: lowering runs once per process, mostly
  // before V8 optimizes it, and unoptimized, each step of a map's iterator
  // allocates a result object and an entry array.
  box.forEach((cell, column) => {
    count *= cellAlternativeCount(columns.domain(column), cell);
  });
  return count;
}

function sourcePosition(program: CheckedProgram, span: Span): [number, number, number] {
  return [Math.max(0, program.files.indexOf(span.file)), span.start.line, span.start.column];
}

/**
 * One decision's rows, or null when it is past a limit (the SCN3007
 * diagnostic says so): a decision that could not be lowered has no table,
 * rather than an empty one that would answer every context with its default.
 */
export function lowerDecision(program: CheckedProgram, decision: string, limits: LoweringLimits = {}): StageResult<LoweredDecision | null> {
  const limit = limits.rows ?? ROW_LIMIT;
  const boxLimit = limits.boxes ?? BOX_LIMIT;
  const declared = program.decisions.find((d) => d.name === decision);
  if (!declared) throw new Error(`internal: decision \`${decision}\` is not declared`);
  const columns = ColumnTable.forProgram(program);
  const outcomes: Outcome[] = [];
  const outcomeByRule = new Map<string, number>();

  const outcomeIndex = (outcome: Outcome): number => {
    // The arms of one variation share its rule; each is an outcome of its own.
    const key = outcome.experiment ? `${outcome.rule}\u0000${outcome.experiment.arm}` : outcome.rule;
    const known = outcomeByRule.get(key);
    if (known !== undefined) return known;
    outcomeByRule.set(key, outcomes.length);
    outcomes.push(outcome);
    return outcomes.length - 1;
  };
  // The walk over the scenarios below only records what each step emits and
  // counts its rows (so that a decision past a limit is found here, at the
  // same step and with the same message); the rows are built when someone
  // first reads them. `scn check` analyzes the boxes and never does.
  const steps: EmitStep[] = [];
  let counted = 0;
  const emit = (boxes: readonly Box[], outcome: () => Outcome, span: Span) => {
    steps.push({ boxes, outcome, span });
    for (const box of boxes) {
      counted += rowCount(columns, box);
      if (counted > limit) throw new RowLimitExceeded(`more than ${limit} rows`);
    }
  };

  let boxes: DecisionBoxes;
  try {
    boxes = decisionBoxes(program, decision, columns, boxLimit);
    const { candidates, consent } = boxes;
    for (const { scenario, situation, pathways } of candidates) {
      const metrics = scenarioMetricNames(scenario);
      scenario.pathways.forEach((pathway, j) => {
        const boxes = pathways[j]!;
        const taken = intersectUnions(columns, situation, boxes.when, boxLimit);
        const base = { scenario: scenario.name, pathway: pathway.name, metrics };
        // What the pathway takes with every consent gate true, which each of
        // its variations narrows: the same for all of them, so made once, at
        // the first variation (where it was made before, so a union past the
        // box limit is found at the same step).
        let consented: Box[] | undefined;
        pathway.variations.forEach((variation, k) => {
          consented ??= intersectUnions(columns, taken, consent, boxLimit);
          const region = intersectUnions(columns, consented, boxes.variations[k]!.condition, boxLimit);
          const rule = ruleId(scenario.name, pathway.name, variation.name);
          const split = variation.split;
          if (split) {
            // One row set per arm: the variation's region where the arm column holds that arm.
            if (findExperiment(program, split.experiment).status !== "running") return;
            const column = columns.indexOf(armPath(split.experiment));
            for (const arm of split.arms) {
              const only = boxOf(columns, column, { absent: false, values: { kind: "finite", values: [arm.name] } });
              if (only === null) continue;
              const output = mergeOutputs([declared.default, pathway.assignments, variation.assignments, arm.assignments]);
              const experiment = { name: split.experiment, arm: arm.name };
              emit(intersectUnions(columns, region, [only], boxLimit), () => ({ rule, ...base, variation: variation.name, experiment, output, metrics: [...metrics] }), variation.span);
            }
            return;
          }
          emit(region, () => ({ rule, ...base, variation: variation.name, output: mergeOutputs([declared.default, pathway.assignments, variation.assignments]), metrics: [...metrics] }), variation.span);
        });
        emit(taken, () => ({ rule: ruleId(scenario.name, pathway.name, null), ...base, variation: null, output: mergeOutputs([declared.default, pathway.assignments]), metrics: [...metrics] }), pathway.span);
      });
    }
  } catch (error) {
    if (!(error instanceof RowLimitExceeded || error instanceof BoxLimitExceeded)) throw error;
    const diagnostic = makeDiagnostic("decision-too-large", declared.span, `the decision \`${decision}\` expands to ${error.message}, past the compiler's limit`, {
      help: "split long `or` chains or negated conjunctions into separate pathways or segments; each `or` inside a negation multiplies the rows",
    });
    return { value: null, diagnostics: [diagnostic] };
  }

  let table: { readonly columns: Column[]; readonly outcomes: Outcome[]; readonly rows: Row[] } | null = null;
  const built = () => {
    if (table !== null) return table;
    // The steps in the order the walk recorded them: outcomes are numbered,
    // and rows listed, exactly as if each had been emitted on the spot.
    const rowSteps: RowStep[] = steps.map((step) => ({ boxes: step.boxes, outcome: outcomeIndex(step.outcome()), src: sourcePosition(program, step.span) }));
    steps.length = 0;
    const { columns: emitted, rows } = buildRows(program, columns, rowSteps);
    return (table = { columns: emitted, outcomes, rows });
  };
  const value: LoweredDecision = {
    name: declared.name,
    title: declared.title,
    default: declared.default === null ? null : (mergeOutputs([declared.default]) as { [key: string]: JsonValue }),
    get columns() {
      return built().columns;
    },
    get outcomes() {
      return built().outcomes;
    },
    get rows() {
      return built().rows;
    },
  };
  // Lowering adds no column after building the boxes, so the analysis of this lowering can use them as they are.
  keepLoweredBoxes(value, { columns, boxes }, boxLimit);
  return { value, diagnostics: [] };
}

/** Every decision lowered, in declaration order, with the diagnostics of those past a limit. */
export function lowerProgram(program: CheckedProgram, limits: LoweringLimits = {}): StageResult<Lowering> {
  const results = program.decisions.map((d) => [d.name, lowerDecision(program, d.name, limits)] as const);
  return { value: { decisions: new Map(results.map(([name, result]) => [name, result.value])) }, diagnostics: results.flatMap(([, result]) => result.diagnostics) };
}

/** The lowered program when every decision was lowered; null when some decision is past a limit, so it cannot be compiled. */
export function completeLowering(lowering: Lowering): LoweredProgram | null {
  const decisions: LoweredDecision[] = [];
  for (const decision of lowering.decisions.values()) {
    if (decision === null) return null;
    decisions.push(decision);
  }
  return { decisions };
}
