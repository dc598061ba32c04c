import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compile, interpret, lowerDecision, lowerProgram, pruneUnreachableRows } from "@scn/compiler";
import { loweredDecisions } from "./support/compile.js";
import { build, evaluateRows } from "./arbitrary/index.js";

const { program, scenario, pathway, variation, field, record, test, and, or, not, decision, bool, int, str, enumOf, listOf } = build;

const context = [
  record("order", [field("channel", enumOf("online", "store", "app")), field("days", int(0, 365))]),
  record("customer", [field("tags", listOf(str), { optional: true, personal: true }), record("consent", [field("ok", bool, { optional: true })])]),
  field("note", str, { optional: true }),
  record("visit", [field("hour", int(0, 23)), field("kiosk", bool)], { optional: true }),
];

describe("lowering", () => {
  it("emits variation rows before the foundational row, with consent gates as columns", () => {
    const p = program({
      context,
      consents: [{ name: "personalization", path: "customer.consent.ok" }],
      decisions: [decision("desk", { action: "review", extra: { level: 0 } })],
      scenarios: [
        scenario({
          name: "s",
          situation: test("order.channel", { eq: "online" }),
          pathways: [pathway("p", null, { action: "express", extra: { level: 1 } }, [variation("vip", test("customer.tags", { contains: "vip" }), { extra: { note: "vip" } })])],
        }),
      ],
    });
    const lowered = lowerDecision(p, "desk").value!;
    expect(lowered.columns).toEqual([
      { path: "customer.consent.ok", type: "bool", consent: true },
      { path: "order.channel", type: "enum", values: ["online", "store", "app"] },
      { path: "customer.tags", type: "list", element: "string" },
    ]);
    expect(lowered.outcomes).toEqual([
      { rule: "s/p/vip", scenario: "s", pathway: "p", variation: "vip", output: { action: "express", extra: { level: 1, note: "vip" } }, metrics: ["completion"] },
      { rule: "s/p", scenario: "s", pathway: "p", variation: null, output: { action: "express", extra: { level: 1 } }, metrics: ["completion"] },
    ]);
    expect(lowered.rows.map((r) => [r.outcome, r.tests])).toEqual([
      [0, { 0: { bool: true }, 1: { eq: "online" }, 2: { contains: "vip" } }],
      [1, { 1: { eq: "online" } }],
    ]);
    expect(lowered.rows[0]!.src).toEqual([0, p.scenarios[0]!.pathways[0]!.variations[0]!.span.start.line, 1]);
    expect(lowered.default).toEqual({ action: "review", extra: { level: 0 } });
  });

  it("splits a negated atom into an absent row and a value row", () => {
    const p = program({ context, scenarios: [scenario({ name: "s", situation: not(test("note", { eq: "x" })), pathways: [pathway("p", null)] })] });
    expect(lowerDecision(p, "desk").value!.rows.map((r) => r.tests)).toEqual([{ 0: { present: false } }, { 0: { notIn: ["x"] } }]);
  });

  it("expands `or` into rows and gives each list literal its own column", () => {
    const p = program({
      context,
      scenarios: [scenario({ name: "s", situation: or(and(test("customer.tags", { contains: "a" }), test("customer.tags", { notContains: "b" })), test("order.days", { range: [[null, 5, false, true]] })), pathways: [pathway("p", null)] })],
    });
    const lowered = lowerDecision(p, "desk").value!;
    expect(lowered.columns.map((c) => c.path)).toEqual(["customer.tags", "customer.tags", "order.days"]);
    expect(lowered.rows.map((r) => r.tests)).toEqual([{ 0: { contains: "a" }, 1: { notContains: "b" } }, { 2: { range: [[null, 5, false, true]] } }]);
  });

  it("tests a record's presence through its required fields", () => {
    const p = program({ context, scenarios: [scenario({ name: "s", situation: test("visit", { present: true }), pathways: [pathway("p", null)] })] });
    const lowered = lowerDecision(p, "desk").value!;
    expect(lowered.columns.map((c) => c.path)).toEqual(["visit.hour", "visit.kiosk"]);
    expect(lowered.rows.map((r) => r.tests)).toEqual([{ 0: { present: true }, 1: { present: true } }]);
    for (const ctx of [{ visit: { hour: 3, kiosk: true } }, { visit: { hour: 3 } }, {}]) expect(evaluateRows(lowered, ctx).rule).toBe(interpret(p, "desk", ctx).rule);
  });

  it("deduplicates outcomes by rule and keeps declaration order of decisions", () => {
    const p = program({
      context,
      decisions: [decision("first"), decision("second")],
      scenarios: [scenario({ name: "s", decision: "second", situation: or(test("note", { eq: "x" }), test("note", { eq: "y" })), pathways: [pathway("p", null)] })],
    });
    const [first, second] = loweredDecisions(p);
    expect(first!.name).toBe("first");
    expect(first!.rows).toEqual([]);
    expect(second!.rows.map((r) => r.outcome)).toEqual([0, 0]);
    expect(second!.outcomes).toHaveLength(1);
  });

  it("reports a decision past the row limit instead of lowering it", () => {
    const flags = Array.from({ length: 6 }, (_, i) => field(`f${i}`, bool));
    const situation = and(...[0, 2, 4].map((i) => or(test(`f${i}`, { bool: true }), test(`f${i + 1}`, { bool: true }))));
    const p = program({ context: flags, scenarios: [scenario({ name: "s", situation, pathways: [pathway("p", null)] })] });
    expect(loweredDecisions(p)[0]!.rows).toHaveLength(8);
    const limited = lowerProgram(p, { rows: 5 });
    expect(limited.diagnostics.map((d) => d.code)).toEqual(["SCN3007"]);
    // The decision gets no table at all, never an empty one that would answer every context with its default.
    expect(limited.value.decisions.get("desk")).toBeNull();
  });
});

describe("pruning", () => {
  it("drops rows covered by the union of earlier rows and contradictory rows, keeping the rest", () => {
    const days = (lo: number | null, hi: number | null) => test("order.days", { range: [[lo, hi, lo !== null, hi !== null]] });
    const p = program({
      context,
      scenarios: [
        scenario({ name: "a", priority: 2, situation: days(null, 10), pathways: [pathway("p", null)] }),
        scenario({ name: "b", priority: 1, situation: days(5, null), pathways: [pathway("p", null)] }),
        scenario({ name: "c", situation: and(days(0, 100), test("note", { present: false })), pathways: [pathway("p", null)] }),
        scenario({ name: "d", situation: test("order.days", { present: false }), pathways: [pathway("p", null)] }),
      ],
    });
    const lowered = lowerDecision(p, "desk").value!;
    const pruned = pruneUnreachableRows(lowered);
    expect(lowered.rows).toHaveLength(4);
    // `c` is covered by `a` and `b` together (neither alone); `d` is not covered on lenient input, where days may be absent.
    expect(pruned.rows.map((r) => lowered.outcomes[r.outcome]!.scenario)).toEqual(["a", "b", "d"]);
  });

  it("drops rows whose tests contradict each other", () => {
    const lowered = {
      name: "desk",
      title: null,
      default: null,
      columns: [{ path: "n", type: "int" as const }],
      outcomes: [{ rule: "s/p", scenario: "s", pathway: "p", variation: null, output: {}, metrics: [] }],
      rows: [
        { outcome: 0, tests: { 0: { range: [[2.2, 2.8, true, true]] as [number, number, boolean, boolean][] } }, src: [0, 1, 1] as [number, number, number] },
        { outcome: 0, tests: { 0: { eq: 3 } }, src: [0, 2, 1] as [number, number, number] },
      ],
    };
    expect(pruneUnreachableRows(lowered).rows.map((r) => r.src[1])).toEqual([2]);
  });
});

describe("the example projects", () => {
  const root = join(__dirname, "../../../examples");
  const projects = readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();

  it.each(projects)("%s lowers, prunes and agrees with the interpreter on its test contexts", (name) => {
    const dir = join(root, name);
    const files = readdirSync(dir).filter((f) => f.endsWith(".scn")).sort().map((f) => ({ path: `${name}/${f}`, text: readFileSync(join(dir, f), "utf8") }));
    const checked = compile(files, { today: "2026-01-01", stopAfter: "check" });
    expect(checked.ok).toBe(true);
    const p = checked.program;
    for (const lowered of loweredDecisions(p)) {
      const pruned = pruneUnreachableRows(lowered);
      for (const t of p.tests) {
        const expected = interpret(p, lowered.name, t.given);
        expect(evaluateRows(lowered, t.given).rule).toBe(expected.rule);
        expect(evaluateRows(pruned, t.given).output).toEqual(expected.output);
      }
    }
  });
});
