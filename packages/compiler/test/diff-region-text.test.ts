/**
 * How the diff describes customers: one case per line, a box over a few
 * typed columns in, the `.scn` condition out.
 */
import { describe, expect, it } from "vitest";
import type { Column, UnaryTest } from "@scn/runtime";
import { boxOf, intersectBoxes, EVERYTHING, type Box } from "../src/boxes/box.js";
import { atomCell } from "../src/boxes/cell.js";
import { ColumnTable } from "../src/boxes/column-table.js";
import { describeRegions } from "../src/diff/region-text.js";

const COLUMNS: Column[] = [
  { path: "tier", type: "enum", values: ["gold", "silver", "none"] },
  { path: "days", type: "int" },
  { path: "score", type: "number" },
  { path: "code", type: "string" },
  { path: "tags", type: "list", element: "string" },
  { path: "vip", type: "bool" },
];

const table = ColumnTable.forBundleColumns(COLUMNS);
for (const column of COLUMNS) table.indexOf(column.path);

/** A box from `path: test` pairs. */
function box(...tests: [string, UnaryTest][]): Box {
  let result: Box | null = EVERYTHING;
  for (const [path, test] of tests) {
    const column = table.indexOf(path);
    result = intersectBoxes(table, result!, boxOf(table, column, atomCell(table.domain(column), test))!);
  }
  return result!;
}

const CASES: [string, Box[], string][] = [
  ["nothing constrained", [box()], "everyone"],
  ["one enum member", [box(["tier", { eq: "gold" }])], "tier == gold"],
  ["enum members from two regions", [box(["tier", { eq: "gold" }]), box(["tier", { eq: "silver" }])], "tier in [gold, silver]"],
  ["a closed integer range", [box(["days", { range: [[31, 45, true, true]] }])], "days in 31..45"],
  ["an open number bound", [box(["score", { range: [[0.6, null, false, false]] }])], "score > 0.6"],
  ["two number intervals", [box(["score", { range: [[null, 0, false, false], [1, null, true, false]] }])], "(score < 0 or score >= 1)"],
  ["mixed bounds", [box(["score", { range: [[0, 1, false, true]] }])], "score > 0 and score <= 1"],
  ["a string outside a list", [box(["code", { notIn: ["a", "b"] }])], 'code not in ["a", "b"]'],
  ["a list element", [box(["tags", { contains: "vip" }], ["tags", { notContains: "banned" }])], 'tags contains "vip" and tags not contains "banned"'],
  ["a bool", [box(["vip", { bool: false }])], "not vip"],
  ["absence", [box(["days", { present: false }])], "days is not present"],
  ["absence or a value, across regions", [box(["days", { present: false }]), box(["days", { eq: 3 }])], "(days == 3 or days is not present)"],
  ["a column one region leaves free is dropped", [box(["tier", { eq: "gold" }], ["vip", { bool: true }]), box(["tier", { eq: "none" }])], "tier in [gold, none]"],
];

describe("describeRegions", () => {
  it.each(CASES)("%s", (_, regions, expected) => {
    expect(describeRegions(table, regions)).toBe(expected);
  });

  it("leaves out what the schema already says", () => {
    const valid = [box(["days", { range: [[0, 3650, true, true]] }], ["score", { range: [[0, 1, true, true]] }])];
    const region = box(["days", { range: [[0, 30, true, true]] }], ["score", { range: [[0.6, 1, true, true]] }], ["tier", { eq: "gold" }]);
    expect(describeRegions(table, [region], valid)).toBe("tier == gold and days <= 30 and score >= 0.6");
  });
});
