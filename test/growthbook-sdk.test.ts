/**
 * The real GrowthBook JavaScript SDK against scn's assignment
 * (docs/experiments.md#assignment): for thousands of random unit values
 * (ASCII, non-ASCII, astral characters, ints, the empty string), the arm scn
 * computes equals the variation the SDK's `run()` assigns for the same
 * experiment definition (key, seed, weights, coverage, hash version 2).
 */
import { describe, expect, test } from "vitest";
import { checkProgram, parseFile } from "@scn/language";
import { compileChecked, emitJs, emitJson } from "@scn/compiler";
import { assignArm, loadBundle, rangesFromPercentages, type Answer } from "@scn/runtime";
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

/** A program whose one variation runs `experiment` on `customer.id` (a string) or `customer.number` (an int). */
function programFor(experiment: (typeof SDK_EXPERIMENTS)[number]): string {
  const arms = experiment.weights.map((w, i) => `arm_${i} ${w}%`).join(", ");
  const split = experiment.weights.map((_, i) => `arm_${i} { arm: "arm_${i}" }`).join(" ");
  const experimentBlock = (name: string, unit: string) =>
    `experiment ${name} { unit ${unit}, arms { ${arms} }, coverage ${experiment.coverage}%, seed ${JSON.stringify(experiment.seed)} }`;
  return `
context { customer: { id: string?, number: int? }, kind: enum { text, number } }
decision d { output { arm: string } default { arm: "none" } }
metric m { better higher }
${experimentBlock(`${experiment.key}_text`, "customer.id")}
${experimentBlock(`${experiment.key}_int`, "customer.number")}
scenario s for d {
  owner "cx"
  situation kind == text or kind == number
  goal "g"
  pathway by_text when kind == text { variation everyone_text when kind == text { split ${experiment.key}_text { ${split} } } }
  pathway by_number otherwise { variation everyone_int when kind == number { split ${experiment.key}_int { ${split} } } }
  metrics { primary m }
}
`;
}

describe("the JSON runtime and the JS module assign the SDK's arm", () => {
  test.each(SDK_EXPERIMENTS)("experiment $key", async (experiment) => {
    const parsed = parseFile(programFor(experiment), "sdk.scn");
    const checked = checkProgram({ files: [parsed.value] }, { today: "2026-01-01" });
    expect([...parsed.diagnostics, ...checked.diagnostics].filter((d) => d.severity === "error")).toEqual([]);
    const bundle = compileChecked(checked.value, { analyze: false }).compiled!.bundle;
    // The runtime reads the bundle file, as a consumer would.
    const runtime = loadBundle(emitJson(bundle));
    const source = emitJs(bundle);
    const module = (await import(`data:text/javascript;base64,${Buffer.from(source).toString("base64")}`)) as { decide: (d: string, c: unknown) => Answer };
    const units = randomUnits(SDK_UNITS, 29);
    let compared = 0;
    for (const unit of units) {
      const context = typeof unit === "number" ? { kind: "number", customer: { number: unit } } : { kind: "text", customer: { id: unit } };
      const sdk = sdkArm(experiment, unit);
      const expected = sdk < 0 ? null : `arm_${sdk}`;
      expect(runtime.decide("d", context).experiment?.arm ?? null, `JSON runtime, unit ${JSON.stringify(unit)}`).toBe(expected);
      expect(module.decide("d", context).experiment?.arm ?? null, `JS module, unit ${JSON.stringify(unit)}`).toBe(expected);
      compared += 1;
    }
    expect(compared).toBe(SDK_UNITS);
  });
});
