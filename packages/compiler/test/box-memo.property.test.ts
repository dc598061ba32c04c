import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CheckedCondition, CheckedProgram } from "@scn/language";
import { BoxLimitExceeded } from "../src/boxes/box.js";
import { ColumnTable } from "../src/boxes/column-table.js";
import { decisionBoxes } from "../src/lower/scenario-conditions.js";
import { arbitraryProgram } from "./arbitrary/index.js";

const LIMIT = 2_000;

/**
 * The program with one condition node shared by every variation, as the
 * checker shares an inlined segment, in both polarities: each variation's
 * condition becomes `shared and (not shared or its own)`.
 */
function sharing(program: CheckedProgram): CheckedProgram {
  const shared: CheckedCondition | undefined = program.scenarios[0]?.situation;
  if (shared === undefined) return program;
  return {
    ...program,
    scenarios: program.scenarios.map((scenario) => ({
      ...scenario,
      pathways: scenario.pathways.map((pathway) => ({
        ...pathway,
        variations: pathway.variations.map((variation) => ({
          ...variation,
          condition: { kind: "and", operands: [shared, { kind: "or", operands: [{ kind: "not", operand: shared }, variation.condition] }] },
        })),
      })),
    })),
  };
}

/** A deep copy in which no object is reachable twice (structuredClone would keep the sharing). */
function unshared(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(unshared);
  if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, unshared(inner)]));
  return value;
}

function boxesOrLimit(program: CheckedProgram, decision: string): { readonly columns: readonly string[]; readonly boxes: unknown } | "limit" {
  const columns = ColumnTable.forProgram(program);
  try {
    const boxes = decisionBoxes(program, decision, columns, LIMIT);
    return { columns: [...columns.paths], boxes };
  } catch (error) {
    if (error instanceof BoxLimitExceeded) return "limit";
    throw error;
  }
}

// decisionBoxes converts each condition node once per decision (lower/dnf.ts,
// `BoxMemo`); in a copy of the program that shares no node every conversion
// is a fresh one, and both must give the same columns and boxes.
describe("converting a shared condition node once", () => {
  it("gives the columns and boxes converting it at each use gives", () => {
    fc.assert(
      fc.property(arbitraryProgram(), (generated) => {
        const program = sharing(generated);
        const copy = unshared(program) as CheckedProgram;
        for (const decision of program.decisions) {
          expect(boxesOrLimit(program, decision.name)).toEqual(boxesOrLimit(copy, decision.name));
        }
      }),
      { numRuns: 200 },
    );
  });
});
