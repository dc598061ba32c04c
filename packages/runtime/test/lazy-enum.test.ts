/**
 * The walker reads an enum column's string as it is and asks the column's
 * members only where the answer depends on it (walker.ts, `lazyEnum`;
 * docs/runtime.md, "Performance"). These bundles put a literal outside the
 * enum where the compiler never does (a switch case, an `eq` or `in` test),
 * which a valid bundle may, and check that a string outside the enum is still
 * absent everywhere: the answer, the branch and the trace equal those of a
 * plain scan of the rows by the reference reading.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { loadBundle, type Bundle, type IndexNode, type UnaryTest } from "@scn/runtime";
import { guardPrototypes } from "./support/prototype-guard.js";
import { referenceDecide } from "./support/reference.js";
import { oneDecisionBundle } from "./support/random-bundle.js";

guardPrototypes();

/** A bundle with one decision over the enum column `x` (members a, b) and the given rows and index. */
function bundleOf(rows: readonly { readonly [column: string]: UnaryTest }[], nodes: readonly IndexNode[]): Bundle {
  return oneDecisionBundle({ source: "lazy.scn", columns: [{ path: "x", type: "enum", values: ["a", "b"] }], rows, nodes, hasDefault: true });
}

const scan = (rowCount: number): IndexNode => ({ rows: Array.from({ length: rowCount }, (_, row) => row) });

const values = fc.constantFrom<unknown>("a", "b", "zz", "", "__proto__", "A", null, 1, true, undefined);
const member = fc.constantFrom("a", "b");
const stranger = fc.constantFrom("zz", "__proto__", "");
const literal = fc.oneof(member, stranger);
const testOn = fc.oneof(
  fc.boolean().map((present): UnaryTest => ({ present })),
  literal.map((eq): UnaryTest => ({ eq })),
  fc.array(literal, { maxLength: 3 }).map((list): UnaryTest => ({ in: list })),
  fc.array(literal, { maxLength: 3 }).map((list): UnaryTest => ({ notIn: list })),
);
const rowsArbitrary = fc.array(fc.option(testOn, { nil: undefined }).map((test): { readonly [column: string]: UnaryTest } => (test === undefined ? {} : { "0": test })), { minLength: 1, maxLength: 5 });

function expectLikeReference(bundle: Bundle, x: unknown): void {
  const context = x === undefined ? {} : { x };
  const runtime = loadBundle(bundle);
  const expected = referenceDecide(bundle, "d", context);
  const answer = runtime.decide("d", context);
  expect({ reason: answer.reason, rule: answer.rule }).toEqual({ reason: expected.reason, rule: expected.rule });
  const { trace } = runtime.explain("d", context);
  expect(trace.row).toBe(expected.row);
  const absent = !(typeof x === "string" && (x === "a" || x === "b"));
  for (const step of trace.path) {
    expect(step.absent).toBe(absent);
    if (step.kind === "switch") expect(step.branch === "absent").toBe(absent);
  }
  for (const trial of trace.tried) if (trial.failed !== null) expect(trial.failed.absent).toBe(absent);
}

describe("a string outside an enum is absent, however the walker reads the column", () => {
  test("a switch with a case outside the enum sends that string to `absent`", () => {
    // Row 0 holds for any value; row 1 only when x is absent. The case "zz" leads to an empty leaf.
    const bundle = bundleOf([{}, { "0": { present: false } }], [{ switch: 0, cases: { a: 1, zz: 2 }, other: 1, absent: 3 }, { rows: [0] }, { rows: [] }, { rows: [0, 1] }]);
    expectLikeReference(bundle, "zz");
    expect(loadBundle(bundle).decide("d", { x: "zz" }).rule).toBe("s/p0");
    for (const x of ["a", "b", "", "__proto__", null, undefined]) expectLikeReference(bundle, x);
  });

  test("an `eq` test with a literal outside the enum never holds", () => {
    const bundle = bundleOf([{ "0": { eq: "zz" } }, { "0": { in: ["a", "zz"] } }, {}], [scan(3)]);
    expect(loadBundle(bundle).decide("d", { x: "zz" }).rule).toBe("s/p2");
    for (const x of ["zz", "a", "b", null, undefined]) expectLikeReference(bundle, x);
  });

  test("any rows, scanned or below a switch on the column, answer as the reference does", () => {
    const switchArbitrary = fc.dictionary(literal, fc.constant(1), { maxKeys: 3 }).map((cases): IndexNode => ({ switch: 0, cases, other: 1, absent: 1 }));
    fc.assert(
      fc.property(rowsArbitrary, fc.option(switchArbitrary, { nil: undefined }), values, (rows, root, x) => {
        const nodes = root === undefined ? [scan(rows.length)] : [root, scan(rows.length)];
        expectLikeReference(bundleOf(rows, nodes), x);
      }),
      { numRuns: 500 },
    );
  });
});
