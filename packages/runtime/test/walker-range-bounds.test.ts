/**
 * The walker lays a `range` test out as closed intervals, a strict bound
 * moved to the next double inward and a missing one made infinite
 * (walker.ts, `above` and `argument`; docs/runtime.md, "Performance"). These
 * properties put values exactly at, just inside and just outside bounds of
 * every magnitude (zero of both signs, the smallest subnormal, powers of
 * two, the largest double) and check that the walker answers as the
 * reference reading, which compares with the bounds as written, both in a
 * leaf's rows and at a test node.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { loadBundle, type Bundle, type IndexNode, type UnaryTest } from "@scn/runtime";
import { guardPrototypes } from "./support/prototype-guard.js";
import { referenceDecide } from "./support/reference.js";
import { oneDecisionBundle } from "./support/random-bundle.js";

guardPrototypes();

/** The double right after `x` (for a finite `x`), computed apart from the walker's own. */
function nextUp(x: number): number {
  if (x === 0) return Number.MIN_VALUE;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  view.setBigUint64(0, x > 0 ? bits + 1n : bits - 1n);
  return view.getFloat64(0);
}
const nextDown = (x: number): number => -nextUp(-x);

const special = fc.constantFrom(0, -0, Number.MIN_VALUE, -Number.MIN_VALUE, 1, -1, 0.5, 2 ** 52, 2 ** 53 - 1, -(2 ** 53 - 1), Number.MAX_VALUE, -Number.MAX_VALUE, 1e-300, 30, 0.1);
const bound = fc.oneof(special, fc.double({ noNaN: true, noDefaultInfinity: true }));
const interval = fc.tuple(fc.option(bound, { nil: null }), fc.option(bound, { nil: null }), fc.boolean(), fc.boolean());
const rangeTest = fc.array(interval, { minLength: 1, maxLength: 3 }).map((range): UnaryTest => ({ range }));

/** Values at, after and before each bound of the test, and a few others. */
function valuesNear(test: UnaryTest): number[] {
  const out = [0, -0, 1, -1, Number.MAX_VALUE, -Number.MAX_VALUE];
  if ("range" in test) {
    for (const [low, high] of test.range) {
      for (const b of [low, high]) if (b !== null) out.push(b, nextUp(b), nextDown(b));
    }
  }
  return out.filter((value) => Number.isFinite(value));
}

function expectLikeReference(bundle: Bundle, x: number): void {
  const context = { x };
  const expected = referenceDecide(bundle, "d", context);
  const runtime = loadBundle(bundle);
  expect(runtime.decide("d", context).rule).toBe(expected.rule);
  expect(runtime.explain("d", context).trace.row).toBe(expected.row);
}

describe("a range test's bounds, laid out as closed intervals, keep their meaning", () => {
  test("in a leaf's rows, every value at, after and before a bound answers as the reference", () => {
    fc.assert(
      fc.property(fc.array(rangeTest, { minLength: 1, maxLength: 4 }), (tests) => {
        const rows = tests.map((t) => ({ "0": t }));
        const bundle = oneDecisionBundle({ source: "range.scn", columns: [{ path: "x", type: "number" }], rows, nodes: [{ rows: rows.map((_, row) => row) }], hasDefault: true });
        for (const t of tests) for (const x of valuesNear(t)) expectLikeReference(bundle, x);
      }),
      { numRuns: 300 },
    );
  });

  test("at a test node, the branch taken is the one the reference's row implies", () => {
    fc.assert(
      fc.property(rangeTest, (t) => {
        // Row 0 holds when the test does; the test node sends a value where only the right row can be found.
        const nodes: IndexNode[] = [{ test: 0, t, then: 1, else: 2 }, { rows: [0, 1] }, { rows: [1] }];
        const bundle = oneDecisionBundle({ source: "range.scn", columns: [{ path: "x", type: "number" }], rows: [{ "0": t }, {}], nodes, hasDefault: true });
        for (const x of valuesNear(t)) expectLikeReference(bundle, x);
      }),
      { numRuns: 300 },
    );
  });

  test("a strict bound excludes the bound and nothing inside it", () => {
    const rows = [{ "0": { range: [[0, 1, false, false]] } satisfies UnaryTest }];
    const runtime = loadBundle(oneDecisionBundle({ source: "range.scn", columns: [{ path: "x", type: "number" }], rows, nodes: [{ rows: [0] }], hasDefault: true }));
    const rule = (x: number) => runtime.decide("d", { x }).rule;
    expect([rule(0), rule(-0), rule(Number.MIN_VALUE), rule(nextDown(1)), rule(1)]).toEqual([null, null, "s/p0", "s/p0", null]);
  });
});
