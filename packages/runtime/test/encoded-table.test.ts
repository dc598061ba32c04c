/**
 * Encoded tables (docs/bundle-format.md, "Encoded tables"): a bundle whose
 * tables are encoded loads and answers exactly as the same bundle with
 * expanded rows and index, and a damaged encoding is reported as a
 * BundleFormatError, never any other exception, whatever is damaged.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { BundleFormatError, bundleDocument, loadBundle, type Bundle } from "@scn/runtime";
import { fixture } from "./support/fixtures.js";
import { guardPrototypes } from "./support/prototype-guard.js";

guardPrototypes();

const ARRAYS = ["tests", "lists", "rows", "rowTests", "src", "nodes"] as const;

describe("encoded tables", () => {
  test("load and answer as the expanded tables they encode", () => {
    for (const name of ["returns", "greeting"] as const) {
      const expanded = fixture(name) as Bundle;
      const document = JSON.parse(JSON.stringify(bundleDocument(expanded))) as Record<string, unknown>;
      const fromDocument = loadBundle(document);
      const fromExpanded = loadBundle(expanded);
      const contexts: unknown[] = [
        {},
        { order: { channel: "online", days_since_delivery: 10 }, visit: { location: "store", hour: 12 } },
        { order: { channel: "app", days_since_delivery: 45 }, customer: { loyalty: "gold", tags: ["a"], consent: { personalization: true } } },
        { name: "x", hour: 9 },
      ];
      for (const decision of fromExpanded.decisions) {
        for (const context of contexts) {
          expect(fromDocument.decide(decision, context)).toEqual(fromExpanded.decide(decision, context));
          expect(fromDocument.explain(decision, context)).toEqual(fromExpanded.explain(decision, context));
        }
      }
    }
  });

  test("a damaged encoding is a BundleFormatError, and a bundle that still loads answers without throwing", () => {
    const document = bundleDocument(fixture("returns") as Bundle) as unknown as { decisions: Record<string, { table: Record<string, unknown[]> }> };
    const names = Object.keys(document.decisions);
    const damage = fc.record({
      decision: fc.constantFrom(...names),
      array: fc.constantFrom<string>(...ARRAYS, "literals"),
      position: fc.nat(400),
      value: fc.constantFrom<unknown>(-2, -1, 0, 1, 2, 3, 7, 8, 99, 100_000, 1.5, "x", null, true, [], {}),
      drop: fc.boolean(),
    });
    fc.assert(
      fc.property(damage, ({ decision, array, position, value, drop }) => {
        const copy = JSON.parse(JSON.stringify(document)) as typeof document;
        const target = copy.decisions[decision]!.table[array]!;
        if (target.length === 0) return;
        if (drop) target.splice(position % target.length, 1);
        else target[position % target.length] = value;
        let runtime;
        try {
          runtime = loadBundle(copy);
        } catch (error) {
          expect(error).toBeInstanceOf(BundleFormatError);
          return;
        }
        for (const context of [{}, { order: { channel: "online", days_since_delivery: 10 }, visit: { location: "store" } }]) {
          expect(() => runtime.decide(decision, context)).not.toThrow();
          expect(() => runtime.explain(decision, context)).not.toThrow();
        }
      }),
      { numRuns: 400 },
    );
  });

  test("a table given both encoded and expanded is refused", () => {
    const expanded = fixture("returns");
    const document = JSON.parse(JSON.stringify(bundleDocument(expanded as Bundle))) as Record<string, any>;
    const name = Object.keys(document.decisions)[0]!;
    document.decisions[name].rows = expanded.decisions[name].rows;
    expect(() => loadBundle(document)).toThrow(/either an encoded `table` or `rows` and `index`, not both/);
  });
});
