import Ajv2020 from "ajv/dist/2020.js";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { loadBundle, readContextSchema, validateAgainstSchema } from "@scn/runtime";
import { fixtureText } from "./support/fixtures.js";
import { guardPrototypes } from "./support/prototype-guard.js";
import { AJV_FIELD_NAMES, schemaAndValue } from "./support/schema-arbitraries.js";

guardPrototypes();

const runtime = loadBundle(fixtureText("returns"));

const valid = {
  order: { channel: "online", days_since_delivery: 10 },
  visit: { location: "store", hour: 12 },
  customer: { id: "c1", loyalty: "gold", price_sensitivity: 0.2, tags: ["a"], consent: { personalization: true } },
};

describe("validateContext on the returns bundle", () => {
  test("a valid context has no problems; an optional nullable field may be null or absent", () => {
    expect(runtime.validateContext(valid)).toEqual([]);
    expect(runtime.validateContext({ ...valid, basket_value: null })).toEqual([]);
    expect(runtime.validateContext({ ...valid, basket_value: 12.5 })).toEqual([]);
  });

  test("every bad path is listed, in schema order (the fixture sorts keys), with what was expected and what was seen", () => {
    const context = {
      order: { channel: "fax", days_since_delivery: 12.5 },
      visit: { location: "store", hour: 24, minute: 3 },
      customer: { id: 7, loyalty: "gold", price_sensitivity: -0.5, tags: ["a", 2], consent: {} },
      basket_value: "12",
      extra: { deep: true },
    };
    expect(runtime.validateContext(context)).toEqual([
      { path: "basket_value", message: 'expected a number or null, got "12"' },
      { path: "customer.consent.personalization", message: "required field is missing" },
      { path: "customer.id", message: "expected a string, got 7" },
      { path: "customer.price_sensitivity", message: "must be at least 0, got -0.5" },
      { path: "customer.tags[1]", message: "expected a string, got 2" },
      { path: "order.channel", message: 'expected one of `online`, `store`, `app`, got "fax"' },
      { path: "order.days_since_delivery", message: "expected an integer, got 12.5" },
      { path: "visit.hour", message: "must be at most 23, got 24" },
      { path: "visit.minute", message: "unknown field; expected one of `hour`, `location`" },
      { path: "extra", message: "unknown field; expected one of `basket_value`, `customer`, `order`, `visit`" },
    ]);
  });

  test.each([
    [null, "expected an object, got null"],
    [[valid], "expected an object, got a list"],
    ["{}", 'expected an object, got "{}"'],
    [undefined, "expected an object, got nothing"],
  ])("a context that is not an object: %j", (context, message) => {
    expect(runtime.validateContext(context)).toEqual([{ path: "", message }]);
  });

  test("missing required fields at every level", () => {
    expect(runtime.validateContext({ customer: {} })).toEqual([
      { path: "customer.consent", message: "required field is missing" },
      { path: "customer.id", message: "required field is missing" },
      { path: "customer.loyalty", message: "required field is missing" },
      { path: "customer.price_sensitivity", message: "required field is missing" },
      { path: "customer.tags", message: "required field is missing" },
      { path: "order", message: "required field is missing" },
      { path: "visit", message: "required field is missing" },
    ]);
  });

  test("hostile keys are reported with quoted paths and never followed", () => {
    const context = JSON.parse('{"__proto__": {"polluted": true}, "a.b": 1, "constructor": 2}');
    expect(runtime.validateContext({ ...valid, ...context }).map((problem) => problem.path)).toEqual([
      "__proto__",
      '["a.b"]',
      "constructor",
    ]);
  });
});

describe("validateAgainstSchema agrees with ajv", () => {
  const ajv = new Ajv2020.default({ strict: false, allErrors: true, ownProperties: true, validateSchema: false });

  test("on random schemas of the subset and random values", () => {
    fc.assert(
      fc.property(schemaAndValue(AJV_FIELD_NAMES), ({ schema, value }) => {
        const read = readContextSchema(schema);
        expect(read.problems).toEqual([]);
        const problems = validateAgainstSchema(read.value, value);
        const accepted = ajv.validate(schema as object, value);
        expect(problems.length === 0, `ajv says ${String(accepted)}; problems ${JSON.stringify(problems)}`).toBe(accepted);
      }),
      { numRuns: 1000 },
    );
  });
});
