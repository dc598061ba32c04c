import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cellAt, subtractBox } from "../src/boxes/box.js";
import { fullCell, subtractCells, subtractCellsByComplement } from "../src/boxes/cell.js";
import { arbitraryBoxSpec, buildBox, table } from "./arbitrary/boxes.js";
import { referenceSubtractBox } from "./support/reference-subtract.js";

/*
 * Subtraction takes two shortcuts that coverage, the complement tree and
 * the point search lean on: two finite cells are subtracted value by value
 * (not through the complement of one in the whole domain), and a box's
 * column whose cell already lies inside the subtracted box's is skipped.
 * Both must give exactly what the definition (support/reference-subtract.ts)
 * gives, piece for piece.
 */
describe("subtraction's shortcuts", () => {
  it("subtracting two cells gives the pieces the complement gives", () => {
    fc.assert(
      fc.property(arbitraryBoxSpec, arbitraryBoxSpec, (x, y) => {
        const columns = table();
        const a = buildBox(columns, x);
        const b = buildBox(columns, y);
        if (a === null || b === null) return;
        for (let column = 0; column < columns.paths.length; column++) {
          const domain = columns.domain(column);
          const mine = cellAt(columns, a, column);
          const theirs = cellAt(columns, b, column);
          expect(subtractCells(domain, mine, theirs)).toEqual(subtractCellsByComplement(domain, mine, theirs));
          expect(subtractCells(domain, mine, fullCell(domain))).toEqual(subtractCellsByComplement(domain, mine, fullCell(domain)));
          expect(subtractCells(domain, fullCell(domain), theirs)).toEqual(subtractCellsByComplement(domain, fullCell(domain), theirs));
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("subtracting two boxes gives the pieces the definition gives, in its order", () => {
    fc.assert(
      fc.property(arbitraryBoxSpec, arbitraryBoxSpec, (x, y) => {
        const columns = table();
        const a = buildBox(columns, x);
        const b = buildBox(columns, y);
        if (a === null || b === null) return;
        const pieces = subtractBox(columns, a, b);
        const reference = referenceSubtractBox(columns, a, b);
        expect(pieces.map((piece) => [...piece].sort((p, q) => p[0] - q[0]))).toEqual(reference.map((piece) => [...piece].sort((p, q) => p[0] - q[0])));
        // A piece's columns come in the order the definition's do, since boxes are compared and shown by iterating them.
        expect(pieces.map((piece) => [...piece.keys()])).toEqual(reference.map((piece) => [...piece.keys()]));
      }),
      { numRuns: 1000 },
    );
  });
});
