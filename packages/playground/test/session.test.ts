import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compile } from "@scn/compiler";
import { compileSource, evaluate, FILE, Session } from "../src/session.js";
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
    expect(result.answer.rule).toBe("online_return_in_store/outside_window/loyal");
    expect(result.explanation?.rule).toBe("online_return_in_store/outside_window/loyal");
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

  it("checks a keystroke's version as the driver does, and answers from the interpreter what the bundle then answers", () => {
    for (const example of gallery) {
      const session = new Session("2026-12-03");
      session.check(example.source);
      // A character typed at the end of a line inside the program: the second check re-parses one declaration.
      const at = example.source.indexOf("\n", Math.floor(example.source.length / 2));
      const edited = `${example.source.slice(0, at)} ${example.source.slice(at)}`;
      const checked = session.check(edited);
      const driver = compile([{ path: FILE, text: edited }], { today: "2026-12-03", targets: ["json"] });
      expect(JSON.stringify(checked.diagnostics), example.name).toBe(JSON.stringify(driver.diagnostics.filter((d) => !d.code.startsWith("SCN3"))));
      const complete = session.complete(checked);
      expect(JSON.stringify(complete.diagnostics), example.name).toBe(JSON.stringify(driver.diagnostics));
      for (const context of example.contexts) {
        for (const decision of checked.decisions) {
          const quick = evaluate(checked, decision, context.text);
          const full = evaluate(complete, decision, context.text);
          expect(quick.kind, `${example.name} ${context.name}`).toBe("answer");
          if (quick.kind !== "answer" || full.kind !== "answer") continue;
          expect(quick.answer, `${example.name} ${context.name} ${decision}`).toEqual(full.answer);
          expect(quick.explanation).toBeNull();
        }
      }
    }
  });
});
