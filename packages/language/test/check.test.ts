// The checker's contract: what `checkProgram`/`checkSources` return for
// correct programs (the lowered CheckedProgram), and how they report
// mistakes (sorted, precise, one diagnostic per mistake).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkProgram, compareSpans, parseProgram } from "@scn/language";
import { checkSources } from "./support/check-sources.js";
import { sourceOf } from "../../../test/support/annotated.js";

const TODAY = "2026-06-01";

/**
 * The diagnostics other than SCN4012 notes: the baseline declares context
 * fields that other corpus cases read and that its own rules do not (the
 * notes are the corpus file's own annotations).
 */
const withoutUnreadNotes = <T extends { readonly code: string }>(diagnostics: readonly T[]): T[] => diagnostics.filter((d) => d.code !== "SCN4012");
const baseline = sourceOf(readFileSync(new URL("../../../test/corpus/check/valid-baseline.scn", import.meta.url), "utf8"));

describe("checkSources on a correct program", () => {
  const { value, diagnostics } = checkSources([{ path: "returns.scn", text: baseline }], { today: TODAY });

  it("reports nothing", () => {
    expect(withoutUnreadNotes(diagnostics)).toEqual([]);
  });

  it("merges the context into one record with optional and personal flags", () => {
    expect(value.context.map((field) => field.name)).toEqual(["customer", "order", "visit"]);
    const customer = value.context[0];
    expect(customer?.type.kind).toBe("record");
    if (customer?.type.kind !== "record") return;
    const score = customer.type.fields.find((field) => field.name === "price_sensitivity");
    expect(score).toMatchObject({ personal: true, optional: false, type: { kind: "number", min: 0, max: 1 } });
    const visit = value.context[2];
    if (visit?.type.kind !== "record") throw new Error("visit is a record");
    expect(visit.type.fields.find((field) => field.name === "queue_minutes")).toMatchObject({ optional: true, personal: false });
  });

  it("lowers the decision with its default as JSON", () => {
    expect(value.decisions).toHaveLength(1);
    expect(value.decisions[0]).toMatchObject({ name: "returns_desk", title: null, default: { action: "review", message: "returns.generic" } });
    expect(value.decisions[0]?.output.map((field) => field.name)).toEqual(["action", "message"]);
  });

  it("lowers the scenario with defaults, consts substituted and segments inlined", () => {
    const scenario = value.scenarios[0];
    expect(scenario).toMatchObject({
      name: "return_item",
      title: "Return an item",
      decision: "returns_desk",
      owner: "cx-returns",
      status: "active",
      priority: 0,
      impact: null,
      feasibility: null,
      expires: null,
      tags: [],
      goal: "Settle the return in one visit",
      metrics: [{ role: "primary", metric: "hassle_free", target: 10, window: { amount: 90, unit: "days" } }],
    });
    const [inTime, late] = scenario?.pathways ?? [];
    expect(inTime?.when).toMatchObject({ kind: "test", path: "order.days_since_delivery", test: { range: [[null, 30, false, true]] } });
    expect(inTime?.assignments).toEqual({ action: "refund", message: "returns.refund" });
    expect(inTime?.variations[0]).toMatchObject({ name: "price_sensitive", segment: "price_sensitive", assignments: { action: "store_credit" } });
    expect(late).toMatchObject({ name: "late", when: null, assignments: { message: "returns.late" }, variations: [] });
  });

  it("keeps consents, segments and metrics", () => {
    expect(value.consents).toMatchObject([{ name: "personalization", path: "customer.consent.personalization" }]);
    expect(value.segments.map((segment) => segment.name)).toEqual(["price_sensitive"]);
    expect(value.metrics).toMatchObject([{ name: "hassle_free", title: "Hassle-free returns", unit: "%", better: "higher" }]);
    expect(value.files).toEqual(["returns.scn"]);
  });
});

describe("tests, records and lists", () => {
  const text = `
context {
  customer: { loyalty: enum { none, gold }, tags: list<string> }
  order: { total: number(0..1000), gift: bool }
}
decision offer {
  output { kind: enum { none, coupon }, coupon: { code: string, percent: int(0..50) }?, labels: list<string> }
  default { kind: none, labels: [] }
}
metric conversion { better higher }
scenario gold_coupon for offer {
  owner "crm"
  priority 5
  status paused
  tags ["crm", "gold"]
  situation customer.loyalty == gold
  goal "Come back"
  pathway all otherwise { kind: coupon, coupon: { code: "GOLD", percent: 10 }, labels: ["gold"] }
  metrics { primary conversion target +5% }
}
test "gold gets a coupon" {
  given { customer: { loyalty: gold, tags: ["a", "b"] }, order: { total: 12.5, gift: true } }
  expect offer = gold_coupon.all
  expect offer { kind: coupon, coupon: { percent: 10 } }
  expect offer = default
  expect offer = none
}
`;
  const { value, diagnostics } = checkSources([{ path: "offer.scn", text }], { today: TODAY });

  it("reports nothing", () => {
    expect(withoutUnreadNotes(diagnostics)).toEqual([]);
  });

  it("lowers nested records and lists in assignments", () => {
    expect(value.scenarios[0]?.pathways[0]?.assignments).toEqual({ kind: "coupon", coupon: { code: "GOLD", percent: 10 }, labels: ["gold"] });
    expect(value.scenarios[0]).toMatchObject({ status: "paused", priority: 5, tags: ["crm", "gold"] });
  });

  it("lowers given and expectations as JSON", () => {
    const test = value.tests[0];
    expect(test?.title).toBe("gold gets a coupon");
    expect(test?.given).toEqual({ customer: { loyalty: "gold", tags: ["a", "b"] }, order: { total: 12.5, gift: true } });
    expect(test?.expectations.map((expectation) => ({ ...expectation, span: undefined }))).toEqual([
      { kind: "rule", decision: "offer", rule: "gold_coupon/all", span: undefined },
      { kind: "output", decision: "offer", output: { kind: "coupon", coupon: { percent: 10 } }, span: undefined },
      { kind: "default", decision: "offer", span: undefined },
      { kind: "none", decision: "offer", span: undefined },
    ]);
  });
});

describe("reporting", () => {
  it("gives five precise diagnostics for five different mistakes", () => {
    const text = sourceOf(readFileSync(new URL("../../../test/corpus/check/five-mistakes.scn", import.meta.url), "utf8"));
    const { diagnostics } = checkSources([{ path: "five.scn", text }], { today: TODAY });
    expect(diagnostics.map((d) => [d.code, d.span.start.line, text.slice(d.span.start.offset, d.span.end.offset)])).toEqual([
      ["SCN2210", 24, "high"],
      ["SCN2004", 25, "chanel"],
      ["SCN2008", 30, "credit"],
      ["SCN2202", 32, "otherwise"],
      ["SCN2102", 33, '"12"'],
    ]);
  });

  it("sorts diagnostics by file, then position, across files", () => {
    const files = [
      { path: "b.scn", text: "const B = 1\nconst C = 2\n" },
      { path: "a.scn", text: "segment s = nothing\n" },
    ];
    const { diagnostics } = checkSources(files, { today: TODAY });
    const sorted = [...diagnostics].sort((x, y) => compareSpans(x.span, y.span));
    expect(diagnostics).toEqual(sorted);
    expect(diagnostics.map((d) => d.span.file)).toEqual(["a.scn", "a.scn", "b.scn", "b.scn"]);
  });

  it("names both places of a duplicate, across files", () => {
    const files = [
      { path: "a.scn", text: "const LIMIT = 1\nsegment big = x > LIMIT\ncontext { x: int }\n" },
      { path: "b.scn", text: "const LIMIT = 2\n" },
    ];
    const { diagnostics } = checkSources(files, { today: TODAY });
    const duplicate = diagnostics.find((d) => d.code === "SCN2001");
    expect(duplicate?.span.file).toBe("b.scn");
    expect(duplicate?.related?.[0]?.span.file).toBe("a.scn");
  });

  it("spells out a segment cycle with every segment as a related span", () => {
    const text = "context { x: bool }\nsegment a = b\nsegment b = c\nsegment c = a or x\n";
    const { diagnostics } = checkSources([{ path: "c.scn", text }], { today: TODAY });
    const cycle = diagnostics.filter((d) => d.code === "SCN2010");
    expect(cycle).toHaveLength(1);
    expect(cycle[0]?.message).toContain("a → b → c → a");
    expect(cycle[0]?.related?.map((r) => text.slice(r.span.start.offset, r.span.end.offset))).toEqual(["a", "b", "c"]);
  });

  it("offers did-you-mean help for unknown names", () => {
    const text = "context { customer: { loyalty: enum { none, gold } } }\ntest \"t\" { given { customer: { loyalti: gold } } }\n";
    const { diagnostics } = checkSources([{ path: "t.scn", text }], { today: TODAY });
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: "SCN2004", help: "did you mean `loyalty`?" });
  });

  it("lists the members of an enum for an unknown member", () => {
    const text = "context { tier: enum { silver, gold } }\ntest \"t\" { given { tier: bronze } }\n";
    const { diagnostics } = checkSources([{ path: "t.scn", text }], { today: TODAY });
    expect(diagnostics[0]?.help).toContain("`silver`, `gold`");
  });

  it("uses today's date from the options for review dates", () => {
    const text = baseline.replace('  owner "cx-returns"\n', '  owner "cx-returns"\n  expires 2026-06-15\n');
    expect(withoutUnreadNotes(checkSources([{ path: "t.scn", text }], { today: "2026-06-01" }).diagnostics)).toEqual([]);
    expect(withoutUnreadNotes(checkSources([{ path: "t.scn", text }], { today: "2026-07-01" }).diagnostics).map((d) => d.code)).toEqual(["SCN4006"]);
  });

  it("checkProgram accepts the parser's program directly", () => {
    const parsed = parseProgram([{ path: "returns.scn", text: baseline }]);
    const result = checkProgram(parsed.value, { today: TODAY });
    expect(withoutUnreadNotes(result.diagnostics)).toEqual([]);
    expect(result.value.scenarios).toHaveLength(1);
  });
});
