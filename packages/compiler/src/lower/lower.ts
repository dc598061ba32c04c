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
import type { Column, JsonValue, Outcome, Row, UnaryTest } from "@scn/runtime";
import { BoxLimitExceeded, boxOf, intersectUnions, type Box } from "../boxes/box.js";
import { experimentRanges, findExperiment, unitType } from "../semantics/experiments.js";
import { scenarioMetricNames } from "../semantics/candidates.js";
import { cellAlternativeCount, cellAlternatives, type Alternative } from "./cell-tests.js";
import type { Scalar } from "../boxes/cell.js";
import { armPath, ColumnTable, isArmPath } from "../boxes/column-table.js";
import { ruleId } from "../semantics/interpret.js";
import type { LoweredDecision, LoweredProgram, Lowering } from "./lowered.js";
import { mergeOutputs } from "../semantics/output-merge.js";
import { decisionBoxes, keepLoweredBoxes, type DecisionBoxes } from "./scenario-conditions.js";

/** The most rows one decision may lower to before lowering stops with a diagnostic. */
export const ROW_LIMIT = 200_000;
/** The most boxes one condition (or one product of conditions) may expand to. */
export const BOX_LIMIT = 10_000;

export interface LoweringLimits {
  readonly rows?: number;
  readonly boxes?: number;
}

interface PendingRow {
  readonly outcome: number;
  /** One alternative per tested column: column index → tests. */
  readonly tests: ReadonlyMap<number, Alternative>;
  readonly src: [number, number, number];
}

class RowLimitExceeded extends Error {}

/** What one step of lowering emits: the rows of `boxes`, each with the outcome `outcome` makes, from the source at `span`. */
interface EmitStep {
  readonly boxes: readonly Box[];
  readonly outcome: () => Outcome;
  readonly span: Span;
}

/** How many rows `boxRows` makes of `box`: the product of its cells' numbers of alternatives. */
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

/**
 * The rows of one box: the product of its cells' alternatives, by ascending
 * column. Most cells have exactly one alternative, which is added to every
 * row so far in place; only a cell with several alternatives copies rows.
 */
function boxRows(columns: ColumnTable, box: Box): Map<number, Alternative>[] {
  let rows: Map<number, Alternative>[] = [new Map()];
  for (const [column, cell] of [...box].sort((a, b) => a[0] - b[0])) {
    const alternatives = cellAlternatives(columns.domain(column), cell);
    const [only] = alternatives;
    if (alternatives.length === 1 && only !== undefined) {
      if (only.length > 0) for (const row of rows) row.set(column, only);
      continue;
    }
    rows = rows.flatMap((row) => alternatives.map((alt) => (alt.length === 0 ? row : new Map(row).set(column, alt))));
  }
  return rows;
}

/** Bundle columns: one per tested path, and one per element literal for list paths. */
function emitColumns(program: CheckedProgram, columns: ColumnTable, rows: readonly PendingRow[]): { columns: Column[]; place: (column: number, literal: Scalar | null) => number } {
  const used = new Map<number, Set<Scalar | null>>();
  for (const row of rows) {
    for (const [column, alt] of row.tests) {
      const literals = used.get(column) ?? new Set();
      for (const placed of alt) literals.add(placed.literal);
      used.set(column, literals);
    }
  }
  const emitted: Column[] = [];
  // Column index → element literal (null for the path's own tests) → bundle column.
  const slots = new Map<number, Map<Scalar | null, number>>();
  columns.paths.forEach((path, column) => {
    const literals = used.get(column);
    if (!literals) return;
    const domain = columns.domain(column);
    // Built field by field (a column's keys keep this order in every artifact).
    const base: { -readonly [K in keyof Column]: Column[K] } = { path, type: domain.kind };
    if (domain.kind === "enum") base.values = [...domain.members];
    if (domain.kind === "list") {
      const element = domain.element.kind;
      if (element === "list" || element === "record") throw new Error(`internal: list \`${path}\` of ${element}`);
      base.element = element;
      // Enum members travel in `values` for lists of enums too: the runtime needs them to type elements.
      if (domain.element.kind === "enum") base.values = [...domain.element.members];
    }
    if (columns.consentPaths.has(path)) base.consent = true;
    if (isArmPath(path)) {
      // The arm column is computed from the unit: the bundle names the
      // experiment and carries what any walker needs to assign the arm.
      const experiment = findExperiment(program, path.slice(1));
      base.path = experiment.unit;
      base.experiment = {
        name: experiment.name,
        seed: experiment.seed,
        ranges: experimentRanges(experiment).map(([start, end]) => [start, end]),
        unit: unitType(program, experiment),
      };
    }
    // A list path gets one column per element literal it is tested with;
    // presence tests (literal null) share the first of them.
    const literalsInOrder = domain.kind === "list" ? columns.listLiterals[column]!.filter((v) => literals.has(v)) : [];
    const slotLiterals: (Scalar | null)[] = literalsInOrder.length > 0 ? literalsInOrder : [null];
    const byLiteral = new Map<Scalar | null, number>();
    for (const literal of slotLiterals) {
      byLiteral.set(literal, emitted.length);
      emitted.push({ ...base });
    }
    if (!byLiteral.has(null)) byLiteral.set(null, byLiteral.get(slotLiterals[0]!)!);
    slots.set(column, byLiteral);
  });
  const place = (column: number, literal: Scalar | null) => {
    const slot = slots.get(column)?.get(literal);
    if (slot === undefined) throw new Error(`internal: no column for ${columns.paths[column]}`);
    return slot;
  };
  return { columns: emitted, place };
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
  const pending: PendingRow[] = [];

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
    for (const step of steps) {
      const outcome = outcomeIndex(step.outcome());
      for (const box of step.boxes) for (const tests of boxRows(columns, box)) pending.push({ outcome, tests, src: sourcePosition(program, step.span) });
    }
    steps.length = 0;
    const emitted = emitColumns(program, columns, pending);
    const rows: Row[] = pending.map((row) => {
      const tests: { [column: string]: UnaryTest } = {};
      for (const [column, alt] of row.tests) for (const placed of alt) tests[String(emitted.place(column, placed.literal))] = placed.test;
      return { outcome: row.outcome, tests, src: row.src };
    });
    pending.length = 0;
    return (table = { columns: emitted.columns, outcomes, rows });
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
