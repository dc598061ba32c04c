/**
 * The `sql` target means what the JSON runtime means (docs/warehouse.md,
 * "What same meaning covers"): run by real DuckDB and real PostgreSQL
 * (PGlite), its views give the runtime's answer — reason, rule, scenario,
 * pathway, variation, merged output, metrics and consent — for every
 * example's conformance vectors, for every kind of unary test on absent,
 * null and wrongly typed values, for numbers past double precision written
 * as JSON text, for experiment arms (GrowthBook's hash over UTF-16 code
 * units, astral characters included), and for random programs with random,
 * often ill-typed, contexts.
 */
import { readdirSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { loadBundle, type Bundle, type Column } from "@scn/runtime";
import { compile, emitSql, readVectors, type LoweredDecision, type Vector } from "../src/index.js";
import { shownName } from "../src/emit/sql/view.js";
import { bundleOfTables } from "./support/table-bundle.js";
import { compiledProgram } from "./support/compile.js";
import { arbitraryContext, arbitraryProgram } from "./arbitrary/index.js";
import { answerOfRow, duckdbEngine, expectedOf, postgresEngine, type SqlEngine } from "./sql/engines.js";
import { ATOM_PROGRAM, NUMBER_TEXTS, atomContexts, numberContextText } from "./support/atoms.js";
import { EXPERIMENT_PROGRAM, experimentContexts } from "./sql/experiment-program.js";

const examples = new URL("../../../examples/", import.meta.url);
const projects = readdirSync(examples, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name !== "consumers")
  .map((entry) => entry.name)
  .sort();

function buildExample(project: string): { bundle: Bundle; vectors: Vector[] } {
  const directory = new URL(`${project}/`, examples);
  const files = readdirSync(directory)
    .filter((name) => name.endsWith(".scn"))
    .map((name) => ({ path: name, text: readFileSync(new URL(name, directory), "utf8") }));
  const compilation = compile(files, { analyze: false, targets: ["vectors"] });
  expect(compilation.ok).toBe(true);
  return { bundle: compilation.compiled!.bundle, vectors: readVectors(JSON.parse(compilation.artifacts[0]!.text)) };
}

/**
 * Loads the context texts, runs the bundle's SQL and checks each decision's
 * view against the runtime on the same parsed texts; returns how many
 * answers were compared.
 */
async function expectSameAnswers(engine: SqlEngine, bundle: Bundle, texts: readonly (string | null)[], decisions?: readonly string[]): Promise<number> {
  const runtime = loadBundle(bundle);
  await engine.load(texts);
  await engine.exec(emitSql(bundle, { dialect: engine.dialect, ...engine.options }));
  let compared = 0;
  for (const decision of decisions ?? runtime.decisions) {
    const rows = await engine.rows(`SELECT * FROM "scn_${decision.replaceAll('"', '""')}" ORDER BY id`);
    expect(rows.map((row) => row["id"])).toEqual(texts.map((_, id) => id));
    rows.forEach((row, id) => {
      const text = texts[id]!;
      const expected = expectedOf(runtime.decide(decision, text === null ? null : JSON.parse(text)));
      expect({ context: text, decision, answer: answerOfRow(row) }).toEqual({ context: text, decision, answer: expected });
      compared++;
    });
  }
  return compared;
}

const NASTY = ["'", '"', "`", "\\", "''", "';", "--", "/*", "*/", "$$", "$1", "\n", "\r", "\t", "\u2028", "\u0000", "\ud800", "é", "😀", "x", ")", "UNION", "DROP TABLE scn_contexts"];
const nasty = fc.array(fc.oneof(fc.constantFrom(...NASTY), fc.string({ maxLength: 3 })), { minLength: 1, maxLength: 5 }).map((parts) => parts.join(""));
/** Strings a context can hold in both engines (no NUL, no lone surrogate), so a test on them can match. */
const holdable = nasty.map((text) => shownName(text).replaceAll("\ufffd", "?"));

function hostileDecision(name: string, member: string, literal: string, scenario: string, message: string, key: string): LoweredDecision {
  const columns: Column[] = [
    { path: "pick", type: "enum", values: [member, "other"] },
    { path: "said", type: "string" },
  ];
  return {
    name,
    title: message,
    default: { [key]: message },
    columns,
    outcomes: [{ rule: `${scenario}/p`, scenario, pathway: "p", variation: null, output: Object.fromEntries([[key, message]]), metrics: [message] }],
    rows: [{ outcome: 0, tests: { "0": { eq: member }, "1": { eq: literal } }, src: [0, 1, 1] }],
  };
}

/** One loop over the engines: each is started once for every test of this file. */
describe.each([
  ["duckdb", () => duckdbEngine()],
  // The answer columns as enums, as `scn score` has them (docs/warehouse.md, "Answer columns as enums").
  ["duckdb with enum answer columns", () => duckdbEngine({ enumAnswers: true })],
  ["postgres", postgresEngine],
] as const)("the sql target on %s", (_, start) => {
  let engine: SqlEngine;
  beforeAll(async () => {
    engine = await start();
  }, 120_000);
  afterAll(async () => {
    await engine?.close();
  });

  it.each(projects)("answers every vector of examples/%s as the runtime and the vectors do", async (project) => {
    const { bundle, vectors } = buildExample(project);
    expect(vectors.length).toBeGreaterThan(0);
    for (const decision of Object.keys(bundle.decisions)) {
      const mine = vectors.filter((v) => v.decision === decision);
      const texts = mine.map((v) => JSON.stringify(v.context));
      expect(await expectSameAnswers(engine, bundle, texts, [decision])).toBe(mine.length);
      const rows = await engine.rows(`SELECT rule, reason, output, experiment, arm FROM "scn_${decision}" ORDER BY id`);
      expect(
        rows.map((row) => ({
          rule: row["rule"] ?? null,
          reason: row["reason"],
          output: row["output"] === null ? null : JSON.parse(String(row["output"])),
          experiment: row["experiment"] === null ? null : { name: row["experiment"], arm: row["arm"] },
        })),
      ).toEqual(mine.map((v) => ({ experiment: null, ...v.expect })));
    }
  });

  it("treats absent, null and wrongly typed values as the runtime does, for every kind of test", async () => {
    const compilation = compile([{ path: "atoms.scn", text: ATOM_PROGRAM }], { analyze: false });
    expect(compilation.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const bundle = compilation.compiled!.bundle;
    const contexts = atomContexts();
    const texts = [...contexts.map((c) => JSON.stringify(c)), null];
    const runtime = loadBundle(bundle);
    // Both outcomes occur for every decision, so the comparison is not vacuous.
    for (const decision of runtime.decisions) {
      expect(new Set(contexts.map((c) => runtime.decide(decision, c).reason))).toEqual(new Set(["scenario", "default"]));
    }
    expect(await expectSameAnswers(engine, bundle, texts)).toBe(texts.length * runtime.decisions.length);
  });

  it("reads numbers written as JSON text as the runtime does (infinite, past 2^53, integral decimals)", async () => {
    const bundle = compile([{ path: "atoms.scn", text: ATOM_PROGRAM }], { analyze: false }).compiled!.bundle;
    const texts = NUMBER_TEXTS.map(numberContextText);
    await expectSameAnswers(engine, bundle, texts);
  });

  it("answers as the runtime on random programs and random, often ill-typed, contexts", async () => {
    const cases = arbitraryProgram().chain((program) => fc.tuple(fc.constant(program), fc.array(arbitraryContext(program), { minLength: 1, maxLength: 30 })));
    await fc.assert(
      fc.asyncProperty(cases, async ([program, contexts]) => {
        const { bundle } = compiledProgram(program);
        // What the engine reads is JSON text, so the runtime answers the same round-tripped context.
        await expectSameAnswers(engine, bundle, contexts.map((context) => JSON.stringify(context) ?? null));
      }),
      { numRuns: 40 },
    );
  }, 120_000);


  it("shows hostile names and strings exactly and never runs them", async () => {
    await fc.assert(
      fc.asyncProperty(nasty, holdable, holdable, nasty, nasty, nasty, async (name, member, literal, scenario, message, key) => {
        fc.pre(member !== "other");
        const bundle = bundleOfTables([hostileDecision(name, member, literal, scenario, message, key)], [{ name: key, path: "gate" }]);
        const contexts = [JSON.stringify({ pick: member, said: literal, gate: true }), JSON.stringify({ pick: "other", said: literal })];
        await engine.load(contexts);
        await engine.exec(emitSql(bundle, { dialect: engine.dialect, ...engine.options }));
        const view = `"scn_${shownName(name).replaceAll('"', '""')}"`;
        const [hit, miss] = (await engine.rows(`SELECT * FROM ${view} ORDER BY id`)).map(answerOfRow);
        expect(hit).toEqual({
          reason: "scenario",
          rule: shownName(`${scenario}/p`),
          scenario: shownName(scenario),
          pathway: "p",
          variation: null,
          output: { [key]: message },
          metrics: [message],
          consent: { [key]: true },
          experiment: null,
          arm: null,
        });
        expect(miss).toMatchObject({ reason: "default", rule: null, output: { [key]: message }, consent: { [key]: false } });
        // The input table is still there, untouched.
        expect(Number((await engine.rows("SELECT count(*) AS n FROM scn_contexts"))[0]!["n"])).toBe(2);
      }),
      { numRuns: 60 },
    );
  }, 120_000);


  it("assigns every experiment unit the JS runtime's arm: strings with non-ASCII and astral characters, ints, and units that enroll nobody", async () => {
    const compilation = compile([{ path: "experiment.scn", text: EXPERIMENT_PROGRAM }], { analyze: false });
    expect(compilation.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const bundle = compilation.compiled!.bundle;
    const texts = experimentContexts();
    const runtime = loadBundle(bundle);
    // Every arm of both experiments occurs, so the comparison is not vacuous.
    const arms = new Set(texts.map((t) => runtime.decide("offer", JSON.parse(t)).experiment?.arm ?? null));
    expect(arms).toEqual(new Set(["control", "warm", "bold", "a", "b", null]));
    expect(await expectSameAnswers(engine, bundle, texts)).toBe(texts.length);
  }, 120_000);
});
