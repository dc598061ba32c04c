import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CheckedType } from "@scn/language";
import { hasType } from "../src/semantics/context-value.js";

/**
 * Enum membership (docs/analysis.md#keeping-each-step-cheap): long enums are
 * looked up in a set of their members made once per list of members, short
 * ones by a scan; both must answer as the list does, for every enum asked
 * about in any order.
 */
describe("enum membership", () => {
  it("answers as the list of members does, short or long, for several enums asked in turn", () => {
    let long = 0;
    const name = fc.constantFrom(...Array.from({ length: 40 }, (_, i) => `k${i}`), "", "__proto__", "constructor");
    fc.assert(
      fc.property(
        fc.array(fc.uniqueArray(name, { maxLength: 40, size: "max" }), { minLength: 1, maxLength: 4 }),
        fc.array(fc.tuple(fc.nat(3), fc.oneof(name, fc.integer(), fc.constant(null))), { minLength: 1, maxLength: 30 }),
        (lists, asks) => {
          const types: CheckedType[] = lists.map((members) => ({ kind: "enum", members }));
          for (const [which, value] of asks) {
            const type = types[which % types.length]!;
            const members = (type as Extract<CheckedType, { kind: "enum" }>).members;
            if (members.length > 16) long += 1;
            expect(hasType(type, value)).toBe(typeof value === "string" && members.includes(value));
          }
        },
      ),
      { numRuns: 2000 },
    );
    // Long enums (looked up in a set) are asked about, not only short ones.
    expect(long).toBeGreaterThan(5000);
  });
});
