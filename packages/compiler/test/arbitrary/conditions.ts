/**
 * Random well-typed conditions over a given set of context paths: atoms of
 * every unary test kind with literals from the schema pools (plus an
 * occasional literal of the wrong kind, such as 2.5 on an `int`), combined
 * with `and`, `or` and `not`.
 *
 * Invariant: every atom names one of the given paths, and every test is one
 * the checker could produce for that path's type.
 */
import fc from "fast-check";
import type { CheckedCondition, CheckedField, Interval, UnaryTest } from "@scn/language";
import { INT_POOL, NUMBER_POOL, STRING_POOL } from "./schema.js";
import { spanAtLine } from "./spans.js";

export interface ConditionPaths {
  readonly leaves: readonly { readonly path: string; readonly field: CheckedField }[];
  /** Record paths that may be tested with `is present`. */
  readonly records: readonly string[];
}

const bound = (pool: readonly number[]) => fc.option(fc.constantFrom(...pool), { nil: null });

function interval(pool: readonly number[]): fc.Arbitrary<Interval> {
  return fc.tuple(bound(pool), bound(pool), fc.boolean(), fc.boolean()).map(([a, b, x, y]): Interval => {
    const [lo, hi] = a !== null && b !== null && a > b ? [b, a] : [a, b];
    return [lo, hi, lo !== null && x, hi !== null && y];
  });
}

function scalarTests<T extends string | number | boolean>(pool: readonly T[]): fc.Arbitrary<UnaryTest> {
  const values = fc.uniqueArray(fc.constantFrom(...pool), { minLength: 1, maxLength: 3 });
  return fc.oneof(
    fc.constantFrom(...pool).map((eq): UnaryTest => ({ eq })),
    values.map((v): UnaryTest => ({ in: v })),
    values.map((v): UnaryTest => ({ notIn: v })),
  );
}

function testFor(field: CheckedField): fc.Arbitrary<UnaryTest> {
  const type = field.type;
  const presence = fc.boolean().map((present): UnaryTest => ({ present }));
  const withPresence = (tests: fc.Arbitrary<UnaryTest>) => (field.optional ? fc.oneof({ weight: 4, arbitrary: tests }, { weight: 1, arbitrary: presence }) : tests);
  switch (type.kind) {
    case "bool":
      return withPresence(fc.oneof(fc.boolean().map((b): UnaryTest => ({ bool: b })), fc.boolean().map((eq): UnaryTest => ({ eq }))));
    case "int": {
      const pool = [...INT_POOL, 2.5];
      return withPresence(fc.oneof(scalarTests(pool), fc.array(interval(pool), { minLength: 1, maxLength: 2 }).map((range): UnaryTest => ({ range }))));
    }
    case "number":
      return withPresence(fc.oneof(scalarTests([...NUMBER_POOL]), fc.array(interval([...NUMBER_POOL]), { minLength: 1, maxLength: 2 }).map((range): UnaryTest => ({ range }))));
    case "string":
      return withPresence(scalarTests([...STRING_POOL]));
    case "enum":
      return withPresence(scalarTests([...type.members]));
    case "list": {
      const pool: (string | number)[] = type.element.kind === "int" ? [0, 1, 2] : type.element.kind === "enum" ? [...type.element.members] : ["x", "y"];
      const literal = fc.constantFrom(...pool);
      return withPresence(fc.oneof(literal.map((contains): UnaryTest => ({ contains })), literal.map((notContains): UnaryTest => ({ notContains }))));
    }
    case "record":
      return presence;
  }
}

export function arbitraryAtom(paths: ConditionPaths): fc.Arbitrary<CheckedCondition> {
  const leaf = fc.constantFrom(...paths.leaves).chain(({ path, field }) =>
    testFor(field).map((test): CheckedCondition => ({ kind: "test", path, test, span: spanAtLine(0) })),
  );
  if (paths.records.length === 0) return leaf;
  const record = fc
    .tuple(fc.constantFrom(...paths.records), fc.boolean())
    .map(([path, present]): CheckedCondition => ({ kind: "test", path, test: { present }, span: spanAtLine(0) }));
  return fc.oneof({ weight: 5, arbitrary: leaf }, { weight: 1, arbitrary: record });
}

/** A condition of depth at most `depth` over `paths`. */
export function arbitraryCondition(paths: ConditionPaths, depth = 2): fc.Arbitrary<CheckedCondition> {
  if (paths.leaves.length === 0) return fc.constantFrom<CheckedCondition>({ kind: "true" }, { kind: "false" });
  const atom = arbitraryAtom(paths);
  if (depth === 0) return atom;
  const sub = arbitraryCondition(paths, depth - 1);
  return fc.oneof(
    { weight: 6, arbitrary: atom },
    { weight: 2, arbitrary: fc.array(sub, { minLength: 2, maxLength: 3 }).map((operands): CheckedCondition => ({ kind: "and", operands })) },
    { weight: 2, arbitrary: fc.array(sub, { minLength: 2, maxLength: 3 }).map((operands): CheckedCondition => ({ kind: "or", operands })) },
    { weight: 1, arbitrary: sub.map((operand): CheckedCondition => ({ kind: "not", operand })) },
    { weight: 1, arbitrary: fc.constantFrom<CheckedCondition>({ kind: "true" }, { kind: "false" }) },
  );
}
