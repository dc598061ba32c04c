import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compileSource, evaluate } from "../src/session.js";
import { examples } from "../scripts/build.mjs";

const ROOT = new URL("../../../", import.meta.url).pathname;
const gallery = examples() as { name: string; source: string; contexts: { name: string; text: string }[] }[];

describe("the playground's compilation", () => {
  it("compiles every gallery example without errors, as one buffer", () => {
    expect(gallery.map((e) => e.name)).toEqual(["reference", "retail", "airline", "telecom"]);
    for (const example of gallery) {
      const compiled = compileSource(example.source, "2026-12-03");
      expect(compiled.diagnostics.filter((d) => d.severity === "error"), example.name).toEqual([]);
      expect(compiled.runtime).not.toBeNull();
    }
  });

  it("answers the language reference's worked example with its explanation", () => {
    const retail = gallery.find((e) => e.name === "retail")!;
    const compiled = compileSource(retail.source, "2026-12-03");
    const context = readFileSync(join(ROOT, "examples/retail/contexts/late-gold-return.json"), "utf8");
    const result = evaluate(compiled, "store_returns", context);
    expect(result.kind).toBe("answer");
    if (result.kind !== "answer") return;
    expect(result.explanation.rule).toBe("online_return_in_store/outside_window/loyal");
    expect(result.text).toContain("✓ online_return_in_store/outside_window/loyal");
  });

  it("reports a typo at its line with a caret frame, and answers nothing until it is fixed", () => {
    const reference = gallery[0]!;
    const lines = reference.source.split("\n");
    const at = lines.findIndex((l) => l.includes("situation"));
    lines[at] = lines[at]!.replace("situation", "situaton");
    const compiled = compileSource(lines.join("\n"), "2026-12-03");
    const error = compiled.diagnostics.find((d) => d.severity === "error")!;
    expect(error.span.start.line).toBe(at + 1);
    expect(compiled.report).toContain(`${at + 1} |`);
    expect(compiled.report).toContain("^");
    expect(evaluate(compiled, "returns_desk", "{}")).toEqual({ kind: "problem", message: "Fix the errors in the program to see answers." });
  });

  it("says what is wrong with a context that is not JSON", () => {
    const compiled = compileSource(gallery[0]!.source, "2026-12-03");
    const result = evaluate(compiled, "returns_desk", "{ oops");
    expect(result.kind).toBe("problem");
  });
});
