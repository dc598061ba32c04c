/**
 * A range test holds on a number exactly when one of its intervals holds
 * it (docs/bundle-format.md#unary-tests-and-absent-values), whichever of
 * them that is: evaluateUnaryTest asks each interval in turn.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Interval } from "@scn/runtime";
import { evaluateUnaryTest, inInterval } from "../src/semantics/unary-test.js";
import { ABSENT } from "../src/semantics/context-value.js";

const bound = fc.option(fc.integer({ min: -5, max: 5 }), { nil: null });
const interval: fc.Arbitrary<Interval> = fc.tuple(bound, bound, fc.boolean(), fc.boolean());

describe("a range test", () => {
  it("holds where some interval holds, and never on an absent value or a non-number", () => {
    fc.assert(
      fc.property(fc.array(interval, { maxLength: 4 }), fc.integer({ min: -7, max: 7 }), (range, x) => {
        expect(evaluateUnaryTest({ range }, x)).toBe(range.some((i) => inInterval(x, i)));
        expect(evaluateUnaryTest({ range }, ABSENT)).toBe(false);
        expect(evaluateUnaryTest({ range }, String(x))).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});
