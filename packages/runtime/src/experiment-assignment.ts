/**
 * Experiment assignment (docs/experiments.md#assignment): which arm of an
 * experiment a unit is in, computed exactly as GrowthBook's SDKs compute it,
 * so that a team analysing in GrowthBook, or rebuilding the assignment in a
 * warehouse, sees the same arm for the same unit.
 *
 * - The unit's bucket is GrowthBook's hash version 2:
 *   `fnv1a32(decimal(fnv1a32(seed + unit))) % 10000 / 10000`, with FNV-1a
 *   over UTF-16 code units (what JavaScript's `charCodeAt` returns).
 * - Arm ranges come from the weights and the coverage with the same
 *   floating-point steps as GrowthBook's `getBucketRanges`: arm i starts at
 *   the running sum of the weights before it and ends `coverage × weight`
 *   later. Computing them any other way (say `start + weight` then scaling)
 *   can move a unit that sits on a boundary into another arm.
 * - The arm is the first range `[start, end)` holding the bucket.
 *
 * This module is pure and has no dependencies: the JSON runtime calls it, the
 * compiler calls it (interpreter, witnesses, vectors, diff) and the JS module
 * emitter prints the same steps into generated code.
 */

/** FNV-1a, 32 bits, over the UTF-16 code units of `text`. */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    // Multiplying by the FNV prime 16777619 modulo 2^32.
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** GrowthBook's hash version 2: a bucket in [0, 1) with four decimals. */
export function bucketOf(seed: string, unit: string): number {
  return (fnv1a32(String(fnv1a32(seed + unit))) % 10000) / 10000;
}

/** A half-open bucket range `[start, end)`. */
export type BucketRange = readonly [number, number];

/** Equal weights for `count` arms, as GrowthBook computes them when weights are missing or invalid. */
export function equalWeights(count: number): number[] {
  if (count <= 0) return [];
  return new Array<number>(count).fill(1 / count);
}

/**
 * GrowthBook's `getBucketRanges`: coverage clamped to [0, 1]; weights of the
 * wrong length, or not summing to 1 within 0.01, replaced by equal weights;
 * then one range per arm, in order. The language's checks (weights summing to
 * exactly 100%, coverage in (0, 100%]) mean scn programs never take the
 * fallbacks, but they are kept so the function is GrowthBook's, case for case.
 */
export function bucketRanges(count: number, coverage: number, weights: readonly number[] | null): BucketRange[] {
  const clamped = coverage < 0 ? 0 : coverage > 1 ? 1 : coverage;
  const equal = equalWeights(count);
  let chosen: readonly number[] = weights ?? equal;
  if (chosen.length !== count) chosen = equal;
  let total = 0;
  for (const weight of chosen) total += weight;
  if (total < 0.99 || total > 1.01) chosen = equal;
  let cumulative = 0;
  return chosen.map((weight) => {
    const start = cumulative;
    cumulative += weight;
    return [start, start + clamped * weight] as const;
  });
}

/** The index of the first range holding `bucket`, or -1 when none does. */
export function chooseRange(bucket: number, ranges: readonly BucketRange[]): number {
  for (let i = 0; i < ranges.length; i++) {
    const range = ranges[i]!;
    if (bucket >= range[0] && bucket < range[1]) return i;
  }
  return -1;
}

/**
 * The text a unit value is hashed as, or null when the value enrolls nobody.
 * A string is hashed as is and an int in decimal. GrowthBook's SDKs skip a
 * unit whose value is falsy, so the empty string and the int 0 enroll nobody
 * here either; so do absent, `null` and wrongly typed values, and ints beyond
 * ±(2^53 − 1), whose decimal form differs between languages.
 */
export function unitText(value: unknown): string | null {
  if (typeof value === "string") return value === "" ? null : value;
  if (typeof value === "number" && Number.isSafeInteger(value) && value !== 0) return String(value);
  return null;
}

/** Where one unit value falls: its text, its bucket and the arm whose range holds it (-1 for none). */
export interface Placement {
  readonly unit: string;
  readonly bucket: number;
  readonly arm: number;
}

/** The placement of a unit value, or null when the value enrolls nobody (see `unitText`). */
export function placeUnit(seed: string, ranges: readonly BucketRange[], value: unknown): Placement | null {
  const unit = unitText(value);
  if (unit === null) return null;
  const bucket = bucketOf(seed, unit);
  return { unit, bucket, arm: chooseRange(bucket, ranges) };
}

/** The arm index a unit value is assigned to, or -1 when it is not enrolled. */
export function assignArm(seed: string, ranges: readonly BucketRange[], value: unknown): number {
  const unit = unitText(value);
  return unit === null ? -1 : chooseRange(bucketOf(seed, unit), ranges);
}

/** Arm ranges from the language's percentages (weights summing to 100, coverage in (0, 100]). */
export function rangesFromPercentages(weights: readonly number[], coverage: number): BucketRange[] {
  return bucketRanges(weights.length, coverage / 100, weights.map((w) => w / 100));
}
