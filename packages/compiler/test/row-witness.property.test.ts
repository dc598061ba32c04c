import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Row } from "@scn/runtime";
import { indexedRowWitness, rowWitness } from "../src/boxes/row-witness.js";
import { evaluateUnaryTest } from "../src/semantics/unary-test.js";
import type { Probe } from "../src/boxes/test-algebra.js";
import { decisionArbitrary } from "./support/random-table.js";

function matches(row: Row, values: readonly Probe[]): boolean {
  return Object.entries(row.tests).every(([key, test]) => evaluateUnaryTest(test, values[Number(key)]!));
}

describe("row witnesses", () => {
  it("the point search on the rows' index gives values whose first matching row is the target", () => {
    fc.assert(
      fc.property(decisionArbitrary, (decision) => {
        const { columns, rows } = decision;
        rows.forEach((_, r) => {
          const values = indexedRowWitness(columns, rows, r);
          if (values !== null) expect(rows.findIndex((row) => matches(row, values))).toBe(r);
        });
      }),
      { numRuns: 300 },
    );
  });

  it("finds a witness for most rows that have one", () => {
    // The point search is bounded, so it may miss a witness the exhaustive
    // search finds; on random tables it should rarely do so.
    let exhaustive = 0;
    let indexed = 0;
    for (const decision of fc.sample(decisionArbitrary, { numRuns: 200, seed: 7 })) {
      decision.rows.forEach((_, r) => {
        if (rowWitness(decision.columns, decision.rows, r) === null) return;
        exhaustive++;
        if (indexedRowWitness(decision.columns, decision.rows, r) !== null) indexed++;
      });
    }
    expect(exhaustive).toBeGreaterThan(100);
    expect(indexed / exhaustive).toBeGreaterThan(0.9);
  });
});
