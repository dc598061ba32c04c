import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Interval } from "@scn/runtime";
import { complementIntervals, intersectIntervals, normalizeIntervals, subtractIntervals } from "../src/boxes/intervals.js";
import { atomCell, complementCell, intersectCells, subtractCells, type Cell, type ColumnDomain } from "../src/boxes/cell.js";
import { ColumnTable } from "../src/boxes/column-table.js";
import { conditionToBoxes } from "../src/lower/dnf.js";
import { subtractBox, type Box } from "../src/boxes/box.js";
import { coverage } from "../src/boxes/coverage.js";
import { cellAlternatives } from "../src/lower/cell-tests.js";
import { evaluateCondition } from "@scn/compiler";
import { arbitraryCondition, arbitraryContext, arbitraryProgram, leafPaths, recordPaths } from "./arbitrary/index.js";

const BOUNDS = [-2, -1, -0.5, 0, 0.5, 1, 2, 3] as const;
const POINTS = [-3, -2, -1.5, -1, -0.5, -0.25, 0, 0.25, 0.5, 1, 1.5, 2, 2.5, 3, 4];

const interval = fc
  .tuple(fc.option(fc.constantFrom(...BOUNDS), { nil: null }), fc.option(fc.constantFrom(...BOUNDS), { nil: null }), fc.boolean(), fc.boolean())
  .map(([lo, hi, a, b]): Interval => [lo, hi, a, b]);
const union = fc.array(interval, { maxLength: 4 });

function inInterval(x: number, [lo, hi, a, b]: Interval): boolean {
  return (lo === null || x > lo || (a && x === lo)) && (hi === null || x < hi || (b && x === hi));
}
const member = (set: readonly Interval[], x: number, integers: boolean) => (!integers || Number.isInteger(x)) && set.some((i) => inInterval(x, i));

describe("interval unions", () => {
  it.each([false, true])("normalize, intersect, complement and subtract are exact (integers: %s)", (integers) => {
    fc.assert(
      fc.property(union, union, (a, b) => {
        const na = normalizeIntervals(a, integers);
        const both = intersectIntervals(a, b, integers);
        const not = complementIntervals(a, integers);
        const minus = subtractIntervals(a, b, integers);
        for (const x of POINTS) {
          if (integers && !Number.isInteger(x)) continue;
          expect(member(na, x, integers)).toBe(member(a, x, integers));
          expect(member(both, x, integers)).toBe(member(a, x, integers) && member(b, x, integers));
          expect(member(not, x, integers)).toBe(!member(a, x, integers));
          expect(member(minus, x, integers)).toBe(member(a, x, integers) && !member(b, x, integers));
        }
      }),
      { numRuns: 500 },
    );
  });

  it("normalized unions are sorted, disjoint and never touching", () => {
    fc.assert(
      fc.property(union, fc.boolean(), (a, integers) => {
        const n = normalizeIntervals(a, integers);
        for (let i = 1; i < n.length; i++) {
          const [, hi, , hiIncl] = n[i - 1]!;
          const [lo, , loIncl] = n[i]!;
          expect(hi).not.toBeNull();
          expect(lo).not.toBeNull();
          if (integers) expect(lo!).toBeGreaterThan(hi! + 1);
          else expect(lo! > hi! || (lo === hi && !hiIncl && !loIncl)).toBe(true);
        }
        // Equal sets have equal normal forms.
        expect(normalizeIntervals(n, integers)).toEqual(n);
      }),
    );
  });

  it("integer intervals round inward", () => {
    expect(normalizeIntervals([[0.5, 3, false, false]], true)).toEqual([[1, 2, true, true]]);
    expect(normalizeIntervals([[2.5, 2.7, true, true]], true)).toEqual([]);
    expect(complementIntervals([[1, 2, true, true]], true)).toEqual([
      [null, 0, false, true],
      [3, null, true, false],
    ]);
  });
});

/** Values a column of each domain is probed with; the symbol stands for absent. */
const ABSENT = Symbol("absent");
type Probe = typeof ABSENT | string | number | boolean | string[];

const DOMAINS: { domain: ColumnDomain; probes: Probe[]; tests: fc.Arbitrary<object> }[] = [
  { domain: { kind: "bool" }, probes: [ABSENT, true, false], tests: fc.constantFrom({ bool: true }, { bool: false }, { eq: true }, { present: true }, { present: false }) },
  {
    domain: { kind: "enum", members: ["a", "b", "c"] },
    probes: [ABSENT, "a", "b", "c"],
    tests: fc.oneof(fc.constantFrom({ present: true }, { present: false }), fc.subarray(["a", "b", "c", "z"]).map((v) => ({ in: v })), fc.subarray(["a", "b", "z"]).map((v) => ({ notIn: v }))),
  },
  {
    domain: { kind: "string" },
    probes: [ABSENT, "x", "y", "z", "other"],
    tests: fc.oneof(fc.constantFrom({ present: false }, { eq: "x" }), fc.subarray(["x", "y"]).map((v) => ({ in: v })), fc.subarray(["x", "y", "z"]).map((v) => ({ notIn: v }))),
  },
  { domain: { kind: "int" }, probes: [ABSENT, ...POINTS.filter(Number.isInteger)], tests: fc.oneof(fc.constantFrom({ present: false }, { eq: 1 }, { notIn: [0, 2] }), fc.array(interval, { minLength: 1, maxLength: 2 }).map((range) => ({ range }))) },
  { domain: { kind: "number" }, probes: [ABSENT, ...POINTS], tests: fc.oneof(fc.constantFrom({ present: false }, { eq: 0.5 }, { in: [0, 2.5] }), fc.array(interval, { minLength: 1, maxLength: 2 }).map((range) => ({ range }))) },
  {
    domain: { kind: "list", element: { kind: "string" } },
    probes: [ABSENT, [], ["x"], ["y"], ["x", "y"], ["z"], ["x", "z"]],
    tests: fc.oneof(fc.constantFrom({ present: true }, { present: false }), fc.constantFrom("x", "y", "z").map((v) => ({ contains: v })), fc.constantFrom("x", "y").map((v) => ({ notContains: v }))),
  },
];

/** Membership in a cell, written from the cell's meaning. */
function inCell(cell: Cell, probe: Probe): boolean {
  if (probe === ABSENT) return cell.absent;
  const v = cell.values;
  switch (v.kind) {
    case "finite":
      return v.values.includes(probe as string);
    case "cofinite":
      return !v.values.includes(probe as string);
    case "ranges":
      return v.intervals.some((i) => inInterval(probe as number, i));
    case "lists":
      return v.conj !== null && v.conj.req.every((r) => (probe as string[]).includes(r as string)) && v.conj.forb.every((f) => !(probe as string[]).includes(f as string));
  }
}

describe("cells", () => {
  it.each(DOMAINS.map((d) => [d.domain.kind, d] as const))("%s: intersect, subtract and complement are exact, pieces disjoint", (_, { domain, probes, tests }) => {
    const cell = fc.array(tests, { minLength: 1, maxLength: 3 }).map((ts) => ts.map((t) => atomCell(domain, t as never)).reduce((a, b) => intersectCells(domain, a, b)));
    fc.assert(
      fc.property(cell, cell, (a, b) => {
        const both = intersectCells(domain, a, b);
        const minus = subtractCells(domain, a, b);
        const not = complementCell(domain, a);
        for (const p of probes) {
          expect(inCell(both, p)).toBe(inCell(a, p) && inCell(b, p));
          expect(minus.filter((c) => inCell(c, p)).length).toBe(inCell(a, p) && !inCell(b, p) ? 1 : 0);
          expect(not.filter((c) => inCell(c, p)).length).toBe(inCell(a, p) ? 0 : 1);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("a cell with absent and values needs two alternatives, a full cell none", () => {
    const domain: ColumnDomain = { kind: "enum", members: ["a", "b"] };
    const [notA] = complementCell(domain, atomCell(domain, { eq: "a" }));
    expect(cellAlternatives(domain, notA!)).toEqual([[{ literal: null, test: { present: false } }], [{ literal: null, test: { eq: "b" } }]]);
    expect(cellAlternatives(domain, { absent: true, values: { kind: "finite", values: ["a", "b"] } })).toEqual([[]]);
    const list: ColumnDomain = { kind: "list", element: { kind: "string" } };
    const both = intersectCells(list, atomCell(list, { contains: "x" }), atomCell(list, { notContains: "y" }));
    expect(cellAlternatives(list, both)).toEqual([[{ literal: "x", test: { contains: "x" } }, { literal: "y", test: { notContains: "y" } }]]);
  });
});

describe("boxes", () => {
  const programAndConditions = arbitraryProgram({ gate: false }).chain((program) => {
    const paths = { leaves: leafPaths(program.context), records: recordPaths(program.context) };
    return fc.tuple(fc.constant(program), arbitraryCondition(paths, 3), arbitraryCondition(paths, 2), fc.array(arbitraryContext(program), { minLength: 10, maxLength: 30 }));
  });

  /** Whether a context lies in a box, by evaluating each cell's tests as the bundle would. */
  const inBox = (program: Parameters<typeof evaluateCondition>[0], columns: ColumnTable, box: Box, context: unknown) =>
    [...box].every(([column, cell]) =>
      cellAlternatives(columns.domain(column), cell).some((alt) =>
        alt.every((placed) => evaluateCondition(program, { kind: "test", path: columns.paths[column]!, test: placed.test as never, span: program.decisions[0]!.span }, context)),
      ),
    );

  it("a condition's boxes hold exactly where the condition does", () => {
    fc.assert(
      fc.property(programAndConditions, ([program, condition, , contexts]) => {
        const columns = ColumnTable.forProgram(program);
        const boxes = conditionToBoxes(columns, condition, 10_000);
        for (const context of contexts) expect(boxes.some((b) => inBox(program, columns, b, context))).toBe(evaluateCondition(program, condition, context));
      }),
      { numRuns: 400 },
    );
  });

  it("box difference is exact and its pieces are disjoint; coverage agrees with it", () => {
    fc.assert(
      fc.property(programAndConditions, ([program, c1, c2, contexts]) => {
        const columns = ColumnTable.forProgram(program);
        const as = conditionToBoxes(columns, c1, 10_000);
        const bs = conditionToBoxes(columns, c2, 10_000);
        for (const a of as.slice(0, 3)) {
          for (const b of bs.slice(0, 3)) {
            const pieces = subtractBox(columns, a, b);
            for (const context of contexts) {
              const expected = inBox(program, columns, a, context) && !inBox(program, columns, b, context);
              expect(pieces.filter((p) => inBox(program, columns, p, context)).length).toBe(expected ? 1 : 0);
            }
          }
          const result = coverage(columns, a, bs);
          if (result.kind === "uncovered") for (const other of bs) expect(subtractBox(columns, result.piece, other)).toEqual([result.piece]);
          if (result.kind === "covered") for (const context of contexts) if (inBox(program, columns, a, context)) expect(bs.some((b) => inBox(program, columns, b, context))).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
