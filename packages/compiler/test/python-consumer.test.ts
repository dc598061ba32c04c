/**
 * The bundle format is consumable outside JavaScript: the dependency-free
 * Python evaluator in examples/consumers/python reproduces every conformance
 * vector of every example project (scanning rows, and walking the index),
 * reports a tampered vector as failed, and gives the JS runtime's answer on
 * random programs and random, often ill-typed, contexts.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { checkProgram, parseFile } from "@scn/language";
import { loadBundle, type Bundle } from "@scn/runtime";
import { compile, emitJs, emitJson, interpret, readVectors, writeVectors, type Expected, type Vector } from "@scn/compiler";
import { importModule } from "./support/table-bundle.js";
import { compiledProgram } from "./support/compile.js";
import { EXPERIMENT_SOURCE } from "./support/experiment-program.js";
import { arbitraryContext, arbitraryProgram } from "./arbitrary/index.js";
import { EXAMPLE_PROJECTS, exampleBundleAndVectors } from "./support/examples.js";
import { ATOM_PROGRAM, NUMBER_TEXTS, atomContexts, numberContextText } from "./support/atoms.js";

const consumer = fileURLToPath(new URL("../../../examples/consumers/python/scn_bundle.py", import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), "scn-python-consumer-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let written = 0;
/** Writes a bundle and its vectors into a fresh directory of the scratch space; returns their paths. */
function writeArtifacts(bundleJson: string, vectorsJson: string): { bundle: string; vectors: string } {
  const directory = join(scratch, String(written++));
  mkdirSync(directory);
  const paths = { bundle: join(directory, "program.scn.json"), vectors: join(directory, "program.vectors.json") };
  writeFileSync(paths.bundle, bundleJson);
  writeFileSync(paths.vectors, vectorsJson);
  return paths;
}

/** A vectors file of the given vectors, every context written whole (no background context, no paths). */
function vectorsFile(vectors: readonly Vector[]): string {
  return writeVectors(vectors, {}, new Map());
}

/**
 * A vectors file whose contexts are JSON texts written as they are, so that
 * numbers reach Python as the text says (JavaScript would read 1e400 as
 * Infinity); each decision's answers listed once per vector.
 */
function vectorsFileOfTexts(vectors: readonly { decision: string; contextText: string; expect: Expected }[]): string {
  const decisions = [...new Set(vectors.map((v) => v.decision))].map((decision) => {
    const own = vectors.filter((v) => v.decision === decision);
    const answers = own.map((v) => JSON.stringify(v.expect)).join(",\n");
    const lines = own.map((v, i) => `[${i}, {"context": ${v.contextText}}]`).join(",\n");
    return `${JSON.stringify(decision)}: {"answers": [\n${answers}\n], "paths": [], "vectors": [\n${lines}\n]}`;
  });
  return `{"format": "scn.vectors/2", "base": {}, "decisions": {\n${decisions.join(",\n")}\n}}\n`;
}

/** Runs the Python consumer; returns its exit status and the last line it printed. */
function runPython(paths: { bundle: string; vectors: string }, ...flags: string[]): { status: number | null; summary: string } {
  const run = spawnSync("python3", [consumer, paths.bundle, paths.vectors, ...flags], { encoding: "utf8" });
  expect(run.stderr).toBe("");
  const lines = run.stdout.trim().split("\n");
  return { status: run.status, summary: lines[lines.length - 1] ?? "" };
}

describe("the Python consumer", () => {
  it.each(EXAMPLE_PROJECTS)("reproduces every vector of examples/%s, scanning rows and walking the index", (project) => {
    const { bundleJson, vectorsJson } = exampleBundleAndVectors(project);
    const count = readVectors(JSON.parse(vectorsJson)).length;
    expect(count).toBeGreaterThan(0);
    const paths = writeArtifacts(bundleJson, vectorsJson);
    expect(runPython(paths)).toEqual({ status: 0, summary: `${count} passed, 0 failed` });
    expect(runPython(paths, "--index")).toEqual({ status: 0, summary: `${count} passed, 0 failed` });
  });

  it("treats absent, null and wrongly typed values as the JS runtime does, for every kind of test", () => {
    const compilation = compile([{ path: "atoms.scn", text: ATOM_PROGRAM }], { analyze: false });
    expect(compilation.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const { bundle } = compilation.compiled!;
    const runtime = loadBundle(bundle);
    const contexts = atomContexts();
    const vectors: Vector[] = runtime.decisions.flatMap((decision) =>
      contexts.map((context) => {
        const answer = runtime.decide(decision, context);
        return { decision, context: context as Vector["context"], expect: { rule: answer.rule, reason: answer.reason, output: answer.output } };
      }),
    );
    // Both outcomes occur for every decision, so the comparison is not vacuous.
    for (const decision of runtime.decisions) {
      expect(new Set(vectors.filter((v) => v.decision === decision).map((v) => v.expect.reason))).toEqual(new Set(["scenario", "default"]));
    }
    const paths = writeArtifacts(emitJson(bundle), vectorsFile(vectors));
    const summary = `${vectors.length} passed, 0 failed`;
    expect(runPython(paths)).toEqual({ status: 0, summary });
    expect(runPython(paths, "--index")).toEqual({ status: 0, summary });
  });

  it("treats numbers beyond exact precision alike in the JS runtime, the JS module, the interpreter and Python", async () => {
    // Context numbers written as JSON text, as a caller would send them: JavaScript
    // reads each as the nearest double (10^400 is Infinity), Python as an exact
    // int or a float. Either way a number that is not finite, or an `int` beyond
    // ±(2^53 - 1), is wrongly typed: absent (docs/runtime.md, "Numbers").
    const texts = NUMBER_TEXTS;
    const checked = compile([{ path: "atoms.scn", text: ATOM_PROGRAM }], { analyze: false });
    const { bundle } = checked.compiled!;
    const runtime = loadBundle(bundle);
    const module = await importModule(emitJs(bundle));
    const vectorTexts: { decision: string; contextText: string; expect: Expected }[] = [];
    let present = 0;
    for (const text of texts) {
      const contextText = numberContextText(text);
      for (const decision of runtime.decisions) {
        const context = JSON.parse(contextText) as unknown;
        const answer = runtime.decide(decision, context);
        expect(module.decide(decision, context)).toEqual(answer);
        expect(interpret(checked.program, decision, context).rule ?? null).toBe(answer.rule);
        if (decision === "int_eq" || decision === "int_not_equal") present += answer.reason === "scenario" ? 1 : 0;
        vectorTexts.push({ decision, contextText, expect: { rule: answer.rule, reason: answer.reason, output: answer.output } });
      }
    }
    // Safe integers are present (one of `== 1` and `!= 1` holds); the others are absent (neither does).
    expect(present).toBe(texts.filter((text) => Number.isSafeInteger(Number(text))).length);
    const paths = writeArtifacts(emitJson(bundle), vectorsFileOfTexts(vectorTexts));
    const summary = `${vectorTexts.length} passed, 0 failed`;
    expect(runPython(paths)).toEqual({ status: 0, summary });
    expect(runPython(paths, "--index")).toEqual({ status: 0, summary });
  });

  it.each(EXAMPLE_PROJECTS)("reads every vector of examples/%s as the JS reader does (--expand)", (project) => {
    const { bundleJson, vectorsJson } = exampleBundleAndVectors(project);
    const paths = writeArtifacts(bundleJson, vectorsJson);
    const run = spawnSync("python3", [consumer, "--expand", paths.vectors], { encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const expanded = run.stdout.trim().split("\n").map((line) => JSON.parse(line) as Vector);
    expect(expanded).toEqual(readVectors(JSON.parse(vectorsJson)));
  });

  it("refuses vectors of another format, naming it", () => {
    const { bundleJson } = exampleBundleAndVectors("retail");
    const paths = writeArtifacts(bundleJson, JSON.stringify({ format: "scn.vectors/1", base: {}, decisions: {} }));
    const run = spawnSync("python3", [consumer, paths.bundle, paths.vectors], { encoding: "utf8" });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe("error: not a scn.vectors/2 vectors file (format scn.vectors/1); rebuild it with scn build\n");
  });

  it("refuses a bundle of another format, naming it", () => {
    const { bundleJson, vectorsJson } = exampleBundleAndVectors("retail");
    const paths = writeArtifacts(JSON.stringify({ ...JSON.parse(bundleJson), format: "scn.bundle/4" }), vectorsJson);
    const run = spawnSync("python3", [consumer, paths.bundle, paths.vectors], { encoding: "utf8" });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe("error: not a scn.bundle/5 bundle (format scn.bundle/4); rebuild it with scn build\n");
  });

  it("reports a vector whose expectation is wrong as failed", () => {
    const { bundleJson, vectorsJson } = exampleBundleAndVectors("retail");
    const vectors = readVectors(JSON.parse(vectorsJson));
    const tampered = vectors.map((vector, i) => (i === 0 ? { ...vector, expect: { ...vector.expect, rule: "no/such/rule" } } : vector));
    const paths = writeArtifacts(bundleJson, vectorsFile(tampered));
    expect(runPython(paths)).toEqual({ status: 1, summary: `${vectors.length - 1} passed, 1 failed` });
  });

  it.each([
    ["random programs", () => true],
    // About one random program in six; filtered so that Python's walk of the `union` node is always compared.
    ["random programs whose indexes hold `union` nodes", (bundle: Bundle) => Object.values(bundle.decisions).some((table) => table.index.nodes.some((node) => "union" in node))],
  ] as const)("answers as the JS runtime on %s and random, often ill-typed, contexts", (_, keep) => {
    const cases = arbitraryProgram({ experiments: true })
      .map((program) => ({ program, bundle: compiledProgram(program).bundle }))
      .filter(({ bundle }) => keep(bundle))
      .chain(({ program, bundle }) => fc.tuple(fc.constant(bundle), fc.array(arbitraryContext(program), { minLength: 1, maxLength: 40 })));
    fc.assert(
      fc.property(cases, ([bundle, contexts]) => {
        const runtime = loadBundle(emitJson(bundle));
        const expected: Vector[] = [];
        for (const decision of runtime.decisions) {
          for (const context of contexts) {
            // What Python reads is the JSON text, so the runtime answers the same round-tripped context.
            const sent = JSON.parse(JSON.stringify(context ?? null) ?? "null") as Vector["context"];
            const answer = runtime.decide(decision, sent);
            expected.push({ decision, context: sent, expect: { rule: answer.rule, reason: answer.reason, output: answer.output, experiment: answer.experiment } });
          }
        }
        const paths = writeArtifacts(emitJson(bundle), vectorsFile(expected));
        const summary = `${expected.length} passed, 0 failed`;
        expect(runPython(paths)).toEqual({ status: 0, summary });
        expect(runPython(paths, "--index")).toEqual({ status: 0, summary });
      }),
      { numRuns: 8 },
    );
  });

  it("assigns every unit the arm the JS runtime assigns: ASCII, non-ASCII and astral strings, ints, the empty string, absent and null", () => {
    const parsed = parseFile(EXPERIMENT_SOURCE, "experiment.scn");
    const program = checkProgram({ files: [parsed.value] }, { today: "2026-01-01" }).value;
    const { bundle } = compiledProgram(program);
    const runtime = loadBundle(emitJson(bundle));
    const units: unknown[] = [undefined, null, "", 0, -1, 2 ** 53 - 1, "ascii", "é", "\u{1F600}", "\uD800", 1.5, true];
    for (let i = 0; i < 400; i++) units.push(`c-${i}`, `ü-${i}-ß`, `\u{1F600}${i}\u{10FFFF}`, i * 7919 - 3);
    const expected: Vector[] = [];
    for (const unit of units) {
      for (const days of [5, 150]) {
        const customer: Record<string, unknown> = { price_sensitivity: 0.9 };
        if (unit !== undefined) customer.id = customer.number = unit;
        const context = JSON.parse(JSON.stringify({ customer, order: { days } })) as Vector["context"];
        const answer = runtime.decide("store_returns", context);
        expected.push({ decision: "store_returns", context, expect: { rule: answer.rule, reason: answer.reason, output: answer.output, experiment: answer.experiment } });
      }
    }
    const arms = new Set(expected.map((vector) => (vector.expect.experiment ? `${vector.expect.experiment.name}.${vector.expect.experiment.arm}` : "none")));
    expect([...arms].sort()).toEqual(["by_number.a", "by_number.b", "credit_bonus.bonus_10", "credit_bonus.bonus_15", "credit_bonus.control", "none"]);
    const paths = writeArtifacts(emitJson(bundle), vectorsFile(expected));
    const summary = `${expected.length} passed, 0 failed`;
    expect(runPython(paths)).toEqual({ status: 0, summary });
    expect(runPython(paths, "--index")).toEqual({ status: 0, summary });
  });
});
