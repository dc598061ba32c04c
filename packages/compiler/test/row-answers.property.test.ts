/**
 * The vectors read most answers off the row a point's context reaches
 * instead of asking the runtime (emit/row-answers.ts): wherever RowAnswers
 * allows it, that answer must be the runtime's for the context made from
 * the point, and it must turn down every table and point whose context
 * does not hold each column's value at the column's path.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadBundle, type Column, type DecisionTable, type JsonValue } from "@scn/runtime";
import { emitJson } from "../src/emit/json.js";
import { RowAnswers } from "../src/emit/row-answers.js";
import { firstRowAt } from "../src/optimize/index/first-row.js";
import { rowWitness } from "../src/boxes/row-witness.js";
import { representatives, type Probe } from "../src/boxes/test-algebra.js";
import { ABSENT } from "../src/semantics/context-value.js";
import { compiledProgram } from "./support/compile.js";
import { arbitraryProgram } from "./arbitrary/index.js";

type JsonObject = { [key: string]: JsonValue };

/** The context vectors.ts makes from columns' values: each set at its column's path in column order (removed where undefined). */
function contextOf(columns: readonly Column[], values: readonly (JsonValue | undefined)[]): JsonObject {
  const context: JsonObject = {};
  columns.forEach((column, c) => {
    const keys = column.path.split(".");
    let record = context;
    for (const key of keys.slice(0, -1)) {
      const next = record[key];
      if (typeof next !== "object" || next === null || Array.isArray(next)) {
        if (values[c] === undefined) return;
        record[key] = {};
      }
      record = record[key] as JsonObject;
    }
    const last = keys[keys.length - 1] as string;
    if (values[c] === undefined) delete record[last];
    else record[last] = structuredClone(values[c]) as JsonValue;
  });
  return context;
}

/** Each column's candidate values: the representatives of its tests in the table (absent among them). */
function pools(table: DecisionTable): Probe[][] {
  return table.columns.map((column, c) => {
    const tests = table.rows.flatMap((row) => (row.tests[String(c)] === undefined ? [] : [row.tests[String(c)]!]));
    return representatives(column, tests) ?? [ABSENT];
  });
}

describe("answers read off the row a point reaches", () => {
  it("are the runtime's answers for the point's context wherever they are allowed", () => {
    // Points: each row's witness, and per column a draw from its values, often one per path (as the witnesses give) and sometimes one per column.
    // Without experiments: RowAnswers turns down every table of a bundle with them (the last test).
    const cases = arbitraryProgram().chain((program) => {
      const { bundle } = compiledProgram(program);
      const draws = Object.values(bundle.decisions).map((table) => {
        const values = pools(table);
        return fc.array(fc.tuple(fc.boolean(), fc.tuple(...values.map((pool) => fc.constantFrom(...pool)))), { maxLength: 12 });
      });
      return fc.tuple(fc.constant(program), fc.tuple(...draws));
    });
    fc.assert(
      fc.property(cases, ([program, draws]) => {
        const { bundle } = compiledProgram(program);
        const runtime = loadBundle(emitJson(bundle));
        Object.entries(bundle.decisions).forEach(([name, table], d) => {
          const answers = RowAnswers.of(table, bundle.experiments !== undefined);
          if (answers === null) return;
          const points: Probe[][] = [];
          table.rows.forEach((_, r) => {
            const witness = rowWitness(table.columns, table.rows, r);
            if (witness !== null) points.push([...witness]);
          });
          for (const [perPath, drawn] of draws[d] ?? []) {
            const first = new Map<string, number>();
            // One value per path: every column on it takes the first one's draw.
            points.push(drawn.map((probe, c) => (perPath ? (drawn[first.get(table.columns[c]!.path) ?? (first.set(table.columns[c]!.path, c), c)] as Probe) : probe)));
          }
          for (const point of points) {
            const values = point.map((probe) => (probe === ABSENT ? undefined : (probe as JsonValue)));
            if (!answers.sameValues(values)) continue;
            const known = answers.expected(firstRowAt(table.columns, table.rows, table.index, point));
            const answer = runtime.decide(name, contextOf(table.columns, values));
            expect({ rule: known.rule, reason: known.reason, output: known.output }).toEqual({ rule: answer.rule, reason: answer.reason, output: answer.output });
          }
        });
      }),
      { numRuns: 80 },
    );
  });

  it("turn down columns of one path given different values, and allow equal ones however they are made", () => {
    const table = {
      columns: [
        { path: "x", type: "list", element: "string" },
        { path: "x", type: "list", element: "string" },
        { path: "y", type: "int" },
      ],
      outcomes: [],
      rows: [],
      default: null,
      index: { root: 0, nodes: [{ rows: [] }] },
    } as unknown as DecisionTable;
    const answers = RowAnswers.of(table, false)!;
    expect(answers.sameValues([["a"], ["a"], 1])).toBe(true);
    expect(answers.sameValues([undefined, undefined, 1])).toBe(true);
    expect(answers.sameValues([["a"], ["b"], 1])).toBe(false);
    expect(answers.sameValues([undefined, [], 1])).toBe(false);
    expect(answers.sameValues([["a", "b"], ["a"], 1])).toBe(false);
    // Columns on different paths may differ.
    expect(answers.sameValues([[], [], 2])).toBe(true);
  });

  it("are not allowed where a path is another's prefix, on arm columns, or with experiments", () => {
    const table = (columns: readonly object[]) => ({ columns, outcomes: [], rows: [], default: null, index: { root: 0, nodes: [{ rows: [] }] } }) as unknown as DecisionTable;
    expect(RowAnswers.of(table([{ path: "a.b", type: "int" }, { path: "a.c", type: "int" }]), false)).not.toBeNull();
    expect(RowAnswers.of(table([{ path: "a", type: "int" }, { path: "a.b", type: "int" }]), false)).toBeNull();
    expect(RowAnswers.of(table([{ path: "a.b.c", type: "int" }, { path: "a.b", type: "int" }]), false)).toBeNull();
    expect(RowAnswers.of(table([{ path: "a.b", type: "int" }]), true)).toBeNull();
    expect(RowAnswers.of(table([{ path: "unit", type: "enum", values: ["x"], experiment: { name: "e", seed: "s", unit: "string", ranges: [[0, 100]] } }]), false)).toBeNull();
  });
});
