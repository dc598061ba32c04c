/**
 * The diff's contract on random pairs of programs: a program and a mutated
 * copy (a threshold moved, priorities swapped, a pathway removed, an output
 * changed, a scenario paused, scenarios reordered, an enum widened or turned
 * into a string, an int turned into a number, or nothing at all).
 *
 * - Soundness: every reported witness makes the reference interpreter give
 *   the change's `before` answer on the old program and its `after` answer
 *   on the new one, and a witness said to be valid is valid.
 * - Completeness (exact mode): a random context whose answer differs between
 *   the versions is covered by a reported change with exactly those answers,
 *   so "no change in behavior" means random contexts agree.
 * - Sampling finds nothing the exact comparison does not.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { CheckedCondition, CheckedField, CheckedProgram, CheckedScenario, CheckedType, JsonObject, UnaryTest } from "@scn/language";
import type { Answer } from "@scn/runtime";
import { compiledProgram } from "./support/compile.js";
import { interpret } from "../src/semantics/interpret.js";
import { canonicalJson } from "../src/bundle/canonical-json.js";
import { diffBundles, type AnswerView, type BundleDiff } from "../src/diff/index.js";
import { arbitraryContext, arbitraryProgram, isValidContext } from "./arbitrary/index.js";

const KINDS = ["threshold", "priority", "removePathway", "output", "pause", "reorder", "widenEnum", "enumToString", "intToNumber", "none"] as const;
type MutationKind = (typeof KINDS)[number];

interface Mutation {
  readonly kind: MutationKind;
  readonly pick: number;
  readonly shift: number;
}

const arbitraryMutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom(...KINDS),
  pick: fc.nat({ max: 1000 }),
  shift: fc.constantFrom(-10, -1, 1, 2, 10),
});

/** Rewrites the `n`-th test atom that `select` accepts (counting across the whole program). */
function rewriteAtoms(program: CheckedProgram, select: (test: UnaryTest, path: string) => boolean, rewrite: (test: UnaryTest) => UnaryTest, pick: number): CheckedProgram {
  let count = 0;
  const visit = (c: CheckedCondition, action: (c: Extract<CheckedCondition, { kind: "test" }>) => CheckedCondition): CheckedCondition => {
    switch (c.kind) {
      case "and":
      case "or":
        return { ...c, operands: c.operands.map((o) => visit(o, action)) };
      case "not":
        return { ...c, operand: visit(c.operand, action) };
      case "test":
        return select(c.test, c.path) ? action(c) : c;
      default:
        return c;
    }
  };
  const walk = (action: (c: Extract<CheckedCondition, { kind: "test" }>) => CheckedCondition) =>
    program.scenarios.map((s) => ({
      ...s,
      situation: visit(s.situation, action),
      pathways: s.pathways.map((p) => ({
        ...p,
        when: p.when === null ? null : visit(p.when, action),
        variations: p.variations.map((v) => ({ ...v, condition: visit(v.condition, action) })),
      })),
    }));
  walk((c) => {
    count++;
    return c;
  });
  if (count === 0) return program;
  const target = pick % count;
  let seen = 0;
  return { ...program, scenarios: walk((c) => (seen++ === target ? { ...c, test: rewrite(c.test) } : c)) };
}

function shiftNumbers(test: UnaryTest, shift: number): UnaryTest {
  if ("eq" in test && typeof test.eq === "number") return { eq: test.eq + shift };
  if ("range" in test) return { range: test.range.map(([lo, hi, a, b]) => [lo === null ? null : lo + shift, hi === null ? null : hi + shift, a, b]) };
  if ("in" in test) return { in: test.in.map((v) => (typeof v === "number" ? v + shift : v)) };
  return test;
}

const isNumeric = (test: UnaryTest) => ("eq" in test && typeof test.eq === "number") || "range" in test || ("in" in test && test.in.some((v) => typeof v === "number"));

/** Rewrites the `n`-th leaf field whose type `select` accepts; `then` may adjust the program for the retyped path. */
function retypeLeaf(
  program: CheckedProgram,
  select: (type: CheckedType) => boolean,
  retype: (type: CheckedType) => CheckedType,
  pick: number,
  then: (program: CheckedProgram, path: string) => CheckedProgram = (p) => p,
): CheckedProgram {
  const leaves: string[] = [];
  const collect = (fields: readonly CheckedField[], prefix: string) =>
    fields.forEach((f) => (f.type.kind === "record" ? collect(f.type.fields, `${prefix}${f.name}.`) : select(f.type) && leaves.push(prefix + f.name)));
  collect(program.context, "");
  if (leaves.length === 0) return program;
  const target = leaves[pick % leaves.length]!;
  const rewrite = (fields: readonly CheckedField[], prefix: string): CheckedField[] =>
    fields.map((f) => {
      if (f.type.kind === "record") return { ...f, type: { kind: "record", fields: rewrite(f.type.fields, `${prefix}${f.name}.`) } };
      return prefix + f.name === target ? { ...f, type: retype(f.type) } : f;
    });
  return then({ ...program, context: rewrite(program.context, "") }, target);
}

function withScenarios(program: CheckedProgram, scenarios: CheckedScenario[]): CheckedProgram {
  return { ...program, scenarios };
}

function mutate(program: CheckedProgram, m: Mutation): CheckedProgram {
  const scenarios = program.scenarios;
  const chosen = scenarios[m.pick % scenarios.length]!;
  const replace = (s: CheckedScenario) => withScenarios(program, scenarios.map((x) => (x === chosen ? s : x)));
  switch (m.kind) {
    case "threshold":
      return rewriteAtoms(program, isNumeric, (t) => shiftNumbers(t, m.shift), m.pick);
    case "priority": {
      const peers = scenarios.filter((s) => s.decision === chosen.decision && s !== chosen);
      const other = peers[m.pick % Math.max(peers.length, 1)];
      if (other === undefined || other.priority === chosen.priority) return replace({ ...chosen, priority: chosen.priority + 1 });
      return withScenarios(program, scenarios.map((s) => (s === chosen ? { ...s, priority: other.priority } : s === other ? { ...s, priority: chosen.priority } : s)));
    }
    case "removePathway": {
      if (chosen.pathways.length < 2) return replace({ ...chosen, status: "paused" });
      const drop = m.pick % chosen.pathways.length;
      return replace({ ...chosen, pathways: chosen.pathways.filter((_, i) => i !== drop) });
    }
    case "output": {
      const pathway = chosen.pathways[m.pick % chosen.pathways.length]!;
      const changed: JsonObject = { ...pathway.assignments, message: `changed${m.shift}` };
      return replace({ ...chosen, pathways: chosen.pathways.map((p) => (p === pathway ? { ...p, assignments: changed } : p)) });
    }
    case "pause":
      return replace({ ...chosen, status: chosen.status === "active" ? "paused" : "active" });
    case "reorder":
      return withScenarios(program, [...scenarios].reverse());
    case "widenEnum":
      // The new member only matters once a test names it: bundles spell `not in` on an enum as `in` the other members.
      return retypeLeaf(
        program,
        (t) => t.kind === "enum" && t.members.length < 4,
        (t) => ({ kind: "enum", members: [...(t.kind === "enum" ? t.members : []), "e"] }),
        m.pick,
        (widened, path) => rewriteAtoms(widened, (t, p) => p === path && ("eq" in t || "in" in t), (t) => ({ in: ["eq" in t ? t.eq : (t as { in: string[] }).in[0]!, "e"] }), m.pick),
      );
    case "enumToString":
      return retypeLeaf(program, (t) => t.kind === "enum", () => ({ kind: "string" }), m.pick);
    case "intToNumber":
      return retypeLeaf(program, (t) => t.kind === "int", () => ({ kind: "number" }), m.pick);
    case "none":
      return program;
  }
}

function view(answer: Answer): string {
  return canonicalJson({ reason: answer.reason, rule: answer.rule, output: answer.output });
}

function viewOf(answer: AnswerView): string {
  return canonicalJson({ reason: answer.reason, rule: answer.rule, output: answer.output });
}

function checkWitnesses(diff: BundleDiff, before: CheckedProgram, after: CheckedProgram): void {
  for (const decision of diff.decisions) {
    for (const change of decision.changes) {
      expect(viewOf(change.before)).not.toBe(viewOf(change.after));
      expect(view(interpret(before, decision.name, change.witness))).toBe(viewOf(change.before));
      expect(view(interpret(after, decision.name, change.witness))).toBe(viewOf(change.after));
      if (change.witnessValid) expect(isValidContext(after.context, change.witness)).toBe(true);
    }
  }
}

const cases = arbitraryProgram().chain((program) =>
  arbitraryMutation.chain((mutation) => {
    const mutated = mutate(program, mutation);
    return fc.tuple(
      fc.constant(program),
      fc.constant(mutated),
      fc.constant(mutation.kind),
      fc.array(fc.oneof(arbitraryContext(program), arbitraryContext(mutated)), { minLength: 1, maxLength: 25 }),
    );
  }),
);

describe("diff of a program and a mutated copy", () => {
  it("reports only real changes, with witnesses, and misses none that random contexts find", () => {
    fc.assert(
      fc.property(cases, ([before, after, , contexts]) => {
        const a = compiledProgram(before).bundle;
        const b = compiledProgram(after).bundle;
        const diff = diffBundles(a, b);
        checkWitnesses(diff, before, after);
        expect(diff.behaviorChanged).toBe(diff.decisions.some((d) => d.status !== "unchanged"));
        for (const decision of diff.decisions) {
          for (const context of contexts) {
            const old = view(interpret(before, decision.name, context));
            const next = view(interpret(after, decision.name, context));
            // Sampling promises nothing about contexts it did not try.
            if (old === next || decision.method !== "exact") continue;
            expect(decision.status).toBe("changed");
            expect(decision.changes.some((c) => viewOf(c.before) === old && viewOf(c.after) === next)).toBe(true);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it("finds by sampling only changes that the exact comparison finds too", () => {
    fc.assert(
      fc.property(cases, ([before, after]) => {
        const a = compiledProgram(before).bundle;
        const b = compiledProgram(after).bundle;
        const exact = diffBundles(a, b);
        const sampled = diffBundles(a, b, { budget: 0, samples: 300 });
        checkWitnesses(sampled, before, after);
        for (const decision of sampled.decisions) {
          const reference = exact.decisions.find((d) => d.name === decision.name)!;
          if (reference.method !== "exact") continue;
          if (reference.status === "unchanged") expect(decision.changes).toEqual([]);
          for (const change of decision.changes) {
            expect(decision.method).toBe("sampled");
            expect(decision.note).toContain("box operations");
            const key = viewOf(change.before) + viewOf(change.after);
            expect(reference.changes.map((c) => viewOf(c.before) + viewOf(c.after))).toContain(key);
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});
