/**
 * fast-check arbitraries for random decision tables and hostile contexts,
 * used by the optimizer and index tests. Literals come from small pools so
 * that tests collide, overlap and nest often, which is where optimizer bugs
 * live; contexts mix in absent, null, wrongly typed and prototype-named values.
 */
import fc from "fast-check";
import type { Column, Interval, Outcome, Row, UnaryTest } from "@scn/runtime";
import type { LoweredDecision } from "../../src/lower/lowered.js";

const STRINGS = ["a", "b", "c"];
const INT_POINTS = [-2, 0, 1, 2, 3, 5];
const NUMBER_POINTS = [-1, 0, 0.5, 1, 2.5];

export const columnArbitrary: fc.Arbitrary<Omit<Column, "path">> = fc.oneof(
  fc.constant({ type: "enum" as const, values: ["a", "b", "c", "d"] }),
  fc.constant({ type: "string" as const }),
  fc.constant({ type: "bool" as const }),
  fc.constant({ type: "int" as const }),
  fc.constant({ type: "number" as const }),
  fc.constant({ type: "list" as const, element: "string" as const }),
);

function intervalArbitrary(points: readonly number[]): fc.Arbitrary<Interval> {
  const bound = fc.option(fc.constantFrom(...points), { nil: null, freq: 4 });
  return fc.tuple(bound, bound, fc.boolean(), fc.boolean()).map(([a, b, li, hi]): Interval => {
    if (a !== null && b !== null && a > b) return [b, a, li, hi];
    return [a, b, li, hi];
  });
}

export function testArbitrary(column: Omit<Column, "path">): fc.Arbitrary<UnaryTest> {
  const present = fc.boolean().map((p): UnaryTest => ({ present: p }));
  switch (column.type) {
    case "enum":
    case "string": {
      const value = fc.constantFrom(...STRINGS, ...(column.type === "enum" ? ["d"] : []));
      const values = fc.uniqueArray(value, { minLength: 1, maxLength: 3 });
      return fc.oneof(
        value.map((v): UnaryTest => ({ eq: v })),
        values.map((v): UnaryTest => ({ in: v })),
        values.map((v): UnaryTest => ({ notIn: v })),
        present,
      );
    }
    case "bool":
      return fc.oneof(fc.boolean().map((b): UnaryTest => ({ bool: b })), present);
    case "int":
    case "number": {
      const points = column.type === "int" ? INT_POINTS : NUMBER_POINTS;
      return fc.oneof(
        fc.array(intervalArbitrary(points), { minLength: 1, maxLength: 2 }).map((range): UnaryTest => ({ range })),
        fc.constantFrom(...points).map((v): UnaryTest => ({ eq: v })),
        fc.uniqueArray(fc.constantFrom(...points), { minLength: 1, maxLength: 2 }).map((v): UnaryTest => ({ notIn: v })),
        present,
      );
    }
    case "list": {
      const value = fc.constantFrom(...STRINGS);
      return fc.oneof(
        value.map((v): UnaryTest => ({ contains: v })),
        value.map((v): UnaryTest => ({ notContains: v })),
        present,
      );
    }
  }
}

function outcome(i: number): Outcome {
  return { rule: `s${i}/p`, scenario: `s${i}`, pathway: "p", variation: null, output: { n: i }, metrics: [] };
}

export const decisionArbitrary: fc.Arbitrary<LoweredDecision> = fc
  .array(columnArbitrary, { minLength: 1, maxLength: 4 })
  .chain((shapes) => {
    const columns: Column[] = shapes.map((shape, i) => ({ ...shape, path: i % 2 === 0 ? `c${i}` : `g.c${i}` }));
    const row = fc
      .tuple(
        fc.nat({ max: 3 }),
        ...columns.map((column) => fc.option(testArbitrary(column), { nil: undefined, freq: 2 })),
      )
      .map(([out, ...tests]): Row => {
        const entries = tests.flatMap((test, i) => (test === undefined ? [] : [[String(i), test] as const]));
        return { outcome: out, tests: Object.fromEntries(entries), src: [0, 1, 1] };
      });
    return fc.array(row, { maxLength: 14 }).map(
      (rows): LoweredDecision => ({
        name: "d",
        title: null,
        default: null,
        columns,
        outcomes: [0, 1, 2, 3].map(outcome),
        rows,
      }),
    );
  });

function valueArbitrary(column: Column): fc.Arbitrary<unknown> {
  const hostile = fc.constantFrom(undefined, null, "__proto__", {}, [], 4.5, true);
  switch (column.type) {
    case "enum":
    case "string":
      return fc.oneof(fc.constantFrom(...STRINGS, "d", "e", ""), hostile);
    case "bool":
      return fc.oneof(fc.boolean(), hostile);
    case "int":
      return fc.oneof(fc.integer({ min: -4, max: 7 }), fc.constantFrom(0.5, 1.5, -0), hostile);
    case "number":
      return fc.oneof(fc.constantFrom(...NUMBER_POINTS, -2, 0.25, 0.75, 1.5, 3, -0.5, 2), hostile);
    case "list":
      return fc.oneof(fc.uniqueArray(fc.constantFrom(...STRINGS, "d"), { maxLength: 3 }), fc.constant(["a", 1]), hostile);
  }
}

/** A context giving each column a value (or leaving it out), nested by path. */
export function contextArbitrary(columns: readonly Column[]): fc.Arbitrary<unknown> {
  return fc.tuple(...columns.map(valueArbitrary), fc.constantFrom<unknown>(undefined, null, "x", {})).map(([...values]) => {
    const group = values.pop();
    const context: { [key: string]: unknown } = {};
    const nested: { [key: string]: unknown } = {};
    columns.forEach((column, i) => {
      const value = values[i];
      if (value === undefined) return;
      const name = column.path.split(".").pop() as string;
      if (column.path.includes(".")) nested[name] = value;
      else context[name] = value;
    });
    // The nested record is sometimes replaced by a value that is not a record at all.
    context["g"] = Object.keys(nested).length > 0 ? nested : group;
    return context;
  });
}
