import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { boxWithin, type Box } from "../src/boxes/box.js";
import type { Cell } from "../src/boxes/cell.js";
import { PointTests, pointValues } from "../src/boxes/point-tests.js";
import { arbitraryBoxes, arbitraryPoint, boxesOf, pointBox, table } from "./arbitrary/boxes.js";

// Odd points the generated ones never hold: a non-integer on the int
// column (which no int cell holds, so it lies within every non-empty one),
// and a value on a column of several values (which has no single value).
const ODD: Record<string, Cell[]> = {
  i: [{ absent: false, values: { kind: "ranges", intervals: [[0.5, 0.5, true, true]] } }],
  e: [{ absent: false, values: { kind: "finite", values: ["a", "b"] } }],
  n: [{ absent: false, values: { kind: "ranges", intervals: [[-1, 1, true, false]] } }],
};

describe("point tests", () => {
  it("hold a point exactly when the box contains it, as boxWithin says", () => {
    fc.assert(
      fc.property(arbitraryBoxes(0, 30), fc.array(arbitraryPoint, { minLength: 1, maxLength: 6 }), fc.nat(), (specs, points, pick) => {
        const columns = table();
        const boxes = boxesOf(columns, specs);
        const tests = new PointTests(columns, boxes);
        for (const raw of points) {
          const variants: Box[] = [pointBox(columns, raw)];
          for (const [path, odd] of Object.entries(ODD)) variants.push(pointBox(columns, { ...raw, [path]: odd[pick % odd.length]! }));
          for (const point of variants) {
            const values = pointValues(point);
            boxes.forEach((box, p) => expect(tests.holds(p, point, values)).toBe(boxWithin(columns, point, box)));
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});
