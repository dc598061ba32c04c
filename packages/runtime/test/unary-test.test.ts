import { describe, expect, test } from "vitest";
import type { Column, UnaryTest } from "@scn/runtime";
import { columnKind, compileTest } from "../src/unary-test.js";
import { guardPrototypes } from "./support/prototype-guard.js";

guardPrototypes();

// `satisfies` rather than a `Record<string, Column>` annotation keeps the
// names as a union of literals, so every case names a column that exists.
const columns = {
  bool: { path: "x", type: "bool" },
  int: { path: "x", type: "int" },
  number: { path: "x", type: "number" },
  string: { path: "x", type: "string" },
  enum: { path: "x", type: "enum", values: ["a", "b", "c"] },
  "list<string>": { path: "x", type: "list", element: "string" },
  "list<int>": { path: "x", type: "list", element: "int" },
  "list<enum>": { path: "x", type: "list", element: "enum", values: ["a", "b"] },
} satisfies Record<string, Column>;

const ABSENT = Symbol("absent");
type Case = [column: keyof typeof columns, test: UnaryTest, value: unknown, expected: boolean];

// Every row: column type, test, the value seen (ABSENT = no value at all), whether the test holds.
const cases: Case[] = [
  // bool
  ["bool", { bool: true }, true, true],
  ["bool", { bool: true }, false, false],
  ["bool", { bool: false }, false, true],
  ["bool", { bool: false }, ABSENT, false],
  ["bool", { bool: false }, null, false],
  ["bool", { bool: false }, 0, false],
  ["bool", { bool: true }, "true", false],
  ["bool", { eq: true }, true, true],
  ["bool", { in: [false] }, false, true],
  ["bool", { notIn: [true] }, false, true],
  ["bool", { notIn: [true] }, ABSENT, false],
  ["bool", { notIn: [true] }, "yes", false],
  ["bool", { present: true }, false, true],
  ["bool", { present: true }, "false", false],
  ["bool", { present: false }, "false", true],
  // int
  ["int", { eq: 3 }, 3, true],
  ["int", { eq: 3 }, 3.0000001, false],
  ["int", { eq: 3 }, "3", false],
  ["int", { eq: 4.5 }, 4.5, false],
  ["int", { eq: 0 }, -0, true],
  ["int", { in: [1, 2] }, 2, true],
  ["int", { in: [1, 2.5] }, 2.5, false],
  ["int", { notIn: [1, 2] }, 3, true],
  ["int", { notIn: [1, 2] }, 3.5, false],
  ["int", { notIn: [1, 2] }, null, false],
  ["int", { range: [[0, 30, true, true]] }, 30, true],
  ["int", { range: [[0, 30, true, false]] }, 30, false],
  ["int", { range: [[0, 30, false, true]] }, 0, false],
  ["int", { range: [[null, 30, true, true]] }, -1e9, true],
  ["int", { range: [[30, null, false, true]] }, 31, true],
  ["int", { range: [[0, 30, true, true]] }, 15.5, false],
  [
    "int",
    {
      range: [
        [0, 10, true, true],
        [20, 30, true, true],
      ],
    },
    25,
    true,
  ],
  [
    "int",
    {
      range: [
        [0, 10, true, true],
        [20, 30, true, true],
      ],
    },
    15,
    false,
  ],
  ["int", { range: [[null, null, false, false]] }, ABSENT, false],
  ["int", { range: [[null, null, false, false]] }, Infinity, false],
  ["int", { present: true }, 7, true],
  ["int", { present: true }, 7.5, false],
  ["int", { present: false }, 7.5, true],
  ["int", { present: false }, null, true],
  // number
  ["number", { eq: 0.5 }, 0.5, true],
  ["number", { eq: 0.5 }, "0.5", false],
  ["number", { range: [[0.6, null, true, true]] }, 0.6, true],
  ["number", { range: [[0.6, null, false, true]] }, 0.6, false],
  ["number", { range: [[null, null, false, false]] }, NaN, false],
  ["number", { range: [[null, null, false, false]] }, -Infinity, false],
  ["number", { notIn: [1] }, NaN, false],
  ["number", { notIn: [1] }, 1.5, true],
  ["number", { in: [1, 2] }, 1, true],
  ["number", { present: true }, Infinity, false],
  // string
  ["string", { eq: "a" }, "a", true],
  ["string", { eq: "a" }, "A", false],
  ["string", { eq: "1" }, 1, false],
  ["string", { in: ["a", "b"] }, "b", true],
  ["string", { notIn: ["a"] }, "", true],
  ["string", { notIn: ["a"] }, ABSENT, false],
  ["string", { notIn: ["a"] }, ["b"], false],
  ["string", { notIn: ["a"] }, { b: 1 }, false],
  ["string", { present: true }, "", true],
  ["string", { eq: "__proto__" }, "__proto__", true],
  // enum: an unknown member counts as absent
  ["enum", { eq: "a" }, "a", true],
  ["enum", { eq: "z" }, "z", false],
  ["enum", { in: ["a", "b"] }, "c", false],
  ["enum", { notIn: ["a"] }, "c", true],
  ["enum", { notIn: ["a"] }, "zzz", false],
  ["enum", { notIn: ["a"] }, null, false],
  ["enum", { present: true }, "b", true],
  ["enum", { present: true }, "toString", false],
  ["enum", { present: false }, "zzz", true],
  // lists: one wrongly typed element makes the list absent
  ["list<string>", { contains: "x" }, ["a", "x"], true],
  ["list<string>", { contains: "x" }, ["a"], false],
  ["list<string>", { contains: "x" }, [], false],
  ["list<string>", { contains: "x" }, "x", false],
  ["list<string>", { contains: "x" }, ["x", 1], false],
  ["list<string>", { contains: "x" }, ["x", null], false],
  ["list<string>", { notContains: "x" }, ["a"], true],
  ["list<string>", { notContains: "x" }, [], true],
  ["list<string>", { notContains: "x" }, ["a", "x"], false],
  ["list<string>", { notContains: "x" }, ABSENT, false],
  ["list<string>", { notContains: "x" }, null, false],
  ["list<string>", { notContains: "x" }, ["a", 2], false],
  ["list<string>", { notContains: "x" }, { 0: "a", length: 1 }, false],
  ["list<string>", { present: true }, [], true],
  ["list<string>", { present: true }, [1], false],
  ["list<string>", { present: false }, [1], true],
  ["list<int>", { contains: 2 }, [1, 2], true],
  ["list<int>", { contains: 2 }, [1.5, 2], false],
  ["list<int>", { notContains: 2 }, [1, 3], true],
  ["list<enum>", { contains: "a" }, ["a", "b"], true],
  ["list<enum>", { contains: "a" }, ["a", "z"], false],
  ["list<enum>", { notContains: "a" }, ["b"], true],
  ["list<enum>", { notContains: "a" }, ["b", "z"], false],
];

describe("unary tests", () => {
  test.each(
    cases.map(([column, unary, value, expected]) => ({
      column,
      unary,
      value,
      expected,
      shown: value === ABSENT ? "absent" : (JSON.stringify(value) ?? String(value)),
    })),
  )("$column $unary.0 on $shown is $expected", ({ column, unary, value, expected }) => {
    const predicate = compileTest(columnKind(columns[column]), unary);
    expect(predicate(value === ABSENT ? undefined : value)).toBe(expected);
  });
});

describe("absent, null and wrongly typed values", () => {
  // Every test except `present: false` is false on a value that counts as absent; `present: false` is true.
  const absentValues: Record<keyof typeof columns, unknown[]> = {
    bool: [undefined, null, 1, "true", [], {}],
    int: [undefined, null, 1.5, "1", true, [], {}, NaN, Infinity],
    number: [undefined, null, "1", true, [], {}, NaN, Infinity],
    string: [undefined, null, 1, true, [], {}],
    enum: [undefined, null, "zzz", 1, [], {}],
    "list<string>": [undefined, null, "a", 1, {}, [1], ["a", null]],
    "list<int>": [undefined, null, [1.5], ["1"], {}],
    "list<enum>": [undefined, null, ["zzz"], [1], "a"],
  };
  const testsFor: Record<keyof typeof columns, UnaryTest[]> = {
    bool: [{ bool: true }, { bool: false }, { eq: true }, { in: [true, false] }, { notIn: [true] }],
    int: [{ eq: 1 }, { in: [1, 2] }, { notIn: [1] }, { range: [[null, null, false, false]] }],
    number: [{ eq: 1 }, { in: [1, 2] }, { notIn: [1] }, { range: [[null, null, false, false]] }],
    string: [{ eq: "a" }, { in: ["a", "b"] }, { notIn: ["a"] }],
    enum: [{ eq: "a" }, { in: ["a", "b"] }, { notIn: ["a"] }],
    "list<string>": [{ contains: "a" }, { notContains: "a" }],
    "list<int>": [{ contains: 1 }, { notContains: 1 }],
    "list<enum>": [{ contains: "a" }, { notContains: "a" }],
  };
  for (const column of Object.keys(columns) as (keyof typeof columns)[]) {
    test(`${column}: every test is false and only \`present: false\` holds`, () => {
      const kind = columnKind(columns[column]);
      for (const value of absentValues[column]) {
        for (const unary of testsFor[column])
          expect(compileTest(kind, unary)(value), `${JSON.stringify(unary)} on ${String(value)}`).toBe(false);
        expect(compileTest(kind, { present: true })(value)).toBe(false);
        expect(compileTest(kind, { present: false })(value)).toBe(true);
      }
    });
  }
});
