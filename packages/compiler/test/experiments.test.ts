/**
 * Experiments end to end (docs/experiments.md): a program whose variations
 * run splits, compiled and answered by the reference interpreter, the JSON
 * runtime and the JS module, for enrolled and not-enrolled units; the arm is
 * GrowthBook's for the unit, and the analysis stays exact.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Ajv2020 } from "ajv/dist/2020.js";
import { checkProgram, parseFile } from "@scn/language";
import { assignArm, loadBundle, placeUnit, rangesFromPercentages } from "@scn/runtime";
import { analysisFindings, compiledProgram } from "./support/compile.js";
import { emitJs } from "../src/emit/js.js";
import { emitJson } from "../src/emit/json.js";
import { diffBundles, renderDiffText } from "../src/diff/index.js";
import { interpret } from "../src/semantics/interpret.js";
import { bucketsAround, experimentRanges, unitInArm, unitType } from "../src/semantics/experiments.js";
import { importModule } from "./support/table-bundle.js";
import { EXPERIMENT_SOURCE } from "./support/experiment-program.js";

function checked() {
  const parsed = parseFile(EXPERIMENT_SOURCE, "experiment.scn");
  expect(parsed.diagnostics).toEqual([]);
  const result = checkProgram({ files: [parsed.value] }, { today: "2026-01-01" });
  expect(result.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
  return result.value;
}

function contexts(): unknown[] {
  const out: unknown[] = [];
  const ids: unknown[] = [undefined, null, "", 0, 7];
  for (let i = 0; i < 300; i++) ids.push(`customer-${i}`, `ü-${i}-\u{1F600}`);
  for (const id of ids) {
    for (const days of [5, 30, 50, 150]) {
      for (const ps of [0.2, 0.8]) {
        const customer: Record<string, unknown> = { price_sensitivity: ps };
        if (id !== undefined) customer.id = id;
        if (typeof id === "string" && id.length > 0) customer.number = id.length * 7919 - 3;
        out.push({ customer, order: { days } });
      }
    }
  }
  return out;
}

describe("experiments", () => {
  const program = checked();
  const { bundle } = compiledProgram(program);
  // The runtime reads the bundle file, as a consumer would: the exposure must survive the encoding.
  const runtime = loadBundle(emitJson(bundle));

  it("answers like the interpreter in the JSON runtime and the JS module, arm included", async () => {
    const module = (await importModule(emitJs(bundle))) as { decide: (d: string, c: unknown) => unknown };
    const arms = new Set<string>();
    for (const context of contexts()) {
      const expected = interpret(program, "store_returns", context);
      expect(runtime.decide("store_returns", context)).toEqual(expected);
      expect(module.decide("store_returns", context)).toEqual(expected);
      if (expected.experiment) arms.add(`${expected.experiment.name}.${expected.experiment.arm}`);
    }
    expect([...arms].sort()).toEqual(["by_number.a", "by_number.b", "credit_bonus.bonus_10", "credit_bonus.bonus_15", "credit_bonus.control"]);
  });

  it("assigns the arm GrowthBook assigns, and lets a not-enrolled unit fall through to the pathway", () => {
    const ranges = rangesFromPercentages([20, 40, 40], 90);
    for (let i = 0; i < 200; i++) {
      const id = `c${i}`;
      const arm = assignArm("credit-bonus-2026", ranges, id);
      const answer = interpret(program, "store_returns", { customer: { id, price_sensitivity: 0.9 }, order: { days: 3 } });
      expect(answer.experiment?.arm ?? null).toBe(arm < 0 ? null : (["control", "bonus_10", "bonus_15"][arm] ?? null));
      expect(answer.rule).toBe(arm < 0 ? "returns/within" : "returns/within/price_sensitive");
    }
  });

  it("writes the experiment into the bundle: a computed column and the experiments section", () => {
    const table = bundle.decisions.store_returns!;
    const column = table.columns.find((c) => c.experiment?.name === "credit_bonus");
    expect(column).toMatchObject({ path: "customer.id", type: "enum", values: ["control", "bonus_10", "bonus_15"], experiment: { seed: "credit-bonus-2026", unit: "string" } });
    expect(bundle.experiments?.credit_bonus?.arms.map((a) => a.name)).toEqual(["control", "bonus_10", "bonus_15"]);
    expect(table.outcomes.filter((o) => o.experiment?.name === "credit_bonus").map((o) => o.output.offer ?? null)).toEqual([null, "store_credit_10", "store_credit_15"]);
  });

  it("analyses the program without an internal error", () => {
    expect(analysisFindings(program).filter((d) => d.severity !== "info")).toEqual([]);
  });
});

describe("the experiment in the bundle file (scn.bundle/5)", () => {
  const { bundle } = compiledProgram(checked());
  const schema = JSON.parse(readFileSync(new URL("../schema/bundle.schema.json", import.meta.url), "utf8"));
  const validate = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true }).compile(schema);
  type Doc = { experiments: Record<string, any>; decisions: Record<string, { columns: any[]; outcomes: any[][] }> };
  const document = () => JSON.parse(emitJson(bundle)) as Doc;
  const armColumn = (doc: Doc) => doc.decisions.store_returns!.columns.find((c) => c.experiment?.name === "credit_bonus");

  it("is valid against the schema, with the exposure as each arm outcome's seventh element", () => {
    const doc = document();
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    const exposures = doc.decisions.store_returns!.outcomes.filter((o) => o.length === 7).map((o) => o[6]);
    expect(exposures).toContainEqual({ name: "credit_bonus", arm: "bonus_15" });
    expect(exposures).toContainEqual({ name: "by_number", arm: "a" });
  });

  it.each([
    ["an exposure of an unknown arm", (doc: Doc) => (doc.decisions.store_returns!.outcomes.find((o) => o.length === 7)![6] = { name: "credit_bonus", arm: "bonus_99" }), /outcomes\[\d+\]\.experiment\.arm: `bonus_99` is not an arm of `experiments.credit_bonus`/],
    ["an exposure of an undeclared experiment", (doc: Doc) => (doc.decisions.store_returns!.outcomes.find((o) => o.length === 7)![6] = { name: "other", arm: "a" }), /experiment\.name: the experiment `other` is not in `experiments`/],
    ["an arm column whose seed differs from the section's", (doc: Doc) => (armColumn(doc).experiment.seed = "another"), /columns\[\d+\]\.experiment\.seed: expected the seed of `experiments.credit_bonus`/],
    ["an arm column with a range too few", (doc: Doc) => armColumn(doc).experiment.ranges.pop(), /experiment\.ranges: expected one range per arm \(3\), got 2/],
    ["an arm column with a range that is not a pair of numbers", (doc: Doc) => (armColumn(doc).experiment.ranges[0] = [0, "x"]), /experiment\.ranges: expected a list of bucket ranges/],
    ["an arm column with other arms than the section's", (doc: Doc) => (armColumn(doc).values = ["control", "bonus_15", "bonus_10"]), /columns\[\d+\]\.values: expected the arms of `experiments.credit_bonus` in order/],
    ["an arm column on a string column", (doc: Doc) => { armColumn(doc).type = "string"; delete armColumn(doc).values; }, /columns\[\d+\]\.type: an arm column \(with an `experiment` entry\) must be an `enum` column of the arms/],
    ["an arm column without the section", (doc: Doc) => delete (doc as Partial<Doc>).experiments, /experiment\.name: the experiment `credit_bonus` is not in `experiments`/],
    ["an experiment with an empty seed", (doc: Doc) => (doc.experiments.credit_bonus.seed = ""), /experiments\.credit_bonus\.seed: the seed must not be empty/],
    ["an experiment with coverage 0", (doc: Doc) => (doc.experiments.credit_bonus.coverage = 0), /experiments\.credit_bonus\.coverage: expected a percentage in \(0, 100\]/],
  ])("is refused by loadBundle (and, unless only a cross-check can tell, by the schema) with %s", (what, damage, problem) => {
    const doc = document();
    damage(doc);
    let problems: readonly string[] = [];
    try {
      loadBundle(doc);
    } catch (error) {
      problems = (error as { problems: readonly string[] }).problems;
    }
    expect(problems.join("\n")).toMatch(problem);
    // The schema cannot cross-check names, counts and copies; it rejects what is malformed on its own.
    const crossCheck = /unknown arm|undeclared|seed differs|too few|other arms|without the section/.test(what);
    if (!crossCheck) expect(validate(doc)).toBe(false);
  });
});

describe("scn diff of an experiment", () => {
  const compile = (source: string) => {
    const parsed = parseFile(source, "experiment.scn");
    const result = checkProgram({ files: [parsed.value] }, { today: "2026-01-01" });
    return compiledProgram(result.value).bundle;
  };

  it("says which share of units changes arm when the weights change, measured on a stated sample", () => {
    const before = compile(EXPERIMENT_SOURCE);
    const after = compile(EXPERIMENT_SOURCE.replace("arms { control 20%, bonus_10 40%, bonus_15 40% }", "arms { control 10%, bonus_10 45%, bonus_15 45% }"));
    const diff = diffBundles(before, after);
    const change = diff.experiments.find((e) => e.name === "credit_bonus");
    expect(change?.fields.map((f) => f.field)).toEqual(["arms"]);
    // Control shrinks from [0, 0.18) to [0, 0.09): about 9% of all units move (coverage is 90%), and more shift between the bonuses.
    expect(change?.reassigned?.sample).toBe(100_000);
    expect(change?.reassigned?.share).toBeGreaterThan(0.05);
    expect(change?.reassigned?.share).toBeLessThan(0.5);
    const text = renderDiffText(diff);
    expect(text).toMatch(/credit_bonus[\s\S]*% of units change arm or enrollment \([\d,]+ of a sample of 100,000 unit values\)/);
  });

  it("says which share of units joins or leaves when the coverage changes, and that stopping takes everyone out", () => {
    const before = compile(EXPERIMENT_SOURCE);
    const narrower = diffBundles(before, compile(EXPERIMENT_SOURCE.replace("coverage 90%", "coverage 45%"))).experiments.find((e) => e.name === "credit_bonus");
    expect(narrower?.fields.map((f) => f.field)).toEqual(["coverage"]);
    // Coverage shrinks every arm's range by half: about 45% of all units leave, and none changes arm.
    expect(narrower?.reassigned?.share).toBeGreaterThan(0.4);
    expect(narrower?.reassigned?.share).toBeLessThan(0.5);
    const stopped = diffBundles(before, compile(EXPERIMENT_SOURCE.replace("coverage 90%", "coverage 90%\n  status stopped"))).experiments.find((e) => e.name === "credit_bonus");
    expect(stopped?.fields.map((f) => f.field)).toEqual(["status"]);
    // Every enrolled unit (90% of them) leaves the experiment.
    expect(stopped?.reassigned?.share).toBeGreaterThan(0.88);
    expect(stopped?.reassigned?.share).toBeLessThan(0.92);
  });

  it("reports a new seed as reassigning about as many units as chance predicts", () => {
    const before = compile(EXPERIMENT_SOURCE);
    const after = compile(EXPERIMENT_SOURCE.replace('seed "credit-bonus-2026"', 'seed "credit-bonus-2027"'));
    const share = diffBundles(before, after).experiments.find((e) => e.name === "credit_bonus")?.reassigned?.share ?? 0;
    // Two independent assignments agree with probability 0.1² + 0.18² + 0.36² + 0.36² ≈ 0.302.
    expect(share).toBeGreaterThan(0.65);
    expect(share).toBeLessThan(0.75);
  });
});

describe("analysis with an arm column", () => {
  const analyse = (source: string) => {
    const parsed = parseFile(source, "experiment.scn");
    const result = checkProgram({ files: [parsed.value] }, { today: "2026-01-01" });
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    return analysisFindings(result.value).filter((d) => d.severity !== "info");
  };
  const block = `    variation late_regulars when order.days > 100 {
      split by_number { a {} b { offer: "call_back" } }
    }`;
  const twoVariations = EXPERIMENT_SOURCE.replace(block, `${block}\n    variation late_regulars_again when order.days > 100 { offer: "late" }`);
  const splitSecond = EXPERIMENT_SOURCE.replace(block, `    variation late_first when order.days > 100 { offer: "late" }\n${block}`);

  it("knows a later variation with the same segment still holds for units that are not enrolled", () => {
    expect(twoVariations).not.toBe(EXPERIMENT_SOURCE);
    expect(analyse(twoVariations).map((d) => `${d.code} ${d.message}`)).toEqual([]);
  });

  it("finds a split variation unreachable behind a variation that takes every unit, with a witness whose unit is enrolled", () => {
    expect(splitSecond).not.toBe(EXPERIMENT_SOURCE);
    const findings = analyse(splitSecond);
    expect(findings.map((d) => d.code)).toEqual(["SCN3003"]);
    // Without the variation before it, the witness reaches the split variation: its unit really hashes into an arm.
    const answer = interpret(checked(), "store_returns", findings[0]!.witness);
    expect(answer.experiment?.name).toBe("by_number");
  });

  it("builds witness units that really hash into the arm they claim, at range boundaries too", () => {
    for (const experiment of checked().experiments ?? []) {
      const column = { seed: experiment.seed, ranges: experimentRanges(experiment), unit: unitType(checked(), experiment) };
      experiment.arms.forEach((_, arm) => {
        const unit = unitInArm(column, arm);
        expect(unit).not.toBeNull();
        expect(assignArm(column.seed, column.ranges, unit)).toBe(arm);
        for (const bucket of bucketsAround(column.ranges[arm]![0])) {
          const boundary = unitInArm(column, arm, bucket);
          if (boundary !== null) expect(placeUnit(column.seed, column.ranges, boundary)?.bucket).toBe(bucket);
        }
      });
    }
  });
});
