/**
 * The quick checks of an outcome and of a scenario's metadata
 * (load-bundle.ts) decide, without building the paths of reports, that the
 * field-by-field checks would find nothing: they must never accept what
 * those checks reject, and they accept the records bundles hold.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { Problems } from "../src/bundle-problems.js";
import { checkOutcome, checkScenario, outcomeIsSound, scenarioIsSound, type KnownNames } from "../src/load-bundle.js";

const names: KnownNames = {
  sourceCount: 1,
  scenarios: new Set(["s0", "s1"]),
  metrics: new Set(["m0", "m1"]),
  experiments: new Map(),
};
const decisions = new Set(["d"]);

const OMIT = Symbol("omit");

/** A record whose fields mostly hold their first (sound) value, else another value or nothing. */
function recordOf(fields: { [key: string]: fc.Arbitrary<unknown> }): fc.Arbitrary<Record<string, unknown>> {
  return fc.record(fields).map((record) => Object.fromEntries(Object.entries(record).filter(([, value]) => value !== OMIT)));
}

/** The first value most of the time (so that many records are sound), any other or none otherwise. */
const anyOf = (first: unknown, ...others: unknown[]) =>
  fc.oneof({ weight: 12, arbitrary: fc.constant(first) }, { weight: 1, arbitrary: fc.constantFrom(...others, OMIT) });
const nested = (depth: number): unknown => (depth === 0 ? 1 : { a: nested(depth - 1) });

const outcome = recordOf({
  rule: anyOf("s0/p", 1, null),
  scenario: anyOf("s0", "s1", "s9", 2),
  pathway: anyOf("p", null, 3),
  variation: anyOf(null, "v", 4),
  output: anyOf({}, { a: 1 }, [], null, "x", nested(70)),
  metrics: anyOf([], ["m0"], ["m0", "m1"], ["m9"], [1], "m0", null),
  experiment: fc.constantFrom(OMIT, OMIT, OMIT, { name: "e", arm: "a" }),
});

const metricUse = recordOf({
  metric: anyOf("m0", "m9", 5),
  role: anyOf("primary", "guardrail", "other", null),
  target: anyOf(null, 10, "10"),
  window: anyOf(null, { amount: 90, unit: "days" }, { amount: "90", unit: "days" }, { amount: 1, unit: "months" }, { unit: "weeks" }, []),
});

const scenario = recordOf({
  decision: anyOf("d", "e", 1),
  priority: anyOf(1, "1", null),
  status: anyOf("active", "draft", "live", null),
  title: anyOf(null, "t", 1),
  goal: anyOf("g", null),
  owner: anyOf(null, "o", 2),
  metrics: fc.oneof({ weight: 6, arbitrary: fc.array(fc.oneof({ weight: 6, arbitrary: metricUse }, { weight: 1, arbitrary: fc.constantFrom(null, "m0") }), { maxLength: 3 }) }, { weight: 1, arbitrary: fc.constantFrom(null, "m0", OMIT) }),
  tags: anyOf([], ["a"], [1], "a"),
  impact: anyOf(null, "low", "huge"),
  feasibility: anyOf(null, "high", 3),
  expires: anyOf(null, "2027-01-01", 20270101),
});

describe("the quick checks of outcomes and scenarios", () => {
  test("accept only outcomes the field-by-field check finds nothing in", () => {
    let accepted = 0;
    fc.assert(
      fc.property(outcome, (value) => {
        if (!outcomeIsSound(value, names)) return;
        accepted++;
        const p = new Problems();
        checkOutcome(value, "o", names, p);
        expect(p.done()).toEqual([]);
      }),
      { numRuns: 3000 },
    );
    expect(accepted).toBeGreaterThan(300);
  });

  test("accept only scenarios the field-by-field check finds nothing in", () => {
    let accepted = 0;
    fc.assert(
      fc.property(scenario, (value) => {
        if (!scenarioIsSound(value, decisions, names.metrics)) return;
        accepted++;
        const p = new Problems();
        checkScenario(value, "s", decisions, names.metrics, p);
        expect(p.done()).toEqual([]);
      }),
      { numRuns: 3000 },
    );
    expect(accepted).toBeGreaterThan(300);
  });

  test("accept a sound outcome and a sound scenario", () => {
    expect(outcomeIsSound({ rule: "s0/p", scenario: "s0", pathway: "p", variation: null, output: { a: [1, { b: 2 }] }, metrics: ["m0"] }, names)).toBe(true);
    const meta = { decision: "d", priority: 1, status: "active", title: null, goal: "g", owner: null, metrics: [{ metric: "m0", role: "primary", target: null, window: { amount: 1, unit: "days" } }], tags: [], impact: null, feasibility: "low", expires: null };
    expect(scenarioIsSound(meta, decisions, names.metrics)).toBe(true);
  });
});
