import Ajv2020 from "ajv/dist/2020.js";
import fc from "fast-check";
import { runInNewContext } from "node:vm";
import { describe, expect, test } from "vitest";
import { readContextSchema, validateAgainstSchema, type ContextProblem } from "@scn/runtime";
import { emitContextValidator, jsString } from "../src/emit/validator.js";
import { AJV_FIELD_NAMES, schemaAndValue, type Schema } from "../../runtime/test/support/schema-arbitraries.js";
import { guardPrototypes } from "../../runtime/test/support/prototype-guard.js";

guardPrototypes();

type Validator = (value: unknown) => ContextProblem[];

/** Compiles generated source the way a module would hold it: a plain function declaration. */
function compile(source: string): Validator {
  return new Function(`${source}\nreturn validateContext;`)() as Validator;
}

/** The interpreter's problems, for comparison. */
function interpret(schema: Schema, value: unknown): ContextProblem[] {
  return validateAgainstSchema(readContextSchema(schema).value, value);
}

describe("emitContextValidator", () => {
  test("the generated function returns exactly the interpreter's problems", () => {
    fc.assert(
      fc.property(schemaAndValue(), ({ schema, value }) => {
        expect(compile(emitContextValidator(schema))(value)).toEqual(interpret(schema, value));
      }),
      { numRuns: 800 },
    );
  });

  test("the generated function accepts exactly what ajv accepts", () => {
    const ajv = new Ajv2020.default({ strict: false, allErrors: true, ownProperties: true, validateSchema: false });
    fc.assert(
      fc.property(schemaAndValue(AJV_FIELD_NAMES), ({ schema, value }) => {
        expect(compile(emitContextValidator(schema))(value).length === 0).toBe(ajv.validate(schema as object, value));
      }),
      { numRuns: 800 },
    );
  });

  test("the output is one standalone function declaration that runs in an empty realm", () => {
    const schema = {
      type: "object",
      properties: {
        order: {
          type: "object",
          properties: { channel: { type: "string", enum: ["online", "store"] }, days: { type: "integer", minimum: 0 } },
          required: ["channel"],
          additionalProperties: false,
        },
        tags: { type: "array", items: { type: "string" } },
      },
      required: ["order"],
      additionalProperties: false,
    };
    const source = emitContextValidator(schema);
    expect(source.startsWith("function validateContext(value) {\n")).toBe(true);
    expect(source).not.toMatch(/\bimport\b|\brequire\(|\beval\(|new Function/);
    const validate = runInNewContext(`${source}\nvalidateContext;`, {}) as Validator;
    const problems = validate(JSON.parse('{"order":{"channel":"fax","days":-1,"x":1},"tags":["a",3]}'));
    expect(JSON.parse(JSON.stringify(problems))).toEqual([
      { path: "order.channel", message: 'expected one of `online`, `store`, got "fax"' },
      { path: "order.days", message: "must be at least 0, got -1" },
      { path: "order.x", message: "unknown field; expected one of `channel`, `days`" },
      { path: "tags[1]", message: "expected a string, got 3" },
    ]);
  });

  test("schema text cannot inject code", () => {
    const hostile = [
      '"); globalThis.pwned = true; ("',
      "\\",
      "\u2028",
      "\u2029",
      "</script><script>globalThis.pwned=true</script>",
      "*/ globalThis.pwned = true; /*",
      "`${globalThis.pwned = true}`",
      "'",
    ];
    const schema: Schema = {
      type: "object",
      properties: Object.fromEntries(hostile.map((name) => [name, { type: "string", enum: hostile, const: hostile[0] }])),
      required: hostile,
      additionalProperties: false,
    };
    const source = emitContextValidator(schema);
    expect(source).not.toMatch(/[\u2028\u2029]/);
    const validate = compile(source);
    const value = Object.fromEntries(hostile.map((name) => [name, name]));
    expect(validate(value)).toEqual(interpret(schema, value));
    expect(validate({ [hostile[1] as string]: 3, extra: hostile[4] })).toEqual(
      interpret(schema, { [hostile[1] as string]: 3, extra: hostile[4] }),
    );
    expect((globalThis as Record<string, unknown>)["pwned"]).toBeUndefined();
  });

  test("jsString escapes the line separators JSON leaves alone", () => {
    expect(jsString("a\u2028b\u2029c")).toBe('"a\\u2028b\\u2029c"');
    expect(JSON.parse(jsString('q"\\\u2028'))).toBe('q"\\\u2028');
  });

  test("a schema outside the subset is a compiler bug and throws with the offending paths", () => {
    expect(() => emitContextValidator({ type: "object", properties: { id: { type: "string", pattern: "^c" } } })).toThrow(
      "properties.id.pattern: the keyword `pattern` is not supported in a context schema",
    );
  });

  test("a 100,000-level context cannot overflow the generated validator", () => {
    const validate = compile(
      emitContextValidator({
        type: "object",
        properties: { a: { type: "object", properties: { b: { type: "string" } } } },
        additionalProperties: false,
      }),
    );
    let deep: Record<string, unknown> = {};
    const root = { a: { b: deep } };
    for (let i = 0; i < 100_000; i++) deep = deep["next"] = {};
    expect(validate(root)).toEqual([{ path: "a.b", message: "expected a string, got an object" }]);
  });
});
