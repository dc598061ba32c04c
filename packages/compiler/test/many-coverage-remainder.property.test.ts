/**
 * The exact search over many boxes (boxes/many-coverage.ts) settles a piece
 * that every box cuts on one column by what is left of the piece's cell
 * there. On enum, bool and string columns that is one subtraction of the
 * cells' union rather than one per cell (docs/analysis.md#keeping-each-step-cheap);
 * it must leave the very cell the subtractions one at a time left.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { atomCell, complementCell, fullCell, intersectCells, isEmptyCell, subtractCells, type Cell, type ColumnDomain } from "../src/boxes/cell.js";
import { remainderOnColumn } from "../src/boxes/many-coverage.js";
import { TESTS, table } from "./arbitrary/boxes.js";

/** The definition: subtract the cells one at a time, stopping once nothing is left. */
function oneAtATime(domain: ColumnDomain, mine: Cell, cells: readonly Cell[]): Cell | null {
  let left: Cell[] = [mine];
  for (const cell of cells) {
    left = left.flatMap((piece) => subtractCells(domain, piece, cell));
    if (left.length === 0) return null;
  }
  expect(left.length).toBe(1);
  return left[0]!;
}

// The bool, enum and string columns of the arbitrary table.
const FINITE_COLUMNS = [0, 1, 2];

const arbitraryCell = (column: number) =>
  fc.record({ tests: fc.array(TESTS[column]!, { minLength: 1, maxLength: 2 }), complement: fc.boolean(), full: fc.boolean() }).map(({ tests, complement, full }) => ({ tests, complement, full }));

describe("the remainder of a cell on a finite column", () => {
  it("is the cell the union's cells, subtracted one at a time, leave", () => {
    const columns = table();
    fc.assert(
      fc.property(
        fc.constantFrom(...FINITE_COLUMNS).chain((column) => fc.tuple(fc.constant(column), arbitraryCell(column), fc.array(arbitraryCell(column), { minLength: 1, maxLength: 6 }))),
        ([column, mineSpec, specs]) => {
          const domain = columns.domain(column);
          const build = ({ tests, complement, full }: { tests: Parameters<typeof atomCell>[1][]; complement: boolean; full: boolean }): Cell => {
            if (full) return fullCell(domain);
            const cell = tests.map((t) => atomCell(domain, t)).reduce((a, b) => intersectCells(domain, a, b));
            return complement ? (complementCell(domain, cell)[0] ?? cell) : cell;
          };
          const mine = build(mineSpec);
          // A box's cells are never empty, and the search always has a cutting cell.
          if (isEmptyCell(mine) || specs.length === 0) return;
          const cells = specs.map(build);
          expect(remainderOnColumn(domain, mine, cells)).toEqual(oneAtATime(domain, mine, cells));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
