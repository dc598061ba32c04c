import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Interval } from "@scn/runtime";
import { cellWithin, cellsMeet, type Cell, type ColumnDomain } from "../src/boxes/cell.js";
import { complementIntervals, intersectIntervals, normalizeIntervals } from "../src/boxes/intervals.js";
import { pinnedKeys, singleKey } from "../src/boxes/union-index.js";

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

/**
 * The interval algebra by its definition, with no shortcut: each interval
 * made integral (for integer sets) and dropped when empty, then sorted and
 * merged; an intersection is every pair's later start and earlier end, so
 * normalized. The algebra takes shortcuts for one-interval sets (the cells
 * of nearly every box); they must give the very same intervals.
 */
/** Unbounded starts first, then by bound, inclusive before exclusive. */
function startOrder(a: Interval, b: Interval): number {
  if (a[0] === null || b[0] === null) return (a[0] === null ? 0 : 1) - (b[0] === null ? 0 : 1);
  return a[0] - b[0] || (a[2] ? 0 : 1) - (b[2] ? 0 : 1);
}

function referenceNormalize(intervals: readonly Interval[], integers: boolean): Interval[] {
  const pieces: Interval[] = [];
  for (const [lo0, hi0, loIncl0, hiIncl0] of intervals) {
    const lo = integers && lo0 !== null ? (loIncl0 ? Math.ceil(lo0) : Math.floor(lo0) + 1) : lo0;
    const hi = integers && hi0 !== null ? (hiIncl0 ? Math.floor(hi0) : Math.ceil(hi0) - 1) : hi0;
    const loIncl = lo !== null && (integers || loIncl0);
    const hiIncl = hi !== null && (integers || hiIncl0);
    if (lo !== null && hi !== null && (lo > hi || (lo === hi && !(loIncl && hiIncl)))) continue;
    pieces.push([lo, hi, loIncl, hiIncl]);
  }
  pieces.sort(startOrder);
  const merged: Interval[] = [];
  for (const piece of pieces) {
    const last = merged[merged.length - 1];
    const touches = last !== undefined && (last[1] === null || piece[0] === null || (integers ? piece[0] <= last[1] + 1 : piece[0] < last[1] || (piece[0] === last[1] && (last[3] || piece[2]))));
    if (!touches) {
      merged.push(piece);
      continue;
    }
    const laterEnd: [number | null, boolean] = last[1] === null || piece[1] === null ? [null, false] : last[1] !== piece[1] ? (last[1] > piece[1] ? [last[1], last[3]] : [piece[1], piece[3]]) : [last[1], last[3] || piece[3]];
    merged[merged.length - 1] = [last[0], laterEnd[0], last[2], laterEnd[1]];
  }
  return merged;
}

function referenceIntersect(a: readonly Interval[], b: readonly Interval[], integers: boolean): Interval[] {
  const pieces: Interval[] = [];
  for (const x of a) {
    for (const y of b) {
      // Of two equal starts the first is taken (they differ at most in the sign of a zero).
      const start = startOrder(x, y) >= 0 ? x : y;
      const end: [number | null, boolean] = x[1] === null ? [y[1], y[3]] : y[1] === null ? [x[1], x[3]] : x[1] !== y[1] ? (x[1] < y[1] ? [x[1], x[3]] : [y[1], y[3]]) : [x[1], x[3] && y[3]];
      pieces.push([start[0], end[0], start[2], end[1]]);
    }
  }
  return referenceNormalize(pieces, integers);
}

describe("the interval algebra's shortcuts", () => {
  it.each([false, true])("normalizing and intersecting give what the definition gives (integers: %s)", (integers) => {
    fc.assert(
      fc.property(union, union, (a, b) => {
        expect(normalizeIntervals(a, integers)).toEqual(referenceNormalize(a, integers));
        expect(intersectIntervals(a, b, integers)).toEqual(referenceIntersect(a, b, integers));
        // One-interval sets, normalized as cells are, take the shortcut.
        const x = normalizeIntervals(a.slice(0, 1), integers);
        const y = normalizeIntervals(b.slice(0, 1), integers);
        expect(intersectIntervals(x, y, integers)).toEqual(referenceIntersect(x, y, integers));
      }),
      { numRuns: 1500 },
    );
  });
});

describe("a cell's single key", () => {
  it("is the key a cell pins when it pins exactly one, and undefined otherwise", () => {
    const domains: ColumnDomain[] = [{ kind: "int" }, { kind: "number" }, { kind: "enum", members: ["a", "b", "c"] }, { kind: "string" }];
    const cell = fc.oneof(
      fc.tuple(union, fc.boolean(), fc.boolean()).map(([intervals, absent, integers]): [ColumnDomain, Cell] => [domains[integers ? 0 : 1]!, { absent, values: { kind: "ranges", intervals: normalizeIntervals(intervals, integers) } }]),
      fc.tuple(fc.subarray(["a", "b", "c"]), fc.boolean()).map(([values, absent]): [ColumnDomain, Cell] => [domains[2]!, { absent, values: { kind: "finite", values } }]),
      fc.tuple(fc.subarray(["a", "b"]), fc.boolean()).map(([values, absent]): [ColumnDomain, Cell] => [domains[3]!, { absent, values: { kind: "cofinite", values } }]),
    );
    fc.assert(
      fc.property(cell, ([domain, c]) => {
        const keys = pinnedKeys(domain, c);
        expect(singleKey(domain, c)).toBe(keys !== null && keys.length === 1 ? keys[0] : undefined);
      }),
      { numRuns: 3000 },
    );
  });
});
