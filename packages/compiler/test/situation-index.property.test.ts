/**
 * The interpreter's situation index (semantics/situation-index.ts) only
 * skips candidates whose situation is false: on random programs and random
 * (often hostile) contexts, `interpret` picks the same scenario, pathway and
 * variation as trying every candidate in order, as docs/language.md#11-what-an-evaluation-means
 * states it, and every candidate the index leaves out has a false situation.
 * The test fails if no case skipped a candidate, so the shortcut is always
 * exercised.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { CheckedProgram } from "@scn/language";
import { candidatesFor } from "../src/semantics/candidates.js";
import { evaluateCondition, interpret, selectPathway, selectVariation } from "../src/semantics/interpret.js";
import { readTyped } from "../src/semantics/context-value.js";
import { requireField } from "../src/semantics/context-paths.js";
import { situationIndex } from "../src/semantics/situation-index.js";
import { arbitraryContext, arbitraryProgram } from "./arbitrary/index.js";

/** The first candidate that applies, tried one by one with no index and no shared reads. */
function straightforward(program: CheckedProgram, decision: string, context: unknown): { scenario: string | null; pathway: string | null; variation: string | null } {
  for (const scenario of candidatesFor(program, decision)) {
    const pathway = selectPathway(program, scenario, context);
    if (pathway === null) continue;
    const variation = selectVariation(program, pathway, context)?.variation.name ?? null;
    return { scenario: scenario.name, pathway: pathway.name, variation };
  }
  return { scenario: null, pathway: null, variation: null };
}

describe("situation index: the interpreter skips only candidates that cannot apply", () => {
  it("on random programs and contexts", () => {
    const cases = arbitraryProgram({ experiments: true, maxScenarios: 8 }).chain((program) =>
      fc.tuple(fc.constant(program), fc.array(arbitraryContext(program), { minLength: 1, maxLength: 12 })),
    );
    let skipped = 0;
    fc.assert(
      fc.property(cases, ([program, contexts]) => {
        for (const decision of program.decisions) {
          const candidates = candidatesFor(program, decision.name);
          const index = situationIndex(candidates.map((s) => s.situation));
          for (const context of contexts) {
            const answer = interpret(program, decision.name, context);
            expect({ scenario: answer.scenario, pathway: answer.pathway, variation: answer.variation }).toEqual(straightforward(program, decision.name, context));
            const keyed = index.levels.flatMap((level) => [...level.keyed(readTyped(context, level.path, requireField(program.context, level.path).field.type))]);
            const tried = new Set([...keyed, ...index.rest]);
            expect(tried.size).toBe(keyed.length + index.rest.length);
            candidates.forEach((scenario, i) => {
              if (tried.has(i)) return;
              skipped++;
              expect(evaluateCondition(program, scenario.situation, context)).toBe(false);
            });
          }
        }
      }),
      { numRuns: 300 },
    );
    expect(skipped).toBeGreaterThan(0);
  });

  it("lists candidates in candidate order, each in one level or in the rest", () => {
    fc.assert(
      fc.property(arbitraryProgram({ maxScenarios: 8 }), (program) => {
        for (const decision of program.decisions) {
          const candidates = candidatesFor(program, decision.name);
          const index = situationIndex(candidates.map((s) => s.situation));
          const ascending = (list: readonly number[]) => list.every((i, k) => k === 0 || (list[k - 1] as number) < i);
          expect(ascending(index.rest)).toBe(true);
          const levelOf = new Map<number, number>();
          index.levels.forEach((level, l) => {
            const keys = new Set<string | boolean>();
            for (const scenario of candidates) {
              for (const atom of [scenario.situation, ...(scenario.situation.kind === "and" ? scenario.situation.operands : [])]) {
                if (atom.kind !== "test" || atom.path !== level.path) continue;
                if ("eq" in atom.test && typeof atom.test.eq !== "number") keys.add(atom.test.eq);
                if ("in" in atom.test) for (const key of atom.test.in) if (typeof key !== "number") keys.add(key);
              }
            }
            for (const key of keys) {
              const keyed = level.keyed(key);
              expect(ascending(keyed)).toBe(true);
              for (const i of keyed) {
                expect(levelOf.get(i) ?? l).toBe(l);
                levelOf.set(i, l);
              }
            }
          });
          expect(index.rest.filter((i) => levelOf.has(i))).toEqual([]);
        }
      }),
      { numRuns: 200 },
    );
  });
});
