import { describe, expect, it } from "vitest";
import { interpret } from "@scn/compiler";
import { build } from "./arbitrary/index.js";

const { program, scenario, pathway, variation, field, record, test, and, or, not, decision, bool, int, num, str, enumOf, listOf } = build;

const context = [
  record("order", [field("channel", enumOf("online", "store")), field("days", int(0, 365))]),
  record("customer", [
    field("tier", enumOf("none", "gold"), { optional: true }),
    field("tags", listOf(str), { optional: true, personal: true }),
    field("score", num(0, 1), { optional: true, personal: true }),
    record("consent", [field("ok", bool, { optional: true })]),
  ]),
  field("basket", num(), { optional: true }),
  field("note", str, { optional: true }),
];

const online = test("order.channel", { eq: "online" });

describe("interpret (docs/language.md#11-what-an-evaluation-means)", () => {
  it("orders candidates by priority, then source order", () => {
    const p = program({
      context,
      scenarios: [
        scenario({ name: "first", situation: online, pathways: [pathway("all", null, { action: "a" })] }),
        scenario({ name: "second", situation: online, pathways: [pathway("all", null, { action: "b" })] }),
        scenario({ name: "urgent", priority: 5, situation: test("order.days", { range: [[null, 7, false, true]] }), pathways: [pathway("all", null)] }),
      ],
    });
    expect(interpret(p, "desk", { order: { channel: "online", days: 3 } }).rule).toBe("urgent/all");
    expect(interpret(p, "desk", { order: { channel: "online", days: 30 } }).rule).toBe("first/all");
    expect(interpret(p, "desk", { order: { channel: "store", days: 30 } }).reason).toBe("none");
  });

  it("skips scenarios that are not active", () => {
    const p = program({
      context,
      scenarios: [
        scenario({ name: "draft", status: "draft", pathways: [pathway("all", null)] }),
        scenario({ name: "paused", status: "paused", pathways: [pathway("all", null)] }),
        scenario({ name: "live", pathways: [pathway("all", null)] }),
      ],
    });
    expect(interpret(p, "desk", {}).scenario).toBe("live");
  });

  it("takes the first pathway whose when holds, else otherwise; no pathway means the scenario does not apply", () => {
    const p = program({
      context,
      decisions: [decision("desk", { action: "default" })],
      scenarios: [
        scenario({
          name: "returns",
          situation: online,
          pathways: [pathway("recent", test("order.days", { range: [[null, 30, false, true]] })), pathway("week", test("order.days", { range: [[null, 7, false, true]] }))],
        }),
        scenario({ name: "fallback", situation: online, pathways: [pathway("late", test("order.days", { range: [[100, null, true, false]] })), pathway("rest", null)] }),
      ],
    });
    expect(interpret(p, "desk", { order: { channel: "online", days: 5 } }).rule).toBe("returns/recent");
    expect(interpret(p, "desk", { order: { channel: "online", days: 150 } }).rule).toBe("fallback/late");
    expect(interpret(p, "desk", { order: { channel: "online", days: 50 } }).rule).toBe("fallback/rest");
    const none = interpret(p, "desk", { order: { channel: "store", days: 5 } });
    expect(none).toMatchObject({ reason: "default", rule: null, output: { action: "default" }, metrics: [] });
  });

  it("layers default ⊕ pathway ⊕ variation, merging records deeply", () => {
    const p = program({
      context,
      decisions: [decision("desk", { action: "review", extra: { level: 1, note: "base" }, message: "generic" })],
      scenarios: [
        scenario({
          name: "s",
          pathways: [pathway("p", null, { action: "express", extra: { level: 2 } }, [variation("gold", test("customer.tier", { eq: "gold" }), { extra: { note: "vip" } })])],
        }),
      ],
    });
    expect(interpret(p, "desk", { customer: { tier: "gold", consent: {} } }).output).toEqual({ action: "express", extra: { level: 2, note: "vip" }, message: "generic" });
    expect(interpret(p, "desk", { customer: { tier: "none", consent: {} } }).output).toEqual({ action: "express", extra: { level: 2, note: "base" }, message: "generic" });
  });

  it("lists metrics primary first, then guardrails, then secondary", () => {
    const p = program({
      context,
      scenarios: [
        scenario({
          name: "s",
          pathways: [pathway("p", null)],
          metrics: [
            { role: "secondary", metric: "later", target: null, window: null },
            { role: "guardrail", metric: "calls", target: null, window: null },
            { role: "primary", metric: "completion", target: null, window: null },
            { role: "guardrail", metric: "refunds", target: null, window: null },
          ],
        }),
      ],
    });
    expect(interpret(p, "desk", {}).metrics).toEqual(["completion", "calls", "refunds", "later"]);
  });

  describe("consent", () => {
    const gated = program({
      context,
      consents: [{ name: "personalization", path: "customer.consent.ok" }],
      scenarios: [
        scenario({
          name: "s",
          pathways: [
            pathway("p", null, { action: "base" }, [
              variation("bargain", test("customer.score", { range: [[0.6, null, true, false]] }), { action: "bargain" }),
              variation("tagged", test("customer.tags", { contains: "vip" }), { action: "vip" }),
            ]),
          ],
        }),
      ],
    });
    const customer = (ok: unknown) => ({ customer: { score: 0.9, tags: ["vip"], consent: ok === undefined ? {} : { ok } } });

    it("applies the first matching variation only when every gate is true", () => {
      expect(interpret(gated, "desk", customer(true))).toMatchObject({ rule: "s/p/bargain", variation: "bargain", consent: { personalization: true } });
      expect(interpret(gated, "desk", { customer: { score: 0.1, tags: ["vip"], consent: { ok: true } } }).rule).toBe("s/p/tagged");
    });

    it.each([false, undefined, null, "true", 1])("gives the foundational experience when the gate is %s", (ok) => {
      const answer = interpret(gated, "desk", customer(ok));
      expect(answer).toMatchObject({ rule: "s/p", variation: null, output: { action: "base" }, consent: { personalization: false } });
    });

    it("applies variations freely when no gate is declared", () => {
      const free = program({ context, scenarios: [scenario({ name: "s", pathways: [pathway("p", null, {}, [variation("gold", test("customer.tier", { eq: "gold" }))])] })] });
      expect(interpret(free, "desk", { customer: { tier: "gold" } }).rule).toBe("s/p/gold");
    });
  });

  describe("absent values (§5.7)", () => {
    const decide = (condition: Parameters<typeof pathway>[1], ctx: unknown) =>
      interpret(program({ context, scenarios: [scenario({ name: "s", pathways: [pathway("p", condition)] })] }), "desk", ctx).reason === "scenario";

    it.each([
      ["eq", { eq: "gold" }],
      ["in", { in: ["gold", "none"] }],
      ["notIn", { notIn: ["gold"] }],
    ])("%s on an absent, null or non-member value is false", (_, t) => {
      const atom = test("customer.tier", t as never);
      for (const ctx of [{}, { customer: {} }, { customer: { tier: null } }, { customer: { tier: "platinum" } }, { customer: { tier: 3 } }]) expect(decide(atom, ctx)).toBe(false);
    });

    it("`not` is plain negation, so it holds on absent values", () => {
      expect(decide(not(test("customer.tier", { eq: "gold" })), {})).toBe(true);
      expect(decide(not(test("customer.tier", { notIn: ["gold"] })), {})).toBe(true);
      expect(decide(not(test("customer.tier", { notIn: ["gold"] })), { customer: { tier: "none" } })).toBe(false);
    });

    it("`present` tests presence itself, and a wrongly typed value counts as absent", () => {
      const present = test("basket", { present: true });
      expect(decide(present, { basket: 3.5 })).toBe(true);
      expect(decide(present, { basket: null })).toBe(false);
      expect(decide(present, { basket: "3.5" })).toBe(false);
      expect(decide(test("basket", { present: false }), {})).toBe(true);
    });

    it("an int field holding a non-integer is absent", () => {
      expect(decide(test("order.days", { range: [[0, 10, true, true]] }), { order: { days: 4.5 } })).toBe(false);
      expect(decide(test("order.days", { present: false }), { order: { days: 4.5 } })).toBe(true);
      expect(decide(test("order.days", { eq: 4 }), { order: { days: 4 } })).toBe(true);
    });

    it("notContains is false on an absent list, and a list with a bad element is absent", () => {
      expect(decide(test("customer.tags", { notContains: "vip" }), { customer: {} })).toBe(false);
      expect(decide(test("customer.tags", { notContains: "vip" }), { customer: { tags: [] } })).toBe(true);
      expect(decide(test("customer.tags", { contains: "vip" }), { customer: { tags: ["vip", 3] } })).toBe(false);
    });

    it("a record is present when it holds its required fields", () => {
      const present = test("order", { present: true });
      expect(decide(present, { order: { channel: "online", days: 1 } })).toBe(true);
      expect(decide(present, { order: { channel: "online" } })).toBe(false);
      expect(decide(present, { order: [] })).toBe(false);
    });

    it("or/and combine atoms as usual", () => {
      const cond = or(and(online, test("order.days", { eq: 1 })), test("note", { eq: "x" }));
      expect(decide(cond, { order: { channel: "online", days: 1 } })).toBe(true);
      expect(decide(cond, { note: "x" })).toBe(true);
      expect(decide(cond, { order: { channel: "store", days: 1 } })).toBe(false);
    });
  });

  describe("hostile input", () => {
    const p = program({
      context: [field("__proto__", str, { optional: true }), field("constructor", str, { optional: true }), field("note", str, { optional: true })],
      scenarios: [
        scenario({ name: "proto", situation: test("__proto__", { eq: "x" }), pathways: [pathway("p", null)] }),
        scenario({ name: "ctor", situation: test("constructor", { present: true }), pathways: [pathway("p", null)] }),
        scenario({ name: "tostring", situation: test("note", { present: true }), pathways: [pathway("p", null)] }),
      ],
    });

    it("reads `__proto__` and `constructor` as own data, never from the prototype", () => {
      expect(interpret(p, "desk", JSON.parse('{"__proto__": "x"}')).scenario).toBe("proto");
      expect(interpret(p, "desk", {}).reason).toBe("none");
      expect(interpret(p, "desk", { constructor: "c" }).scenario).toBe("ctor");
      expect(interpret(p, "desk", Object.create({ note: "inherited" })).reason).toBe("none");
    });

    it.each([null, undefined, 42, "text", [], [1, 2]])("answers none for the non-object context %s", (ctx) => {
      expect(interpret(p, "desk", ctx)).toMatchObject({ reason: "none", output: null });
    });

    it("keeps a `__proto__` output field as data", () => {
      const q = program({ context: [], decisions: [decision("desk", JSON.parse('{"__proto__": {"x": 1}}'))], scenarios: [] });
      const output = interpret(q, "desk", {}).output!;
      expect(Object.prototype.hasOwnProperty.call(output, "__proto__")).toBe(true);
      expect(Object.getPrototypeOf(output)).toBe(Object.prototype);
    });
  });
});
