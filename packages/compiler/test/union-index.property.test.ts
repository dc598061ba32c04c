import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Column, Interval, UnaryTest } from "@scn/runtime";
import { boxWithin, boxesMeet, type Box } from "../src/boxes/box.js";
import { atomCell, complementCell, intersectCells, isEmptyCell, isFullCell, type Cell } from "../src/boxes/cell.js";
import { ColumnTable } from "../src/boxes/column-table.js";
import { coverage, indexedCoverage, subtractionCoverage } from "../src/boxes/coverage.js";
import { coverageOfMany } from "../src/boxes/many-coverage.js";
import { findUncoveredPoint } from "../src/boxes/point-search.js";
import { ScannedUnion, type IndexWindow } from "../src/boxes/scanned-union.js";
import { UnionIndex } from "../src/boxes/union-index.js";

// One column of every kind, with few values, so that random boxes often meet,
// pin the same keys and cover each other.
const COLUMNS: Column[] = [
  { path: "b", type: "bool" },
  { path: "e", type: "enum", values: ["a", "b", "c", "d"] },
  { path: "s", type: "string" },
  { path: "i", type: "int" },
  { path: "n", type: "number" },
  { path: "l", type: "list", element: "string" },
];

function table(): ColumnTable {
  const columns = ColumnTable.forBundleColumns(COLUMNS);
  for (const column of COLUMNS) columns.indexOf(column.path);
  return columns;
}

const STRINGS = ["x", "y", "z"];
const INTS = [-1, 0, 1, 2, 3, 20];
const NUMBERS = [-1, -0.5, 0, 0.5, 1, 2];

const range = (values: readonly number[]) =>
  fc
    .tuple(fc.option(fc.constantFrom(...values), { nil: null }), fc.option(fc.constantFrom(...values), { nil: null }), fc.boolean(), fc.boolean())
    .map(([lo, hi, a, b]): Interval => [lo, hi, a, b]);

/** Tests of each column, as the lowering would write them. */
const TESTS: fc.Arbitrary<UnaryTest>[] = [
  fc.oneof(fc.boolean().map((bool): UnaryTest => ({ bool })), fc.boolean().map((present): UnaryTest => ({ present }))),
  fc.oneof(
    fc.constantFrom("a", "b", "c", "d").map((eq): UnaryTest => ({ eq })),
    fc.subarray(["a", "b", "c", "d"], { minLength: 1 }).map((values): UnaryTest => ({ in: values })),
    fc.boolean().map((present): UnaryTest => ({ present })),
  ),
  fc.oneof(
    fc.constantFrom(...STRINGS).map((eq): UnaryTest => ({ eq })),
    fc.subarray(STRINGS, { minLength: 1 }).map((values): UnaryTest => ({ notIn: values })),
    fc.subarray(STRINGS, { minLength: 1 }).map((values): UnaryTest => ({ in: values })),
  ),
  fc.oneof(
    fc.constantFrom(...INTS).map((eq): UnaryTest => ({ eq })),
    fc.subarray(INTS, { minLength: 1 }).map((values): UnaryTest => ({ in: values })),
    fc.array(range(INTS), { minLength: 1, maxLength: 2 }).map((intervals): UnaryTest => ({ range: intervals })),
  ),
  fc.oneof(
    fc.constantFrom(...NUMBERS).map((eq): UnaryTest => ({ eq })),
    fc.subarray(NUMBERS, { minLength: 1, maxLength: 3 }).map((values): UnaryTest => ({ in: values })),
    fc.array(range(NUMBERS), { minLength: 1, maxLength: 2 }).map((intervals): UnaryTest => ({ range: intervals })),
  ),
  fc.oneof(fc.constantFrom(...STRINGS).map((contains): UnaryTest => ({ contains })), fc.constantFrom(...STRINGS).map((notContains): UnaryTest => ({ notContains }))),
];

/** A cell: one or two tests on the column, possibly complemented (which admits absent). */
function arbitraryCell(column: number): fc.Arbitrary<{ tests: UnaryTest[]; complement: boolean }> {
  return fc.record({ tests: fc.array(TESTS[column]!, { minLength: 1, maxLength: 2 }), complement: fc.boolean() });
}

const arbitraryBoxSpec = fc
  .uniqueArray(fc.integer({ min: 0, max: COLUMNS.length - 1 }), { minLength: 0, maxLength: 4 })
  .chain((columns) => fc.tuple(...columns.map((c) => arbitraryCell(c).map((cell) => [c, cell] as const))));

function buildBox(columns: ColumnTable, spec: readonly (readonly [number, { tests: UnaryTest[]; complement: boolean }])[]): Box | null {
  const box = new Map<number, Cell>();
  for (const [column, { tests, complement }] of spec) {
    const domain = columns.domain(column);
    let cell = tests.map((t) => atomCell(domain, t)).reduce((a, b) => intersectCells(domain, a, b));
    if (complement) cell = complementCell(domain, cell)[0] ?? cell;
    if (isEmptyCell(cell)) return null;
    if (!isFullCell(domain, cell)) box.set(column, cell);
  }
  return box;
}

const arbitraryBoxes = (min: number, max: number) => fc.array(arbitraryBoxSpec, { minLength: min, maxLength: max });

/** A window over `size` boxes: a range and a random set of boxes left out. */
const arbitraryWindow = (size: number) =>
  fc
    .tuple(fc.nat(size), fc.nat(size), fc.array(fc.boolean(), { minLength: size, maxLength: size }), fc.boolean())
    .map(([a, b, kept, filtered]): IndexWindow => ({ start: Math.min(a, b), end: Math.max(a, b), ...(filtered ? { alive: (p: number) => kept[p] === true } : {}) }));

function inWindow(window: IndexWindow, size: number): number[] {
  const positions: number[] = [];
  for (let p = window.start ?? 0; p < Math.min(window.end ?? size, size); p++) if (!window.alive || window.alive(p)) positions.push(p);
  return positions;
}

/** Random points: one value (or absent) on every column. */
const arbitraryPoint = fc.record({
  b: fc.constantFrom<Cell>({ absent: true, values: { kind: "finite", values: [] } }, ...[false, true].map((v): Cell => ({ absent: false, values: { kind: "finite", values: [v] } }))),
  e: fc.constantFrom<Cell>({ absent: true, values: { kind: "finite", values: [] } }, ...["a", "b", "c", "d"].map((v): Cell => ({ absent: false, values: { kind: "finite", values: [v] } }))),
  s: fc.constantFrom<Cell>({ absent: true, values: { kind: "finite", values: [] } }, ...[...STRINGS, "other"].map((v): Cell => ({ absent: false, values: { kind: "finite", values: [v] } }))),
  i: fc.constantFrom<Cell>({ absent: true, values: { kind: "ranges", intervals: [] } }, ...[...INTS, 5].map((v): Cell => ({ absent: false, values: { kind: "ranges", intervals: [[v, v, true, true]] } }))),
  n: fc.constantFrom<Cell>({ absent: true, values: { kind: "ranges", intervals: [] } }, ...[...NUMBERS, 0.25, 7].map((v): Cell => ({ absent: false, values: { kind: "ranges", intervals: [[v, v, true, true]] } }))),
  l: fc.oneof(
    fc.constant<Cell>({ absent: true, values: { kind: "lists", conj: null } }),
    fc.subarray(STRINGS).map((req): Cell => ({ absent: false, values: { kind: "lists", conj: { req, forb: STRINGS.filter((s) => !req.includes(s)) } } })),
  ),
});

function pointBox(columns: ColumnTable, point: Record<string, Cell>): Box {
  return new Map(COLUMNS.map((c) => [columns.indexOf(c.path), point[c.path]!]));
}

/** Tiny leaves and no window scans, so that small random lists get deep indexes. */
const DEEP = { leafSize: 1, windowScan: 0 };

const boxesOf = (columns: ColumnTable, specs: Parameters<typeof buildBox>[1][]) => specs.map((s) => buildBox(columns, s)).filter((b): b is Box => b !== null);

describe("union index", () => {
  it("candidate lists hold every box of the window that meets the query, in order, once", () => {
    fc.assert(
      fc.property(arbitraryBoxes(0, 60), arbitraryBoxSpec, (specs, querySpec) => {
        const columns = table();
        const boxes = boxesOf(columns, specs);
        const query = buildBox(columns, querySpec);
        if (query === null) return;
        const index = UnionIndex.over(columns, boxes, DEEP);
        for (const window of fc.sample(arbitraryWindow(boxes.length), { numRuns: 3, seed: boxes.length })) {
          const allowed = inWindow(window, boxes.length);
          const found = index.candidatePositions([query], window);
          expect(found).toEqual([...new Set(found)].sort((a, b) => a - b));
          for (const p of found) expect(allowed).toContain(p);
          for (const p of allowed) if (boxesMeet(columns, query, boxes[p]!)) expect(found).toContain(p);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("a point query finds a containing box exactly when one exists", () => {
    fc.assert(
      fc.property(arbitraryBoxes(0, 60), fc.array(arbitraryPoint, { minLength: 1, maxLength: 8 }), (specs, points) => {
        const columns = table();
        const boxes = boxesOf(columns, specs);
        const index = UnionIndex.over(columns, boxes, DEEP);
        const scanned = new ScannedUnion(columns, boxes);
        for (const raw of points) {
          const point = pointBox(columns, raw);
          for (const window of [{}, { start: 1, end: Math.max(1, boxes.length - 1) }, { alive: (p: number) => p % 2 === 0 }]) {
            const expected = inWindow(window, boxes.length).some((p) => boxWithin(columns, point, boxes[p]!));
            for (const union of [index, scanned]) {
              const hit = union.containing(point, window);
              expect(hit !== null).toBe(expected);
              if (hit !== null) {
                expect(inWindow(window, boxes.length)).toContain(hit);
                expect(boxWithin(columns, point, boxes[hit]!)).toBe(true);
              }
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it("a point the search finds lies in the box and outside every box of the window", () => {
    fc.assert(
      fc.property(arbitraryBoxes(0, 40), arbitraryBoxSpec, (specs, querySpec) => {
        const columns = table();
        const boxes = boxesOf(columns, specs);
        const query = buildBox(columns, querySpec);
        if (query === null) return;
        const index = UnionIndex.over(columns, boxes, DEEP);
        const window = { end: Math.ceil(boxes.length / 2) + 1, alive: (p: number) => p % 3 !== 1 };
        const union = inWindow(window, boxes.length).map((p) => boxes[p]!);
        const point = findUncoveredPoint(columns, query, index, window);
        const exact = coverage(columns, query, union);
        if (point !== null) {
          expect(boxWithin(columns, point, query)).toBe(true);
          for (const other of union) expect(boxesMeet(columns, point, other)).toBe(false);
          expect(exact.kind).not.toBe("covered");
        }
        // The fast path never changes a decided verdict.
        const fast = indexedCoverage(columns, query, index, window);
        if (exact.kind !== "unknown" && fast.kind !== "unknown") expect(fast.kind).toBe(exact.kind);
        if (fast.kind === "uncovered") for (const other of union) expect(boxesMeet(columns, fast.piece, other)).toBe(false);
      }),
      { numRuns: 400 },
    );
  });

  it("the search for many meeting boxes gives the subtraction search's verdict, with a piece outside the union", () => {
    fc.assert(
      fc.property(arbitraryBoxes(17, 60), arbitraryBoxSpec, (specs, querySpec) => {
        const columns = table();
        const query = buildBox(columns, querySpec);
        if (query === null) return;
        const meeting = boxesOf(columns, specs).filter((box) => boxesMeet(columns, query, box));
        const many = coverageOfMany(columns, query, meeting, 20_000);
        const subtraction = subtractionCoverage(columns, query, meeting, 20_000);
        if (many.kind !== "unknown" && subtraction.kind !== "unknown") expect(many.kind).toBe(subtraction.kind);
        if (many.kind === "uncovered") {
          expect(boxWithin(columns, many.piece, query)).toBe(true);
          for (const other of meeting) expect(boxesMeet(columns, many.piece, other)).toBe(false);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("leaving out boxes that a nearby box of the window contains keeps the union", () => {
    fc.assert(
      fc.property(arbitraryBoxes(0, 40), arbitraryBoxSpec, (specs, querySpec) => {
        const columns = table();
        // Repeating boxes, and shrinking some into their neighbours, gives the index boxes to drop.
        const boxes = boxesOf(columns, specs).flatMap((box, i) => (i % 3 === 0 ? [box, box] : [box]));
        const query = buildBox(columns, querySpec);
        if (query === null) return;
        const index = UnionIndex.over(columns, boxes, DEEP);
        for (const window of fc.sample(arbitraryWindow(boxes.length), { numRuns: 3, seed: boxes.length })) {
          const all = index.candidates(query, window).filter((box) => boxesMeet(columns, query, box));
          const kept = index.maximalCandidates(query, window).filter((box) => boxesMeet(columns, query, box));
          for (const box of kept) expect(all).toContain(box);
          // Every box of the window that meets the query lies inside a kept one.
          for (const box of all) expect(kept.some((other) => boxWithin(columns, box, other))).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("indexes the boxes a level leaves open on another column, so a pinned query gets a short candidate list", () => {
    const columns = table();
    const [e, i] = [columns.indexOf("e"), columns.indexOf("i")];
    const members = ["a", "b", "c", "d"];
    const pin = (column: number, eq: string | number) => atomCell(columns.domain(column), { eq });
    // 400 boxes pinned on an int (and the enum), then 20 that leave the int open and pin the enum.
    const boxes: Box[] = [];
    for (let k = 0; k < 400; k++) boxes.push(new Map([[e, pin(e, members[k % 4]!)], [i, pin(i, k)]]));
    for (let k = 0; k < 20; k++) boxes.push(new Map([[e, pin(e, members[k % 4]!)]]));
    const index = UnionIndex.over(columns, boxes);
    const query = new Map([[e, pin(e, "b")], [i, pin(i, 5)]]);
    expect(index.candidatePositions([query])).toEqual([5, 401, 405, 409, 413, 417]);
    expect(index.containing(query)).toBe(5);
  });

  it("buckets absent like a value, so boxes that meet only on absent are candidates", () => {
    const columns = table();
    const e = columns.indexOf("e");
    const members = ["a", "b", "c", "d"];
    const domain = columns.domain(e);
    // Each box admits absent and one member: they all meet a query that admits absent and another member.
    const boxes: Box[] = members.flatMap(() => members.map((m) => new Map([[e, complementCell(domain, atomCell(domain, { in: members.filter((x) => x !== m) }))[0]!]])));
    const index = UnionIndex.over(columns, boxes, DEEP);
    const query = new Map([[e, complementCell(domain, atomCell(domain, { in: ["a", "b", "c"] }))[0]!]]);
    expect(index.candidatePositions([query])).toEqual(boxes.map((_, p) => p));
    expect(index.containing(new Map([[e, { absent: true, values: { kind: "finite", values: [] } } as Cell]]))).toBe(0);
  });
});
