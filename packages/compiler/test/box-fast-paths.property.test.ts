import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { copyBox, subtractBox } from "../src/boxes/box.js";
import { cellsMeet } from "../src/boxes/cell.js";
import { complementOfNormalized, normalizeIntervals } from "../src/boxes/intervals.js";
import type { Interval } from "@scn/runtime";
import { ABSENT, type Key } from "../src/boxes/pinned-keys.js";
import { cellMeetsKey, cheapestKeyColumn, keyCell, UnionIndex } from "../src/boxes/union-index.js";
import type { Scalar } from "../src/boxes/cell.js";
import { arbitraryBoxes, boxesOf, INTS, NUMBERS, STRINGS, table } from "./arbitrary/boxes.js";
import { referenceSubtractBox } from "./support/reference-subtract.js";

// The allocation-free paths of the box algebra (docs/analysis.md#keeping-each-step-cheap)
// must answer exactly what the definitions they replace answer.
describe("box algebra fast paths", () => {
  it("subtractBox gives the pieces its definition gives, in its order, for boxes whose columns come in any order", () => {
    fc.assert(
      fc.property(arbitraryBoxes(2, 8), (specs) => {
        const columns = table();
        const boxes = boxesOf(columns, specs);
        for (const a of boxes) for (const b of boxes) expect(subtractBox(columns, a, b).map((piece) => [...piece])).toEqual(referenceSubtractBox(columns, a, b).map((piece) => [...piece]));
      }),
      { numRuns: 300 },
    );
  });

  it("copyBox holds the same cells in the same order as new Map(box), and is a new map", () => {
    fc.assert(
      fc.property(arbitraryBoxes(0, 12), (specs) => {
        const columns = table();
        for (const box of boxesOf(columns, specs)) {
          const copy = copyBox(box);
          expect(copy).not.toBe(box);
          expect([...copy]).toEqual([...new Map(box)]);
          for (const [column, cell] of copy) expect(cell).toBe(box.get(column));
        }
      }),
      { numRuns: 100 },
    );
  });

  it("complementOfNormalized of a normalized set is already normalized: what normalizing its gaps again gives, zero signs included", () => {
    const bound = fc.option(fc.constantFrom(-2, -1, -0.5, -0, 0, 0.5, 1, 2, 3), { nil: null });
    const interval = fc.tuple(bound, bound, fc.boolean(), fc.boolean()).map(([lo, hi, a, b]): Interval => [lo, hi, a, b]);
    fc.assert(
      fc.property(fc.array(interval, { maxLength: 4 }), fc.boolean(), (intervals, integers) => {
        const set = normalizeIntervals(intervals, integers);
        const gaps = complementOfNormalized(set, integers);
        const again = normalizeIntervals(gaps, integers);
        expect(gaps.length).toBe(again.length);
        gaps.forEach((gap, i) => gap.forEach((part, j) => expect(Object.is(part, again[i]![j])).toBe(true)));
      }),
      { numRuns: 2000 },
    );
  });

  it("an index's literals, gathered per column when asked, and its cheapest key column are the definitions' over its boxes", () => {
    fc.assert(
      fc.property(arbitraryBoxes(0, 20), fc.constantFrom(0.5, 0.75, 1), (specs, gain) => {
        const columns = table();
        const boxes = boxesOf(columns, specs);
        const expected = new Map<number, Set<Scalar>>();
        for (const box of boxes) {
          for (const [column, cell] of box) {
            const found = expected.get(column) ?? new Set<Scalar>();
            const values = cell.values;
            if (values.kind === "finite" || values.kind === "cofinite") for (const v of values.values) found.add(v);
            if (values.kind === "lists" && values.conj) for (const v of [...values.conj.req, ...values.conj.forb]) found.add(v);
            expected.set(column, found);
          }
        }
        const index = UnionIndex.over(columns, boxes);
        for (let column = 0; column < columns.domains.length; column++) {
          const named = [...(expected.get(column) ?? [])];
          expect(index.literals(column)).toEqual(named);
          for (const value of [...named, "x", "zz", 1, true]) expect(index.namesLiteral(column, value)).toBe(named.includes(value));
        }
        expect(index.cheapestKeyColumn(gain)).toBe(cheapestKeyColumn(columns, boxes, gain));
      }),
      { numRuns: 200 },
    );
  });

  it("cellMeetsKey answers cellsMeet with the key's one-key cell, on every column and key", () => {
    const keys: Key[] = [ABSENT, true, false, "a", "b", "c", "d", "q", ...STRINGS, ...INTS, ...NUMBERS, 0.25];
    fc.assert(
      fc.property(arbitraryBoxes(1, 12), (specs) => {
        const columns = table();
        for (const box of boxesOf(columns, specs)) {
          for (const [column, cell] of box) {
            const domain = columns.domain(column);
            if (domain.kind === "list") continue;
            for (const key of keys) {
              // Keys of the wrong kind for the column never reach an index's bucket of it.
              const numeric = domain.kind === "int" || domain.kind === "number";
              if (key !== ABSENT && (typeof key === "number") !== numeric) continue;
              if (domain.kind === "bool" && key !== ABSENT && typeof key !== "boolean") continue;
              if (domain.kind !== "bool" && typeof key === "boolean") continue;
              expect(cellMeetsKey(domain, cell, key)).toBe(cellsMeet(domain, cell, keyCell(domain, key)));
            }
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
