/**
 * What the index builder knows while it descends (dag.ts): the table being
 * indexed, with each row's tests read once, and a *region* of input space —
 * the candidate rows that can still match there, in first-hit order, plus
 * what is known about the columns already dispatched on.
 */
import type { Column, Row, Scalar, UnaryTest } from "@scn/runtime";
import { canonicalJson } from "../../bundle/canonical-json.js";
import { testKey } from "../../boxes/test-algebra.js";

/** What is known about a list column after `test` nodes: its presence and some `contains` results. */
export interface ListFacts {
  readonly present: boolean | undefined;
  /** Canonical JSON of an element → whether the list contains it. */
  readonly has: ReadonlyMap<string, boolean>;
}

export interface Region {
  readonly candidates: readonly number[];
  /** Columns dispatched on by a `switch`, `split` or presence test: every candidate's test on them holds. */
  readonly done: ReadonlySet<number>;
  readonly facts: ReadonlyMap<number, ListFacts>;
}

/** A row's test on one column, with its canonical key. */
export interface KeyedTest {
  readonly test: UnaryTest;
  readonly key: string;
}

/** The table an index is built for. */
export class IndexTable {
  /** Each row's tests as [column, test] pairs, read once instead of at every node. */
  readonly tests: readonly (readonly [number, UnaryTest])[][];
  /**
   * Each row's tests keyed by column, with each test's canonical key: rows
   * repeat the same tests (every row of a scenario tests its situation), so
   * work per distinct test is memoized by that key.
   */
  readonly keyed: readonly ReadonlyMap<number, KeyedTest>[];

  constructor(
    readonly columns: readonly Column[],
    readonly rows: readonly Row[],
  ) {
    this.tests = rows.map((row) => Object.entries(row.tests).map(([key, test]) => [Number(key), test] as const));
    this.keyed = this.tests.map((tests) => new Map(tests.map(([column, test]) => [column, { test, key: testKey(test) }])));
  }

  /** Whether every test of row `candidate` except those on `except` is known to hold in `region`. */
  settled(region: Region, candidate: number, except: number): boolean {
    for (const [column, test] of this.tests[candidate] as (readonly [number, UnaryTest])[]) {
      if (column !== except && knownTruth(region, column, test) !== true) return false;
    }
    return true;
  }

  /** The candidates that can match once `facts` hold on list column `column`. */
  narrowByFacts(region: Region, column: number, facts: ListFacts): Region {
    const key = String(column);
    const allFacts = new Map(region.facts).set(column, facts);
    const kept = region.candidates.filter((candidate) => {
      const test = (this.rows[candidate] as Row).tests[key];
      return test === undefined || factTruth(facts, test) !== false;
    });
    return this.truncate({ candidates: kept, done: region.done, facts: allFacts });
  }

  /** Cuts the candidates after the first one whose tests are all known to hold: it always matches. */
  private truncate(region: Region): Region {
    const index = region.candidates.findIndex((candidate) => this.settled(region, candidate, -1));
    if (index < 0 || index === region.candidates.length - 1) return region;
    return { ...region, candidates: region.candidates.slice(0, index + 1) };
  }
}

/** Whether `test` on `column` is known to hold (true), known to fail (false), or open, for a candidate of `region`. */
export function knownTruth(region: Region, column: number, test: UnaryTest): boolean | undefined {
  if (region.done.has(column)) return true;
  const facts = region.facts.get(column);
  return facts === undefined ? undefined : factTruth(facts, test);
}

/** What the facts about a list column say about one test on it. */
function factTruth(facts: ListFacts, test: UnaryTest): boolean | undefined {
  const knownPresent = facts.present ?? ([...facts.has.values()].some((v) => v) ? true : undefined);
  if ("present" in test) return knownPresent === undefined ? undefined : knownPresent === test.present;
  if (knownPresent === false) return false;
  if ("contains" in test) return facts.has.get(canonicalJson(test.contains));
  if ("notContains" in test) {
    const has = facts.has.get(canonicalJson(test.notContains));
    if (has === true) return false;
    if (has === false && knownPresent === true) return true;
  }
  return undefined;
}

/** The facts on each branch of a `test` node with test `t`. */
export function learn(facts: ListFacts, t: UnaryTest): [ListFacts, ListFacts] {
  if ("present" in t) return [{ ...facts, present: true }, { ...facts, present: false }];
  const key = canonicalJson((t as { contains: Scalar }).contains);
  return [
    { present: true, has: new Map(facts.has).set(key, true) },
    { present: facts.present, has: new Map(facts.has).set(key, false) },
  ];
}

/** A key equal for equal regions, so the builder makes each region's node once. */
export function regionKey(region: Region): string {
  const facts = [...region.facts]
    .sort(([a], [b]) => a - b)
    .map(([column, f]) => `${column}:${String(f.present)}:${[...f.has].sort().map(([k, v]) => `${k}=${v}`).join(";")}`);
  return `${region.candidates.join(",")}|${[...region.done].sort((a, b) => a - b).join(",")}|${facts.join("/")}`;
}
