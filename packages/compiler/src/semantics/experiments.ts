/**
 * Experiment assignment over the checked program (docs/experiments.md#meaning):
 * the arm a context's unit is assigned to, computed with the runtime's
 * GrowthBook assignment, so the interpreter, witnesses, vectors and `scn diff`
 * agree with every runtime by construction of the same steps.
 */
import type { CheckedExperiment, CheckedProgram } from "@scn/language";
import { placeUnit, rangesFromPercentages, type BucketRange, type Placement } from "@scn/runtime";
import { readTyped } from "./context-value.js";

const ranges = new WeakMap<CheckedExperiment, BucketRange[]>();

/** The arms' bucket ranges, computed once per experiment with GrowthBook's steps. */
export function experimentRanges(experiment: CheckedExperiment): BucketRange[] {
  let known = ranges.get(experiment);
  if (known === undefined) {
    known = rangesFromPercentages(experiment.arms.map((arm) => arm.weight), experiment.coverage);
    ranges.set(experiment, known);
  }
  return known;
}

export function findExperiment(program: CheckedProgram, name: string): CheckedExperiment {
  const experiment = program.experiments?.find((e) => e.name === name);
  if (!experiment) throw new Error(`internal: experiment \`${name}\` is not declared`);
  return experiment;
}

/** The type of an experiment's unit field: `string` or `int`. */
export function unitType(program: CheckedProgram, experiment: CheckedExperiment): "string" | "int" {
  const field = program.context;
  let fields = field;
  let type: import("@scn/language").CheckedType | undefined;
  for (const name of experiment.unit.split(".")) {
    const found = fields.find((f) => f.name === name);
    if (!found) throw new Error(`internal: unit \`${experiment.unit}\` is not declared`);
    type = found.type;
    fields = found.type.kind === "record" ? found.type.fields : [];
  }
  return type?.kind === "int" ? "int" : "string";
}

/** Where a context's unit falls in an experiment, or null when it enrolls nobody (wrongly typed values included). */
export function placeContext(program: CheckedProgram, experiment: CheckedExperiment, context: unknown): Placement | null {
  const value = readTyped(context, experiment.unit, { kind: unitType(program, experiment) });
  if (typeof value !== "string" && typeof value !== "number") return null;
  return placeUnit(experiment.seed, experimentRanges(experiment), value);
}

/** The arm a context is assigned to, or null when it is not enrolled or the experiment is not running. */
export function armOf(program: CheckedProgram, name: string, context: unknown): string | null {
  const experiment = findExperiment(program, name);
  if (experiment.status !== "running") return null;
  const placement = placeContext(program, experiment, context);
  if (placement === null || placement.arm < 0) return null;
  return experiment.arms[placement.arm]?.name ?? null;
}

/** How many candidate units a search for a unit in a given arm may try. */
const UNIT_SEARCH_LIMIT = 1_000_000;

/**
 * A unit value that the arm column assigns to `arm` (and, when `bucket` is
 * given, whose bucket is exactly that value), found by trying `u1`, `u2`, …
 * (or 1, 2, … for an int unit) in order, so vectors and witnesses are
 * deterministic. Null when the search limit is reached first.
 */
export function unitInArm(column: { readonly seed: string; readonly ranges: readonly (readonly [number, number])[]; readonly unit: "string" | "int" }, arm: number, bucket?: number): string | number | null {
  for (let i = 1; i <= UNIT_SEARCH_LIMIT; i++) {
    const unit = column.unit === "int" ? i : `u${i}`;
    const placed = placeUnit(column.seed, column.ranges, unit);
    if (placed !== null && (bucket === undefined ? placed.arm === arm : placed.bucket === bucket)) return unit;
  }
  return null;
}

/**
 * The buckets on either side of a range's start: the first bucket (a multiple
 * of 0.0001) at or above it and the one below. A start such as
 * 0.6000000000000001 (0.2 + 0.4 in floating point) puts bucket 0.6 in the
 * arm before, as GrowthBook's SDKs do.
 */
export function bucketsAround(start: number): number[] {
  const first = Math.ceil(start * 10000 - 1e-6);
  // `+ 0` turns the -0 that Math.ceil gives just below 0 into 0.
  return [first - 1, first].filter((k) => k >= 0 && k < 10000).map((k) => k / 10000 + 0);
}
