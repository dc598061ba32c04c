import { describe, expect, test } from "vitest";
import { ContextError, loadBundle } from "@scn/runtime";
import { fixtureText } from "./support/fixtures.js";
import { guardPrototypes } from "./support/prototype-guard.js";

guardPrototypes();

const returns = loadBundle(fixtureText("returns"));
const strict = loadBundle(fixtureText("returns"), { strict: true });
const greeting = loadBundle(fixtureText("greeting"));

const valid = () => ({
  order: { channel: "online", days_since_delivery: 10 },
  visit: { location: "store", hour: 12 },
  customer: { id: "c1", loyalty: "gold", price_sensitivity: 0.2, tags: ["a"], consent: { personalization: true } },
});

/** An object nested `depth` levels deep under `key`, built without recursion. */
function nested(depth: number, key = "next"): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  let at = root;
  for (let i = 0; i < depth; i++) at = (at[key] = {}) as Record<string, unknown>;
  return root;
}

describe("hostile contexts are data", () => {
  test("__proto__, constructor and prototype keys at every level", () => {
    const context = JSON.parse(
      '{"__proto__":{"order":{"channel":"app"}},"constructor":{"prototype":{"polluted":true}},"prototype":1,' +
        '"order":{"__proto__":{"channel":"app"},"channel":"online","days_since_delivery":10,"constructor":{"name":"x"}},' +
        '"visit":{"location":"store","hour":12,"__proto__":null},' +
        '"customer":{"id":"c1","loyalty":"gold","price_sensitivity":0.9,"tags":["__proto__"],"consent":{"personalization":true,"__proto__":{"polluted":true}}}}',
    );
    expect(returns.decide("store_returns", context).rule).toBe("online_return_in_store/within_window/price_sensitive");
    const problems = returns.validateContext(context).map((problem) => problem.path);
    expect(problems).toEqual([
      "customer.consent.__proto__",
      "order.__proto__",
      "order.constructor",
      "visit.__proto__",
      "__proto__",
      "constructor",
      "prototype",
    ]);
  });

  test("inherited values are never read", () => {
    const inherited = Object.create({ order: { channel: "app" } }) as object;
    expect(returns.decide("store_returns", inherited).reason).toBe("default");
    const order = Object.create({ channel: "app" }) as Record<string, unknown>;
    expect(returns.decide("store_returns", { order }).reason).toBe("default");
    expect(returns.validateContext(inherited).map((problem) => problem.path)).toEqual(["customer", "order", "visit"]);
  });

  test("objects without a prototype work like plain objects", () => {
    const bare = <T extends object>(value: T): T => Object.assign(Object.create(null) as T, value);
    const base = valid();
    const context = bare({
      order: bare(base.order),
      visit: bare(base.visit),
      customer: bare({ ...base.customer, consent: bare(base.customer.consent) }),
    });
    expect(returns.decide("store_returns", context)).toEqual(returns.decide("store_returns", valid()));
    expect(returns.validateContext(context)).toEqual([]);
  });

  test("100,000 levels of nesting anywhere in the context", () => {
    const base = valid();
    const contexts: unknown[] = [
      nested(100_000),
      { ...base, order: { ...base.order, channel: nested(100_000) } },
      { ...base, customer: { ...base.customer, tags: [nested(100_000)] } },
      { ...base, extra: nested(100_000) },
      { ...base, order: nested(100_000, "order") },
    ];
    for (const context of contexts) {
      expect(() => returns.decide("store_returns", context)).not.toThrow();
      expect(() => returns.explain("store_returns", context)).not.toThrow();
      expect(returns.validateContext(context).length).toBeGreaterThan(0);
      expect(() => strict.decide("store_returns", context)).toThrow(ContextError);
    }
    let list: unknown[] = [];
    const deepList = list;
    for (let i = 0; i < 100_000; i++) list = (list[0] = []) as unknown[];
    expect(returns.decide("store_returns", { ...base, customer: { ...base.customer, tags: deepList } }).variation).toBeNull();
  });

  test("a million-element list is read once, never recursed", () => {
    const tags = Array.from({ length: 1_000_000 }, (_, index) => `t${index}`);
    tags.push("time_pressed");
    const base = valid();
    const context = { ...base, customer: { ...base.customer, loyalty: "silver", tags } };
    expect(returns.decide("store_returns", context).rule).toBe("online_return_in_store/within_window/time_pressed");
    expect(returns.validateContext(context)).toEqual([]);
    tags[500_000] = 5 as unknown as string;
    expect(returns.decide("store_returns", context).rule).toBe("online_return_in_store/within_window");
    expect(returns.validateContext(context)).toEqual([{ path: "customer.tags[500000]", message: "expected a string, got 5" }]);
  });

  test("wrong types everywhere give the default, never an error", () => {
    const junk: unknown[] = [
      0,
      -1,
      1.5,
      "",
      "x",
      true,
      false,
      null,
      [],
      [null],
      {},
      { length: 3 },
      ["online"],
      Symbol("s"),
      10n,
      () => "online",
      new Date(0),
      /x/,
      new Map([["channel", "online"]]),
    ];
    for (const a of junk) {
      for (const b of junk) {
        const context = {
          order: { channel: a, days_since_delivery: b },
          visit: a,
          customer: { consent: { personalization: b }, tags: a, loyalty: b },
        };
        const answer = returns.decide("store_returns", context);
        expect(answer.reason).toBe("default");
        expect(answer.consent.personalization).toBe(b === true);
        expect(() => returns.explain("store_returns", context)).not.toThrow();
        expect(() => returns.validateContext(context)).not.toThrow();
      }
      expect(returns.decide("store_returns", a).reason).toBe("default");
      expect(greeting.decide("greeting", a).reason).toBe("none");
    }
  });

  test("accessor properties are read no more often than plain reads would be", () => {
    const reads: Record<string, number> = {};
    const counted = <T extends object>(name: string, value: T): T => {
      const object = {} as T;
      for (const [key, field] of Object.entries(value)) {
        Object.defineProperty(object, key, {
          enumerable: true,
          get() {
            const tag = `${name}.${key}`;
            reads[tag] = (reads[tag] ?? 0) + 1;
            return field;
          },
        });
      }
      return object;
    };
    const base = valid();
    const context = counted("root", { ...base, customer: counted("customer", { ...base.customer, secret: "s" }) });
    expect(returns.validateContext(context)).toEqual([
      { path: "customer.secret", message: "unknown field; expected one of `consent`, `id`, `loyalty`, `price_sensitivity`, `tags`" },
    ]);
    // Validation reads each property exactly once.
    expect(Object.values(reads).every((count) => count === 1)).toBe(true);
    expect(Object.keys(reads).sort()).toEqual([
      "customer.consent",
      "customer.id",
      "customer.loyalty",
      "customer.price_sensitivity",
      "customer.secret",
      "customer.tags",
      "root.customer",
      "root.order",
      "root.visit",
    ]);
    for (const key of Object.keys(reads)) delete reads[key];
    returns.decide("store_returns", context);
    // Deciding reads each step of the column paths at most once, and never other fields.
    expect(Object.values(reads).every((count) => count === 1)).toBe(true);
    expect(reads["customer.secret"]).toBeUndefined();
    expect(reads["customer.id"]).toBeUndefined();
  });

  test("a getter that calls decide in the middle of a decision does not disturb it", () => {
    const inner = { ...valid(), order: { channel: "app" } };
    const base = valid();
    let innerRule: string | null = "not called";
    const outer = {
      ...base,
      order: {
        channel: "online",
        get days_since_delivery() {
          innerRule = returns.decide("store_returns", inner).rule;
          return 45;
        },
      },
    };
    expect(returns.decide("store_returns", outer).rule).toBe("online_return_in_store/outside_window/loyal");
    expect(innerRule).toBe("app_returns/any");
  });

  test("paths read once per call: a consent getter that changes cannot choose a variation its answer denies", () => {
    let reads = 0;
    const base = valid();
    const consent = {
      get personalization() {
        reads++;
        return reads % 2 === 1;
      },
    };
    const context = { ...base, customer: { ...base.customer, price_sensitivity: 0.9, consent } };
    for (const run of [() => returns.decide("store_returns", context), () => returns.explain("store_returns", context)]) {
      const before = reads;
      const answer = run();
      expect(reads - before).toBe(1);
      // A variation is only chosen when consent is given, and the answer reports the value that was read.
      expect(answer.variation !== null).toBe(answer.consent.personalization);
    }
  });

  test("explain reads exactly what decide reads and gives its answer", () => {
    const log: string[] = [];
    const logged = <T extends object>(name: string, value: T): T =>
      new Proxy(value, {
        get(target, key, receiver) {
          if (typeof key === "string") log.push(`${name}.${key}`);
          return Reflect.get(target, key, receiver) as unknown;
        },
      });
    const base = valid();
    const context = () =>
      logged("root", { ...base, order: logged("order", base.order), customer: logged("customer", { ...base.customer, consent: logged("consent", base.customer.consent) }) });
    const answer = returns.decide("store_returns", context());
    const decided = log.splice(0);
    const { trace, ...explained } = returns.explain("store_returns", context());
    expect(explained).toEqual(answer);
    expect(log).toEqual(decided);
    expect(new Set(decided).size).toBe(decided.length);
    expect(trace.tried.length).toBeGreaterThan(0);
  });

  test("throwing getters, throwing traps and revoked Proxies never make lenient calls throw", () => {
    const revoked = () => {
      const { proxy, revoke } = Proxy.revocable({}, {});
      revoke();
      return proxy;
    };
    const throwing = new Proxy({}, {
      get: () => {
        throw new Error("get");
      },
      has: () => {
        throw new Error("has");
      },
      ownKeys: () => {
        throw new Error("ownKeys");
      },
      getOwnPropertyDescriptor: () => {
        throw new Error("getOwnPropertyDescriptor");
      },
    });
    const base = valid();
    const getterThrows = {
      ...base,
      order: {
        get channel(): string {
          throw new Error("channel");
        },
        days_since_delivery: 10,
      },
    };
    for (const context of [revoked(), throwing, getterThrows, { ...base, order: revoked() }, { ...base, customer: { ...base.customer, tags: revoked() } }]) {
      expect(() => returns.decide("store_returns", context)).not.toThrow();
      expect(() => returns.explain("store_returns", context)).not.toThrow();
      expect(() => returns.validateContext(context)).not.toThrow();
      expect(() => strict.decide("store_returns", context)).toThrow(ContextError);
    }
    // A value that cannot be read counts as missing.
    expect(returns.validateContext(getterThrows)).toContainEqual({ path: "order.channel", message: "required field is missing" });
    expect(returns.decide("store_returns", { ...base, order: revoked() })).toEqual(returns.decide("store_returns", { ...base, order: undefined }));
  });

  test("numbers beyond exact precision are wrongly typed: an int beyond ±(2^53 - 1), a non-finite number", () => {
    const base = valid();
    const at = (days: unknown) => returns.decide("store_returns", { ...base, order: { ...base.order, days_since_delivery: days } });
    const absent = returns.decide("store_returns", { ...base, order: { channel: "online" } });
    for (const days of [2 ** 53, -(2 ** 53), 1e300, Infinity, -Infinity, NaN, JSON.parse(`-1${"0".repeat(400)}`) as number]) {
      expect(at(days)).toEqual(absent);
    }
    expect(at(2 ** 53 - 1).rule).toBe(at(1000).rule);
  });
});
