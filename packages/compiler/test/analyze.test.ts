// The analysis limits, which a `.scn` case cannot set: every other analysis
// case is a file in test/corpus/analysis/, run by test/corpus.test.ts with the
// default limits.
import { describe, expect, it } from "vitest";
import { analysisFindings } from "./support/compile.js";
import { build } from "./arbitrary/index.js";

const { program, scenario, pathway, field, test, and, or, bool } = build;

describe("SCN3007 decision-too-large", () => {
  it("stops at the row limit with an error on the decision", () => {
    const flags = Array.from({ length: 8 }, (_, i) => field(`f${i}`, bool));
    const situation = and(...Array.from({ length: 4 }, (_, i) => or(test(`f${2 * i}`, { bool: true }), test(`f${2 * i + 1}`, { bool: true }))));
    const p = program({ context: flags, scenarios: [scenario({ name: "big", situation, pathways: [pathway("all", null)] })] });
    expect(analysisFindings(p, { rows: 10 }).map((d) => [d.code, d.severity])).toEqual([["SCN3007", "error"]]);
    expect(analysisFindings(p)).toEqual([]);
  });
});

describe("SCN3008 analysis-incomplete", () => {
  it("reports an undecided question instead of guessing", () => {
    const flags = Array.from({ length: 6 }, (_, i) => [field(`a${i}`, bool), field(`b${i}`, bool)]).flat();
    const both = Array.from({ length: 6 }, (_, i) =>
      scenario({ name: `both_${i}`, priority: 10 - i, situation: and(test(`a${i}`, { bool: true }), test(`b${i}`, { bool: true })), pathways: [pathway("all", null)] }),
    );
    const p = program({
      context: flags,
      scenarios: [
        ...both,
        scenario({ name: "no_a", priority: 2, situation: test("a5", { bool: false }), pathways: [pathway("all", null)] }),
        scenario({ name: "no_b", priority: 1, situation: test("b5", { bool: false }), pathways: [pathway("all", null)] }),
        scenario({ name: "rest", pathways: [pathway("all", null)] }),
      ],
    });
    expect(analysisFindings(p, { budget: 8 }).map((d) => d.code)).toContain("SCN3008");
    // With the default budget the same question is settled: `rest` is shadowed.
    expect(analysisFindings(p).map((d) => d.code)).toEqual(["SCN3004"]);
  });
});
