/**
 * GrowthBook's own bucketing cases (test/fixtures/growthbook-bucketing.json,
 * copied unchanged; its `source` line names the GrowthBook commit). Every
 * case of hash version 2 must pass, and the range, choice and equal-weight
 * cases, which do not depend on the hash version, too. Ranges are compared
 * rounded to 6 decimals, as GrowthBook's harness compares them.
 */
import { describe, expect, test } from "vitest";
import { bucketOf, bucketRanges, chooseRange, equalWeights } from "@scn/runtime";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

interface Cases {
  readonly source: string;
  readonly hash: readonly [string, string, number, number | null][];
  readonly getBucketRange: readonly [string, [number, number, number[] | null], [number, number][]][];
  readonly chooseVariation: readonly [string, number, [number, number][], number][];
  readonly getEqualWeights: readonly [number, number[]][];
}

const cases = JSON.parse(readFileSync(fileURLToPath(new URL("./fixtures/growthbook-bucketing.json", import.meta.url)), "utf8")) as Cases;
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

describe("GrowthBook bucketing conformance", () => {
  test("the copied file names its source", () => {
    expect(cases.source).toMatch(/^growthbook\/growthbook .*commit [0-9a-f]{40}/);
  });

  const version2 = cases.hash.filter(([, , version]) => version === 2);
  test("there are hash version 2 cases to pass", () => {
    expect(version2.length).toBeGreaterThan(5);
  });
  test.each(version2)("hash v2 of seed %j and unit %j", (seed, unit, _version, expected) => {
    expect(bucketOf(seed, unit)).toBe(expected);
  });

  test.each(cases.getBucketRange)("bucket ranges: %s", (_name, [count, coverage, weights], expected) => {
    const ranges = bucketRanges(count, coverage, weights).map(([start, end]) => [round6(start), round6(end)]);
    expect(ranges).toEqual(expected);
  });

  test.each(cases.chooseVariation)("choose a range: %s", (_name, bucket, ranges, expected) => {
    expect(chooseRange(bucket, ranges)).toBe(expected);
  });

  test.each(cases.getEqualWeights)("equal weights for %i arms", (count, expected) => {
    expect(equalWeights(count).map((w) => Math.round(w * 1e8) / 1e8)).toEqual(expected);
  });
});
