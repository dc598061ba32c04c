/**
 * `diffBundles` and its renderers on small programs, one behavior per case:
 * type changes that one domain can hold (enum members, enum to string) stay
 * exact, those it cannot (int to number) fall back to sampling and say so,
 * the budget fallback, added and removed decisions and scenarios, default
 * and metadata changes, changes seen only on contexts the new schema
 * rejects, and markdown that user text cannot break.
 */
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "@scn/language";
import { loadBundle, type Bundle } from "@scn/runtime";
import { compile } from "../src/pipeline.js";
import { MAX_TABLE_ROWS, diffBundles, renderDiffJson, renderDiffMarkdown, renderDiffText, type DecisionDiff } from "../src/diff/index.js";

function bundle(source: string): Bundle {
  const files = [{ path: "main.scn", text: source }];
  const compilation = compile(files, { today: "2026-01-01", analyze: false });
  const errors = compilation.diagnostics.filter((d: Diagnostic) => d.severity === "error");
  if (errors.length > 0 || compilation.compiled === null) throw new Error(errors.map((e) => `${e.code} ${e.message}`).join("\n"));
  return compilation.compiled.bundle;
}

/** A program with one decision `offer` whose single scenario applies when `situation` holds. */
function program(context: string, situation: string, extra = ""): string {
  return `
context { ${context} }
metric conversions { better higher }
decision offer { output { code: string } default { code: "none" } }
scenario promo for offer {
  owner "cx"
  situation ${situation}
  goal "Convert"
  pathway only otherwise { code: "promo" }
  metrics { primary conversions }
}
${extra}`;
}

function decision(before: string, after: string, name = "offer"): DecisionDiff {
  return diffBundles(bundle(before), bundle(after)).decisions.find((d) => d.name === name)!;
}

describe("diffBundles", () => {
  it("finds the customers an added enum member moves, exactly", () => {
    const d = decision(program("kind: enum { a, b }", "kind == a"), program("kind: enum { a, b, c }", "kind in [a, c]"));
    expect(d.method).toBe("exact");
    expect(d.changes).toHaveLength(1);
    const [change] = d.changes;
    expect(change!.before).toEqual({ reason: "default", rule: null, output: { code: "none" } });
    expect(change!.after.rule).toBe("promo/only");
    expect(change!.customers).toBe("kind == c");
    expect(change!.witness).toEqual({ kind: "c" });
    expect(change!.witnessValid).toBe(true);
    expect(change!.fields).toEqual([{ field: "code", before: "none", after: "promo" }]);
  });

  it("stays exact when an enum becomes a string: the old version reads other strings as absent", () => {
    const d = decision(program("code: enum { x, y }", "code == x"), program("code: string", 'code != "y"'));
    expect(d.method).toBe("exact");
    expect(d.changes).toHaveLength(1);
    expect(d.changes[0]!.customers).toBe('code not in ["x", "y"]');
    expect(d.changes[0]!.witness).toEqual({ code: "other" });
  });

  it("falls back to sampling when an int becomes a number, and says why", () => {
    const d = decision(program("n: int", "n > 0"), program("n: number", "n > 0"));
    expect(d.method).toBe("sampled");
    expect(d.note).toBe("`n` changed type from int to number");
    expect(d.samples).toBeGreaterThan(0);
    expect(d.changes).toHaveLength(1);
    expect(Number.isInteger(d.changes[0]!.witness["n"])).toBe(false);
    expect(d.changes[0]!.regions).toBeNull();
  });

  it("falls back to sampling past its budget and still reports checked witnesses", () => {
    const before = bundle(program("n: int(0..100)", "n > 30"));
    const after = bundle(program("n: int(0..100)", "n > 40"));
    const d = diffBundles(before, after, { budget: 1 }).decisions[0]!;
    expect(d.method).toBe("sampled");
    expect(d.note).toBe("the exact comparison needed more than 1 box operations");
    const runtime = loadBundle(after);
    for (const change of d.changes) expect(runtime.decide("offer", change.witness).output).toEqual(change.after.output);
    expect(renderDiffText(diffBundles(before, after, { budget: 1 }))).toContain("note: compared on");
  });

  it("merges the regions of one change and counts them", () => {
    const d = decision(program("n: int(0..100)", "n > 30"), program("n: int(0..100)", "n > 40"));
    expect(d.changes).toHaveLength(1);
    expect(d.changes[0]!.customers).toBe("n in 31..40");
    expect(d.changes[0]!.witness).toEqual({ n: 31 });
  });

  it("says nothing changed when only the metadata did", () => {
    const before = program("n: int", "n > 1");
    const after = before.replace('owner "cx"', 'owner "growth"').replace("metric conversions { better higher }", 'metric conversions "Conversions" { better higher }');
    const diff = diffBundles(bundle(before), bundle(after));
    expect(diff.behaviorChanged).toBe(false);
    expect(diff.scenarios).toEqual([{ name: "promo", decision: "offer", change: "changed", fields: [{ field: "owner", before: "cx", after: "growth" }] }]);
    expect(diff.metrics).toEqual([{ name: "conversions", change: "changed", fields: [{ field: "title", before: null, after: "Conversions" }] }]);
    expect(renderDiffText(diff)).toMatch(/^no change in behavior\n/);
  });

  it("reports added and removed decisions, scenarios and context fields", () => {
    const extra = `
decision banner { output { text: string } }
scenario hello for banner {
  owner "cx"
  situation vip
  goal "Greet"
  pathway only otherwise { text: "hi" }
  metrics { primary conversions }
}`;
    const diff = diffBundles(bundle(program("n: int", "n > 1")), bundle(program("n: int, vip: bool", "n > 1", extra)));
    expect(diff.behaviorChanged).toBe(true);
    expect(diff.decisions.map((d) => [d.name, d.status])).toEqual([["banner", "added"], ["offer", "unchanged"]]);
    expect(diff.scenarios).toEqual([{ name: "hello", decision: "banner", change: "added", fields: [] }]);
    expect(diff.context).toEqual([{ path: "vip", change: "added", before: null, after: "bool" }]);
    const back = diffBundles(bundle(program("n: int, vip: bool", "n > 1", extra)), bundle(program("n: int", "n > 1")));
    expect(back.decisions[0]!.status).toBe("removed");
    expect(renderDiffText(back)).toContain("banner: decision removed");
  });

  it("reports a default change as a change of the default answer", () => {
    const before = program("n: int", "n > 1");
    const d = decision(before, before.replace('default { code: "none" }', 'default { code: "later" }'));
    expect(d.changes).toHaveLength(1);
    expect(d.changes[0]!.before.reason).toBe("default");
    expect(d.changes[0]!.fields).toEqual([{ field: "code", before: "none", after: "later" }]);
    expect(d.changes[0]!.customers).toBe("n <= 1");
  });

  it("marks a witness the new schema rejects when no valid context changes", () => {
    const d = decision(program("n: int(0..100)", "n > 20"), program("n: int(0..10)", "n > 30"));
    expect(d.changes).toHaveLength(1);
    expect(d.changes[0]!.witnessValid).toBe(false);
    expect(renderDiffText(diffBundles(bundle(program("n: int(0..100)", "n > 20")), bundle(program("n: int(0..10)", "n > 30"))))).toContain(
      "example (the new context schema rejects it): ",
    );
  });

  it("caps each markdown table and counts the changes left out", () => {
    const scenarios = (prefix: string) =>
      Array.from({ length: MAX_TABLE_ROWS + 5 }, (_, i) => `scenario s${i} for offer {\n owner "cx"\n situation n == ${i}\n goal "g"\n pathway only otherwise { code: "${prefix}${i}" }\n metrics { primary conversions }\n}`).join("\n");
    const header = 'context { n: int }\nmetric conversions { better higher }\ndecision offer { output { code: string } }\n';
    const diff = diffBundles(bundle(header + scenarios("a")), bundle(header + scenarios("b")));
    expect(diff.decisions[0]!.changes).toHaveLength(MAX_TABLE_ROWS + 5);
    const markdown = renderDiffMarkdown(diff);
    expect(markdown.split("\n").filter((line) => line.startsWith("| `n == "))).toHaveLength(MAX_TABLE_ROWS);
    expect(markdown).toContain("…and 5 more changes: run `scn diff` locally, or use `--format json`, to see them all.");
    expect(renderDiffText(diff).split("\n").filter((line) => /^ {2}\d+\. /.test(line))).toHaveLength(MAX_TABLE_ROWS + 5);
  });

  it("keeps user text from breaking the markdown table", () => {
    const before = program("tag: string", 'tag == "<b>|"');
    const diff = diffBundles(bundle(before), bundle(before.replace('code: "promo"', 'code: "a|b <script>`x`"')));
    const markdown = renderDiffMarkdown(diff);
    const row = markdown.split("\n").find((line) => line.startsWith("| `tag == \"<b>\\|\"`"))!;
    expect(row).toBeDefined();
    // Five unescaped pipes: the table's four cells and nothing else.
    expect(row.replace(/\\\|/g, "").split("|")).toHaveLength(6);
    expect(row).toContain("``\"a\\|b <script>`x`\"``");
    expect(row).toContain('<code>{"tag":"&lt;b&gt;&#124;"}</code>');
    expect(JSON.parse(renderDiffJson(diff)).decisions[0].changes[0].after.output.code).toBe("a|b <script>`x`");
  });
});
