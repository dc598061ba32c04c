/**
 * Which of a decision's candidates are worth trying for a context, by the
 * value of one path: a shortcut for the reference interpreter, which
 * otherwise tries every candidate's situation in turn (docs/language.md#111-candidates).
 *
 * A situation that is a test, or an `and` of operands among which is a test,
 * holds only when that test holds. When the test is `==` or `in` on strings
 * or booleans, it holds exactly when the path's typed value is one of a
 * known set of keys (an absent or wrongly typed value makes it false, as
 * every test but `present`: docs/language.md#117-absent-values-wrong-types-and-strict-mode).
 * So a candidate keyed on the indexed path whose keys do not include the
 * context's value has a false situation, and skipping it changes nothing:
 * conditions read the context and nothing else, so no evaluation depends on
 * whether another candidate's situation was evaluated.
 *
 * Invariant: for a context, the levels' `keyed` lists at its values and
 * `rest` together list, each in candidate order and none twice, every
 * candidate whose situation may hold; the candidates they leave out are
 * exactly those whose situation a key test makes false.
 */
import type { CheckedCondition } from "@scn/language";
import { ABSENT, type Absent, type TypedValue } from "./context-value.js";

/** The values an index keys on: string and boolean scalars, whose equality `Map` and `===` agree on. */
type Key = string | boolean;

/** One path of the index and, for each key, the candidates it holds that accept that key. */
export interface IndexLevel {
  readonly path: string;
  /** The candidates of this level accepting `value`, in candidate order (positions in the candidate list); empty for any other value. */
  keyed(value: TypedValue | Absent): readonly number[];
}

export interface SituationIndex {
  /**
   * The indexed paths, most-keyed first. Each candidate belongs to the first
   * level whose path its situation keys, or to none (then it is in `rest`).
   */
  readonly levels: readonly IndexLevel[];
  /** The candidates keyed on no level's path, in candidate order: tried whatever the context. */
  readonly rest: readonly number[];
}

function isKey(value: unknown): value is Key {
  return typeof value === "string" || typeof value === "boolean";
}

/**
 * The keys each path must take for a situation to hold, from the tests among
 * its `and` operands (nested `and`s included); a path tested twice must meet
 * both tests, so its keys are the intersection. Paths without such a test are
 * absent from the map.
 */
export function situationKeys(situation: CheckedCondition): Map<string, Set<Key>> {
  const keys = new Map<string, Set<Key>>();
  const visit = (condition: CheckedCondition): void => {
    if (condition.kind === "and") {
      for (const operand of condition.operands) visit(operand);
      return;
    }
    if (condition.kind !== "test") return;
    const { test } = condition;
    let own: readonly unknown[];
    if ("eq" in test) own = [test.eq];
    else if ("in" in test) own = test.in;
    else return;
    // A number key would need `===` and `includes` (SameValueZero) to agree with Map's lookup, so numbers are not indexed.
    if (!own.every(isKey)) return;
    const known = keys.get(condition.path);
    keys.set(condition.path, new Set(known === undefined ? own : own.filter((key) => known.has(key))));
  };
  visit(situation);
  return keys;
}

const NONE: readonly number[] = [];

/** How many paths an index keeps at most: past the first few, what is left is too small to be worth another read per context. */
const MOST_LEVELS = 4;

/**
 * The index of a decision's candidates, given their situations in candidate
 * order. The candidates to try for a context are each level's `keyed` list
 * for the context's value at the level's path, merged with `rest` in
 * candidate order; keeping them apart costs the index one entry per key a
 * candidate accepts, rather than `rest` again for every key.
 */
export function situationIndex(situations: readonly CheckedCondition[]): SituationIndex {
  const keyed = situations.map(situationKeys);
  const levels: IndexLevel[] = [];
  let rest = situations.map((_, i) => i);
  while (levels.length < MOST_LEVELS) {
    // The path keying the most candidates left narrows the most tries; ties go to the path met first, so the index is deterministic.
    const counts = new Map<string, number>();
    for (const i of rest) for (const path of (keyed[i] as Map<string, Set<Key>>).keys()) counts.set(path, (counts.get(path) ?? 0) + 1);
    let path: string | null = null;
    let best = 0;
    for (const [candidate, count] of counts) {
      if (count > best) [path, best] = [candidate, count];
    }
    if (path === null) break;
    const byKey = new Map<Key, number[]>();
    const left: number[] = [];
    for (const i of rest) {
      const own = (keyed[i] as Map<string, Set<Key>>).get(path);
      if (own === undefined) {
        left.push(i);
        continue;
      }
      for (const key of own) {
        const list = byKey.get(key);
        if (list === undefined) byKey.set(key, [i]);
        else list.push(i);
      }
    }
    levels.push({ path, keyed: (value) => (value !== ABSENT && isKey(value) ? (byKey.get(value) ?? NONE) : NONE) });
    rest = left;
  }
  return { levels, rest };
}
