import { describe, expect, test } from "vitest";
import { loadBundle } from "@scn/runtime";
import { fixtureText } from "./support/fixtures.js";
import { guardPrototypes } from "./support/prototype-guard.js";

guardPrototypes();

const returns = loadBundle(fixtureText("returns"));
const greeting = loadBundle(fixtureText("greeting"));

const base = {
  order: { channel: "online", days_since_delivery: 10 },
  visit: { location: "store", hour: 12 },
  customer: { id: "c1", loyalty: "silver", price_sensitivity: 0.2, tags: ["vip"], consent: { personalization: true } },
};

describe("explain", () => {
  test("a near miss records its first failing test, then the chosen row", () => {
    const explanation = returns.explain("store_returns", base);
    expect(explanation.rule).toBe("online_return_in_store/within_window");
    expect(explanation.trace).toEqual({
      path: [
        { node: 0, kind: "switch", column: "order.channel", actual: '"online"', absent: false, branch: 'case "online"', next: 1 },
        { node: 1, kind: "switch", column: "visit.location", actual: '"store"', absent: false, branch: 'case "store"', next: 2 },
        { node: 2, kind: "split", column: "order.days_since_delivery", actual: "10", absent: false, branch: "below 30", next: 3 },
        { node: 3, kind: "test", column: "customer.consent.personalization", actual: "true", absent: false, branch: "then", next: 6 },
        { node: 6, kind: "test", column: "customer.tags", actual: "a list", absent: false, branch: "else", next: 13 },
      ],
      leaf: 13,
      leaves: [13],
      tried: [
        {
          row: 0,
          rule: "online_return_in_store/within_window/price_sensitive",
          source: { file: "retail/returns.scn", line: 14, column: 5 },
          matched: false,
          failed: {
            columnIndex: 4,
            column: "customer.price_sensitivity",
            test: { range: [[0.6, null, true, true]] },
            actual: "0.2",
            absent: false,
          },
        },
        {
          row: 2,
          rule: "online_return_in_store/within_window",
          source: { file: "retail/returns.scn", line: 9, column: 3 },
          matched: true,
          failed: null,
        },
      ],
      row: 2,
      source: { file: "retail/returns.scn", line: 9, column: 3 },
      experiment: null,
    });
  });

  test("a value of the wrong type is shown as seen and marked absent", () => {
    const explanation = returns.explain("store_returns", { ...base, order: { channel: "online", days_since_delivery: "ten" } });
    expect(explanation.trace.path[2]).toEqual({
      node: 2,
      kind: "split",
      column: "order.days_since_delivery",
      actual: '"ten"',
      absent: true,
      branch: "absent",
      next: 5,
    });
    expect(explanation.trace.tried.map((trial) => [trial.row, trial.matched, trial.failed?.column ?? null])).toEqual([
      [4, false, "customer.loyalty"],
      [6, true, null],
    ]);
  });

  test("no candidate matches: every near miss is listed and the default is chosen", () => {
    const explanation = returns.explain("store_returns", { ...base, order: { channel: "store" }, visit: { hour: 12 } });
    expect(explanation.reason).toBe("default");
    expect(explanation.trace.path.map((step) => step.branch)).toEqual(['case "store"', "below 18"]);
    expect(explanation.trace.tried).toEqual([]);
    expect(explanation.trace.row).toBeNull();
    expect(explanation.trace.source).toBeNull();
  });

  test("split branches are named by the bounds around the value", () => {
    const branch = (total: unknown) =>
      greeting.explain("greeting", { visit: { returning: false }, basket: { total } }).trace.path[1]?.branch;
    expect([
      branch(1),
      branch(9.99),
      branch(20),
      branch(50),
      branch(55),
      branch(60),
      branch(80),
      branch(100),
      branch(1000),
      branch("x"),
    ]).toEqual([
      "below 9.99",
      "at 9.99",
      "between 9.99 and 50",
      "at 50",
      "between 50 and 60",
      "at 60",
      "between 60 and 100",
      "at 100",
      "above 100",
      "absent",
    ]);
  });

  test("switch branches: case, other, absent", () => {
    const branch = (country: unknown) => greeting.explain("greeting", { visit: { returning: true, country } }).trace.path[1]?.branch;
    expect([branch("FR"), branch("JP"), branch(7), branch("__proto__")]).toEqual(['case "FR"', "other", "absent", 'case "__proto__"']);
    const missed = greeting.explain("greeting", { visit: { returning: true, country: 7 } });
    expect(missed.trace.tried.map((trial) => trial.failed?.actual ?? "matched")).toEqual(["absent"]);
    expect(missed.trace.tried[0]?.failed?.test).toEqual({
      range: [
        [null, 9.99, true, false],
        [50, 60, false, false],
      ],
    });
  });

  test("long strings in traces are cut", () => {
    const explanation = greeting.explain("greeting", { visit: { returning: true, country: "x".repeat(10_000) } });
    expect(explanation.trace.path[1]?.actual.length).toBeLessThan(60);
  });
});
