/**
 * Lowering after an edit, for the one thing the server needs from it: does
 * the decision stay within the compiler's row limit (else `scn check`
 * reports SCN3007 and does not analyze it). Lowering emits each scenario's
 * rows from that scenario's conditions alone (earlier rows are not negated
 * in later ones, docs/optimizer.md), so the rows of a decision are the sum
 * of its scenarios' rows. The server remembers how many rows each scenario
 * gave (each row carries the source position of its pathway or variation)
 * and, after an edit, lowers only the scenarios whose text changed, in a
 * program that holds just them.
 *
 * Invariant: `lowerAfterEdit` answers only when the sum is within the limit
 * and every changed scenario lowered; otherwise (a limit, a row it cannot
 * attribute, too many changes) it answers undefined and the caller lowers
 * the whole decision, which reports what `scn check` reports.
 */
import { lowerDecision, ROW_LIMIT, type LoweredDecision } from "@scn/compiler";
import type { CheckedProgram, CheckedScenario, Span } from "@scn/language";

/** Each scenario's rows in a decision's last lowering, by scenario name, with the text it had. */
export interface RowCounts {
  /** Which surroundings (declarations other than scenarios and tests) the counts were made in. */
  readonly surroundings: number;
  readonly byScenario: ReadonlyMap<string, { readonly id: string; readonly rows: number }>;
  /** A lowering of the decision, which stands for "it was lowered" where the analysis asks. */
  readonly lowered: LoweredDecision;
}

/** More changed scenarios than this, and lowering the whole decision is as cheap. */
const MOST_CHANGED = 16;

/** The rows of `lowered` counted per scenario of `scenarios`; undefined when a row belongs to none of them. */
export function countRows(
  program: CheckedProgram,
  lowered: LoweredDecision,
  scenarios: readonly CheckedScenario[],
  nameOf: (scenario: CheckedScenario) => string | undefined,
): Map<string, { id: string; rows: number }> | undefined {
  const at = (span: Span) => `${program.files.indexOf(span.file)}:${span.start.line}:${span.start.column}`;
  const owner = new Map<string, string>();
  const counts = new Map<string, { id: string; rows: number }>();
  for (const scenario of scenarios) {
    const id = nameOf(scenario);
    if (id === undefined) return undefined;
    counts.set(scenario.name, { id, rows: 0 });
    for (const pathway of scenario.pathways) {
      owner.set(at(pathway.span), scenario.name);
      for (const variation of pathway.variations) owner.set(at(variation.span), scenario.name);
    }
  }
  for (const row of lowered.rows) {
    const name = owner.get(`${row.src[0]}:${row.src[1]}:${row.src[2]}`);
    if (name === undefined) return undefined;
    counts.get(name)!.rows += 1;
  }
  return counts;
}

/**
 * The decision's row counts after an edit, lowering only the scenarios
 * whose text changed; undefined when the whole decision must be lowered.
 */
export function lowerAfterEdit(
  program: CheckedProgram,
  decision: string,
  before: RowCounts,
  surroundings: number,
  nameOf: (scenario: CheckedScenario) => string | undefined,
): RowCounts | undefined {
  if (before.surroundings !== surroundings) return undefined;
  const scenarios = program.scenarios.filter((s) => s.decision === decision);
  const changed: CheckedScenario[] = [];
  const byScenario = new Map<string, { id: string; rows: number }>();
  let total = 0;
  for (const scenario of scenarios) {
    const known = before.byScenario.get(scenario.name);
    const id = nameOf(scenario);
    if (known !== undefined && id !== undefined && known.id === id && !byScenario.has(scenario.name)) {
      byScenario.set(scenario.name, known);
      total += known.rows;
    } else {
      changed.push(scenario);
    }
  }
  if (changed.length > MOST_CHANGED) return undefined;
  if (changed.length > 0) {
    const alone = lowerDecision({ ...program, scenarios: changed }, decision);
    if (alone.value === null) return undefined;
    const counts = countRows(program, alone.value, changed, nameOf);
    if (counts === undefined) return undefined;
    for (const [name, count] of counts) {
      if (byScenario.has(name)) return undefined;
      byScenario.set(name, count);
      total += count.rows;
    }
  }
  return total <= ROW_LIMIT ? { surroundings, byScenario, lowered: before.lowered } : undefined;
}
