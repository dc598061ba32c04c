// Lowering conditions to unary tests, as a table: the situation as written,
// and the CheckedCondition it must become (spans left out). Every atom's test
// must mean exactly what the bundle format's unary test means.
import { describe, expect, it } from "vitest";
import { type CheckedCondition } from "@scn/language";
import { checkSources } from "./support/check-sources.js";

const PROGRAM = (situation: string): string => `
context {
  order: { channel: enum { online, store, app }, days: int(0..3650), total: number, gift: bool }
  customer: { tags: list<string>, coupon: string?, loyalty: Loyalty, score: number(0..1) personal }
  flags: { vip: bool }
}
type Loyalty = enum { none, silver, gold }
consent personalization = flags.vip
const WINDOW = 30
const LOW = 5
const OPEN = true
segment loyal = customer.loyalty in [silver, gold]
segment loyal_gift = loyal and order.gift
segment keen = customer.score > 0.5
decision d { output { a: string } default { a: "x" } }
metric m { better higher }
scenario s for d {
  owner "cx"
  situation ${situation}
  goal "g"
  pathway p otherwise { variation keen {} }
  metrics { primary m }
}
`;

/** Removes spans so that expectations read as data. */
function strip(condition: CheckedCondition): unknown {
  switch (condition.kind) {
    case "and":
    case "or":
      return { [condition.kind]: condition.operands.map(strip) };
    case "not":
      return { not: strip(condition.operand) };
    case "test":
      return { [condition.path]: condition.test };
    default:
      return condition.kind;
  }
}

function lowered(situation: string): unknown {
  const { value, diagnostics } = checkSources([{ path: "t.scn", text: PROGRAM(situation) }], { today: "2026-01-01" });
  const problems = diagnostics.filter((d) => d.severity !== "info" && !d.code.startsWith("SCN400"));
  expect(problems.map((d) => `${d.code} ${d.message}`)).toEqual([]);
  const scenario = value.scenarios[0];
  if (!scenario) throw new Error("no scenario");
  return strip(scenario.situation);
}

const cases: [string, unknown][] = [
  ["order.channel == online", { "order.channel": { eq: "online" } }],
  ["order.channel != store", { "order.channel": { notIn: ["store"] } }],
  ["order.days < 30", { "order.days": { range: [[null, 30, false, false]] } }],
  ["order.days <= WINDOW", { "order.days": { range: [[null, 30, false, true]] } }],
  ["order.days > 30", { "order.days": { range: [[30, null, false, false]] } }],
  ["order.days >= 30", { "order.days": { range: [[30, null, true, false]] } }],
  ["order.days in 10..WINDOW", { "order.days": { range: [[10, 30, true, true]] } }],
  ["order.days not in LOW..30", { "order.days": { range: [[null, 5, false, false], [30, null, false, false]] } }],
  ["order.channel in [online, app]", { "order.channel": { in: ["online", "app"] } }],
  ["order.channel not in [store]", { "order.channel": { notIn: ["store"] } }],
  ["order.total >= 12.5", { "order.total": { range: [[12.5, null, true, false]] } }],
  ["order.gift", { "order.gift": { bool: true } }],
  ["order.gift == false", { "order.gift": { eq: false } }],
  ["customer.tags contains \"vip\"", { "customer.tags": { contains: "vip" } }],
  ["customer.tags not contains \"vip\"", { "customer.tags": { notContains: "vip" } }],
  ["customer.coupon is present", { "customer.coupon": { present: true } }],
  ["customer.coupon is not present", { "customer.coupon": { present: false } }],
  ["not order.gift", { not: { "order.gift": { bool: true } } }],
  ["true", "true"],
  ["false or OPEN", { or: ["false", "true"] }],
  ["(order.gift or order.days > 3) and order.channel == store", {
    and: [{ or: [{ "order.gift": { bool: true } }, { "order.days": { range: [[3, null, false, false]] } }] }, { "order.channel": { eq: "store" } }],
  }],
  ["loyal", { "customer.loyalty": { in: ["silver", "gold"] } }],
  ["loyal_gift and not loyal", {
    and: [{ and: [{ "customer.loyalty": { in: ["silver", "gold"] } }, { "order.gift": { bool: true } }] }, { not: { "customer.loyalty": { in: ["silver", "gold"] } } }],
  }],
];

describe("condition lowering", () => {
  it.each(cases)("situation %s", (situation, expected) => {
    expect(lowered(situation)).toEqual(expected);
  });

  it("inlines a segment into a variation and keeps its name", () => {
    const { value } = checkSources([{ path: "t.scn", text: PROGRAM("order.gift") }], { today: "2026-01-01" });
    const variation = value.scenarios[0]?.pathways[0]?.variations[0];
    expect(variation?.name).toBe("keen");
    expect(variation?.segment).toBe("keen");
    expect(variation && strip(variation.condition)).toEqual({ "customer.score": { range: [[0.5, null, false, false]] } });
  });
});
