/**
 * The vectors read, for every row pruning keeps, a value per column from
 * the piece that reached it (docs/optimizer.md#conformance-witnesses).
 * probeInPiece reads points' cells at once and leaves the rest to pointIn;
 * its definition is probeOf of pointIn's point, avoiding the piece's own
 * literals, on every cell, points and whole boxes alike.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Box } from "../src/boxes/box.js";
import type { Cell } from "../src/boxes/cell.js";
import { pointIn } from "../src/boxes/point-search.js";
import { probeInPiece, probeOf } from "../src/boxes/row-witness.js";
import { cellLiterals } from "../src/boxes/scanned-union.js";
import type { Probe } from "../src/boxes/test-algebra.js";
import { arbitraryBoxSpec, arbitraryPoint, buildBox, COLUMNS, pointBox, table } from "./arbitrary/boxes.js";

/** The definition: a one-value cell inside the piece's cell (none where the piece leaves the column open), read as a probe. */
function definition(columns: ReturnType<typeof table>, piece: Box, column: number): Probe {
  const cell = piece.get(column);
  if (cell === undefined) return probeOf(undefined);
  const point: Cell | null = pointIn(columns.domain(column), cell, () => {
    const literals = cellLiterals(piece, column);
    return { has: (value) => literals.includes(value), all: () => literals };
  });
  return probeOf(point ?? undefined);
}

/** Cells a piece may hold that the random boxes rarely give: one-point intervals, a point interval among others, an empty-width interval, absent with values. */
const oddCells: fc.Arbitrary<readonly [number, Cell]> = fc.constantFrom<readonly [number, Cell]>(
  [3, { absent: false, values: { kind: "ranges", intervals: [[2, 2, true, true]] } }],
  [3, { absent: false, values: { kind: "ranges", intervals: [[2, 2, true, true], [5, 7, true, true]] } }],
  [4, { absent: false, values: { kind: "ranges", intervals: [[0.5, 0.5, true, false]] } }],
  [4, { absent: false, values: { kind: "ranges", intervals: [[null, 1, false, true]] } }],
  [4, { absent: true, values: { kind: "ranges", intervals: [[0.5, 0.5, true, true]] } }],
  [1, { absent: true, values: { kind: "finite", values: ["a"] } }],
  [1, { absent: false, values: { kind: "finite", values: ["a", "c"] } }],
  [2, { absent: false, values: { kind: "cofinite", values: ["x", "other"] } }],
  [5, { absent: false, values: { kind: "lists", conj: { req: ["x"], forb: [] } } }],
);

describe("probeInPiece", () => {
  it("reads each column of a piece as probeOf(pointIn(...)) does, on boxes and on points", () => {
    const pieces = fc.oneof(
      arbitraryBoxSpec.map((spec) => ({ spec, point: null, odd: [] as (readonly [number, Cell])[] })),
      arbitraryPoint.map((point) => ({ spec: null, point, odd: [] as (readonly [number, Cell])[] })),
      fc.tuple(arbitraryBoxSpec, fc.array(oddCells, { maxLength: 3 })).map(([spec, odd]) => ({ spec, point: null, odd })),
    );
    fc.assert(
      fc.property(pieces, ({ spec, point, odd }) => {
        const columns = table();
        const built = spec === null ? pointBox(columns, point!) : buildBox(columns, spec);
        if (built === null) return;
        const piece = new Map(built);
        for (const [column, cell] of odd) piece.set(column, cell);
        for (let column = 0; column < COLUMNS.length; column++) expect(probeInPiece(columns, piece, column)).toEqual(definition(columns, piece, column));
      }),
      { numRuns: 2000 },
    );
  });
});
