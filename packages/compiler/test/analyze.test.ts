import { describe, expect, it } from "vitest";
import { interpret, selectPathway } from "@scn/compiler";
import { analysisFindings } from "./support/compile.js";
import { build, isValidContext } from "./arbitrary/index.js";

const { program, scenario, pathway, variation, field, record, test, and, or, not, decision, bool, int, num, str, enumOf, listOf } = build;

const context = [
  record("order", [field("channel", enumOf("online", "store", "app")), field("days", int(0, 365)), field("value", num(0, 1000))]),
  record("customer", [
    field("tier", enumOf("none", "silver", "gold"), { optional: true }),
    field("tags", listOf(str), { personal: true }),
    field("email", str, { optional: true }),
    record("consent", [field("ok", bool, { optional: true })]),
  ]),
  record("visit", [field("hour", int(0, 23)), field("kiosk", bool)], { optional: true }),
];

const channel = (c: string) => test("order.channel", { eq: c });
const days = (lo: number | null, hi: number | null) => test("order.days", { range: [[lo, hi, lo !== null, hi !== null]] });
const codes = (p: Parameters<typeof analysisFindings>[0]) => analysisFindings(p).map((d) => d.code);

describe("SCN3001 ambiguous-scenarios", () => {
  const p = program({
    context,
    scenarios: [
      scenario({ name: "fast", situation: channel("online"), pathways: [pathway("all", null)] }),
      scenario({ name: "recent", situation: days(null, 30), pathways: [pathway("all", null)] }),
      scenario({ name: "stores", situation: channel("store"), pathways: [pathway("all", null)] }),
    ],
  });

  it("reports equal-priority overlaps with a witness both claim, at the later scenario", () => {
    const found = analysisFindings(p).filter((d) => d.code === "SCN3001");
    expect(found.map((d) => d.message)).toEqual([
      "scenarios `fast` and `recent` both apply to some contexts and have the same priority (0)",
      "scenarios `recent` and `stores` both apply to some contexts and have the same priority (0)",
    ]);
    const [first] = found;
    expect(first!.span).toEqual(p.scenarios[1]!.span);
    expect(first!.related![0]!.span).toEqual(p.scenarios[0]!.span);
    expect(first!.witness).toEqual({ order: { channel: "online", days: 0, value: 0 }, customer: { tags: [], consent: {} } });
    expect(isValidContext(p.context, first!.witness)).toBe(true);
  });

  it("is silent when priorities differ or situations are disjoint", () => {
    const q = program({
      context,
      scenarios: [
        scenario({ name: "a", situation: channel("online"), pathways: [pathway("all", null)] }),
        scenario({ name: "b", situation: channel("store"), pathways: [pathway("all", null)] }),
        scenario({ name: "c", priority: 1, situation: channel("online"), pathways: [pathway("all", null)] }),
      ],
    });
    expect(codes(q)).not.toContain("SCN3001");
  });

  it("only counts valid contexts: a required field is never absent", () => {
    // `not (channel == online)` and `channel is not present` would overlap only on an absent channel.
    const q = program({
      context,
      scenarios: [
        scenario({ name: "a", situation: channel("online"), pathways: [pathway("all", null)] }),
        scenario({ name: "b", situation: and(not(channel("online")), not(test("order.channel", { in: ["store", "app"] }))), pathways: [pathway("all", null)] }),
      ],
    });
    expect(codes(q)).toEqual(["SCN3004"]);
  });
});

describe("SCN3002 unreachable-pathway", () => {
  it("finds a pathway covered by the union of earlier pathways", () => {
    const p = program({
      context,
      scenarios: [
        scenario({
          name: "returns",
          pathways: [pathway("early", days(null, 15)), pathway("late", days(10, null)), pathway("middle", days(5, 25))],
        }),
      ],
    });
    const [finding] = analysisFindings(p);
    expect(finding).toMatchObject({ code: "SCN3002", severity: "warning", message: "pathway `middle` of scenario `returns` can never be taken: earlier pathways take every context it would" });
    expect(finding!.related!.map((r) => r.message)).toEqual(["`early` is taken first", "`late` is taken first"]);
    expect(selectPathway(p, p.scenarios[0]!, finding!.witness)!.name).toBe("early");
  });

  it("finds a pathway that contradicts the situation", () => {
    const p = program({ context, scenarios: [scenario({ name: "s", situation: channel("online"), pathways: [pathway("in_store", channel("store")), pathway("rest", null)] })] });
    const [finding] = analysisFindings(p);
    expect(finding!.message).toContain("contradicts the scenario's `situation`");
    expect((finding!.witness as { order: { channel: string } }).order.channel).toBe("store");
  });

  it("uses declared ranges: an int(0..23) is never 24", () => {
    const p = program({
      context,
      scenarios: [scenario({ name: "s", pathways: [pathway("day", test("visit.hour", { range: [[0, 23, true, true]] })), pathway("night", test("visit.hour", { range: [[24, null, true, false]] })), pathway("rest", null)] })],
    });
    expect(analysisFindings(p).map((d) => d.message)).toEqual(["pathway `night` of scenario `s` can never be taken: its `when` condition holds for no valid context"]);
  });
});

describe("SCN3003 unreachable-variation", () => {
  it("finds a variation covered by earlier variations together", () => {
    const p = program({
      context,
      scenarios: [
        scenario({
          name: "s",
          pathways: [
            pathway("p", null, {}, [
              variation("gold", test("customer.tier", { eq: "gold" })),
              variation("others", test("customer.tier", { in: ["none", "silver"] })),
              variation("any_tier", test("customer.tier", { present: true })),
            ]),
          ],
        }),
      ],
    });
    const [finding] = analysisFindings(p);
    expect(finding).toMatchObject({ code: "SCN3003", message: "variation `any_tier` of pathway `p` in scenario `s` is never chosen: earlier variations take every context it would" });
    expect(finding!.related!.map((r) => r.message)).toEqual(["`gold` is chosen first", "`others` is chosen first"]);
    expect(interpret(p, "desk", finding!.witness).variation).toBe("gold");
  });

  it("finds a segment that never meets its pathway", () => {
    const p = program({
      context,
      scenarios: [scenario({ name: "s", pathways: [pathway("online", channel("online"), {}, [variation("in_store", channel("store"))]), pathway("rest", null)] })],
    });
    const [finding] = analysisFindings(p);
    expect(finding!.message).toBe("variation `in_store` of pathway `online` in scenario `s` is never chosen: its segment never holds where the pathway is taken");
  });

  it("treats consent gates as columns: a variation needing the gate false is unreachable", () => {
    const p = program({
      context,
      consents: [{ name: "personalization", path: "customer.consent.ok" }],
      scenarios: [scenario({ name: "s", pathways: [pathway("p", null, {}, [variation("refused", test("customer.consent.ok", { bool: false }))])] })],
    });
    expect(analysisFindings(p).map((d) => d.message)).toEqual(["variation `refused` of pathway `p` in scenario `s` is never chosen: its segment holds for no valid context (with consent given)"]);
  });
});

describe("SCN3004 scenario-never-applies", () => {
  it("finds a scenario shadowed by the union of higher-priority scenarios, none of which covers it alone", () => {
    const p = program({
      context,
      scenarios: [
        scenario({ name: "online", priority: 5, situation: channel("online"), pathways: [pathway("all", null)] }),
        scenario({ name: "stores", priority: 3, situation: channel("store"), pathways: [pathway("all", null)] }),
        scenario({ name: "web_or_store", situation: or(channel("online"), channel("store")), pathways: [pathway("all", null)] }),
      ],
    });
    const [finding] = analysisFindings(p);
    expect(finding).toMatchObject({ code: "SCN3004", message: "scenario `web_or_store` never applies: higher-priority scenarios take every context it claims" });
    expect(finding!.related!.map((r) => r.message)).toEqual(["`online` (priority 5) answers first", "`stores` (priority 3) answers first"]);
    expect(interpret(p, "desk", finding!.witness).scenario).toBe("online");
  });

  it("finds a contradictory scenario, without a witness", () => {
    const p = program({ context, scenarios: [scenario({ name: "never", situation: and(channel("online"), channel("store")), pathways: [pathway("all", null)] })] });
    const [finding] = analysisFindings(p);
    expect(finding).toMatchObject({ code: "SCN3004", message: "scenario `never` never applies: no valid context satisfies its situation and one of its pathways" });
    expect(finding!.witness).toBeUndefined();
  });

  it("knows that an optional record's required fields come and go together", () => {
    // `visit.hour` present but `visit.kiosk` absent is not a valid context.
    const p = program({
      context,
      scenarios: [scenario({ name: "odd", situation: and(test("visit.hour", { present: true }), test("visit.kiosk", { present: false })), pathways: [pathway("all", null)] })],
    });
    expect(codes(p)).toEqual(["SCN3004"]);
  });
});

describe("SCN3005 situation-gap", () => {
  it("reports a context where the situation holds and no pathway does", () => {
    const p = program({ context, scenarios: [scenario({ name: "returns", situation: channel("online"), pathways: [pathway("recent", days(null, 30))] })] });
    const [finding] = analysisFindings(p);
    expect(finding).toMatchObject({ code: "SCN3005", severity: "warning" });
    const witness = finding!.witness as { order: { channel: string; days: number } };
    expect(witness.order.channel).toBe("online");
    expect(witness.order.days).toBeGreaterThan(30);
  });

  it("is silent when the pathways cover the situation or there is an otherwise", () => {
    const p = program({
      context,
      scenarios: [
        scenario({ name: "covered", situation: channel("online"), pathways: [pathway("recent", days(null, 30)), pathway("late", days(31, null))] }),
        scenario({ name: "other", priority: 1, situation: channel("store"), pathways: [pathway("recent", days(null, 30)), pathway("rest", null)] }),
      ],
    });
    expect(codes(p)).toEqual([]);
  });
});

describe("SCN3006 falls-through-to-default", () => {
  it("reports one context that gets the default", () => {
    const p = program({
      context,
      decisions: [decision("desk", { action: "review" })],
      scenarios: [scenario({ name: "online", situation: channel("online"), pathways: [pathway("all", null)] })],
    });
    const [finding] = analysisFindings(p);
    expect(finding).toMatchObject({ code: "SCN3006", severity: "info", span: p.decisions[0]!.span });
    expect(interpret(p, "desk", finding!.witness).reason).toBe("default");
  });

  it("is silent without a default, or when scenarios cover every valid context", () => {
    const p = program({
      context,
      decisions: [decision("desk", { action: "review" }), decision("bare")],
      scenarios: [
        scenario({ name: "all", situation: test("order.channel", { in: ["online", "store", "app"] }), pathways: [pathway("all", null)] }),
        scenario({ name: "some", decision: "bare", situation: channel("online"), pathways: [pathway("all", null)] }),
      ],
    });
    expect(codes(p)).toEqual([]);
  });
});

describe("SCN3007 decision-too-large", () => {
  it("stops at the row limit with an error on the decision", () => {
    const flags = Array.from({ length: 8 }, (_, i) => field(`f${i}`, bool));
    const situation = and(...Array.from({ length: 4 }, (_, i) => or(test(`f${2 * i}`, { bool: true }), test(`f${2 * i + 1}`, { bool: true }))));
    const p = program({ context: flags, scenarios: [scenario({ name: "big", situation, pathways: [pathway("all", null)] })] });
    expect(analysisFindings(p, { rows: 10 }).map((d) => [d.code, d.severity])).toEqual([["SCN3007", "error"]]);
    expect(analysisFindings(p)).toEqual([]);
  });
});

describe("SCN3008 analysis-incomplete", () => {
  it("reports an undecided question instead of guessing", () => {
    const flags = Array.from({ length: 6 }, (_, i) => [field(`a${i}`, bool), field(`b${i}`, bool)]).flat();
    const both = Array.from({ length: 6 }, (_, i) =>
      scenario({ name: `both_${i}`, priority: 10 - i, situation: and(test(`a${i}`, { bool: true }), test(`b${i}`, { bool: true })), pathways: [pathway("all", null)] }),
    );
    const p = program({
      context: flags,
      scenarios: [
        ...both,
        scenario({ name: "no_a", priority: 2, situation: test("a5", { bool: false }), pathways: [pathway("all", null)] }),
        scenario({ name: "no_b", priority: 1, situation: test("b5", { bool: false }), pathways: [pathway("all", null)] }),
        scenario({ name: "rest", pathways: [pathway("all", null)] }),
      ],
    });
    expect(analysisFindings(p, { budget: 8 }).map((d) => d.code)).toContain("SCN3008");
    // With the default budget the same question is settled: `rest` is shadowed.
    expect(analysisFindings(p).map((d) => d.code)).toEqual(["SCN3004"]);
  });
});
