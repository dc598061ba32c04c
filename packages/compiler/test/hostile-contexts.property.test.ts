/**
 * Hostile contexts are data, in the JS module exactly as in the JSON runtime
 * (docs/runtime.md, "Hostile contexts"): getters (throwing, or answering
 * differently on every read), Proxies (get-only, throwing, revoked), cycles,
 * inherited properties and a polluted Object.prototype never make lenient
 * `decide`, `explain` or `validateContext` throw; the module, the runtime
 * and `explain` give the same answers and problems; every property on a
 * context path is read at most once per call, and `explain` reads exactly
 * what `decide` reads.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { loadBundle } from "@scn/runtime";
import { compile } from "../src/pipeline.js";
import { compiledProgram } from "./support/compile.js";
import { emitJs } from "../src/emit/js.js";
import { arbitraryContext, arbitraryProgram } from "./arbitrary/index.js";
import { importModule } from "./support/table-bundle.js";

/** Per path, how often each property was read. */
type ReadLog = Map<string, number>;

const HOSTILITIES = 7;

/**
 * A fresh hostile copy of the plain value `value`: every object and list
 * on the way becomes one of several hostile shapes, chosen by `choices`.
 * Reads are counted into `log` by path; a fresh copy (built from the same
 * choices) behaves identically, so two evaluators can be compared.
 */
function hostile(value: unknown, choices: readonly number[], log: ReadLog): unknown {
  let next = 0;
  const choose = () => (choices.length === 0 ? 0 : (choices[next++ % choices.length] as number));
  const count = (path: string) => log.set(path, (log.get(path) ?? 0) + 1);
  const build = (input: unknown, path: string): unknown => {
    if (typeof input !== "object" || input === null) return input;
    const choice = choose() % HOSTILITIES;
    if (Array.isArray(input)) {
      const items = input.map((item, i) => build(item, `${path}[${i}]`));
      if (choice % 2 === 0) return items;
      return new Proxy(items, {
        get(target, key, receiver) {
          if (typeof key === "string") count(`${path}.${key}`);
          return Reflect.get(target, key, receiver);
        },
      });
    }
    const entries = Object.entries(input).map(([key, item]) => [key, build(item, `${path}.${key}`)] as const);
    const plain = Object.fromEntries(entries);
    switch (choice) {
      case 0:
        return plain;
      case 1: {
        // A get-only Proxy: own-property checks see the target, reads go through the trap.
        return new Proxy(plain, {
          get(target, key, receiver) {
            if (typeof key === "string") count(`${path}.${key}`);
            return Reflect.get(target, key, receiver);
          },
        });
      }
      case 2: {
        // Getters whose value changes on every read: `true`/`false` and the value/`null` alternate.
        const changing: Record<string, unknown> = {};
        for (const [key, item] of entries) {
          let reads = 0;
          Object.defineProperty(changing, key, {
            enumerable: true,
            get() {
              count(`${path}.${key}`);
              reads++;
              if (typeof item === "boolean") return reads % 2 === 1 ? item : !item;
              return reads % 2 === 1 ? item : null;
            },
          });
        }
        return changing;
      }
      case 3: {
        const throwing: Record<string, unknown> = {};
        for (const [key] of entries) {
          Object.defineProperty(throwing, key, {
            enumerable: true,
            get() {
              count(`${path}.${key}`);
              throw new Error(`no ${key}`);
            },
          });
        }
        return throwing;
      }
      case 4: {
        const { proxy, revoke } = Proxy.revocable(plain, {});
        revoke();
        return proxy;
      }
      case 5: {
        // A Proxy whose every trap throws.
        const fail = () => {
          throw new Error("trap");
        };
        return new Proxy(plain, { get: fail, has: fail, ownKeys: fail, getOwnPropertyDescriptor: fail, getPrototypeOf: fail });
      }
      default: {
        // Inherited values and a cycle: neither is ever a context value.
        const child = Object.create(plain) as Record<string, unknown>;
        child["self"] = child;
        return child;
      }
    }
  };
  return build(value, "$");
}

const cases = arbitraryProgram().chain((program) =>
  fc.tuple(
    fc.constant(program),
    fc.array(fc.tuple(arbitraryContext(program), fc.array(fc.nat(HOSTILITIES * 4), { minLength: 1, maxLength: 12 })), { minLength: 1, maxLength: 10 }),
  ),
);

describe("hostile contexts in the JS module and the JSON runtime", () => {
  it("never throw, give the same answers and problems, and read each property at most once", async () => {
    await fc.assert(
      fc.asyncProperty(cases, async ([program, contexts]) => {
        const { bundle } = compiledProgram(program);
        const module = await importModule(emitJs(bundle));
        const runtime = loadBundle(bundle);
        for (const [context, choices] of contexts) {
          for (const decision of runtime.decisions) {
            const logs: ReadLog[] = [new Map(), new Map(), new Map()];
            const fromRuntime = runtime.decide(decision, hostile(context, choices, logs[0]!));
            const fromModule = module.decide(decision, hostile(context, choices, logs[1]!));
            const { trace, ...explained } = runtime.explain(decision, hostile(context, choices, logs[2]!));
            expect(fromModule).toEqual(fromRuntime);
            expect(explained).toEqual(fromRuntime);
            expect(trace.tried.length + trace.path.length).toBeGreaterThanOrEqual(0);
            expect(logs[1]).toEqual(logs[0]);
            expect(logs[2]).toEqual(logs[0]);
            for (const [path, reads] of logs[0]!) expect([path, reads]).toEqual([path, 1]);
          }
          const problemLogs: ReadLog[] = [new Map(), new Map()];
          const problems = runtime.validateContext(hostile(context, choices, problemLogs[0]!));
          expect(module.validateContext(hostile(context, choices, problemLogs[1]!))).toEqual(problems);
          expect(problemLogs[1]).toEqual(problemLogs[0]);
        }
      }),
      { numRuns: 40 },
    );
  });

  it("ignore a polluted Object.prototype, even a throwing getter on it", async () => {
    const text = [
      "context { customer: { tier: enum { gold, silver }, consent: { personalization: bool } } }",
      "consent personalization = customer.consent.personalization",
      "metric m { better higher }",
      "decision d { output { a: string } default { a: \"d\" } }",
      "scenario s for d {",
      '  owner "o"',
      '  goal "g"',
      "  situation customer.tier == gold",
      '  pathway p otherwise { a: "p" }',
      "  metrics { primary m }",
      "}",
    ].join("\n");
    const { bundle } = compile([{ path: "p.scn", text }], { analyze: false }).compiled!;
    const module = await importModule(emitJs(bundle));
    const runtime = loadBundle(bundle);
    for (const key of ["customer", "tier", "consent", "personalization"]) {
      Object.defineProperty(Object.prototype, key, {
        configurable: true,
        get() {
          throw new Error(`inherited ${key} was read`);
        },
      });
    }
    try {
      const cases: [unknown, string][] = [
        [{}, "default"],
        [{ customer: {} }, "default"],
        [{ customer: { tier: "gold", consent: {} } }, "scenario"],
        [Object.create({ customer: { tier: "gold" } }), "default"],
      ];
      for (const [context, reason] of cases) {
        const answer = runtime.decide("d", context);
        expect(answer.reason).toBe(reason);
        expect(answer.consent).toEqual({ personalization: false });
        expect(module.decide("d", context)).toEqual(answer);
        expect(module.validateContext(context)).toEqual(runtime.validateContext(context));
      }
    } finally {
      for (const key of ["customer", "tier", "consent", "personalization"]) delete (Object.prototype as Record<string, unknown>)[key];
    }
  });
});
