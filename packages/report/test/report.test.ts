import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Ajv2020 } from "ajv/dist/2020.js";
import { buildReport, renderReportHtml, type ProgramInput, type Report } from "@scn/report";

const root = new URL("../../../", import.meta.url).pathname;
const schema = JSON.parse(readFileSync(join(root, "packages/report/schema/report.schema.json"), "utf8"));
const validate = new Ajv2020({ strict: true, allErrors: true }).compile(schema);

function example(name: string): ProgramInput {
  const dir = join(root, "examples", name);
  const sources = readdirSync(dir)
    .filter((f) => f.endsWith(".scn"))
    .map((f) => ({ path: `examples/${name}/${f}`, text: readFileSync(join(dir, f), "utf8") }));
  return { name, sources };
}

const TODAY = "2026-12-03";
const examples = buildReport(["airline", "retail", "telecom"].map(example), { compilerVersion: "test", today: TODAY });

function inline(text: string, today = TODAY): Report {
  return buildReport([{ name: "inline", sources: [{ path: "inline.scn", text }] }], { compilerVersion: "test", today });
}

const SMALL = `
context {
  customer: { tier: enum { basic, gold }, score: number(0..1) personal, consent: bool }
  visit: { channel: enum { web, store } }
}
consent personalization = customer.consent
segment keen "Keen shoppers" = customer.score >= 0.5
metric calls "Service calls" { unit "calls/week", better lower }
metric sales { better higher }
decision greet { output { text: string } default { text: "hello" } }
scenario web_gold "Gold on the web" for greet {
  owner "web-team"
  priority 10
  impact high
  feasibility high
  expires 2026-01-31
  tags ["web"]
  situation visit.channel == web
  goal "Feel recognized"
  pathway gold when customer.tier == gold { text: "welcome back", variation keen { text: "new for you" } }
  pathway other otherwise { text: "welcome" }
  metrics { primary sales target +5% within 4 weeks, guardrail calls target -10% }
}
scenario web_any "Anyone on the web" for greet {
  priority 10
  impact low
  feasibility medium
  situation visit.channel == web
  goal "Find things"
  pathway all otherwise { text: "hi" }
  metrics { primary sales }
}
scenario store_draft "Store greeting" for greet {
  owner "store-team"
  status draft
  impact medium
  feasibility high
  situation visit.channel == store
  goal "Be greeted"
  pathway all otherwise { text: "good day" }
  metrics { primary sales }
}
`;

describe("report.json", () => {
  it("matches its JSON schema for every example", () => {
    const ok = validate(JSON.parse(JSON.stringify(examples)));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it("holds every scenario of every example with its portfolio facts", () => {
    const retail = examples.programs.find((p) => p.name === "retail")!;
    expect(retail.ok).toBe(true);
    const scenario = retail.scenarios.find((s) => s.name === "online_return_in_store")!;
    expect(scenario).toMatchObject({
      title: "Return an online purchase in a store",
      decision: "store_returns",
      owner: "cx-returns",
      status: "active",
      priority: 50,
      impact: "high",
      feasibility: "medium",
      expires: "2027-06-30",
      expired: false,
      tags: ["returns", "omnichannel"],
      situation: "order channel is one of online or app and visit location is store",
    });
    expect(scenario.pathways.map((p) => p.name)).toEqual(["within_window", "damaged_item", "outside_window"]);
    expect(scenario.pathways[0]!.when).toBe("order days since delivery is at most 30");
    expect(scenario.pathways[0]!.variations[1]).toMatchObject({ name: "price_sensitive", segmentTitle: "Price-sensitive shoppers", inline: false });
  });

  it("gives each decision its matrix and its first-hit rows with rule ids", () => {
    const returns = examples.programs.find((p) => p.name === "retail")!.decisions.find((d) => d.name === "store_returns")!;
    expect(returns.matrix.segments).toContain("loyal_bargain_hunter");
    const row = returns.matrix.rows.find((r) => r.scenario === "online_return_in_store" && r.pathway === "outside_window")!;
    expect(row.variations["loyal"]).toEqual({ action: "goodwill_refund", message: "returns.goodwill", refund: { method: "original_payment" } });
    expect(returns.table!.rows.length).toBeGreaterThan(5);
    expect(returns.table!.rows.map((r) => r.rule)).toContain("online_return_in_store/outside_window/loyal");
    expect(returns.table!.columns).toContain("order.channel");
  });

  it("ranks the top three by impact × feasibility, drafts included, and lists hygiene", () => {
    const report = inline(SMALL);
    const [program] = report.programs;
    const rank = Object.fromEntries(program!.scenarios.map((s) => [s.name, s.rank]));
    expect(rank).toEqual({ web_gold: 1, store_draft: 2, web_any: 3 });
    expect(program!.hygiene.expired).toEqual(["web_gold"]);
    expect(program!.hygiene.unowned).toEqual(["web_any"]);
    expect(program!.hygiene.drafts).toEqual(["store_draft"]);
    // web_gold and web_any share priority 10 and both claim a web visit.
    expect(program!.hygiene.overlaps.map((i) => program!.findings[i]!.code)).toEqual(["SCN3001"]);
    expect(program!.findings[program!.hygiene.overlaps[0]!]!.witness).toMatchObject({ visit: { channel: "web" } });
    expect(program!.ok).toBe(false);
    expect(program!.decisions[0]!.table).toBeNull();
    expect(validate(JSON.parse(JSON.stringify(report)))).toBe(true);
  });

  it("lists each experiment with its unit, coverage, arms, weights and the variations that run it", () => {
    const retail = examples.programs.find((p) => p.name === "retail")!;
    expect(retail.experiments).toHaveLength(1);
    expect(retail.experiments[0]).toMatchObject({
      name: "credit_bonus",
      owner: "cx-returns",
      status: "running",
      unit: "customer.id",
      arms: [
        { name: "bonus_10", weight: 50 },
        { name: "bonus_15", weight: 50 },
      ],
      usedBy: [{ scenario: "online_return_in_store", pathway: "within_window", variation: "price_sensitive" }],
    });
    expect(retail.experiments[0]!.coverage).toBeGreaterThan(0);
    expect(retail.experiments[0]!.metrics.map((m) => m.metric)).toEqual(["repurchase_30d", "goodwill_cost"]);
  });

  it("lists each metric's targets, windows and guardrails", () => {
    const metrics = inline(SMALL).programs[0]!.metrics;
    expect(metrics.find((m) => m.name === "calls")).toMatchObject({ better: "lower", unit: "calls/week", uses: [{ scenario: "web_gold", role: "guardrail", target: -10, window: null }] });
    expect(metrics.find((m) => m.name === "sales")!.uses[0]).toEqual({ scenario: "web_gold", metric: "sales", role: "primary", target: 5, window: { amount: 4, unit: "weeks" } });
  });

  it("does not depend on the order the sources are given in", () => {
    const input = example("telecom");
    const reversed = { ...input, sources: [...input.sources].reverse() };
    const a = buildReport([input], { compilerVersion: "test", today: TODAY });
    const b = buildReport([reversed], { compilerVersion: "test", today: TODAY });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(renderReportHtml(b)).toBe(renderReportHtml(a));
  });
});

describe("index.html", () => {
  const html = renderReportHtml(examples);

  it("renders every view with the examples' names, titles, owners and metrics", () => {
    for (const id of ["portfolio", "priorities", "decisions", "metrics", "experiments", "findings"]) expect(html).toContain(`<section id="${id}"`);
    for (const program of examples.programs) {
      for (const s of program.scenarios) {
        expect(html).toContain(`data-scenario="${s.name}"`);
        if (s.title !== null) expect(html).toContain(s.title);
        if (s.owner !== null) expect(html).toContain(`data-owner="${s.owner}"`);
      }
      for (const m of program.metrics) expect(html).toContain(`data-metric="${m.name}"`);
      for (const e of program.experiments) expect(html).toContain(`data-experiment="${e.name}"`);
    }
  });

  it("fetches nothing: no external URL, stylesheet link or script source", () => {
    expect(html).not.toMatch(/(?:src|href)="(?:https?:)?\/\//);
    expect(html).not.toMatch(/<link\b/);
    expect(html).not.toMatch(/<script[^>]+src=/);
  });

  it("escapes user text", () => {
    const page = renderReportHtml(inline(SMALL.replace('"Gold on the web"', '"<img src=x onerror=alert(1)> & co"')));
    expect(page).toContain("&lt;img src=x onerror=alert(1)&gt; &amp; co");
    expect(page).not.toContain("<img src=x");
  });
});

describe("the report's cost", () => {
  it("runs each stage of the driver once per program: the tables and the findings come from one compilation", () => {
    const stages: string[] = [];
    const input = example("retail");
    buildReport([{ ...input, options: { onStage: (stage) => stages.push(stage) } }], { compilerVersion: "test", today: TODAY });
    expect(stages).toEqual(["parse", "check", "lower", "analyze"]);
  });
});
