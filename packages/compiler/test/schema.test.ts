/**
 * Every emitted bundle and vectors file (of random programs, splits
 * included, and of every example project) is valid against the JSON Schemas
 * the project ships (packages/compiler/schema), checked with ajv's 2020-12 mode,
 * and the context and output schemas inside bundles are valid schemas too.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Ajv2020 } from "ajv/dist/2020.js";
import { compiledProgram } from "./support/compile.js";
import { EXAMPLE_PROJECTS, exampleBundleAndVectors } from "./support/examples.js";
import { emitJson } from "../src/emit/json.js";
import { emitVectors } from "../src/emit/vectors.js";
import { readVectors } from "../src/emit/vectors-format.js";
import { contentHash } from "../src/bundle/canonical-json.js";
import { COMPILER_VERSION } from "../src/bundle/version.js";
import { contextSchema, outputSchema } from "../src/contexts/context-schema.js";
import type { CheckedField, CheckedType } from "@scn/language";
import { arbitraryProgram, arbitraryValidContext } from "./arbitrary/index.js";

const schemaText = (name: string) => readFileSync(new URL(`../schema/${name}`, import.meta.url), "utf8");
const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
const validateBundle = ajv.compile(JSON.parse(schemaText("bundle.schema.json")));
const validateVectors = ajv.compile(JSON.parse(schemaText("vectors.schema.json")));

describe("bundle and vectors schemas", () => {
  it("accept every emitted bundle and vectors file, whose hash covers everything but itself", () => {
    fc.assert(
      fc.property(arbitraryProgram({ experiments: true }), (program) => {
        const { bundle } = compiledProgram(program);
        const parsed = JSON.parse(emitJson(bundle));
        expect(validateBundle(parsed), ajv.errorsText(validateBundle.errors)).toBe(true);
        const { hash, ...content } = parsed;
        expect(contentHash(content)).toBe(hash);
        const vectors = JSON.parse(emitVectors(program, bundle));
        expect(validateVectors(vectors), ajv.errorsText(validateVectors.errors)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it.each(EXAMPLE_PROJECTS)("accept the bundle and vectors of examples/%s", (project) => {
    const { bundleJson, vectorsJson } = exampleBundleAndVectors(project);
    expect(validateBundle(JSON.parse(bundleJson)), ajv.errorsText(validateBundle.errors)).toBe(true);
    expect(validateVectors(JSON.parse(vectorsJson)), ajv.errorsText(validateVectors.errors)).toBe(true);
    // The first format, a list of `{decision, context, expect}`, is not this one.
    expect(validateVectors(readVectors(JSON.parse(vectorsJson)))).toBe(false);
  });

  it("accept valid contexts with the bundle's context schema", () => {
    const cases = arbitraryProgram().chain((program) => fc.tuple(fc.constant(program), fc.array(arbitraryValidContext(program), { minLength: 1, maxLength: 5 })));
    fc.assert(
      fc.property(cases, ([program, contexts]) => {
        const { bundle } = compiledProgram(program);
        const validateContext = new Ajv2020({ strict: true, allowUnionTypes: true }).compile(bundle.context);
        for (const context of contexts) expect(validateContext(context), JSON.stringify(context)).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it("turn typed fields into closed JSON Schemas, with ranges, enums and optional fields", () => {
    const span = { file: "a.scn", start: { offset: 0, line: 1, column: 1 }, end: { offset: 0, line: 1, column: 1 } };
    const field = (name: string, type: CheckedType, optional = false): CheckedField => ({ name, type, optional, personal: false, span });
    const fields = [
      field("hour", { kind: "int", min: 0, max: 23 }),
      field("channel", { kind: "enum", members: ["web", "store"] }),
      field("basket", { kind: "number" }, true),
      field("tags", { kind: "list", element: { kind: "string" } }),
      field("customer", { kind: "record", fields: [field("vip", { kind: "bool" }, true)] }),
    ];
    expect(contextSchema(fields)).toEqual({
      $schema: "https://json-schema.org/draft/2020-12/schema",
      type: "object",
      properties: {
        hour: { type: "integer", minimum: 0, maximum: 23 },
        channel: { type: "string", enum: ["web", "store"] },
        basket: { type: ["number", "null"] },
        tags: { type: "array", items: { type: "string" } },
        customer: { type: "object", properties: { vip: { type: ["boolean", "null"] } }, required: [], additionalProperties: false },
      },
      required: ["hour", "channel", "tags", "customer"],
      additionalProperties: false,
    });
    const validate = new Ajv2020({ strict: true, allowUnionTypes: true }).compile(contextSchema(fields));
    expect(validate({ hour: 5, channel: "web", basket: null, tags: [], customer: {} })).toBe(true);
    expect(validate({ hour: 24, channel: "web", tags: [], customer: {} })).toBe(false);
    expect(validate({ hour: 1.5, channel: "web", tags: [], customer: {} })).toBe(false);
    expect(validate({ hour: 1, channel: "app", tags: [], customer: {} })).toBe(false);
    expect(validate({ hour: 1, channel: "web", tags: [], customer: {}, extra: 1 })).toBe(false);
    // Outputs never hold null: an optional output field is simply left out.
    expect(outputSchema([field("offer", { kind: "string" }, true)])["properties"]).toEqual({ offer: { type: "string" } });
  });

  it("reject outcomes and scenarios written as objects, the form the tuples replaced", () => {
    const { bundleJson } = exampleBundleAndVectors("retail");
    const document = JSON.parse(bundleJson) as { decisions: Record<string, { outcomes: unknown[][]; shapes: string[][] }>; scenarios: Record<string, unknown> };
    expect(validateBundle(document), ajv.errorsText(validateBundle.errors)).toBe(true);
    const decision = Object.values(document.decisions)[0]!;
    const tuple = decision.outcomes[0]!;
    const values = tuple[4] as unknown[];
    const keys = decision.shapes[tuple[3] as number]!;
    const asObject = structuredClone(document);
    Object.values(asObject.decisions)[0]!.outcomes[0]!.splice(3, 2, Object.fromEntries(keys.map((key, i) => [key, values[i]])));
    expect(validateBundle(asObject)).toBe(false);
    const name = Object.keys(document.scenarios)[0]!;
    const scenarioAsObject = structuredClone(document);
    scenarioAsObject.scenarios[name] = { decision: "x" };
    expect(validateBundle(scenarioAsObject)).toBe(false);
    const tooShort = structuredClone(document);
    tooShort.scenarios[name] = (document.scenarios[name] as unknown[]).slice(0, 5);
    expect(validateBundle(tooShort)).toBe(false);
  });

  it("reject a bundle with a wrong format or an unknown key", () => {
    const program = fc.sample(arbitraryProgram(), { numRuns: 1, seed: 7 })[0]!;
    const { bundle } = compiledProgram(program);
    const document = JSON.parse(emitJson(bundle)) as Record<string, unknown>;
    expect(validateBundle({ ...document, format: "scn.bundle/2" })).toBe(false);
    expect(validateBundle({ ...document, format: "scn.bundle/4" })).toBe(false);
    expect(validateBundle({ ...document, extra: 1 })).toBe(false);
    // The expanded tables of the in-memory bundle are not the file format.
    if (Object.keys(bundle.decisions).length > 0) expect(validateBundle(bundle)).toBe(false);
    expect(validateBundle(document)).toBe(true);
  });

  it("name the compiler version from package.json", () => {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
    expect(COMPILER_VERSION).toBe(pkg.version);
  });
});
