import { describe, expect, it } from "vitest";
import { compile, emitJs } from "@scn/compiler";
import { loadBundle, type Answer } from "@scn/runtime";
import { generateProgram } from "../src/generate-program.js";
import { generateContexts } from "../src/generate-contexts.js";
import { rulesEnginePeer, rulesEngineSplitPeer } from "../src/peer-rules-engine.js";
import { zenCell, zenPeer, zenSplitPeer } from "../src/peer-zen.js";
import { handwrittenPeer } from "../src/peer-handwritten.js";
import { mapDispatchPeer, mapDispatchSource } from "../src/peer-map-dispatch.js";
import { generateRealistic, REALISTIC_SHAPES } from "../src/generate-realistic.js";
import { generateRealisticContexts } from "../src/generate-realistic-contexts.js";
import { generateRetailContexts } from "../src/generate-retail-contexts.js";
import { decideStoreReturns } from "../src/peer-retail.js";
import { canonicalAnswer, retailSource } from "../src/program-bench.js";

const DECISION = "next_best_action";

function label(answer: Answer): string {
  return answer.reason === "scenario" ? answer.rule! : answer.reason === "default" ? "(default)" : "(none)";
}

describe("generated programs", () => {
  it.each([10, 60])("with %i scenarios check clean, analysis included", (size) => {
    const front = compile([{ path: "g.scn", text: generateProgram(size) }], { stopAfter: "analyze" });
    const findings = front.diagnostics.filter((d) => d.severity !== "info");
    expect(findings.map((d) => `${d.code} ${d.message}`)).toEqual([]);
  });

  it("are deterministic", () => {
    expect(generateProgram(25)).toBe(generateProgram(25));
    expect(generateContexts(25, 10)).toEqual(generateContexts(25, 10));
  });
});

describe("the peers answer exactly what scn answers", () => {
  it.each([10, 40])("on %i scenarios", async (size) => {
    const front = compile([{ path: "g.scn", text: generateProgram(size) }], { analyze: false });
    const compiled = front.compiled!;
    const table = compiled.bundle.decisions[DECISION]!;
    const runtime = loadBundle(compiled.bundle);
    const module = (await import(`data:text/javascript;base64,${Buffer.from(emitJs(compiled.bundle)).toString("base64")}`)) as Record<string, (c: unknown) => Answer>;
    const rules = rulesEnginePeer(table);
    const zen = zenPeer(table);
    const hand = await handwrittenPeer(front.program, DECISION);
    const contexts = generateContexts(size, 150);
    const labels = new Set<string>();
    for (const context of contexts) {
      const expected = label(runtime.decide(DECISION, context));
      labels.add(expected);
      expect(label(module[DECISION]!(context))).toBe(expected);
      expect(hand.decide(context)).toBe(expected);
      expect(await rules.decide(context)).toBe(expected);
      expect(await zen.decide(context)).toBe(expected);
    }
    // The stream exercises many rules, not just the default.
    expect(labels.size).toBeGreaterThan(size / 2);
  });

  it("Zen cells never start with a parenthesis (Zen would read an interval)", () => {
    expect(zenCell({ range: [[1, 5, true, false], [9, null, false, false]] })).toBe("$ != null and $ >= 1 and $ < 5 or $ != null and $ > 9");
  });
});

describe("realistic programs", () => {
  it.each(REALISTIC_SHAPES)("of shape %s check without errors and are deterministic", (shape) => {
    const text = generateRealistic(shape, 30);
    expect(text).toBe(generateRealistic(shape, 30));
    const front = compile([{ path: "r.scn", text }], { stopAfter: "analyze" });
    const errors = front.diagnostics.filter((d) => d.severity === "error");
    expect(errors.map((d) => `${d.code} ${d.message}`)).toEqual([]);
  });
});

describe("the peers set up as competent users would answer exactly what scn answers", () => {
  const programs = [
    { name: "best case", text: generateProgram(30), decision: DECISION, contexts: generateContexts(30, 120) },
    ...REALISTIC_SHAPES.map((shape) => ({ name: shape, text: generateRealistic(shape, 30), decision: "offer", contexts: generateRealisticContexts(shape, 30, 120) })),
  ];
  it.each(programs)("on the $name program", async ({ text, decision, contexts }) => {
    const front = compile([{ path: "g.scn", text }], { analyze: false });
    const compiled = front.compiled!;
    const table = compiled.bundle.decisions[decision]!;
    const runtime = loadBundle(compiled.bundle);
    const hand = await mapDispatchPeer(front.program, table, decision, "order.category");
    const zen = zenSplitPeer(table, "order.category");
    const rules = rulesEngineSplitPeer(table, "order.category");
    const labels = new Set<string>();
    for (const context of contexts) {
      const answer = runtime.decide(decision, context);
      const expected = label(answer);
      labels.add(expected);
      // The hand-written function returns the whole answer, not just the rule.
      expect(hand.decide(context)).toEqual(answer);
      expect(await zen.decide(context)).toBe(expected);
      expect(await rules.decide(context)).toBe(expected);
    }
    expect(labels.size).toBeGreaterThan(10);
  });
});

describe("the Map-dispatch baseline", () => {
  it("dispatches the scenarios that name no category on the field most of them test, not by walking them", () => {
    const front = compile([{ path: "g.scn", text: generateProgram(40) }], { analyze: false });
    const table = front.compiled!.bundle.decisions[DECISION]!;
    const source = mapDispatchSource(front.program, table, DECISION, "order.category");
    // The best-case program's broad scenarios (every tenth) each name an app version.
    expect(source).toContain("BY_SECOND.get(ctx.device.app_version)");
    expect(source).toMatch(/const OTHER = \[\];/);
  });
});

describe("the hand-written retail function", () => {
  it("gives the JSON runtime's full answer on every generated retail context", () => {
    const compiled = compile([{ path: "retail.scn", text: retailSource() }], { analyze: false }).compiled!;
    const runtime = loadBundle(compiled.bundle);
    const contexts = generateRetailContexts(3000);
    const rules = new Set<string>();
    for (const context of contexts) {
      const expected = runtime.decide("store_returns", context);
      rules.add(`${expected.rule}/${expected.experiment?.arm ?? ""}`);
      expect(canonicalAnswer(decideStoreReturns(context))).toBe(canonicalAnswer(expected));
    }
    // The contexts reach every rule of the decision, both arms of the experiment and the default.
    expect(rules.size).toBe(17);
  });
});
