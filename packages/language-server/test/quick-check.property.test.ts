/**
 * The findings published at once for an edited scenario (the quick check of
 * that scenario alone) are the ones the full check then publishes for it,
 * so the editor shows them early and does not redraw them: random
 * one-word edits inside the scenarios of the example programs.
 */
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { TextDocument } from "vscode-languageserver-textdocument";
import { describe, expect, it } from "vitest";
import { ProgramModel } from "../src/program-model.js";
import { listSourceFiles } from "../src/project-loader.js";

const EXAMPLES = new URL("../../../examples/", import.meta.url);
const roots = readdirSync(EXAMPLES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && readdirSync(new URL(`./${entry.name}/`, EXAMPLES)).includes("scn.config.json"))
  .map((entry) => fileURLToPath(new URL(`./${entry.name}/`, EXAMPLES)))
  .sort();

describe("the quick check of an edited scenario", () => {
  it("reports what the full check reports inside that scenario", () => {
    let compared = 0;
    fc.assert(
      fc.property(fc.nat({ max: roots.length - 1 }), fc.nat(), fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom("x", "e", "_", "1", ""), (which, fileChoice, at, letter) => {
        const root = roots[which]!;
        const model = new ProgramModel({ root, configFile: null, files: listSourceFiles(root), severity: new Map(), today: "2026-01-01" });
        const withScenarios = model.paths().filter((path) => model.parsed(path)!.value.declarations.some((d) => d.kind === "ScenarioDeclaration"));
        const path = withScenarios[fileChoice % withScenarios.length]!;
        model.check();
        const text = model.text(path)!;
        // Type a letter at the end of a name inside a scenario, or delete its last letter.
        const scenarios = model.parsed(path)!.value.declarations.filter((d) => d.kind === "ScenarioDeclaration");
        const scenario = scenarios[Math.min(scenarios.length - 1, Math.floor(at * scenarios.length))]!;
        const body = text.slice(scenario.span.start.offset, scenario.span.end.offset);
        // The end of a word used as a name or a value (after `==`, `:`, `when`, `and`, …), so the edit keeps the syntax.
        const letters = [...body.matchAll(/(?:==|!=|:|\bwhen|\bsituation|\band|\bor|\bnot|\[)\s*([a-z_][A-Za-z0-9_]*)/g)].map((m) => scenario.span.start.offset + m.index + m[0].length);
        if (letters.length === 0) return;
        const offset = letters[Math.floor(at * 7919) % letters.length]!;
        const edited = letter === "" ? text.slice(0, offset - 1) + text.slice(offset) : text.slice(0, offset) + letter + text.slice(offset);
        model.changed(path, TextDocument.create("file:///x.scn", "scn", 2, edited));
        const quick = model.quickCheck(path);
        if (!quick) return;
        compared++;
        const { start, end } = { start: quick.scenario.span.start.offset, end: quick.scenario.span.end.offset };
        const full = model.check().checked.diagnostics.filter((d) => d.span.file === path && d.span.start.offset >= start && d.span.end.offset <= end && d.code !== "SCN2001");
        expect(quick.diagnostics.filter((d) => d.code !== "SCN2001")).toEqual(full);
      }),
      { numRuns: 60 },
    );
    expect(compared).toBeGreaterThan(10);
  });
});
