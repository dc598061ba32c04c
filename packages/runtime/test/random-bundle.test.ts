import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { loadBundle, type Column } from "@scn/runtime";
import { columnKind, compileTest } from "../src/unary-test.js";
import { contextFor } from "./support/contexts.js";
import { guardPrototypes } from "./support/prototype-guard.js";
import { randomBundle, testFor } from "./support/random-bundle.js";
import { referenceDecide, referencePresent, referenceTest, referenceValue } from "./support/reference.js";

guardPrototypes();

describe("random bundles", () => {
  test("every generated bundle loads", () => {
    fc.assert(
      fc.property(randomBundle, (bundle) => void loadBundle(bundle)),
      { numRuns: 500 },
    );
  });

  test("decide and explain agree with a plain scan of the rows, whatever the index", () => {
    const bundleAndContexts = randomBundle.chain((bundle) =>
      fc.tuple(fc.constant(bundle), fc.array(contextFor(bundle.decisions["d"]!), { minLength: 1, maxLength: 10 })),
    );
    fc.assert(
      fc.property(bundleAndContexts, ([bundle, contexts]) => {
        const runtime = loadBundle(bundle);
        for (const context of contexts) {
          const expected = referenceDecide(bundle, "d", context);
          const answer = runtime.decide("d", context);
          expect({ reason: answer.reason, rule: answer.rule, output: answer.output }).toEqual({
            reason: expected.reason,
            rule: expected.rule,
            output: expected.output,
          });
          const explained = runtime.explain("d", context);
          expect(explained.trace.row).toBe(expected.row);
          expect(explained.trace.tried.filter((trial) => !trial.matched).every((trial) => trial.failed !== null)).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });

  // The walker keeps an enum column's string as read and asks the column's
  // members only when it matters (walker.ts, `lazyEnum`); random bundles
  // mix tests and switch cases whose literals are members with ones whose
  // literals are not ("__proto__"), and contexts hold strings of neither.
  test("every value a trace reports is absent exactly when the reference reading finds it absent", () => {
    const bundleAndContexts = randomBundle.chain((bundle) =>
      fc.tuple(fc.constant(bundle), fc.array(contextFor(bundle.decisions["d"]!), { minLength: 1, maxLength: 10 })),
    );
    fc.assert(
      fc.property(bundleAndContexts, ([bundle, contexts]) => {
        const runtime = loadBundle(bundle);
        const columns = bundle.decisions["d"]!.columns;
        const absent = (context: unknown, path: string) => {
          const column = columns.find((candidate) => candidate.path === path)!;
          return !referencePresent(column, referenceValue(context, path));
        };
        for (const context of contexts) {
          const { trace } = runtime.explain("d", context);
          for (const step of trace.path) {
            expect(step.absent).toBe(absent(context, step.column));
            if (step.kind === "switch") expect(step.branch === "absent").toBe(step.absent);
          }
          for (const trial of trace.tried) if (trial.failed !== null) expect(trial.failed.absent).toBe(absent(context, trial.failed.column));
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe("compiled unary tests agree with the reference reading", () => {
  const columns: Column[] = [
    { path: "x", type: "bool" },
    { path: "x", type: "int" },
    { path: "x", type: "number" },
    { path: "x", type: "string" },
    { path: "x", type: "enum", values: ["a", "b", "c"] },
    { path: "x", type: "list", element: "string" },
    { path: "x", type: "list", element: "int" },
    { path: "x", type: "list", element: "enum", values: ["a", "b"] },
  ];
  const value = fc.oneof(
    fc.constantFrom<unknown>(undefined, null, true, false, 0, -0, 0.5, 1, 2, 3, -1, NaN, Infinity, "a", "b", "c", "z", "__proto__", [], {}),
    fc.array(fc.constantFrom<unknown>("a", "b", "z", 0, 1, 2.5, null, true), { maxLength: 4 }),
  );
  for (const column of columns) {
    test(`${column.type}${column.element ? `<${column.element}>` : ""}`, () => {
      fc.assert(
        fc.property(testFor(column), value, (unary, seen) => {
          expect(compileTest(columnKind(column), unary)(seen)).toBe(referenceTest(column, unary, seen));
        }),
        { numRuns: 3000 },
      );
    });
  }
});
