import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { subtractBox, subtractUnion, type Box } from "../src/boxes/box.js";
import type { ColumnTable } from "../src/boxes/column-table.js";
import { arbitraryBoxSpec, buildBox, table } from "./arbitrary/boxes.js";

/**
 * subtractUnion as it was written before it kept the pieces a box misses
 * in place: every remaining piece less the next box by `subtractBox`, in
 * order, giving up (null) once more than `budget` pieces remain after a
 * box. The growing union's remainder (boxes/growing-union.ts) reads these
 * pieces in order and hands the first uncovered one on to the conformance
 * vectors, so the pieces, their order and the budget's verdict must be
 * the very same.
 */
function reference(columns: ColumnTable, a: Box, others: readonly Box[], budget: number): Box[] | null {
  let remaining: Box[] = [a];
  for (const other of others) {
    remaining = remaining.flatMap((box) => subtractBox(columns, box, other));
    if (remaining.length === 0) return remaining;
    if (remaining.length > budget) return null;
  }
  return remaining;
}

describe("subtractUnion", () => {
  it("gives the pieces, in the order and within the budget, that subtracting each box from every piece gives", () => {
    fc.assert(
      fc.property(arbitraryBoxSpec, fc.array(arbitraryBoxSpec, { maxLength: 8 }), fc.integer({ min: 0, max: 40 }), (spec, specs, budget) => {
        const columns = table();
        const a = buildBox(columns, spec);
        if (a === null) return;
        const others = specs.map((s) => buildBox(columns, s)).filter((box): box is Box => box !== null);
        const built = subtractUnion(columns, a, others, budget);
        const expected = reference(columns, a, others, budget);
        expect(built === null).toBe(expected === null);
        if (built === null || expected === null) return;
        expect(built.length).toBe(expected.length);
        built.forEach((piece, k) => {
          // The same cells in the same order, and the very box when a piece is one no box met.
          expect([...piece]).toEqual([...expected[k]!]);
          if (expected[k] === a) expect(piece).toBe(a);
        });
      }),
      { numRuns: 3000 },
    );
  });
});
