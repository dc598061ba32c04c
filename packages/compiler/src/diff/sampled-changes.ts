/**
 * The fallback half of a decision diff: when the exact comparison runs out of
 * budget, or a column changed type in a way no single domain can express,
 * changes are looked for by evaluating both versions on many contexts. The
 * contexts are built from representative values of every tested path (each
 * class of values the tests tell apart, absent included): first one aimed at
 * each row of either version, then random combinations from a fixed seed, so
 * the same two bundles always give the same report.
 *
 * Invariant: every change returned was observed with the runtime on its
 * witness; nothing is claimed about contexts that were not tried, which is
 * why callers say the comparison was sampled.
 */
import type { Column, DecisionTable, JsonValue, Runtime, UnaryTest } from "@scn/runtime";
import { canonicalJson } from "../bundle/canonical-json.js";
import { ABSENT } from "../semantics/context-value.js";
import { holds, representatives, type Probe } from "../boxes/test-algebra.js";
import { answerKey, answerView } from "./answer-view.js";
import type { ContextShape } from "../contexts/context-shape.js";
import { contextFrom } from "../contexts/witness.js";
import type { AnswerView, JsonObject } from "./diff-model.js";

/** Contexts tried per decision, targeted ones included. */
export const SAMPLE_COUNT = 4_096;

export interface SampledChange {
  readonly before: AnswerView;
  readonly after: AnswerView;
  readonly witness: JsonObject;
  readonly witnessValid: boolean;
}

export interface SampleResult {
  readonly changes: readonly SampledChange[];
  readonly samples: number;
}

interface Side {
  readonly table: DecisionTable;
  readonly runtime: Runtime;
}

/** A small deterministic generator (mulberry32), seeded from the decision's name. */
function generator(seed: string): () => number {
  let state = 0x9e3779b9;
  for (let i = 0; i < seed.length; i++) state = Math.imul(state ^ seed.charCodeAt(i), 0x85ebca6b) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface PathProbes {
  readonly path: string;
  readonly probes: readonly Probe[];
}

function testsByPath(table: DecisionTable): Map<string, { column: Column; tests: UnaryTest[] }> {
  const found = new Map<string, { column: Column; tests: UnaryTest[] }>();
  for (const row of table.rows) {
    for (const [key, test] of Object.entries(row.tests)) {
      const column = table.columns[Number(key)]!;
      const entry = found.get(column.path) ?? { column, tests: [] };
      entry.tests.push(test);
      found.set(column.path, entry);
    }
  }
  return found;
}

function pathProbes(sides: readonly Side[]): PathProbes[] {
  const byPath = new Map<string, Map<string, Probe>>();
  for (const side of sides) {
    for (const [path, { column, tests }] of testsByPath(side.table)) {
      const probes = representatives(column, tests) ?? [ABSENT, []];
      // A number column also gets fractions, which an int column of the other version reads as absent.
      const fractions = column.type === "number" ? probes.filter((p): p is number => typeof p === "number").map((v) => v + 0.5) : [];
      const known = byPath.get(path) ?? new Map<string, Probe>();
      for (const probe of [...probes, ...fractions]) known.set(probe === ABSENT ? "absent" : canonicalJson(probe), probe);
      byPath.set(path, known);
    }
  }
  return [...byPath].map(([path, probes]) => ({ path, probes: [...probes.values()] }));
}

/** Tests a row puts on `path`, across the columns that share it, with one of those columns. */
function rowTestsOn(table: DecisionTable, row: number, path: string): { column: Column; tests: UnaryTest[] } | null {
  const tests = table.rows[row]!.tests;
  const keys = Object.keys(tests).filter((key) => table.columns[Number(key)]!.path === path);
  if (keys.length === 0) return null;
  return { column: table.columns[Number(keys[0])]!, tests: keys.map((key) => tests[key] as UnaryTest) };
}

export function sampleChanges(name: string, before: Side, after: Side, shape: ContextShape | null, count: number = SAMPLE_COUNT): SampleResult {
  const random = generator(name);
  const paths = pathProbes([before, after]);
  const tested = paths.map((p) => p.path);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

  const plans: ((path: PathProbes) => Probe)[] = [];
  for (const side of [before, after]) {
    side.table.rows.forEach((_, row) => {
      plans.push((p) => {
        const own = rowTestsOn(side.table, row, p.path);
        if (own === null) return pick(p.probes);
        // The row's own literals give a handful of candidates, which is far cheaper than filtering every probe of the path.
        const candidates = representatives(own.column, own.tests) ?? p.probes;
        const fitting = candidates.filter((probe) => own.tests.every((t) => holds(t, probe)));
        return pick(fitting.length > 0 ? fitting : p.probes);
      });
    });
  }
  while (plans.length < count) plans.push((p) => pick(p.probes));

  const groups = new Map<string, SampledChange>();
  const order: string[] = [];
  let samples = 0;
  for (const plan of plans) {
    const values = new Map<string, JsonValue>();
    for (const p of paths) {
      const probe = plan(p);
      if (probe !== ABSENT) values.set(p.path, probe as JsonValue);
    }
    const context = contextFrom(values, tested, shape);
    samples++;
    const old = answerView(before.runtime.decide(name, context));
    const next = answerView(after.runtime.decide(name, context));
    const [oldKey, nextKey] = [answerKey(old), answerKey(next)];
    if (oldKey === nextKey) continue;
    const key = `${oldKey}\n${nextKey}`;
    const valid = after.runtime.validateContext(context).length === 0;
    const known = groups.get(key);
    if (known === undefined) order.push(key);
    if (known === undefined || (!known.witnessValid && valid)) groups.set(key, { before: old, after: next, witness: context, witnessValid: valid });
  }
  return { changes: order.map((key) => groups.get(key)!), samples };
}
