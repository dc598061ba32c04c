/**
 * Conformance vectors: every vector is reproduced by the JSON runtime and the
 * JS module, every row of every table is reached by some vector, numeric
 * bounds are probed, and `test` blocks contribute exactly the vectors whose
 * own expectations hold.
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { type CheckedProgram, type CheckedTest, type JsonObject } from "@scn/language";
import { loadBundle, type Answer } from "@scn/runtime";
import { compiledProgram, loweredDecisions } from "./support/compile.js";
import { optimizeDecision } from "../src/optimize/optimize.js";
import { compile } from "../src/pipeline.js";
import { emitJs } from "../src/emit/js.js";
import { emitJson } from "../src/emit/json.js";
import { buildVectors, emitVectors } from "../src/emit/vectors.js";
import { readVectors, VectorsWriter, writeVectors, type Vector } from "../src/emit/vectors-format.js";
import { canonicalJson } from "../src/bundle/canonical-json.js";
import { interpret } from "../src/semantics/interpret.js";
import { rowWitness } from "../src/boxes/row-witness.js";
import { arbitraryProgram, arbitraryValidContext, spanAtLine } from "./arbitrary/index.js";
import { importModule } from "./support/table-bundle.js";
import { firstHit } from "./support/table-evaluator.js";

describe("conformance vectors", () => {
  it("are reproduced by the runtime and the JS module, and reach every row", async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryProgram({ experiments: true }), async (program) => {
        const { bundle } = compiledProgram(program);
        const vectors = readVectors(JSON.parse(emitVectors(program, bundle)));
        // The runtime reads the bundle file, as a consumer would.
        const runtime = loadBundle(emitJson(bundle));
        const module = await importModule(emitJs(bundle));
        const reached = new Set<string>();
        for (const vector of vectors) {
          for (const answer of [runtime.decide(vector.decision, vector.context), module.decide(vector.decision, vector.context)]) {
            expect(asExpected(answer, vector.expect)).toEqual(vector.expect);
          }
          const table = bundle.decisions[vector.decision]!;
          reached.add(`${vector.decision}#${firstHit(table.columns, table.rows, vector.context)}`);
        }
        // Every row with a witness is reached. (A row without one is one that
        // pruning could not prove unreachable within its budget.)
        for (const [name, table] of Object.entries(bundle.decisions)) {
          table.rows.forEach((_, r) => {
            if (rowWitness(table.columns, table.rows, r) !== null) expect(reached, `row ${r} of ${name}`).toContain(`${name}#${r}`);
          });
        }
      }),
      { numRuns: 60 },
    );
  });

  it("reach every row from the points pruning found, whatever the table's size", () => {
    fc.assert(
      fc.property(arbitraryProgram({ experiments: true }), (program) => {
        const { bundle } = compiledProgram(program);
        // What the driver hands the vectors when it builds them (pipeline.ts), used here on small tables too.
        const reaching = new Map(loweredDecisions(program).map((decision) => [decision.name, optimizeDecision(decision, { reaching: true }).reaching] as const));
        const reached = new Set<string>();
        for (const vector of buildVectors(program, bundle, { reaching, reachingFrom: 0 })) {
          const table = bundle.decisions[vector.decision]!;
          reached.add(`${vector.decision}#${firstHit(table.columns, table.rows, vector.context)}`);
        }
        for (const [name, table] of Object.entries(bundle.decisions)) {
          table.rows.forEach((_, r) => {
            if (rowWitness(table.columns, table.rows, r) !== null) expect(reached, `row ${r} of ${name}`).toContain(`${name}#${r}`);
          });
        }
      }),
      { numRuns: 25 },
    );
  });

  it("read back from the file as built, each decision's in order", () => {
    fc.assert(
      fc.property(arbitraryProgram({ experiments: true }), (program) => {
        const { bundle } = compiledProgram(program);
        const built = buildVectors(program, bundle);
        const decisions = [...new Set(built.map((v) => v.decision))].sort();
        expect(readVectors(JSON.parse(emitVectors(program, bundle)))).toEqual(decisions.flatMap((d) => built.filter((v) => v.decision === d)));
      }),
      { numRuns: 20 },
    );
  });

  it("write any context so that it reads back equal: nulls, hostile keys, lists and records on the paths", () => {
    const key = fc.constantFrom("a", "b", "__proto__", "constructor", "x.y", "");
    const value = fc.jsonValue({ maxDepth: 2 });
    const context = fc.dictionary(key, fc.oneof(value, fc.dictionary(key, value, { maxKeys: 3 })), { maxKeys: 4 });
    const paths = fc.array(fc.array(key, { minLength: 1, maxLength: 2 }), { maxLength: 4 });
    const base = fc.dictionary(key, fc.oneof(value, fc.dictionary(key, value, { maxKeys: 3 })), { maxKeys: 3 });
    fc.assert(
      fc.property(fc.array(context, { maxLength: 8 }), base, paths, (contexts, background, decisionPaths) => {
        // Through JSON first, as a reader meets them (JSON has no -0 and no undefined).
        const plain = JSON.parse(JSON.stringify({ contexts, background })) as { contexts: Vector["context"][]; background: Vector["context"] };
        const vectors: Vector[] = plain.contexts.map((c, i) => ({ decision: i % 2 === 0 ? "d" : "__proto__", context: c, expect: { rule: null, reason: "none", output: null } }));
        const text = writeVectors(vectors, plain.background, new Map([["d", decisionPaths]]));
        const read = readVectors(JSON.parse(text));
        const expected = ["__proto__", "d"].flatMap((d) => vectors.filter((v) => v.decision === d));
        // Equal as JSON values: keys in any order.
        expect(read.map((v) => [v.decision, canonicalJson(v.context), v.expect])).toEqual(expected.map((v) => [v.decision, canonicalJson(v.context), v.expect]));
      }),
      { numRuns: 300 },
    );
  });

  it("key contexts alike exactly when their canonical JSON is alike, and give each vector added back", () => {
    const key = fc.constantFrom("a", "b", "__proto__", "constructor", "x.y", "");
    const value = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(0, 1, "a", null));
    const record = fc.dictionary(key, fc.oneof(value, fc.dictionary(key, value, { maxKeys: 3 })), { maxKeys: 3 });
    const paths = fc.array(fc.array(key, { minLength: 1, maxLength: 2 }), { maxLength: 4 });
    // A context is the background with some paths set or removed (most short forms), or any record (most whole ones).
    const change = fc.tuple(fc.array(key, { minLength: 1, maxLength: 2 }), fc.option(value, { nil: undefined }));
    const context = fc.oneof(fc.record({ changes: fc.array(change, { maxLength: 4 }) }), fc.record({ whole: record }));
    fc.assert(
      fc.property(record, paths, fc.array(fc.tuple(fc.constantFrom("d", "__proto__", "e\u0000f"), context), { maxLength: 10 }), (background, decisionPaths, drawn) => {
        // Through JSON first, as the build's contexts are (JSON has no -0 and no undefined).
        const base = JSON.parse(JSON.stringify(background)) as Vector["context"];
        const contexts = drawn.map(([decision, drawnContext]) => {
          if ("whole" in drawnContext) return { decision, context: JSON.parse(JSON.stringify(drawnContext.whole)) as Vector["context"] };
          const made = JSON.parse(JSON.stringify(base)) as Vector["context"];
          for (const [path, changed] of drawnContext.changes) setPlain(made, path, changed === undefined ? undefined : (JSON.parse(JSON.stringify(changed)) as Vector["context"][string]));
          return { decision, context: made };
        });
        const writer = new VectorsWriter(base, new Map([["d", decisionPaths], ["e\u0000f", decisionPaths.slice(1)]]));
        const keys = contexts.map(({ decision, context }) => writer.contextKey(decision, context));
        const answers = contexts.map((_, i) => ({ rule: i % 3 === 0 ? null : `s${i % 2}/p`, reason: i % 3 === 0 ? ("none" as const) : ("scenario" as const), output: i % 3 === 0 ? null : { b: i % 2, a: [i % 2] } }));
        contexts.forEach(({ decision, context }, i) => writer.add({ decision, context, expect: answers[i]! }));
        contexts.forEach((a, i) => {
          const back = writer.vectorAt(i);
          expect([back.decision, canonicalJson(back.context), canonicalJson(back.expect)]).toEqual([a.decision, canonicalJson(a.context), canonicalJson(answers[i])]);
          // Its keys in the order of a context parsed from canonical JSON, as the keys were before.
          expect(JSON.stringify(back.context)).toBe(JSON.stringify(JSON.parse(canonicalJson(a.context))));
          contexts.forEach((b, j) => {
            expect(keys[i] === keys[j]).toBe(a.decision === b.decision && canonicalJson(a.context) === canonicalJson(b.context));
          });
        });
      }),
      { numRuns: 400 },
    );
  });

  it("key the context of columns' settings by its short form as contextKey keys the context made, or leave it to contextKey", () => {
    const key = fc.constantFrom("a", "b", "__proto__", "");
    const scalar = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(0, -0, 1, "a", true, null, Number.NaN));
    const record = fc.dictionary(key, fc.oneof(scalar, fc.dictionary(key, scalar, { maxKeys: 3 })), { maxKeys: 4 });
    // Short paths, so that one is often another's prefix.
    const path = fc.oneof(fc.array(key, { minLength: 1, maxLength: 2 }), fc.array(key, { minLength: 0, maxLength: 3 }));
    // Column paths are mostly the decision's own (some twice), sometimes another.
    const shape = fc.array(path, { minLength: 1, maxLength: 4 }).chain((paths) =>
      fc.tuple(fc.constant(paths), fc.array(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...paths) }, { weight: 1, arbitrary: path }), { maxLength: 6 })),
    );
    const setting = fc.option(scalar, { nil: undefined, freq: 3 });
    fc.assert(
      fc.property(record, shape, fc.array(fc.array(setting, { minLength: 6, maxLength: 6 }), { minLength: 1, maxLength: 4 }), (background, [decisionPaths, columnPaths], drawn) => {
        const base = JSON.parse(JSON.stringify(background)) as Vector["context"];
        const writer = new VectorsWriter(base, new Map([["d", decisionPaths]]));
        const slow = new VectorsWriter(base, new Map([["d", decisionPaths]]));
        const fast = new VectorsWriter(base, new Map([["d", decisionPaths]]));
        for (const settings of drawn) {
          const values = columnPaths.map((_, c) => settings[c]) as (Vector["context"][string] | undefined)[];
          // The context vectors.ts's contextOf makes of them: the background with each set (or removed) in column order.
          const made = JSON.parse(JSON.stringify(base)) as Vector["context"];
          columnPaths.forEach((p, c) => p.length > 0 && setPlain(made, p, values[c]));
          const form = writer.settingsForm("d", columnPaths, values);
          const hasNaN = values.some((v) => typeof v === "number" && Number.isNaN(v));
          if (simpleShape(base, decisionPaths, columnPaths) && values.every((v) => v !== null && !hasNaN)) expect(form).not.toBeNull();
          if (form === null) continue;
          expect(hasNaN).toBe(false);
          expect(writer.formKey("d", form)).toBe(writer.contextKey("d", made));
          const vector: Vector = { decision: "d", context: made, expect: { rule: null, reason: "none", output: null } };
          slow.add(vector);
          fast.add(vector, form);
        }
        expect(fast.text()).toBe(slow.text());
      }),
      { numRuns: 1000 },
    );
  });

  it("write each vector's line as the canonical JSON of its values in the file's path order, trailing absent paths left out", () => {
    const key = fc.constantFrom("a", "b", "c", "__proto__");
    const value = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(0, -0, 1.5, "x\u2028", true, [1, "a"], { b: [], a: 1 }));
    const paths = fc.uniqueArray(fc.array(key, { minLength: 1, maxLength: 2 }), { maxLength: 5, selector: (p) => p.join("\u0000") });
    fc.assert(
      fc.property(paths, fc.array(fc.array(fc.option(value, { nil: undefined, freq: 2 }), { minLength: 5, maxLength: 5 }), { maxLength: 12 }), (decisionPaths, drawn) => {
        const contexts = drawn.map((settings) => {
          const made: Vector["context"] = {};
          decisionPaths.forEach((p, i) => setPlain(made, p, settings[i] === undefined ? undefined : (JSON.parse(JSON.stringify(settings[i])) as Vector["context"][string])));
          return made;
        });
        const vectors: Vector[] = contexts.map((context) => ({ decision: "d", context, expect: { rule: null, reason: "none", output: null } }));
        const text = writeVectors(vectors, {}, new Map([["d", decisionPaths]]));
        const file = JSON.parse(text) as { decisions: { [d: string]: { paths: string[][]; vectors: unknown[] } } };
        const stored = file.decisions["d"];
        if (vectors.length === 0) return;
        const lines = text.slice(text.indexOf('"vectors":[\n') + 12, text.lastIndexOf("\n]}")).split(",\n");
        expect(lines).toHaveLength(vectors.length);
        lines.forEach((line, i) => {
          expect(line).toBe(canonicalJson(stored!.vectors[i]));
          const values = (stored!.vectors[i] as [number, unknown])[1];
          if (Array.isArray(values) && values.length > 0) expect(values[values.length - 1]).not.toBeNull();
        });
        // Paths most short vectors set first, ties in the decision's order.
        const set = stored!.paths.map((_, i) => stored!.vectors.filter((v) => Array.isArray((v as [number, unknown])[1]) && ((v as [number, unknown[]])[1][i] ?? null) !== null).length);
        const at = stored!.paths.map((p) => decisionPaths.findIndex((q) => JSON.stringify(q) === JSON.stringify(p)));
        for (let i = 1; i < set.length; i++) expect(set[i - 1]! > set[i]! || (set[i - 1] === set[i] && at[i - 1]! < at[i]!)).toBe(true);
        expect(readVectors(file).map((v) => canonicalJson(v.context))).toEqual(contexts.map((c) => canonicalJson(c)));
      }),
      { numRuns: 500 },
    );
  });

  it("write each distinct answer once, as its canonical JSON, whether its output is frozen and shared or not", () => {
    const key = fc.constantFrom("a", "b", "__proto__", "constructor", "output", "");
    const output = fc.oneof(fc.constant(null), fc.dictionary(key, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }));
    const answer = fc.record(
      {
        rule: fc.option(fc.constantFrom("s/p", "s/p/v", "t\u2028"), { nil: null }),
        reason: fc.constantFrom("scenario", "default", "none"),
        output: fc.nat(3),
        experiment: fc.option(fc.record({ name: fc.constantFrom("e", "f"), arm: fc.constantFrom("a", "b") }), { nil: undefined }),
        extra: fc.option(fc.jsonValue({ maxDepth: 1 }), { nil: undefined }),
      },
      { requiredKeys: ["rule", "reason", "output"] },
    );
    fc.assert(
      fc.property(fc.array(output, { minLength: 4, maxLength: 4 }), fc.array(answer, { maxLength: 12 }), fc.boolean(), (raw, answers, freeze) => {
        // A few outputs shared by the answers, frozen all the way down as the runtime's are, or not.
        const outputs = raw.map((o) => {
          const copy = JSON.parse(JSON.stringify(o)) as Vector["expect"]["output"];
          return freeze ? deepFrozen(copy) : copy;
        });
        const vectors: Vector[] = answers.map(({ output, extra, ...rest }) => ({
          decision: "d",
          context: {},
          expect: { ...rest, output: outputs[output] ?? null, ...(extra === undefined ? {} : { extra }) } as Vector["expect"],
        }));
        const file = JSON.parse(writeVectors(vectors, {}, new Map([["d", []]]))) as { decisions: { [d: string]: { answers: unknown[] } } };
        const distinct = [...new Set(vectors.map((v) => canonicalJson(v.expect)))];
        expect((file.decisions["d"]?.answers ?? []).map((a) => canonicalJson(a))).toEqual(distinct);
        if (vectors.length > 0) expect(readVectors(file).map((v) => canonicalJson(v.expect))).toEqual(vectors.map((v) => canonicalJson(v.expect)));
      }),
      { numRuns: 500 },
    );
  });

  it("refuse a file of another format", () => {
    expect(() => readVectors([])).toThrow(/not a scn\.vectors\/2 vectors file/);
    expect(() => readVectors({ format: "scn.vectors/1", base: {}, decisions: {} })).toThrow(/format scn\.vectors\/1/);
  });

  it("are the same whether the interpreter or the runtime (checked against it) answers them", () => {
    fc.assert(
      fc.property(arbitraryProgram(), (program) => {
        const { bundle } = compiledProgram(program);
        expect(buildVectors(program, bundle, { interpretedWork: 0 })).toEqual(buildVectors(program, bundle));
      }),
      { numRuns: 60 },
    );
  });

  it("are answered as each is found, as if every context were found first and parsed back from its text, wherever the runtime takes over", () => {
    fc.assert(
      fc.property(arbitraryProgram({ experiments: true }), fc.nat(), (program, at) => {
        const { bundle } = compiledProgram(program);
        const interpreted = buildVectors(program, bundle);
        // The runtime takes over after `at` contexts are found (anywhere from the first to none at all).
        const scenarios = Math.max(1, program.scenarios.length);
        const handedOver = buildVectors(program, bundle, { interpretedWork: (at % (interpreted.length + 1)) * scenarios });
        expect(handedOver.map((vector) => canonicalJson(vector))).toEqual(interpreted.map((vector) => canonicalJson(vector)));
        // The list is deduplicated by canonical text, and each answer is the
        // one its context's text parsed back gets (which is what was answered
        // when the contexts were kept as text until every one was found).
        expect(new Set(interpreted.map(({ decision, context }) => canonicalJson({ decision, context }))).size).toBe(interpreted.length);
        const runtime = loadBundle(emitJson(bundle));
        for (const vector of interpreted) {
          const parsed = JSON.parse(canonicalJson(vector.context)) as JsonObject;
          expect(canonicalJson(asExpected(interpret(program, vector.decision, parsed), vector.expect))).toBe(canonicalJson(vector.expect));
          expect(canonicalJson(asExpected(runtime.decide(vector.decision, parsed), vector.expect))).toBe(canonicalJson(vector.expect));
        }
      }),
      { numRuns: 100 },
    );
  });

  it("stop the build when an answer the file would hold is not the interpreter's", () => {
    fc.assert(
      fc.property(arbitraryProgram({ experiments: true }), (program) => {
        const { bundle } = compiledProgram(program);
        // The runtime answers every vector (interpretedWork 0), and every one of a short list is checked.
        const vectors = buildVectors(program, bundle, { interpretedWork: 0 });
        fc.pre(vectors.some((v) => v.expect.reason === "scenario") && vectors.length < 200);
        // A bundle whose every outcome says more than the program does: the runtime's answers are no longer the interpreter's.
        const tampered = JSON.parse(JSON.stringify(bundle)) as typeof bundle;
        for (const table of Object.values(tampered.decisions)) for (const outcome of table.outcomes) (outcome as { output: object }).output = { ...outcome.output, tampered: true };
        expect(() => buildVectors(program, tampered, { interpretedWork: 0 })).toThrow(/internal: the runtime answers/);
      }),
      { numRuns: 40 },
    );
  });

  it("are the same whether the rows share their equal tests as one object or each has copies of its own", () => {
    fc.assert(
      fc.property(arbitraryProgram(), (program) => {
        const { bundle } = compiledProgram(program);
        // Every row's tests copied, so that no two rows (nor columns) share a test object.
        const copied = { ...bundle, decisions: Object.fromEntries(Object.entries(bundle.decisions).map(([name, table]) => [name, { ...table, rows: table.rows.map((row) => ({ ...row, tests: structuredClone(row.tests) })) }])) };
        // And every equal test one object, across rows and columns.
        const interned = new Map<string, object>();
        const shared = { ...bundle, decisions: Object.fromEntries(Object.entries(bundle.decisions).map(([name, table]) => [name, { ...table, rows: table.rows.map((row) => ({ ...row, tests: Object.fromEntries(Object.entries(row.tests).map(([key, test]) => [key, interned.get(JSON.stringify(test)) ?? (interned.set(JSON.stringify(test), test), test)])) })) }])) };
        const vectors = buildVectors(program, bundle).map((vector) => canonicalJson(vector));
        expect(buildVectors(program, copied as typeof bundle).map((vector) => canonicalJson(vector))).toEqual(vectors);
        expect(buildVectors(program, shared as typeof bundle).map((vector) => canonicalJson(vector))).toEqual(vectors);
      }),
      { numRuns: 400 },
    );
  });

  it("probe each numeric bound from both sides", () => {
    const program = fc.sample(arbitraryProgram(), { numRuns: 200, seed: 3 }).find((p) => {
      const { bundle } = compiledProgram(p);
      return Object.values(bundle.decisions).some((t) => t.rows.some((row) => Object.values(row.tests).some((test) => "range" in test)));
    })!;
    const { bundle } = compiledProgram(program);
    const vectors = buildVectors(program, bundle);
    for (const [name, table] of Object.entries(bundle.decisions)) {
      for (const row of table.rows) {
        for (const [key, test] of Object.entries(row.tests)) {
          if (!("range" in test)) continue;
          const column = table.columns[Number(key)]!;
          const seen = new Set(vectors.filter((v) => v.decision === name).map((v) => readPath(v.context, column.path)));
          for (const bound of test.range.flatMap(([lo, hi]) => [lo, hi]).filter((b): b is number => b !== null)) {
            expect(seen).toContain(bound);
            if (column.type === "int" && Number.isInteger(bound)) {
              expect(seen).toContain(bound - 1);
              expect(seen).toContain(bound + 1);
            }
          }
        }
      }
    }
  });

  it("keep test blocks whose expectations hold and drop the others", () => {
    const cases = arbitraryProgram().chain((program) => fc.tuple(fc.constant(program), arbitraryValidContext(program)));
    fc.assert(
      fc.property(cases, ([program, given]) => {
        const decision = program.decisions[0]!.name;
        const answer = interpret(program, decision, given);
        const span = spanAtLine(1);
        const right: CheckedTest = {
          title: "right",
          given: given as JsonObject,
          expectations:
            answer.reason === "scenario"
              ? [{ kind: "rule", decision, rule: answer.rule!, span }, { kind: "output", decision, output: answer.output as JsonObject, span }]
              : [{ kind: answer.reason, decision, span }],
          span,
        };
        const wrong: CheckedTest = { ...right, title: "wrong", given: { ...given, extra: 1 } as JsonObject, expectations: [{ kind: "rule", decision, rule: "no/such", span }] };
        const withTests: CheckedProgram = { ...program, tests: [right, wrong] };
        const { bundle } = compiledProgram(withTests);
        const vectors = buildVectors(withTests, bundle);
        expect(vectors[0]).toEqual({ decision, context: given, expect: { rule: answer.rule, reason: answer.reason, output: answer.output } });
        expect(vectors.some((v) => "extra" in v.context)).toBe(false);
      }),
      { numRuns: 25 },
    );
  });
});

describe("conformance vectors of the example projects", () => {
  const examples = new URL("../../../examples/", import.meta.url);
  const projects = readdirSync(examples, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  it.each(projects)("examples/%s: every vector holds on the runtime and the JS module, and every test block is in", async (project) => {
    const directory = new URL(`${project}/`, examples);
    const files = readdirSync(directory)
      .filter((name) => name.endsWith(".scn"))
      .map((name) => ({ path: name, text: readFileSync(new URL(name, directory), "utf8") }));
    const compilation = compile(files, { analyze: false });
    const program = compilation.program;
    const { bundle } = compilation.compiled!;
    const vectors = buildVectors(program, bundle);
    const runtime = loadBundle(emitJson(bundle));
    const module = await importModule(emitJs(bundle));
    for (const vector of vectors) {
      const expected = vector.expect;
      for (const answer of [runtime.decide(vector.decision, vector.context), module.decide(vector.decision, vector.context)]) {
        expect(asExpected(answer, expected)).toEqual(expected);
      }
    }
    // The examples' own tests all pass, so each given context is a vector (the same JSON, its keys in any order).
    for (const test of program.tests) expect(vectors.some((v) => canonicalJson(v.context) === canonicalJson(test.given))).toBe(true);
  });
});

/** The fields of `answer` a vector expects: rule, reason, output, and the exposure when the vector has one. */
function deepFrozen<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const child of Object.values(value)) deepFrozen(child);
    Object.freeze(value);
  }
  return value;
}

function asExpected(answer: Answer, expected: object): object {
  const view = { rule: answer.rule, reason: answer.reason, output: answer.output };
  return "experiment" in expected ? { ...view, experiment: answer.experiment } : view;
}

function readPath(context: unknown, path: string): unknown {
  let value = context;
  for (const key of path.split(".")) {
    if (typeof value !== "object" || value === null || !Object.prototype.hasOwnProperty.call(value, key)) return undefined;
    value = (value as { [key: string]: unknown })[key];
  }
  return value;
}

/** Sets (or, given undefined, removes) the value at `path`, making records on the way as own data properties. */
function setPlain(target: Vector["context"], path: readonly string[], value: Vector["context"][string] | undefined): void {
  let record: { [key: string]: unknown } = target;
  for (const key of path.slice(0, -1)) {
    const next = Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
    if (typeof next !== "object" || next === null || Array.isArray(next)) {
      if (value === undefined) return;
      Object.defineProperty(record, key, { value: {}, enumerable: true, writable: true, configurable: true });
    }
    record = record[key] as { [key: string]: unknown };
  }
  const last = path[path.length - 1] as string;
  if (value === undefined) delete record[last];
  else Object.defineProperty(record, last, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * Whether the settings of columns on `columnPaths` leave exactly the last
 * value set at each of `paths` and change nothing else of `base`: paths
 * distinct, none a prefix of another, none empty, the records on their way
 * all in the background, and the columns' paths exactly the decision's.
 */
function simpleShape(base: Vector["context"], paths: readonly (readonly string[])[], columnPaths: readonly (readonly string[])[]): boolean {
  const text = (p: readonly string[]) => JSON.stringify(p);
  const own = new Set(paths.map(text));
  if (own.size !== paths.length || paths.some((p) => p.length === 0)) return false;
  if (paths.some((p) => paths.some((q) => q.length > p.length && text(q.slice(0, p.length)) === text(p)))) return false;
  for (const p of paths) {
    let record: unknown = base;
    for (const key of p.slice(0, -1)) {
      record = typeof record === "object" && record !== null && Object.prototype.hasOwnProperty.call(record, key) ? (record as { [k: string]: unknown })[key] : undefined;
      if (typeof record !== "object" || record === null || Array.isArray(record)) return false;
    }
  }
  const columns = new Set(columnPaths.map(text));
  return columnPaths.every((p) => own.has(text(p))) && [...own].every((p) => columns.has(p));
}
