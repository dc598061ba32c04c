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
