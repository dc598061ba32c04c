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
import { checkedRetailPeer } from "../src/peer-retail-checked.js";
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

/**
 * Hostile variants of a context (docs/runtime.md, "Hostile contexts"), each
 * changing the step at `path`: a value of the wrong type, an array or a
 * null-prototype object along the path, a getter that throws, a property
 * that is only inherited, and a getter that counts its reads.
 */
function hostileVariants(context: unknown, path: string, reads: Map<string, number>): unknown[] {
  const steps = path.split(".");
  const variants: unknown[] = [];
  const edit = (change: (holder: Record<string, unknown>, key: string) => void): void => {
    const copy = structuredClone(context) as Record<string, unknown>;
    let holder = copy;
    for (const step of steps.slice(0, -1)) {
      const next = holder[step];
      if (typeof next !== "object" || next === null) return;
      holder = next as Record<string, unknown>;
    }
    change(holder, steps.at(-1)!);
    variants.push(copy);
  };
  edit((h, k) => (h[k] = typeof h[k] === "string" ? 7 : "7"));
  edit((h, k) => (h[k] = [h[k]]));
  edit((h, k) => {
    const inherited = Object.create({ [k]: h[k] }) as Record<string, unknown>;
    for (const [key, value] of Object.entries(h)) if (key !== k) inherited[key] = value;
    for (const key of Object.keys(h)) delete h[key];
    Object.setPrototypeOf(h, inherited);
  });
  edit((h, k) => {
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, h);
    for (const key of Object.keys(h)) delete h[key];
    Object.assign(h, { [k]: bare[k] });
    Object.setPrototypeOf(h, null);
  });
  edit((h, k) =>
    Object.defineProperty(h, k, {
      enumerable: true,
      get() {
        throw new Error("hostile getter");
      },
    }),
  );
  edit((h, k) => {
    const value = h[k];
    Object.defineProperty(h, k, {
      enumerable: true,
      get() {
        reads.set(path, (reads.get(path) ?? 0) + 1);
        return value;
      },
    });
  });
  return variants;
}

describe("the hand-written function with checked reads keeps the runtime's read contract", () => {
  const programs = [
    { name: "best case", text: generateProgram(30), decision: DECISION, contexts: generateContexts(30, 60) },
    ...REALISTIC_SHAPES.map((shape) => ({ name: shape, text: generateRealistic(shape, 30), decision: "offer", contexts: generateRealisticContexts(shape, 30, 60) })),
  ];
  it.each(programs)("on hostile variants of the $name program's contexts", async ({ text, decision, contexts }) => {
    const front = compile([{ path: "g.scn", text }], { analyze: false });
    const table = front.compiled!.bundle.decisions[decision]!;
    const runtime = loadBundle(front.compiled!.bundle);
    const checked = await mapDispatchPeer(front.program, table, decision, "order.category", "checked");
    const paths = [...new Set([...table.columns.map((c) => c.path), "customer.consent.personalization"])];
    let compared = 0;
    contexts.forEach((context, i) => {
      const path = paths[i % paths.length]!;
      const reads = new Map<string, number>();
      for (const variant of hostileVariants(context, path, reads)) {
        const answer = checked.decide(variant);
        // A getter runs at most once per decision.
        expect(reads.get(path) ?? 0).toBeLessThanOrEqual(1);
        expect(answer).toEqual(runtime.decide(decision, variant));
        reads.clear();
        compared++;
      }
    });
    expect(compared).toBeGreaterThan(200);
  });

  it("on a polluted Object.prototype, which it never reads", async () => {
    const front = compile([{ path: "g.scn", text: generateRealistic("keyed", 30) }], { analyze: false });
    const table = front.compiled!.bundle.decisions["offer"]!;
    const runtime = loadBundle(front.compiled!.bundle);
    const checked = await mapDispatchPeer(front.program, table, "offer", "order.category", "checked");
    const contexts = generateRealisticContexts("keyed", 30, 60).map((c) => {
      const copy = structuredClone(c) as { customer: Record<string, unknown> };
      delete copy.customer["tier"];
      return copy;
    });
    const prototype = Object.prototype as Record<string, unknown>;
    prototype["tier"] = "gold";
    try {
      for (const context of contexts) expect(checked.decide(context)).toEqual(runtime.decide("offer", context));
    } finally {
      delete prototype["tier"];
    }
  });

  it("gives the JSON runtime's full retail answer on generated and hostile contexts", async () => {
    const compiled = compile([{ path: "retail.scn", text: retailSource() }], { analyze: false }).compiled!;
    const runtime = loadBundle(compiled.bundle);
    const checked = await checkedRetailPeer();
    const paths = compiled.bundle.decisions["store_returns"]!.columns.map((c) => c.path);
    generateRetailContexts(600).forEach((context, i) => {
      expect(canonicalAnswer(checked(context))).toBe(canonicalAnswer(runtime.decide("store_returns", context)));
      const reads = new Map<string, number>();
      const path = paths[i % paths.length]!;
      for (const variant of hostileVariants(context, path, reads)) {
        const answer = canonicalAnswer(checked(variant));
        expect(reads.get(path) ?? 0).toBeLessThanOrEqual(1);
        expect(answer).toBe(canonicalAnswer(runtime.decide("store_returns", variant)));
        reads.clear();
      }
    });
  });
});
