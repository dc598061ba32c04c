import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { loadBundle, type Answer } from "@scn/runtime";
import { emitCjs, emitJs } from "../src/emit/js.js";
import type { LoweredDecision } from "../src/lower/lowered.js";
import { contextArbitrary, decisionArbitrary } from "./support/random-table.js";
import { arbitraryContext, arbitraryProgram } from "./arbitrary/index.js";
import { compiledProgram } from "./support/compile.js";
import { bundleOfTables, importModule } from "./support/table-bundle.js";
import { firstHit } from "./support/table-evaluator.js";

function expectedRule(decision: LoweredDecision, context: unknown): string | null {
  const row = firstHit(decision.columns, decision.rows, context);
  return row < 0 ? null : (decision.outcomes[decision.rows[row]!.outcome]?.rule ?? null);
}

const channel = { path: "order.channel", type: "enum" as const, values: ["online", "store", "app"] };
const days = { path: "order.days", type: "int" as const };
const sample: LoweredDecision = {
  name: "store_returns",
  title: "Store returns",
  default: { action: "manager_review" },
  columns: [channel, days],
  outcomes: [
    { rule: "s/within", scenario: "s", pathway: "within", variation: null, output: { action: "express" }, metrics: ["m"] },
    { rule: "s/outside", scenario: "s", pathway: "outside", variation: null, output: { action: "goodwill" }, metrics: ["m"] },
  ],
  rows: [
    { outcome: 0, tests: { "0": { eq: "online" }, "1": { range: [[null, 30, false, true]] } }, src: [0, 3, 3] },
    { outcome: 1, tests: { "0": { eq: "online" } }, src: [0, 9, 3] },
  ],
};

describe("the JS module", () => {
  it("answers like the runtime on a small table, and has no imports or eval", async () => {
    const bundle = bundleOfTables([sample], [{ name: "personalization", path: "customer.consent" }]);
    const source = emitJs(bundle);
    expect(source).not.toMatch(/^\s*import\s|import\(|\beval\(|\bFunction\(|\brequire\(/m);
    const module = await importModule(source);
    const runtime = loadBundle(bundle);
    for (const context of [
      { order: { channel: "online", days: 3 } },
      { order: { channel: "online", days: 45 } },
      { order: { channel: "store", days: 3 }, customer: { consent: true } },
      { order: { channel: "online" } },
      {},
      null,
      { order: JSON.parse('{"__proto__": {"channel": "online"}}') },
    ]) {
      const answer = module.decide("store_returns", context);
      expect(answer).toEqual(runtime.decide("store_returns", context));
      expect((module["store_returns"] as (c: unknown) => Answer)(context)).toEqual(answer);
    }
    expect(module.bundle).toEqual({ hash: bundle.hash, decisions: ["store_returns"] });
    expect(() => module.decide("nope", {})).toThrow(RangeError);
    expect(Object.isFrozen(module.decide("store_returns", {}).output)).toBe(true);
  });

  it("reads own properties only, never inherited ones", async () => {
    const module = await importModule(emitJs(bundleOfTables([sample])));
    const inherited = Object.create({ order: { channel: "online", days: 1 } });
    expect(module.decide("store_returns", inherited).reason).toBe("default");
    const getterless = { order: Object.create({ channel: "online" }, { days: { value: 1, enumerable: true } }) };
    expect(module.decide("store_returns", getterless).reason).toBe("default");
    // A polluted Object.prototype is not read either, even from plain objects
    // (the module skips the own-property check only when it cannot matter).
    const prototype = Object.prototype as Record<string, unknown>;
    try {
      for (let i = 0; i < 50; i++) module.decide("store_returns", { order: { channel: "online", days: i } });
      prototype["order"] = { channel: "online", days: 1 };
      prototype["channel"] = "online";
      expect(module.decide("store_returns", {}).reason).toBe("default");
      expect(module.decide("store_returns", { order: { days: 1 } }).reason).toBe("default");
    } finally {
      delete prototype["order"];
      delete prototype["channel"];
    }
    expect(module.decide("store_returns", { order: { channel: "online", days: 1 } }).reason).toBe("scenario");
  });

  it("gives every answer the runtime's consent record, frozen, with each gate an own property, shared while there are up to 12 gates", async () => {
    // The answer function looks shared records up itself and calls $consentRecord only for one not made yet
    // (js.ts, PRELUDE): this checks both paths, on the scenario and the default branch, bit masks and, above
    // 30 gates, lists of booleans, and a gate called `__proto__`.
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(0, 1, 2, 12, 13, 31),
        fc.nat(40),
        fc.array(fc.tuple(fc.boolean(), fc.array(fc.constantFrom(true, false, "yes", 1, null), { minLength: 31, maxLength: 31 })), { minLength: 1, maxLength: 6 }),
        async (gateCount, protoAt, asked) => {
          const names = Array.from({ length: gateCount }, (_, i) => (i === protoAt ? "__proto__" : `g${i}`));
          const gates = names.map((name, i) => ({ name, path: `customer.consent${i}` }));
          const bundle = bundleOfTables([sample], gates);
          const module = await importModule(emitJs(bundle));
          const runtime = loadBundle(bundle);
          const seen = new Map<string, unknown>();
          for (const [online, values] of asked) {
            const customer = Object.fromEntries(names.map((_, i) => [`consent${i}`, values[i]]));
            // Twice: once answered by a row and once by the default, with the same gate values.
            for (const order of online ? [{ channel: "online", days: 1 }, { channel: "store", days: 1 }] : [{ channel: "store", days: 1 }, { channel: "online", days: 1 }]) {
              const context = { order, customer };
              const consent = module.decide("store_returns", context).consent;
              expect(consent).toEqual(runtime.decide("store_returns", context).consent);
              expect(Object.keys(consent)).toEqual(names);
              expect(Object.getPrototypeOf(consent)).toBe(Object.prototype);
              expect(Object.isFrozen(consent)).toBe(true);
              const key = JSON.stringify(names.map((name) => consent[name]));
              if (gateCount <= 12 && seen.has(key)) expect(consent).toBe(seen.get(key));
              seen.set(key, consent);
            }
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it("makes outputs with the runtime's fields as own properties, frozen, whatever their keys, `__proto__` and Object.prototype's names included", async () => {
    // Outputs whose keys are none of Object.prototype's are made by assignment to a fresh object, the others
    // from a template (js.ts, PRELUDE): this holds both to the runtime's answers.
    const key = fc.constantFrom("a", "b", "10", "2", "__proto__", "constructor", "toString", "hasOwnProperty");
    const value = fc.oneof(fc.integer(), fc.string({ maxLength: 3 }), fc.boolean(), fc.constant(null), fc.dictionary(key, fc.integer(), { maxKeys: 3 }), fc.array(fc.integer(), { maxLength: 2 }));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.dictionary(key, value, { minKeys: 1, maxKeys: 4 }), { minLength: 2, maxLength: 2 }), async ([first, second]) => {
        const decision: LoweredDecision = { ...sample, outcomes: [{ ...sample.outcomes[0]!, output: first! }, { ...sample.outcomes[1]!, output: second! }] };
        const bundle = bundleOfTables([decision]);
        const module = await importModule(emitJs(bundle));
        const runtime = loadBundle(bundle);
        for (const days of [1, 45, 1]) {
          const context = { order: { channel: "online", days } };
          const output = module.decide("store_returns", context).output as Record<string, unknown>;
          const expected = runtime.decide("store_returns", context).output as Record<string, unknown>;
          expect(output).toEqual(expected);
          expect(Object.getPrototypeOf(output)).toBe(Object.prototype);
          expect(Object.keys(output).sort()).toEqual(Object.keys(expected).sort());
          for (const name of Object.keys(expected)) expect(Object.getOwnPropertyDescriptor(output, name)).toMatchObject({ enumerable: true, writable: false });
          expect(Object.isFrozen(output)).toBe(true);
          for (const field of Object.values(output)) if (typeof field === "object" && field !== null) expect(Object.isFrozen(field)).toBe(true);
        }
      }),
      { numRuns: 40 },
    );
  });

  it("has a CommonJS variant with the same answers", async () => {
    const bundle = bundleOfTables([sample]);
    const esm = await importModule(emitJs(bundle));
    const cjs = await importModule(emitCjs(bundle), ".cjs");
    const context = { order: { channel: "online", days: 40 } };
    expect(cjs.decide("store_returns", context)).toEqual(esm.decide("store_returns", context));
    expect(cjs.bundle).toEqual(esm.bundle);
  });

  it("looks large switches up in a Map and large value lists in a Set", async () => {
    const values = Array.from({ length: 30 }, (_, i) => `v${i}`);
    const wide: LoweredDecision = {
      name: "wide",
      title: null,
      default: { n: -1 },
      columns: [{ path: "pick", type: "string" }, { path: "n", type: "int" }],
      outcomes: values.map((v, i) => ({ rule: `${v}/p`, scenario: v, pathway: "p", variation: null, output: { n: i }, metrics: [] })),
      rows: [
        { outcome: 0, tests: { "0": { in: values.slice(0, 10) }, "1": { range: [[0, 5, true, true]] } }, src: [0, 1, 1] },
        { outcome: 1, tests: { "0": { notIn: values.slice(5, 20) } }, src: [0, 2, 1] },
        ...values.map((v, i) => ({ outcome: i, tests: { "0": { eq: v } }, src: [0, 3 + i, 1] as [number, number, number] })),
      ],
    };
    const bundle = bundleOfTables([wide], [], { leafRows: 1 });
    const module = await importModule(emitJs(bundle));
    const runtime = loadBundle(bundle);
    for (const pick of [...values, "other", 7, null]) {
      for (const n of [-1, 0, 3, 5, 6, undefined]) {
        const context = { pick, n };
        expect(module.decide("wide", context)).toEqual(runtime.decide("wide", context));
        expect(module.decide("wide", context).rule).toBe(expectedRule(wide, context));
      }
    }
  });

  it("reads only the columns its walk needs, each at most once", async () => {
    const shared: LoweredDecision = {
      ...sample,
      name: "shared",
      outcomes: ["a", "b", "c", "d", "e"].map((s) => ({ rule: `${s}/p`, scenario: s, pathway: "p", variation: null, output: { s }, metrics: [] })),
      rows: [
        { outcome: 0, tests: { "0": { in: ["online", "store"] }, "1": { range: [[0, 5, true, true]] } }, src: [0, 1, 1] },
        { outcome: 1, tests: { "0": { eq: "online" } }, src: [0, 2, 1] },
        { outcome: 2, tests: { "0": { eq: "store" }, "1": { eq: 9 } }, src: [0, 3, 1] },
        { outcome: 3, tests: { "0": { eq: "app" } }, src: [0, 4, 1] },
        { outcome: 4, tests: { "1": { eq: 7 } }, src: [0, 5, 1] },
      ],
    };
    const bundle = bundleOfTables([shared]);
    const module = await importModule(emitJs(bundle));
    const runtime = loadBundle(bundle);
    // A context whose `order` counts the reads of each of its properties.
    const counted = (order: Record<string, unknown>) => {
      const reads = new Map<PropertyKey, number>();
      const proxy = new Proxy(order, {
        get(target, key, receiver) {
          reads.set(key, (reads.get(key) ?? 0) + 1);
          return Reflect.get(target, key, receiver);
        },
      });
      return { context: { order: proxy }, reads };
    };
    // `app` is answered by row 3, which tests the channel only.
    const app = counted({ channel: "app", days: 7 });
    expect(module.decide("shared", app.context).rule).toBe("d/p");
    expect(app.reads.get("days")).toBeUndefined();
    expect(app.reads.get("channel")).toBe(1);
    // `x` misses every channel row and reaches row 4, which reads the days once.
    const other = counted({ channel: "x", days: 7 });
    expect(module.decide("shared", other.context).rule).toBe("e/p");
    expect(other.reads.get("days")).toBe(1);
    for (const channel of ["online", "store", "app", "x"]) {
      for (const days of [0, 5, 7, 9, 11]) {
        const context = { order: { channel, days } };
        expect(module.decide("shared", context)).toEqual(runtime.decide("shared", context));
        expect(module.decide("shared", context).rule).toBe(expectedRule(shared, context));
      }
    }
  });

  it("validates contexts exactly as the runtime does", async () => {
    const cases = arbitraryProgram().chain((program) => fc.tuple(fc.constant(program), fc.array(arbitraryContext(program), { minLength: 1, maxLength: 8 })));
    await fc.assert(
      fc.asyncProperty(cases, async ([program, contexts]) => {
        const { bundle } = compiledProgram(program);
        const module = await importModule(emitJs(bundle));
        const runtime = loadBundle(bundle);
        for (const context of contexts) expect(module.validateContext(context)).toEqual(runtime.validateContext(context));
      }),
      { numRuns: 30 },
    );
  });

  it("gives the same answers as the lowered rows and the JSON runtime on random tables", async () => {
    const cases = decisionArbitrary.chain((decision) =>
      fc.tuple(fc.constant(decision), fc.array(contextArbitrary(decision.columns), { minLength: 1, maxLength: 20 }), fc.integer({ min: 1, max: 3 })),
    );
    await fc.assert(
      fc.asyncProperty(cases, async ([lowered, contexts, leafRows]) => {
        const bundle = bundleOfTables([lowered], [], { leafRows });
        const module = await importModule(emitJs(bundle));
        const runtime = loadBundle(bundle);
        for (const context of contexts) {
          const fromModule = module.decide("d", context);
          expect(fromModule.rule).toBe(expectedRule(lowered, context));
          expect(fromModule).toEqual(runtime.decide("d", context));
          const { trace, ...explained } = runtime.explain("d", context);
          expect(explained).toEqual(fromModule);
          expect(trace.leaves.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 120 },
    );
  });

  it("has code that does not grow with the table: only its data does", () => {
    const tableOf = (count: number): LoweredDecision => ({
      ...sample,
      outcomes: Array.from({ length: count }, (_, i) => ({ rule: `s${i}/p`, scenario: `s${i}`, pathway: "p", variation: null, output: { n: i }, metrics: [] })),
      rows: Array.from({ length: count }, (_, i) => ({ outcome: i, tests: { "0": { eq: channel.values[i % 3]! }, "1": { range: [[i, i + 1, true, false]] } }, src: [0, i + 1, 1] as [number, number, number] })),
    });
    // Everything but the two lines of embedded data (tables, outcomes) and the hash.
    const code = (source: string) =>
      source
        .split("\n")
        .filter((line) => !line.startsWith("const $data = ") && !line.startsWith("const $outcomeText = ") && !line.startsWith("const $bundle = "))
        .join("\n");
    expect(code(emitJs(bundleOfTables([tableOf(3)])))).toBe(code(emitJs(bundleOfTables([tableOf(3000)]))));
  });

  it("walks every part of a `union` and answers with the earliest row any part finds", async () => {
    const segment = { path: "order.segment", type: "string" as const };
    const version = { path: "app.version", type: "int" as const };
    const rule = (i: number) => ({ rule: `s${i}/p`, scenario: `s${i}`, pathway: "p", variation: null, output: { n: i }, metrics: [] });
    // Twenty-four versions: more bounds than the module writes as inline
    // comparisons, so the version split goes through its constant tables.
    const broad = Array.from({ length: 24 }, (_, i) => ({ outcome: i, tests: { "1": { eq: i }, "2": { eq: channel.values[i % 3]! } }, src: [0, i + 1, 1] as [number, number, number] }));
    const specific = Array.from({ length: 300 }, (_, i) => ({
      outcome: 24 + i,
      tests: { "0": { eq: `c${i}` }, "2": { in: ["online", "app"] } },
      src: [0, 30 + i, 1] as [number, number, number],
    }));
    // The broad rows interleave with the specific ones in first-hit order
    // (one after every dozen), so neither part's rows all come first.
    const rows = specific.flatMap((row, i) => (i % 12 === 0 && broad[i / 12] !== undefined ? [broad[i / 12]!, row] : [row]));
    const lowered: LoweredDecision = {
      name: "d",
      title: null,
      default: { n: -1 },
      columns: [segment, version, channel],
      outcomes: Array.from({ length: 324 }, (_, i) => rule(i)),
      rows,
    };
    const bundle = bundleOfTables([lowered]);
    const index = bundle.decisions["d"]!.index;
    expect(index.nodes[index.root]).toEqual({ union: [expect.any(Number), expect.any(Number)] });
    const module = await importModule(emitJs(bundle));
    const runtime = loadBundle(bundle);
    const contexts = [
      {},
      { app: { version: 4 }, order: { channel: "app", segment: "c4" } },
      { app: { version: 4 }, order: { channel: "online", segment: "c4" } },
      { app: { version: 40 }, order: { channel: "online", segment: "c299" } },
      { app: { version: 3 }, order: { channel: "store", segment: "c300" } },
      { app: { version: 23 }, order: { channel: "store", segment: "c1" } },
      { app: { version: 22 }, order: { channel: "store", segment: "c1" } },
      { app: { version: 24 }, order: { channel: "app", segment: "c1" } },
      { app: { version: -1 }, order: { channel: "app", segment: "c2" } },
      { order: { channel: "app", segment: "c7" } },
      { order: { channel: "store", segment: "c7" } },
    ];
    for (const context of contexts) {
      const answer = module.decide("d", context);
      expect(answer.rule).toBe(expectedRule(lowered, context));
      expect(answer).toEqual(runtime.decide("d", context));
      const { trace, ...explained } = runtime.explain("d", context);
      expect(explained).toEqual(answer);
      // The leaf the trace names is one the walk reached, and it lists the chosen row.
      expect(trace.leaves).toContain(trace.leaf);
      expect(trace.row === null ? null : lowered.outcomes[rows[trace.row]!.outcome]!.rule).toBe(answer.rule);
    }
  });
});
