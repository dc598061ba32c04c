import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Interval } from "@scn/runtime";
import { cellWithin, cellsMeet, type Cell, type ColumnDomain } from "../src/boxes/cell.js";
import { complementIntervals, intersectIntervals, normalizeIntervals } from "../src/boxes/intervals.js";

// Meeting and containment of number cells are decided bound by bound; the
// interval algebra (normalize, intersect, complement) is the reference.
const BOUNDS = [-2, -1, -0.5, 0, 0.5, 1, 2, 3] as const;
const interval = fc
  .tuple(fc.option(fc.constantFrom(...BOUNDS), { nil: null }), fc.option(fc.constantFrom(...BOUNDS), { nil: null }), fc.boolean(), fc.boolean())
  .map(([lo, hi, a, b]): Interval => [lo, hi, a, b]);
const union = fc.array(interval, { maxLength: 3 });

describe("number cells", () => {
  it.each([false, true])("meet and containment agree with the interval algebra (integers: %s)", (integers) => {
    const domain: ColumnDomain = { kind: integers ? "int" : "number" };
    fc.assert(
      fc.property(union, union, fc.boolean(), fc.boolean(), (a, b, absentA, absentB) => {
        const x = normalizeIntervals(a, integers);
        const y = normalizeIntervals(b, integers);
        const cell = (intervals: Interval[], absent: boolean): Cell => ({ absent, values: { kind: "ranges", intervals } });
        const meet = intersectIntervals(x, y, integers).length > 0;
        const within = intersectIntervals(x, complementIntervals(y, integers), integers).length === 0;
        expect(cellsMeet(domain, cell(x, absentA), cell(y, absentB))).toBe(meet || (absentA && absentB));
        expect(cellWithin(domain, cell(x, absentA), cell(y, absentB))).toBe(within && (!absentA || absentB));
      }),
      { numRuns: 2000 },
    );
  });
});
