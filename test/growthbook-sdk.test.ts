/**
 * The real GrowthBook JavaScript SDK against scn's assignment
 * (docs/experiments.md#assignment): for thousands of random unit values
 * (ASCII, non-ASCII, astral characters, ints, the empty string), the arm scn
 * computes equals the variation the SDK's `run()` assigns for the same
 * experiment definition (key, seed, weights, coverage, hash version 2).
 */
import { describe, expect, test } from "vitest";
import { assignArm, rangesFromPercentages } from "@scn/runtime";
import { randomUnits, sdkArm, SDK_EXPERIMENTS, SDK_UNITS } from "./support/growthbook-sdk.js";

describe("assignment equals the GrowthBook SDK's run()", () => {
  test.each(SDK_EXPERIMENTS)("experiment $key", (experiment) => {
    const ranges = rangesFromPercentages(experiment.weights, experiment.coverage);
    const units = randomUnits(SDK_UNITS, 17);
    const disagreements = units.filter((unit) => assignArm(experiment.seed, ranges, unit) !== sdkArm(experiment, unit));
    expect(disagreements).toEqual([]);
    // The sample really exercises every arm and the units outside every range.
    const seen = new Set(units.map((unit) => assignArm(experiment.seed, ranges, unit)));
    expect(seen.size).toBe(experiment.weights.length + 1);
  });
});
