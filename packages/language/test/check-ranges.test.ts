// Range-aware truth of single numeric tests, as a table: test, declared type, expected truth.
import { describe, expect, it } from "vitest";
import type { CheckedType, UnaryTest } from "@scn/language";
import { numericTruth, type Truth } from "../src/check/ranges.js";

const hour: CheckedType = { kind: "int", min: 0, max: 23 };
const share: CheckedType = { kind: "number", min: 0, max: 1 };
const anyInt: CheckedType = { kind: "int" };
const fixed: CheckedType = { kind: "int", min: 2, max: 3 };

const cases: [string, UnaryTest, CheckedType, Truth][] = [
  ["hour > 23", { range: [[23, null, false, false]] }, hour, "always-false"],
  ["hour > 22", { range: [[22, null, false, false]] }, hour, "depends"],
  ["hour >= 0", { range: [[0, null, true, false]] }, hour, "always-true"],
  ["hour < 24", { range: [[null, 24, false, false]] }, hour, "always-true"],
  ["hour < 0", { range: [[null, 0, false, false]] }, hour, "always-false"],
  ["hour > 22.5", { range: [[22.5, null, false, false]] }, hour, "depends"],
  ["hour == 30", { eq: 30 }, hour, "always-false"],
  ["hour == 3", { eq: 3 }, hour, "depends"],
  ["hour != 30", { notIn: [30] }, hour, "always-true"],
  ["hour in 0..23", { range: [[0, 23, true, true]] }, hour, "always-true"],
  ["hour not in 0..23", { range: [[null, 0, false, false], [23, null, false, false]] }, hour, "always-false"],
  ["hour in 0..10 or 11..23 as one test", { range: [[0, 10, true, true], [11, 23, true, true]] }, hour, "always-true"],
  ["hour in [24, 25]", { in: [24, 25] }, hour, "always-false"],
  ["fixed not in [2, 3]", { notIn: [2, 3] }, fixed, "always-false"],
  ["fixed in [2, 3]", { in: [2, 3] }, fixed, "always-true"],
  ["share > 1", { range: [[1, null, false, false]] }, share, "always-false"],
  ["share >= 1", { range: [[1, null, true, false]] }, share, "depends"],
  ["share > 0", { range: [[0, null, false, false]] }, share, "depends"],
  ["share in 0..0.5 or 0.5..1", { range: [[0, 0.5, true, false], [0.5, 1, true, true]] }, share, "always-true"],
  ["share gap at 0.5", { range: [[0, 0.5, true, false], [0.5, 1, false, true]] }, share, "depends"],
  ["unbounded int > 5", { range: [[5, null, false, false]] }, anyInt, "depends"],
  ["unbounded int any", { range: [[null, null, false, false]] }, anyInt, "always-true"],
];

describe("numericTruth", () => {
  it.each(cases)("%s", (_label, test, type, truth) => {
    expect(numericTruth(test, type)).toBe(truth);
  });

  it("says nothing about non-numeric fields", () => {
    expect(numericTruth({ eq: "gold" }, { kind: "enum", members: ["gold"] })).toBe("depends");
  });
});
