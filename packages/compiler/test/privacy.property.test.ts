import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { interpret } from "@scn/compiler";
import { loweredDecisions } from "./support/compile.js";
import { arbitraryContext, arbitraryProgram, personalPaths, evaluateRows } from "./arbitrary/index.js";

type Json = { [key: string]: unknown };

/** A copy of `context` with `path` set to `value` (removed when undefined), records copied along the way. */
function withPath(context: unknown, path: string, value: unknown): unknown {
  const [head, ...rest] = path.split(".");
  const base: Json = typeof context === "object" && context !== null && !Array.isArray(context) ? { ...(context as Json) } : {};
  const next = rest.length === 0 ? value : withPath(Object.prototype.hasOwnProperty.call(base, head!) ? base[head!] : undefined, rest.join("."), value);
  if (next === undefined) delete base[head!];
  else Object.defineProperty(base, head!, { value: next, enumerable: true, writable: true, configurable: true });
  return base;
}

const REPLACEMENTS = [undefined, null, true, false, 0, 1, 0.7, 99, "x", "vip", "a", [], ["x"], ["a", "b"], [0, 1], { nested: 1 }];

const scenario = arbitraryProgram({ gate: true, personal: true })
  .filter((program) => personalPaths(program).length > 0)
  .chain((program) =>
    fc.tuple(
      fc.constant(program),
      arbitraryContext(program),
      fc.constantFrom(false, undefined, null, "true", 1, "yes"),
      fc.array(fc.tuple(fc.constantFrom(...personalPaths(program)), fc.constantFrom(...REPLACEMENTS)), { minLength: 1, maxLength: 4 }),
    ),
  );

describe("privacy (docs/language.md#5-consent-respecting-the-no)", () => {
  it("without consent, changing personal fields never changes an answer, in the interpreter or the rows", () => {
    fc.assert(
      fc.property(scenario, ([program, context, gate, changes]) => {
        const refused = withPath(context, "consent.ok", gate);
        const changed = changes.reduce((ctx, [path, value]) => withPath(ctx, path, value), refused);
        const lowered = loweredDecisions(program);
        for (const decision of program.decisions) {
          const before = interpret(program, decision.name, refused);
          expect(before.consent).toEqual({ personalization: false });
          expect(interpret(program, decision.name, changed)).toEqual(before);
          const rows = lowered.find((d) => d.name === decision.name)!;
          expect(evaluateRows(rows, changed)).toEqual(evaluateRows(rows, refused));
        }
      }),
      { numRuns: 300 },
    );
  });

  it("with consent, personal fields do matter for some program (the property above is not vacuous)", () => {
    const details = fc.check(
      fc.property(scenario, ([program, context, , changes]) => {
        const granted = withPath(context, "consent.ok", true);
        const changed = changes.reduce((ctx, [path, value]) => withPath(ctx, path, value), granted);
        return program.decisions.every((d) => interpret(program, d.name, changed).rule === interpret(program, d.name, granted).rule);
      }),
      { numRuns: 500, endOnFailure: true },
    );
    expect(details.failed).toBe(true);
  });
});
