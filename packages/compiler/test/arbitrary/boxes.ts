/**
 * Fast-check arbitraries for the box algebra's property tests: a column of
 * every kind with few values, so that random boxes often meet, pin the same
 * keys and cover each other; boxes built from the tests lowering writes;
 * windows over a list; single points.
 */
import fc from "fast-check";
import type { Column, Interval, UnaryTest } from "@scn/runtime";
import type { Box } from "../../src/boxes/box.js";
import { atomCell, complementCell, intersectCells, isEmptyCell, isFullCell, type Cell } from "../../src/boxes/cell.js";
import { ColumnTable } from "../../src/boxes/column-table.js";
import type { IndexWindow } from "../../src/boxes/scanned-union.js";

export const COLUMNS: Column[] = [
  { path: "b", type: "bool" },
  { path: "e", type: "enum", values: ["a", "b", "c", "d"] },
  { path: "s", type: "string" },
  { path: "i", type: "int" },
  { path: "n", type: "number" },
  { path: "l", type: "list", element: "string" },
];

export function table(): ColumnTable {
  const columns = ColumnTable.forBundleColumns(COLUMNS);
  for (const column of COLUMNS) columns.indexOf(column.path);
  return columns;
}

export const STRINGS = ["x", "y", "z"];
export const INTS = [-1, 0, 1, 2, 3, 20];
export const NUMBERS = [-1, -0.5, 0, 0.5, 1, 2];

const range = (values: readonly number[]) =>
  fc
    .tuple(fc.option(fc.constantFrom(...values), { nil: null }), fc.option(fc.constantFrom(...values), { nil: null }), fc.boolean(), fc.boolean())
    .map(([lo, hi, a, b]): Interval => [lo, hi, a, b]);

/** Tests of each column, as the lowering would write them. */
export const TESTS: fc.Arbitrary<UnaryTest>[] = [
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

export const arbitraryBoxSpec = fc
  .uniqueArray(fc.integer({ min: 0, max: COLUMNS.length - 1 }), { minLength: 0, maxLength: 4 })
  .chain((columns) => fc.tuple(...columns.map((c) => arbitraryCell(c).map((cell) => [c, cell] as const))));

export function buildBox(columns: ColumnTable, spec: readonly (readonly [number, { tests: UnaryTest[]; complement: boolean }])[]): Box | null {
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

export const arbitraryBoxes = (min: number, max: number) => fc.array(arbitraryBoxSpec, { minLength: min, maxLength: max });

/** A window over `size` boxes: a range and a random set of boxes left out. */
export const arbitraryWindow = (size: number) =>
  fc
    .tuple(fc.nat(size), fc.nat(size), fc.array(fc.boolean(), { minLength: size, maxLength: size }), fc.boolean())
    .map(([a, b, kept, filtered]): IndexWindow => ({ start: Math.min(a, b), end: Math.max(a, b), ...(filtered ? { alive: (p: number) => kept[p] === true } : {}) }));

export function inWindow(window: IndexWindow, size: number): number[] {
  const positions: number[] = [];
  for (let p = window.start ?? 0; p < Math.min(window.end ?? size, size); p++) if (!window.alive || window.alive(p)) positions.push(p);
  return positions;
}

/** Random points: one value (or absent) on every column. */
export const arbitraryPoint = fc.record({
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

export function pointBox(columns: ColumnTable, point: Record<string, Cell>): Box {
  return new Map(COLUMNS.map((c) => [columns.indexOf(c.path), point[c.path]!]));
}

/** Tiny leaves and no window scans, so that small random lists get deep indexes. */
export const DEEP = { leafSize: 1, windowScan: 0 };

export const boxesOf = (columns: ColumnTable, specs: Parameters<typeof buildBox>[1][]) => specs.map((s) => buildBox(columns, s)).filter((b): b is Box => b !== null);
