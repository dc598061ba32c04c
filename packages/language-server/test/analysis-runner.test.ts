/**
 * The server's analysis (lowering and analysis in slices, with the store of
 * scenario findings named by source text) reports what `scn check` reports,
 * on each example program and after edits an editor makes: lines inserted
 * at the top of a file (every scenario below moves), a scenario's priority
 * changed, and a segment changed (every scenario must be asked again). The
 * scenarios an edit did not touch come from the store, and the decisions
 * with nothing in the edited file are not lowered or analyzed again.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { compileChecked } from "@scn/compiler";
import { TextDocument } from "vscode-languageserver-textdocument";
import { describe, expect, it } from "vitest";
import { AnalysisRunner } from "../src/analysis-runner.js";
import { ProgramModel } from "../src/program-model.js";
import { listSourceFiles } from "../src/project-loader.js";

const EXAMPLES = new URL("../../../examples/", import.meta.url);
const roots = readdirSync(EXAMPLES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && readdirSync(new URL(`./${entry.name}/`, EXAMPLES)).includes("scn.config.json"))
  .map((entry) => fileURLToPath(new URL(`./${entry.name}/`, EXAMPLES)))
  .sort();

async function serverFindings(runner: AnalysisRunner, model: ProgramModel): Promise<string> {
  const check = model.check();
  expect(check.analyzable).toBe(true);
  const outcome = await runner.run(check.checked.value, model);
  if (outcome === null || "failure" in outcome) throw new Error(`the analysis did not finish: ${JSON.stringify(outcome)}`);
  return JSON.stringify(outcome.diagnostics);
}

function compilerFindings(model: ProgramModel): string {
  return JSON.stringify(compileChecked(model.check().checked.value, { stopAfter: "analyze" }).diagnostics);
}

function edit(model: ProgramModel, path: string, change: (text: string) => string): void {
  const text = model.text(path)!;
  model.changed(path, TextDocument.create(path, "scn", 1, change(text)));
}

describe("the server's analysis", () => {
  it.each(roots.map((root) => [root.split("/").at(-2)!, root]))("reports what scn check reports on %s, before and after edits", async (_name, root) => {
    const model = new ProgramModel({ root, configFile: null, files: listSourceFiles(root), severity: new Map(), today: "2026-01-01" });
    const runner = new AnalysisRunner();
    expect(await serverFindings(runner, model)).toBe(compilerFindings(model));
    const computedFirst = runner.counts.computed;
    expect(computedFirst).toBeGreaterThan(0);

    const withScenarios = model.paths().filter((path) => model.parsed(path)!.value.declarations.some((d) => d.kind === "ScenarioDeclaration"));
    const path = withScenarios[0]!;
    // The decisions with nothing in the edited file keep their findings whole.
    const program = model.check().checked.value;
    const elsewhere = program.decisions.filter((d) => d.span.file !== path && program.scenarios.every((s) => s.decision !== d.name || s.span.file !== path));
    expect(elsewhere.length).toBeGreaterThan(0);
    const reusedBefore = runner.counts.decisionsReused;
    edit(model, path, (text) => `\n\n${text}`);
    expect(await serverFindings(runner, model)).toBe(compilerFindings(model));
    // Every scenario only moved: nothing is asked again.
    expect(runner.counts.computed).toBe(computedFirst);
    expect(runner.counts.decisionsReused - reusedBefore).toBe(elsewhere.length);

    const lowerings = runner.counts.lowerings;
    edit(model, path, (text) => text.replace(/priority (\d+)/, (_m, digits: string) => `priority ${Number(digits) + 1}`));
    expect(await serverFindings(runner, model)).toBe(compilerFindings(model));
    expect(runner.counts.computed - computedFirst).toBeLessThanOrEqual(2);
    // Only the edited scenario was lowered, to count its rows; no decision was lowered whole.
    expect(runner.counts.lowerings).toBe(lowerings);

    // A decision kept whole in the runs above still has its scenarios' findings in the store.
    const other = program.scenarios.find((s) => s.decision === elsewhere[0]!.name && s.status === "active")!;
    const computedBefore = runner.counts.computed;
    edit(model, other.span.file, (text) => text.slice(0, other.span.end.offset - 1) + "\n" + text.slice(other.span.end.offset - 1));
    expect(await serverFindings(runner, model)).toBe(compilerFindings(model));
    expect(runner.counts.computed - computedBefore).toBeLessThanOrEqual(2);

    const segmentFile = model.paths().find((p) => /^segment /m.test(model.text(p)!));
    if (segmentFile !== undefined) {
      const before = runner.counts.computed;
      edit(model, segmentFile, (text) => text.replace(/^segment /m, "segment unused_by_the_test = true\nsegment "));
      expect(await serverFindings(runner, model)).toBe(compilerFindings(model));
      expect(runner.counts.computed).toBeGreaterThan(before);
    }
  });

  it("settles a cancelled run with null and the next one with the findings", async () => {
    const root = roots[0]!;
    const model = new ProgramModel({ root, configFile: null, files: listSourceFiles(root), severity: new Map(), today: "2026-01-01" });
    const runner = new AnalysisRunner();
    const first = runner.run(model.check().checked.value, model);
    const second = runner.run(model.check().checked.value, model);
    expect(await first).toBeNull();
    expect(JSON.stringify((await second as { diagnostics: unknown }).diagnostics)).toBe(compilerFindings(model));
  });

  it("reports a decision that an edit takes past the lowering's limits, and stops when it is back", async () => {
    const root = mkdtempSync(join(tmpdir(), "scn-runner-limit-"));
    try {
      const large = readFileSync(fileURLToPath(new URL("../../compiler/test/fixtures/too-large.scn", import.meta.url)), "utf8");
      const small = large.replace(/^  situation .*/m, "  situation c.x0 == 0 or c.x1 == 0");
      const second = "\nscenario other for desk {\n  owner \"cx\"\n  priority 1\n  goal \"Another\"\n  situation c.x2 == 5\n  pathway all otherwise { action: kiosk }\n  metrics { primary completion }\n}\n";
      const path = join(root, "desk.scn");
      writeFileSync(path, small + second);
      const model = new ProgramModel({ root, configFile: null, files: [path], severity: new Map(), today: "2026-01-01" });
      const runner = new AnalysisRunner();
      expect(await serverFindings(runner, model)).toBe(compilerFindings(model));
      const seen: boolean[] = [];
      for (const text of [large + second, small + second, small + second.replace("c.x2 == 5", "c.x2 == 6")]) {
        edit(model, path, () => text);
        expect(await serverFindings(runner, model)).toBe(compilerFindings(model));
        seen.push(compilerFindings(model).includes("SCN3007"));
      }
      expect(seen).toEqual([true, false, false]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
