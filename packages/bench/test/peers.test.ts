import { describe, expect, it } from "vitest";
import { checkSources } from "@scn/language";
import { analyzeProgram, compileProgram, emitJs } from "@scn/compiler";
import { loadBundle, type Answer } from "@scn/runtime";
import { generateProgram } from "../src/generate-program.js";
import { generateContexts } from "../src/generate-contexts.js";
import { rulesEnginePeer } from "../src/peer-rules-engine.js";
import { zenCell, zenPeer } from "../src/peer-zen.js";
import { handwrittenPeer } from "../src/peer-handwritten.js";

const DECISION = "next_best_action";

function label(answer: Answer): string {
  return answer.reason === "scenario" ? answer.rule! : answer.reason === "default" ? "(default)" : "(none)";
}

describe("generated programs", () => {
  it.each([10, 60])("with %i scenarios check clean, analysis included", (size) => {
    const front = checkSources([{ path: "g.scn", text: generateProgram(size) }]);
    const findings = [...front.diagnostics, ...analyzeProgram(front.value)].filter((d) => d.severity !== "info");
    expect(findings.map((d) => `${d.code} ${d.message}`)).toEqual([]);
  });

  it("are deterministic", () => {
    expect(generateProgram(25)).toBe(generateProgram(25));
    expect(generateContexts(25, 10)).toEqual(generateContexts(25, 10));
  });
});

describe("the peers answer exactly what scn answers", () => {
  it.each([10, 40])("on %i scenarios", async (size) => {
    const front = checkSources([{ path: "g.scn", text: generateProgram(size) }]);
    const compiled = compileProgram(front.value, { sources: ["g.scn"] });
    const table = compiled.bundle.decisions[DECISION]!;
    const runtime = loadBundle(compiled.bundle);
    const module = (await import(`data:text/javascript;base64,${Buffer.from(emitJs(compiled.bundle)).toString("base64")}`)) as Record<string, (c: unknown) => Answer>;
    const rules = rulesEnginePeer(table);
    const zen = zenPeer(table);
    const hand = await handwrittenPeer(front.value, DECISION);
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
