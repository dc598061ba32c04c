/**
 * fast-check arbitraries for context schemas in the supported subset and for
 * values shaped after them (mostly close to valid, sometimes broken), used to
 * compare the validators with ajv. Field names include hostile ones
 * (`__proto__`, `constructor`, quotes, U+2028); objects are built with
 * Object.fromEntries so those names stay own keys.
 */
import fc from "fast-check";

export type Schema = boolean | { [key: string]: unknown };

export const FIELD_NAMES = [
  "a",
  "b",
  "c",
  "__proto__",
  "constructor",
  "toString",
  "with space",
  "x.y",
  "",
  '"q"',
  "\u2028",
  "</script>",
  "${x}",
];

/**
 * ajv drops a subschema under `properties.__proto__` (it compiles the schema
 * as if that property were not declared), so comparisons with ajv leave that
 * one name out of schemas; values still use it.
 */
export const AJV_FIELD_NAMES = FIELD_NAMES.filter((name) => name !== "__proto__");

const names = fc.constantFrom(...FIELD_NAMES);
const scalarMembers = fc.constantFrom<string | number | boolean | null>("a", "b", "", "__proto__", 0, 1, -2.5, true, false, null);
const bound = fc.constantFrom(-10, -1, 0, 0.5, 1, 3, 100);

function withOptional(base: Record<string, unknown>, extras: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<Record<string, unknown>> {
  return extras.map((extra) => ({ ...base, ...extra }));
}

const numericKeywords = fc.record(
  {
    minimum: bound,
    maximum: bound,
    exclusiveMinimum: bound,
    exclusiveMaximum: bound,
  },
  { requiredKeys: [] },
);

const leafSchema: fc.Arbitrary<Schema> = fc.oneof(
  fc.constant({ type: "string" }),
  fc.constant({ type: "boolean" }),
  fc.constant({ type: "null" }),
  withOptional({ type: "integer" }, numericKeywords),
  withOptional({ type: "number" }, numericKeywords),
  fc.uniqueArray(scalarMembers, { minLength: 1, maxLength: 4 }).map((members) => ({ type: "string", enum: members })),
  fc.uniqueArray(scalarMembers, { minLength: 1, maxLength: 4 }).map((members) => ({ enum: members })),
  scalarMembers.map((value) => ({ const: value })),
  fc.subarray(["string", "integer", "number", "boolean", "null", "array", "object"], { minLength: 1 }).map((types) => ({ type: types })),
  fc.constant({ title: "annotated", description: "only annotations" }),
  fc.constant(true),
  fc.constant(false),
);

export function schemaArbitrary(fieldNames: readonly string[] = FIELD_NAMES): fc.Arbitrary<Schema> {
  const schemaNames = fc.constantFrom(...fieldNames);
  return fc.letrec<{ schema: Schema }>((tie) => ({
    schema: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      leafSchema,
      fc
        .tuple(
          fc.uniqueArray(fc.tuple(schemaNames, tie("schema")), {
            selector: ([name]) => name,
            maxLength: 4,
          }),
          fc.subarray([...fieldNames], { maxLength: 3 }),
          fc.oneof(fc.constant<unknown>(undefined), fc.constant(false), fc.constant(true), tie("schema")),
          fc.boolean(),
        )
        .map(([properties, extraRequired, additional, typed]) => {
          const schema: Record<string, unknown> = {
            properties: Object.fromEntries(properties),
            required: [
              ...new Set([...properties.filter((_, index) => index % 2 === 0).map(([name]) => name), ...extraRequired.slice(0, 1)]),
            ],
          };
          if (typed) schema["type"] = "object";
          if (additional !== undefined) schema["additionalProperties"] = additional;
          return schema;
        }),
      fc.tuple(tie("schema"), fc.boolean()).map(([items, typed]) => (typed ? { type: "array", items } : { items })),
    ),
  })).schema;
}

const junk = fc.oneof(
  fc.constantFrom<unknown>(null, true, false, 0, -0, 1, 2.5, -3, 1e21, "", "a", "__proto__", [], {}, [1, "a"], { a: 1 }),
  fc.jsonValue({ maxDepth: 2 }),
);

/** A value shaped after `schema`: right most of the time, wrong somewhere often enough. */
export function valueFor(schema: Schema, depth = 0): fc.Arbitrary<unknown> {
  if (typeof schema === "boolean" || depth > 6) return junk;
  const shaped = shapedValue(schema, depth);
  return fc.oneof({ arbitrary: shaped, weight: 5 }, { arbitrary: junk, weight: 1 });
}

function shapedValue(schema: Record<string, unknown>, depth: number): fc.Arbitrary<unknown> {
  const type = schema["type"];
  const types = Array.isArray(type) ? type : type === undefined ? [] : [type];
  if (Array.isArray(schema["enum"]) && schema["enum"].length > 0) return fc.constantFrom(...(schema["enum"] as unknown[]), "zzz");
  if ("const" in schema) return fc.constantFrom(schema["const"], "zzz");
  if (schema["properties"] !== undefined || types.includes("object")) {
    const properties = (schema["properties"] ?? {}) as Record<string, Schema>;
    const entries = Object.keys(properties).map((name) =>
      fc
        .option(valueFor(properties[name] as Schema, depth + 1), {
          nil: undefined,
          freq: 4,
        })
        .map((value) => [name, value] as const),
    );
    const extras = fc.array(fc.tuple(names, junk), { maxLength: 2 });
    return fc.tuple(fc.tuple(...entries), extras, fc.boolean()).map(([fields, extra, nullPrototype]) => {
      const object = Object.fromEntries([...fields.filter(([, value]) => value !== undefined), ...extra]);
      return nullPrototype ? Object.assign(Object.create(null), object) : object;
    });
  }
  if (schema["items"] !== undefined || types.includes("array")) {
    return fc.array(valueFor((schema["items"] ?? true) as Schema, depth + 1), {
      maxLength: 4,
    });
  }
  if (types.includes("integer") || types.includes("number")) {
    const bounds = ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"]
      .map((key) => schema[key])
      .filter((value): value is number => typeof value === "number");
    return fc.oneof(
      fc.constantFrom(...bounds.flatMap((value) => [value, value - 1, value + 1, value + 0.5]), 0, 7),
      fc.integer({ min: -20, max: 120 }),
      fc.double({ noNaN: true, noDefaultInfinity: true, min: -200, max: 200 }),
    );
  }
  if (types.includes("string")) return fc.string({ maxLength: 3 });
  if (types.includes("boolean")) return fc.boolean();
  return junk;
}

/** A schema (with field names from `fieldNames`) together with a value for it. */
export function schemaAndValue(fieldNames: readonly string[] = FIELD_NAMES): fc.Arbitrary<{ schema: Schema; value: unknown }> {
  return schemaArbitrary(fieldNames).chain((schema) => valueFor(schema).map((value) => ({ schema, value })));
}
