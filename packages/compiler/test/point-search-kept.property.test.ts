import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fullCell, type Cell } from "../src/boxes/cell.js";
import { escapeFrom, keptEscape, pointIn, startPoint, type ColumnLiterals } from "../src/boxes/point-search.js";
import { arbitraryBoxes, boxesOf, STRINGS, table } from "./arbitrary/boxes.js";

// The point search keeps each start point by cell and each escape by pair
// of cells (point-search.ts), since the boxes of a table share their cells.
// Kept answers must be what the definitions give for that very cell or
// pair, whatever was asked before; the pool below shares its cells as row
// boxes do, so the same cells come up in many pairs.
// Co-finite and list cells' points depend on the literals the union names,
// so each pair is asked with one of several unions' literals.
const NAMED = [STRINGS, ["other", ...STRINGS], ["other", "other2", "q"]];
const literalsOf =
  (named: readonly string[]) =>
  (): ColumnLiterals => ({ has: (value) => named.includes(value as string), all: () => named });

describe("the point search's kept points", () => {
  it("give, for every pair of cells in any order, the escape and the start point the definitions give", () => {
    fc.assert(
      fc.property(arbitraryBoxes(1, 12), fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat(NAMED.length - 1)), { minLength: 1, maxLength: 60 }), (specs, pairs) => {
        const columns = table();
        const boxes = boxesOf(columns, specs);
        for (let column = 0; column < columns.domains.length; column++) {
          const domain = columns.domain(column);
          const cells: Cell[] = [fullCell(domain)];
          for (const box of boxes) {
            const cell = box.get(column);
            if (cell !== undefined && !cells.includes(cell)) cells.push(cell);
          }
          for (const [m, t, n] of pairs) {
            const literals = literalsOf(NAMED[n]!);
            const mine = cells[m % cells.length]!;
            const theirs = cells[t % cells.length]!;
            expect(keptEscape(domain, mine, theirs, literals)).toEqual(escapeFrom(domain, mine, theirs, literals));
            expect(startPoint(domain, mine, literals)).toEqual(pointIn(domain, mine, literals));
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
