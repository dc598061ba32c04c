import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sortedScalars, type Scalar } from "../src/boxes/cell.js";

/** The definition sortedScalars had before its shortcut for sorted lists: every distinct value once, sorted by type name and then by value. */
function definition(values: Iterable<Scalar>): Scalar[] {
  const compare = (a: Scalar, b: Scalar): number => {
    if (typeof a !== typeof b) return typeof a < typeof b ? -1 : 1;
    if (typeof a === "number") return a - (b as number);
    return a < b ? -1 : a > b ? 1 : 0;
  };
  return [...new Set(values)].sort(compare);
}

const scalar: fc.Arbitrary<Scalar> = fc.oneof(
  fc.constantFrom<Scalar>(0, -0, 1, -1, 0.5, NaN, Infinity, -Infinity, true, false, "", "a", "b", "B", "10", "9"),
  fc.integer({ min: -5, max: 5 }),
  fc.string({ maxLength: 3 }),
);

describe("sortedScalars", () => {
  it("gives what the set and the sort give, for sorted, unsorted and repeated lists", () => {
    fc.assert(
      fc.property(fc.array(scalar, { maxLength: 12 }), fc.boolean(), (values, sortFirst) => {
        const input = sortFirst ? definition(values) : values;
        const result = sortedScalars(input);
        expect(result).toEqual(definition(input));
        // Zero signs too, which toEqual would not tell apart.
        expect(result.map((v) => Object.is(v, -0))).toEqual(definition(input).map((v) => Object.is(v, -0)));
        // A fresh list: the caller may keep the result while the input changes.
        expect(result).not.toBe(input);
        expect(sortedScalars(new Set(input))).toEqual(definition(input));
      }),
      { numRuns: 3000 },
    );
  });
});
