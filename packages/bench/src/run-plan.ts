/**
 * What a `pnpm bench` run measures, in which order, and within which
 * limits. The limits make the full run finish in about 25 minutes on an
 * idle two-core machine whatever the compiler's speed: a slow program is
 * reported as not finished within its limit rather than waited for, and
 * programs that would start after the budget are reported as not run.
 */
import type { Family } from "./program-bench.js";

/** One program of the plan: a family at a size. */
interface Step {
  readonly family: Family;
  readonly scenarios: number;
}

/**
 * The order programs run in: every family at its small sizes, then the
 * retail example, then the 10,000-scenario programs, so that a run whose
 * time budget runs out loses the largest programs, not the small ones.
 * Among the largest, the best case (the cheapest to build) comes first.
 */
export function plan(families: readonly Family[], sizes: readonly number[], retailScenarios: number | null): Step[] {
  const largest = Math.max(...sizes);
  const small = sizes.filter((size) => size < largest || sizes.length === 1);
  const steps: Step[] = [];
  for (const family of families) for (const scenarios of small) steps.push({ family, scenarios });
  if (retailScenarios !== null) steps.push({ family: "retail", scenarios: retailScenarios });
  if (sizes.length > 1) for (const family of families) steps.push({ family, scenarios: largest });
  return steps;
}

/** The run's limits (docs/benchmarks.md states them with the figures). */
export interface Limits {
  /** Programs start only within this many minutes of the run's start; later ones are reported as not run. */
  readonly budgetMinutes: number;
  /** Wall-clock limit of `scn check`, and of `scn build`, each, below 10,000 scenarios and at 10,000. */
  readonly commandSeconds: { readonly small: number; readonly large: number };
  /** Wall-clock and heap limits of one program's runtime part. */
  readonly runtimeSeconds: number;
  readonly runtimeHeapMiB: number;
  /** Each slow peer's time budget per program. */
  readonly peerBudgetSeconds: number;
}

export const FULL_LIMITS: Limits = { budgetMinutes: 21, commandSeconds: { small: 300, large: 120 }, runtimeSeconds: 240, runtimeHeapMiB: 4096, peerBudgetSeconds: 10 };
export const QUICK_LIMITS: Limits = { budgetMinutes: 5, commandSeconds: { small: 120, large: 120 }, runtimeSeconds: 120, runtimeHeapMiB: 2048, peerBudgetSeconds: 2 };

