/**
 * The candidates of a decision (docs/language.md#111-candidates): its `active` scenarios,
 * highest priority first, ties kept in source order; and the metric names an
 * answer lists for a scenario.
 *
 * Invariant: the order is total and depends only on the checked program, whose
 * scenarios are already in source order (files sorted by path, then position).
 */
import type { CheckedProgram, CheckedScenario } from "@scn/language";

/** Candidate lists per program and decision: programs are immutable, and the interpreter asks for every context. */
const cache = new WeakMap<CheckedProgram, Map<string, readonly CheckedScenario[]>>();

export function candidatesFor(program: CheckedProgram, decision: string): CheckedScenario[] {
  let byDecision = cache.get(program);
  if (!byDecision) {
    byDecision = new Map();
    cache.set(program, byDecision);
  }
  let candidates = byDecision.get(decision);
  if (!candidates) {
    const active = program.scenarios.filter((s) => s.decision === decision && s.status === "active");
    // Array.prototype.sort is stable, so equal priorities keep source order.
    candidates = active.sort((a, b) => b.priority - a.priority);
    byDecision.set(decision, candidates);
  }
  return [...candidates];
}

const ROLE_ORDER = ["primary", "guardrail", "secondary"] as const;

/**
 * Metric names of a scenario: the primary metric first, then guardrails, then
 * secondary metrics, each group in source order. Guardrails come before
 * secondary metrics because they are the ones a change must not break.
 */
export function scenarioMetricNames(scenario: CheckedScenario): string[] {
  return ROLE_ORDER.flatMap((role) => scenario.metrics.filter((m) => m.role === role).map((m) => m.metric));
}
