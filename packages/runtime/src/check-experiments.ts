/**
 * Checking what a bundle says about experiments (docs/bundle-format.md,
 * "experiments"): the `experiments` section, the `experiment` entry of an
 * arm column, and the exposure an arm's outcome carries. The arm column is
 * the one place where evaluation reads experiment data, so its copy of the
 * seed, the ranges and the arm names must be exactly the section's: a
 * bundle whose two copies disagree could assign a unit to one arm in one
 * runtime and to another in a tool that reads the section.
 *
 * Invariant: never throws; after no problems are reported, every arm column
 * has a string seed, a `string` or `int` unit, and one finite `[start, end)`
 * range per arm name, so the walker's assignment cannot fail.
 */
import { expectArray, expectNullableString, expectNumber, expectOneOf, expectRecord, expectString, field, mismatch, type Problems, type Rec } from "./bundle-problems.js";
import { describeValue } from "./describe-value.js";
import { appendIndex, appendKey } from "./value-path.js";

/** What columns and outcomes are checked against: each declared experiment's unit, seed, arms and ranges. */
export interface KnownExperiment {
  readonly unit: unknown;
  readonly seed: unknown;
  readonly arms: readonly string[];
  readonly ranges: readonly (readonly [number, number])[];
}

/** The section's experiments by name, or null when the section is broken (then nothing is cross-checked against it). */
export type KnownExperiments = ReadonlyMap<string, KnownExperiment> | null;

function isRange(value: unknown): value is [number, number] {
  return Array.isArray(value) && value.length === 2 && value.every((bound) => typeof bound === "number" && Number.isFinite(bound));
}

/** Checks the optional `experiments` section and returns what it declares. */
export function checkExperimentsSection(data: Rec, p: Problems): KnownExperiments {
  if (!Object.hasOwn(data, "experiments")) return new Map();
  const section = data["experiments"];
  if (!expectRecord(section, "experiments", p)) return null;
  const known = new Map<string, KnownExperiment>();
  for (const name of Object.keys(section)) {
    const path = appendKey("experiments", name);
    const experiment = section[name];
    if (!expectRecord(experiment, path, p)) continue;
    const at = (key: string) => appendKey(path, key);
    expectNullableString(field(experiment, "title", path, p), at("title"), p);
    expectNullableString(field(experiment, "owner", path, p), at("owner"), p);
    const unit = field(experiment, "unit", path, p);
    expectString(unit, at("unit"), p);
    const seed = field(experiment, "seed", path, p);
    if (expectString(seed, at("seed"), p) && seed === "") p.add(at("seed"), "the seed must not be empty");
    const coverage = field(experiment, "coverage", path, p);
    if (typeof coverage !== "number" || !(coverage > 0 && coverage <= 100)) mismatch(coverage, at("coverage"), "a percentage in (0, 100]", p);
    expectOneOf(field(experiment, "status", path, p), ["draft", "running", "stopped"], at("status"), p);
    const arms: string[] = [];
    const ranges: [number, number][] = [];
    const list = field(experiment, "arms", path, p);
    if (expectArray(list, at("arms"), p)) {
      list.forEach((arm, index) => {
        const armPath = appendIndex(at("arms"), index);
        if (!expectRecord(arm, armPath, p)) return;
        const armName = field(arm, "name", armPath, p);
        if (expectString(armName, appendKey(armPath, "name"), p)) {
          if (arms.includes(armName)) p.add(appendKey(armPath, "name"), `the arm \`${armName}\` is listed twice`);
          arms.push(armName);
        }
        expectNumber(field(arm, "weight", armPath, p), appendKey(armPath, "weight"), p);
        const range = field(arm, "range", armPath, p);
        if (isRange(range)) ranges.push(range);
        else mismatch(range, appendKey(armPath, "range"), "a bucket range [start, end]", p);
      });
    }
    const metrics = field(experiment, "metrics", path, p);
    if (expectArray(metrics, at("metrics"), p)) {
      metrics.forEach((use, index) => {
        const usePath = appendIndex(at("metrics"), index);
        if (!expectRecord(use, usePath, p)) return;
        expectOneOf(field(use, "role", usePath, p), ["primary", "secondary", "guardrail"], appendKey(usePath, "role"), p);
        expectString(field(use, "metric", usePath, p), appendKey(usePath, "metric"), p);
        const target = field(use, "target", usePath, p);
        if (target !== null) expectNumber(target, appendKey(usePath, "target"), p);
        const window = field(use, "window", usePath, p);
        const windowPath = appendKey(usePath, "window");
        if (window !== null && expectRecord(window, windowPath, p)) {
          expectNumber(field(window, "amount", windowPath, p), appendKey(windowPath, "amount"), p);
          expectOneOf(field(window, "unit", windowPath, p), ["days", "weeks"], appendKey(windowPath, "unit"), p);
        }
      });
    }
    known.set(name, { unit, seed, arms, ranges });
  }
  return known;
}

function sameRanges(a: readonly (readonly number[])[], b: readonly (readonly number[])[]): boolean {
  return a.length === b.length && a.every((range, i) => range[0] === b[i]?.[0] && range[1] === b[i]?.[1]);
}

/**
 * Checks the `experiment` entry of column `column` (at `path`): only an
 * `enum` column whose values are the arms can be an arm column, and its
 * seed, unit path and ranges must be the section's.
 */
export function checkArmColumn(column: Rec, path: string, experiments: KnownExperiments, p: Problems): void {
  const at = appendKey(path, "experiment");
  const entry = column["experiment"];
  if (!expectRecord(entry, at, p)) return;
  if (column["type"] !== "enum") p.add(appendKey(path, "type"), "an arm column (with an `experiment` entry) must be an `enum` column of the arms");
  const name = field(entry, "name", at, p);
  const seed = field(entry, "seed", at, p);
  expectString(seed, appendKey(at, "seed"), p);
  expectOneOf(field(entry, "unit", at, p), ["string", "int"], appendKey(at, "unit"), p);
  const ranges = field(entry, "ranges", at, p);
  const values = Array.isArray(column["values"]) ? (column["values"] as unknown[]) : [];
  if (!Array.isArray(ranges) || !ranges.every(isRange)) {
    mismatch(ranges, appendKey(at, "ranges"), "a list of bucket ranges [start, end]", p);
    return;
  }
  if (ranges.length !== values.length) {
    p.add(appendKey(at, "ranges"), `expected one range per arm (${values.length}), got ${ranges.length}`);
    return;
  }
  if (!expectString(name, appendKey(at, "name"), p) || experiments === null) return;
  const declared = experiments.get(name);
  if (declared === undefined) {
    p.add(appendKey(at, "name"), `the experiment \`${name}\` is not in \`experiments\``);
    return;
  }
  if (column["path"] !== declared.unit) p.add(appendKey(path, "path"), `an arm column reads the experiment's unit \`${String(declared.unit)}\`, got ${describeValue(column["path"])}`);
  if (seed !== declared.seed) p.add(appendKey(at, "seed"), `expected the seed of \`experiments.${name}\`, ${describeValue(declared.seed)}`);
  if (values.length !== declared.arms.length || values.some((value, i) => value !== declared.arms[i]))
    p.add(appendKey(path, "values"), `expected the arms of \`experiments.${name}\` in order: ${declared.arms.map((arm) => `\`${arm}\``).join(", ")}`);
  else if (!sameRanges(ranges, declared.ranges)) p.add(appendKey(at, "ranges"), `expected the arms' ranges of \`experiments.${name}\``);
}

/** Checks the exposure `{name, arm}` of an arm's outcome: a declared experiment and one of its arms. */
export function checkExposure(exposure: unknown, path: string, experiments: KnownExperiments, p: Problems): void {
  if (!expectRecord(exposure, path, p)) return;
  const name = field(exposure, "name", path, p);
  const arm = field(exposure, "arm", path, p);
  const nameOk = expectString(name, appendKey(path, "name"), p);
  const armOk = expectString(arm, appendKey(path, "arm"), p);
  if (!nameOk || !armOk || experiments === null) return;
  const declared = experiments.get(name);
  if (declared === undefined) p.add(appendKey(path, "name"), `the experiment \`${name}\` is not in \`experiments\``);
  else if (!declared.arms.includes(arm)) p.add(appendKey(path, "arm"), `\`${arm}\` is not an arm of \`experiments.${name}\``);
}
