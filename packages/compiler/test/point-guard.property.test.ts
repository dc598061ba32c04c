import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Box } from "../src/boxes/box.js";
import type { Cell } from "../src/boxes/cell.js";
import { PointGuard } from "../src/boxes/point-guard.js";
import { PointTests, pointValues } from "../src/boxes/point-tests.js";
import { UnionIndex } from "../src/boxes/union-index.js";
import { arbitraryBoxes, arbitraryPoint, boxesOf, pointBox, table } from "./arbitrary/boxes.js";

/** Values the points of arbitraryPoint never take but a point search may: a non-integer on the int column, and odd numbers. */
const onePoint = (value: number): Cell => ({ absent: false, values: { kind: "ranges", intervals: [[value, value, true, true]] } });
const ODD: fc.Arbitrary<Record<string, Cell>> = fc.constantFrom<Record<string, Cell>>({ i: onePoint(0.5) }, { n: onePoint(-0) }, { n: onePoint(1e9) }, {});

const arbitraryPoints = fc.array(fc.tuple(arbitraryPoint, ODD).map(([point, odd]) => ({ ...point, ...odd })), { minLength: 1, maxLength: 6 });

describe("point guard", () => {
  it("rejects only boxes that do not hold the point, on the first guard's column and on the second's", () => {
    fc.assert(
      fc.property(arbitraryBoxes(0, 40), arbitraryPoints, (specs, points) => {
        const columns = table();
        const boxes = boxesOf(columns, specs);
        const tests = new PointTests(columns, boxes);
        const guard = PointGuard.over(columns, tests);
        // The union index's second guard: another column (the table has an int and a number column).
        const second = PointGuard.over(columns, tests, guard.column);
        if (guard.column >= 0) expect(second.column).not.toBe(guard.column);
        for (const raw of points) {
          const point = pointBox(columns, raw);
          const values = pointValues(point);
          for (const g of [guard, second]) {
            const reading = g.reading(values);
            for (let p = 0; p < boxes.length; p++) if (g.rejects(p, reading)) expect(tests.holds(p, point, values)).toBe(false);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it("point queries with the guard and dropped positions answer as the plain scan of the leaves", () => {
    // Pruning's pattern: windows that grow one position at a time, each
    // position dropped (and rejected by `alive` from then on) or kept once
    // its question is asked. The hit must be the very same position, since
    // the point search moves away from it.
    fc.assert(
      fc.property(
        arbitraryBoxes(0, 60),
        fc.array(fc.boolean(), { minLength: 60, maxLength: 60 }),
        fc.constantFrom(1, 3, 8, 64),
        arbitraryPoints,
        (specs, keeps, leafSize, points) => {
          const columns = table();
          const boxes: Box[] = boxesOf(columns, specs);
          const plain = UnionIndex.over(columns, boxes, { leafSize, windowScan: 0, pointGuard: false });
          const fast = UnionIndex.over(columns, boxes, { leafSize, windowScan: 0 });
          const kept = new Uint8Array(boxes.length);
          const alive = (p: number) => kept[p] === 1;
          for (let end = 0; end <= boxes.length; end++) {
            for (const raw of points) {
              const point = pointBox(columns, raw);
              const window = { end, alive };
              expect(fast.containing(point, window)).toBe(plain.containing(point, window));
              expect(fast.containing(point, { start: 1, end, alive })).toBe(plain.containing(point, { start: 1, end, alive }));
              expect(fast.candidatePositions([point], window)).toEqual(plain.candidatePositions([point], window));
            }
            if (end === boxes.length) break;
            if (keeps[end] === true) kept[end] = 1;
            else fast.drop(end);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
