import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { ContextError, loadBundle, UnknownDecisionError, type Bundle } from "@scn/runtime";
import { contextFor } from "./support/contexts.js";
import { fixture, fixtureText } from "./support/fixtures.js";
import { guardPrototypes } from "./support/prototype-guard.js";
import { referenceDecide } from "./support/reference.js";

guardPrototypes();

const returns = loadBundle(fixtureText("returns"));
const greeting = loadBundle(fixture("greeting"));

function shopper(overrides: {
  days?: unknown;
  consent?: unknown;
  ps?: unknown;
  loyalty?: unknown;
  tags?: unknown;
  channel?: unknown;
  location?: unknown;
  hour?: unknown;
}) {
  const value = {
    order: { channel: "online", days_since_delivery: 10 },
    visit: { location: "store", hour: 12 },
    customer: { id: "c1", loyalty: "silver", price_sensitivity: 0.2, tags: [] as unknown, consent: { personalization: true as unknown } },
  };
  const o = overrides;
  if ("days" in o) (value.order as Record<string, unknown>).days_since_delivery = o.days;
  if ("channel" in o) (value.order as Record<string, unknown>).channel = o.channel;
  if ("location" in o) (value.visit as Record<string, unknown>).location = o.location;
  if ("hour" in o) (value.visit as Record<string, unknown>).hour = o.hour;
  if ("consent" in o) value.customer.consent.personalization = o.consent;
  if ("ps" in o) (value.customer as Record<string, unknown>).price_sensitivity = o.ps;
  if ("loyalty" in o) (value.customer as Record<string, unknown>).loyalty = o.loyalty;
  if ("tags" in o) value.customer.tags = o.tags;
  return value;
}

describe("store_returns (every index node kind)", () => {
  const rows: [string, Parameters<typeof shopper>[0], string | null, "scenario" | "default"][] = [
    ["price-sensitive within window", { ps: 0.8 }, "online_return_in_store/within_window/price_sensitive", "scenario"],
    ["price sensitivity exactly at the bound", { ps: 0.6 }, "online_return_in_store/within_window/price_sensitive", "scenario"],
    ["time-pressed within window", { tags: ["time_pressed"] }, "online_return_in_store/within_window/time_pressed", "scenario"],
    ["plain within window", {}, "online_return_in_store/within_window", "scenario"],
    ["no consent: no variation", { consent: false, ps: 0.9, tags: ["time_pressed"] }, "online_return_in_store/within_window", "scenario"],
    ["consent not exactly true", { consent: "true", ps: 0.9 }, "online_return_in_store/within_window", "scenario"],
    ["day 30 is inside the window", { days: 30 }, "online_return_in_store/within_window", "scenario"],
    ["day 31 is outside", { days: 31 }, "online_return_in_store/outside_window", "scenario"],
    ["loyal outside the window", { days: 45, loyalty: "gold" }, "online_return_in_store/outside_window/loyal", "scenario"],
    ["loyal without consent", { days: 45, loyalty: "gold", consent: false }, "online_return_in_store/outside_window", "scenario"],
    [
      "absent days take the otherwise pathway",
      { days: undefined, loyalty: "platinum" },
      "online_return_in_store/outside_window/loyal",
      "scenario",
    ],
    ["a string day counts as absent", { days: "12" }, "online_return_in_store/outside_window", "scenario"],
    ["a non-integer day counts as absent", { days: 12.5 }, "online_return_in_store/outside_window", "scenario"],
    ["null days count as absent", { days: null }, "online_return_in_store/outside_window", "scenario"],
    ["an out-of-range day is compared as is", { days: -4 }, "online_return_in_store/within_window", "scenario"],
    ["app channel", { channel: "app" }, "app_returns/any", "scenario"],
    ["store channel in the evening", { channel: "store", hour: 18 }, "evening_store/late", "scenario"],
    ["store channel before 18", { channel: "store", hour: 17 }, null, "default"],
    ["unknown channel", { channel: "fax" }, null, "default"],
    ["web location", { location: "web" }, null, "default"],
    ["a list of tags with a number counts as absent", { tags: ["time_pressed", 3] }, "online_return_in_store/within_window", "scenario"],
  ];
  test.each(rows)("%s", (_, overrides, rule, reason) => {
    const answer = returns.decide("store_returns", shopper(overrides));
    expect({ rule: answer.rule, reason: answer.reason }).toEqual({ rule, reason });
  });

  test("the answer carries the merged output, metrics and consent", () => {
    expect(returns.decide("store_returns", shopper({ ps: 0.7 }))).toEqual({
      decision: "store_returns",
      reason: "scenario",
      rule: "online_return_in_store/within_window/price_sensitive",
      scenario: "online_return_in_store",
      pathway: "within_window",
      variation: "price_sensitive",
      output: { action: "express_desk", message: "returns.within.credit_bonus", channel: "associate", offer: "store_credit_10" },
      metrics: ["return_completion", "return_calls"],
      consent: { personalization: true },
      experiment: null,
    });
  });

  test("default answers carry the default output and no metrics", () => {
    expect(returns.decide("store_returns", {})).toEqual({
      decision: "store_returns",
      reason: "default",
      rule: null,
      scenario: null,
      pathway: null,
      variation: null,
      output: { action: "manager_review", message: "returns.generic", channel: "associate" },
      metrics: [],
      consent: { personalization: false },
      experiment: null,
    });
  });

  test.each([null, undefined, 42, "text", [], [1, 2], true])("a context that is not an object (%s) gets the default", (context) => {
    expect(returns.decide("store_returns", context).reason).toBe("default");
  });

  test("outputs, metrics and consent records are frozen and shared between answers", () => {
    const a = returns.decide("store_returns", shopper({}));
    const b = returns.decide("store_returns", shopper({}));
    expect(a.output).toBe(b.output);
    expect(Object.isFrozen(a.output)).toBe(true);
    expect(Object.isFrozen(a.metrics)).toBe(true);
    expect(a.consent).toBe(b.consent);
    expect(Object.isFrozen(a.consent)).toBe(true);
    expect(returns.decide("store_returns", shopper({ consent: false })).consent).toEqual({ personalization: false });
  });
});

describe("greeting (bool and string switches, interval unions, hostile names)", () => {
  const rows: [string, unknown, string | null, "scenario" | "none"][] = [
    ["returning from FR", { visit: { returning: true, country: "FR" } }, "welcome_back/eu", "scenario"],
    ["returning from JP", { visit: { returning: true, country: "JP" } }, "welcome_back/world", "scenario"],
    ["returning, no country, small basket", { visit: { returning: true }, basket: { total: 5 } }, "first_visit/small_basket", "scenario"],
    ["first visit, big basket", { visit: { returning: false }, basket: { total: 150 } }, "first_visit/big_basket", "scenario"],
    ["first visit, total 100 is included", { visit: { returning: false }, basket: { total: 100 } }, "first_visit/big_basket", "scenario"],
    ["total inside the second interval", { visit: { returning: false }, basket: { total: 55 } }, "first_visit/small_basket", "scenario"],
    ["total on an excluded bound", { visit: { returning: false }, basket: { total: 50 } }, null, "none"],
    ["total 9.99 is excluded", { basket: { total: 9.99 } }, null, "none"],
    [
      "returning is a string",
      { visit: { returning: "true", country: "FR" }, basket: { total: 1 } },
      "first_visit/small_basket",
      "scenario",
    ],
    ["nothing at all", {}, null, "none"],
  ];
  test.each(rows)("%s", (_, context, rule, reason) => {
    const answer = greeting.decide("greeting", context);
    expect({ rule: answer.rule, reason: answer.reason }).toEqual({ rule, reason });
  });

  test("a country called __proto__ is data, and an output key __proto__ stays an own key", () => {
    const answer = greeting.decide(
      "greeting",
      JSON.parse('{"visit":{"returning":true,"country":"__proto__"},"consent":{"__proto__":true}}'),
    );
    expect(answer.rule).toBe("oddities/proto");
    expect(Object.getPrototypeOf(answer.output)).toBe(Object.prototype);
    expect(Object.keys(answer.output ?? {})).toEqual(["__proto__", "text"]);
    expect(Object.keys(answer.consent)).toEqual(["marketing", "__proto__"]);
    expect(Object.getPrototypeOf(answer.consent)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(answer.consent, "__proto__")?.value).toBe(true);
  });

  test("decisions without rows, with an unconditional row, and named like Object.prototype members", () => {
    expect(greeting.decide("constructor", {}).output).toEqual({ text: "always" });
    expect(greeting.decide("empty", {})).toMatchObject({ reason: "none", output: null, rule: null });
    expect(greeting.decide("fallback", {})).toMatchObject({ reason: "default", output: { text: "default" } });
  });
});

describe("consent records", () => {
  test.each([3, 14])("with %i gates, each gate is true only when its value is exactly true", (count) => {
    const bundle = fixture("greeting");
    bundle.consent = Array.from({ length: count }, (_, index) => ({ name: `g${index}`, path: `consent.g${index}` }));
    const runtime = loadBundle(bundle);
    const values = Array.from({ length: count }, (_, index) => [true, false, "true", 1, null][index % 5]);
    const context = { consent: Object.fromEntries(values.map((value, index) => [`g${index}`, value])) };
    const expected = Object.fromEntries(values.map((value, index) => [`g${index}`, value === true]));
    const answer = runtime.decide("greeting", context);
    expect(answer.consent).toEqual(expected);
    expect(Object.keys(answer.consent)).toEqual(Object.keys(expected));
    expect(Object.isFrozen(answer.consent)).toBe(true);
    expect(runtime.explain("greeting", context).consent).toEqual(expected);
  });
});

describe("decision names and strict mode", () => {
  test.each(["nope", "toString", "__proto__", "hasOwnProperty", ""])("unknown decision %j throws UnknownDecisionError", (name) => {
    expect(() => greeting.decide(name, {})).toThrow(UnknownDecisionError);
    expect(() => greeting.explain(name, {})).toThrow(UnknownDecisionError);
    try {
      greeting.decide(name, {});
    } catch (error) {
      expect((error as UnknownDecisionError).known).toEqual(["constructor", "empty", "fallback", "greeting"]);
      expect((error as Error).message).toContain("`greeting`");
    }
  });

  test("runtime.decisions lists the bundle's decisions; methods can be detached", () => {
    expect(returns.decisions).toEqual(["store_returns"]);
    const { decide } = returns;
    expect(decide("store_returns", {}).reason).toBe("default");
    expect(returns.bundle.hash).toMatch(/^sha256:/);
    expect(returns.bundle.sources).toEqual(["retail/app.scn", "retail/returns.scn"]);
    expect(Object.isFrozen(returns.bundle.scenarios)).toBe(true);
  });

  test("strict mode rejects a bad context with every bad path, and answers a good one", () => {
    const strict = loadBundle(fixtureText("returns"), { strict: true });
    expect(strict.strict).toBe(true);
    const good = shopper({});
    expect(strict.decide("store_returns", good)).toEqual(returns.decide("store_returns", good));
    const bad = shopper({ days: 12.5, channel: "fax", hour: 24 });
    let thrown: unknown;
    try {
      strict.decide("store_returns", bad);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ContextError);
    expect((thrown as ContextError).problems.map((problem) => problem.path)).toEqual([
      "order.channel",
      "order.days_since_delivery",
      "visit.hour",
    ]);
    expect(() => strict.explain("store_returns", bad)).toThrow(ContextError);
    // Lenient mode answers the same context, treating the bad values as absent.
    expect(returns.decide("store_returns", bad).reason).toBe("default");
  });
});

describe("the index walk agrees with a plain scan of the rows", () => {
  for (const name of ["returns", "greeting"] as const) {
    const bundle = fixture(name) as Bundle;
    const runtime = loadBundle(bundle);
    for (const decision of Object.keys(bundle.decisions)) {
      test(`${name} / ${decision}`, () => {
        fc.assert(
          fc.property(contextFor(bundle.decisions[decision]!), (context) => {
            const expected = referenceDecide(bundle, decision, context);
            const answer = runtime.decide(decision, context);
            expect({ reason: answer.reason, rule: answer.rule, output: answer.output }).toEqual({
              reason: expected.reason,
              rule: expected.rule,
              output: expected.output,
            });
            const explained = runtime.explain(decision, context);
            expect(explained.trace.row).toBe(expected.row);
            const { trace: _trace, ...explainedAnswer } = explained;
            expect(explainedAnswer).toEqual(answer);
          }),
          { numRuns: 2000 },
        );
      });
    }
  }
});
