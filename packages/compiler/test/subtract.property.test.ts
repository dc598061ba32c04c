import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { boxesMeet, cellAt, subtractBox, type Box } from "../src/boxes/box.js";
import { fullCell, intersectCells, isFullCell, subtractCells, subtractCellsByComplement } from "../src/boxes/cell.js";
import type { ColumnTable } from "../src/boxes/column-table.js";
import { arbitraryBoxSpec, buildBox, table } from "./arbitrary/boxes.js";

/**
 * Subtraction takes two shortcuts that coverage, the complement tree and
 * the point search lean on: two finite cells are subtracted value by value
 * (not through the complement of one in the whole domain), and a box's
 * column whose cell already lies inside the subtracted box's is skipped.
 * Both must give exactly what the definition gives, piece for piece.
 */
function referenceSubtractBox(columns: ColumnTable, a: Box, b: Box): Box[] {
  if (!boxesMeet(columns, a, b)) return [a];
  const pieces: Box[] = [];
  const current = new Map(a);
  for (const column of [...b.keys()].sort((x, y) => x - y)) {
    const domain = columns.domain(column);
    const mine = cellAt(columns, current, column);
    const theirs = b.get(column)!;
    for (const rest of subtractCellsByComplement(domain, mine, theirs)) {
      const piece = new Map(current);
      if (isFullCell(domain, rest)) piece.delete(column);
      else piece.set(column, rest);
      pieces.push(piece);
    }
    current.set(column, intersectCells(domain, mine, theirs));
  }
  return pieces;
}

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
