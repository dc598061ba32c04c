import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { boxWithin } from "../src/boxes/box.js";
import { ColumnShapes } from "../src/boxes/column-shapes.js";
import { arbitraryBoxes, boxesOf, table } from "./arbitrary/boxes.js";

describe("column shapes", () => {
  it("rule a box out of lying within another only when boxWithin says it does not", () => {
    let ruledOut = 0;
    fc.assert(
      fc.property(arbitraryBoxes(0, 20), (specs) => {
        const columns = table();
        const boxes = boxesOf(columns, specs);
        const shapes = new ColumnShapes(columns, boxes);
        boxes.forEach((a, p) =>
          boxes.forEach((b, q) => {
            if (shapes.mayLieWithin(p, q)) return;
            ruledOut++;
            expect(boxWithin(columns, a, b)).toBe(false);
          }),
        );
      }),
      { numRuns: 500 },
    );
    // The shortcut must actually decide some pairs, or the test proves nothing.
    expect(ruledOut).toBeGreaterThan(0);
  });
});
