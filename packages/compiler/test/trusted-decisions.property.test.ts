/**
 * The vectors' answers come from `trustedDecisions` over the bundle just
 * built, not from `loadBundle` over its file (docs/optimizer.md#conformance-witnesses):
 * both must give the same answer for every context, and the trusted path
 * must leave the compiler's objects unfrozen. The emitters read the
 * document assemble hashed: it must be the bundle's.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bundleDocument, loadBundle, trustedDecisions } from "@scn/runtime";
import { emitJson } from "../src/emit/json.js";
import { documentOf } from "../src/bundle/assemble.js";
import { compiledProgram } from "./support/compile.js";
import { arbitraryProgram, arbitraryValidContext } from "./arbitrary/index.js";
import { contextArbitrary } from "./support/random-table.js";

describe("trusted decisions over a bundle just built", () => {
  it("answer as the runtime loading the bundle's file does", () => {
    const cases = arbitraryProgram({ experiments: true }).chain((program) => {
      const { bundle } = compiledProgram(program);
      // Valid contexts, and hostile ones over the columns of every decision.
      const hostile = Object.values(bundle.decisions).map((table) => contextArbitrary(table.columns));
      return fc.tuple(fc.constant(program), fc.array(fc.oneof(arbitraryValidContext(program), ...hostile), { minLength: 1, maxLength: 6 }));
    });
    fc.assert(
      fc.property(cases, ([program, contexts]) => {
        const { bundle } = compiledProgram(program);
        const document = bundleDocument(bundle);
        const decide = trustedDecisions(bundle, (name) => document.decisions[name]!.table);
        const runtime = loadBundle(emitJson(bundle));
        for (const name of Object.keys(bundle.decisions)) {
          for (const context of contexts) expect(decide(name, context)).toEqual(runtime.decide(name, context));
        }
        for (const table of Object.values(bundle.decisions)) {
          for (const outcome of table.outcomes) expect(Object.isFrozen(outcome.output)).toBe(false);
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe("the document a bundle was hashed from", () => {
  it("is the bundle's document, which the emitters read instead of encoding the tables again", () => {
    fc.assert(
      fc.property(arbitraryProgram({ experiments: true }), (program) => {
        const { bundle } = compiledProgram(program);
        expect(documentOf(bundle)).toEqual(bundleDocument(bundle));
      }),
      { numRuns: 40 },
    );
  });
});
