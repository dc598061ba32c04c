/**
 * Experiment changes in the words a reviewer needs (docs/experiments.md):
 * an experiment added, removed or stopped, and above all a change of seed,
 * weights, coverage or status, which moves customers from one arm to
 * another, or in or out of the experiment (only a running experiment
 * enrolls anyone). That
 * share is measured on a large deterministic sample of unit values (`u1` …
 * or 1 …, the same sample for both versions), and the text says it is a
 * sample: assignment is a hash, so no closed form gives the exact share.
 *
 * Invariant: an experiment is listed exactly when its bundle entry differs.
 */
import type { Bundle, ExperimentMeta, JsonValue } from "@scn/runtime";
import { placeUnit } from "@scn/runtime";
import { canonicalJson, compareCodeUnits } from "../bundle/canonical-json.js";
import type { EntryChange, FieldChange } from "./diff-model.js";

/** Unit values in the reassignment sample. */
export const REASSIGNMENT_SAMPLE = 100_000;

export interface ExperimentDiff {
  readonly name: string;
  readonly change: EntryChange;
  readonly fields: readonly FieldChange[];
  /** For a change of seed, weights, arms, coverage or status: how many sampled units change arm (or enrollment). */
  readonly reassigned: { readonly sample: number; readonly moved: number; readonly share: number } | null;
}

const FIELDS = ["title", "owner", "unit", "seed", "coverage", "status"] as const;

function armOf(experiment: ExperimentMeta, unit: string | number): string | null {
  if (experiment.status !== "running") return null;
  const placed = placeUnit(experiment.seed, experiment.arms.map((arm) => arm.range), unit);
  return placed === null || placed.arm < 0 ? null : (experiment.arms[placed.arm]?.name ?? null);
}

/** How many of the sample's units are in a different arm (or in or out of the experiment) after the change. */
export function reassignment(before: ExperimentMeta, after: ExperimentMeta, sample = REASSIGNMENT_SAMPLE): { sample: number; moved: number; share: number } {
  let moved = 0;
  for (let i = 1; i <= sample; i++) {
    const unit = `u${i}`;
    if (armOf(before, unit) !== armOf(after, unit)) moved += 1;
  }
  return { sample, moved, share: moved / sample };
}

export function experimentChanges(before: Bundle, after: Bundle): ExperimentDiff[] {
  const a = before.experiments ?? {};
  const b = after.experiments ?? {};
  const diffs: ExperimentDiff[] = [];
  for (const name of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort(compareCodeUnits)) {
    const x = Object.hasOwn(a, name) ? a[name]! : null;
    const y = Object.hasOwn(b, name) ? b[name]! : null;
    if (x === null) diffs.push({ name, change: "added", fields: [], reassigned: null });
    else if (y === null) diffs.push({ name, change: "removed", fields: [], reassigned: null });
    else if (canonicalJson(x) !== canonicalJson(y)) {
      const fields: FieldChange[] = FIELDS.filter((f) => canonicalJson(x[f]) !== canonicalJson(y[f])).map((f) => ({ field: f, before: x[f] as JsonValue, after: y[f] as JsonValue }));
      const weights = (e: ExperimentMeta) => e.arms.map((arm) => `${arm.name} ${arm.weight}%`).join(", ");
      if (weights(x) !== weights(y)) fields.push({ field: "arms", before: weights(x), after: weights(y) });
      const running = (e: ExperimentMeta) => e.status === "running";
      const assignmentChanged = running(x) !== running(y) || (running(x) && canonicalJson([x.seed, x.arms]) !== canonicalJson([y.seed, y.arms]));
      diffs.push({ name, change: "changed", fields, reassigned: assignmentChanged ? reassignment(x, y) : null });
    }
  }
  return diffs;
}

/** One sentence about the units that change arm, stating that it is measured on a sample. */
export function reassignmentText(reassigned: NonNullable<ExperimentDiff["reassigned"]>): string {
  const percent = (reassigned.share * 100).toFixed(1);
  return `${percent}% of units change arm or enrollment (${reassigned.moved.toLocaleString("en-US")} of a sample of ${reassigned.sample.toLocaleString("en-US")} unit values)`;
}
