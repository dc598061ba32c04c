import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { Row } from "@scn/runtime";
import { mergeGroups, mergeRowsTraced, RowSignatures, rowsSharingAnOutcome } from "../src/optimize/merge-rows.js";
import { testKey } from "../src/boxes/test-algebra.js";
import { decisionArbitrary } from "./support/random-table.js";

/**
 * The plain grouping the optimized one must match: every row keyed by its
 * outcome and its tests on every column but `key`, groups in the order their
 * first row appears, singletons dropped (they have no partner to merge with).
 */
function plainGroups(rows: readonly (Row | null)[], key: string): number[][] {
  const groups = new Map<string, number[]>();
  rows.forEach((row, position) => {
    if (row === null) return;
    const others = Object.entries(row.tests)
      .filter(([k]) => k !== key)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, test]) => `${k}=${testKey(test)}`);
    const signature = `${row.outcome}|${others.join("|")}`;
    groups.set(signature, [...(groups.get(signature) ?? []), position]);
  });
  return [...groups.values()].filter((positions) => positions.length > 1);
}

describe("merge groups", () => {
  it("are the plain grouping by outcome and other tests, in first-row order, with merged-away rows left out", () => {
    const cases = decisionArbitrary.chain((decision) =>
      fc.tuple(fc.constant(decision), fc.array(fc.boolean(), { minLength: decision.rows.length, maxLength: decision.rows.length })),
    );
    fc.assert(
      fc.property(cases, ([decision, gone]) => {
        const rows = decision.rows.map((row, i) => (gone[i] ? null : row));
        const candidates = rowsSharingAnOutcome(rows);
        decision.columns.forEach((_, index) => {
          expect(mergeGroups(rows, candidates, String(index))).toEqual(plainGroups(rows, String(index)));
        });
      }),
      { numRuns: 500 },
    );
  });

  it("are the plain grouping when many rows share an outcome", () => {
    // Grouping scans the groups of an outcome of a few rows and looks them
    // up by hash in one of many: copies of a random table's rows with two
    // outcomes between them give outcomes of up to 56 rows, many in groups.
    const cases = decisionArbitrary.chain((decision) => fc.tuple(fc.constant(decision), fc.integer({ min: 1, max: 4 }), fc.array(fc.boolean(), { maxLength: 56 })));
    fc.assert(
      fc.property(cases, ([decision, copies, gone]) => {
        const rows: (Row | null)[] = Array.from({ length: copies }, () => decision.rows.map((row) => ({ ...row, outcome: row.outcome % 2 }))).flat();
        gone.forEach((drop, i) => {
          if (drop && i < rows.length && i % 3 === 0) rows[i] = null;
        });
        const candidates = rowsSharingAnOutcome(rows);
        decision.columns.forEach((_, index) => {
          expect(mergeGroups(rows, candidates, String(index))).toEqual(plainGroups(rows, String(index)));
        });
      }),
      { numRuns: 300 },
    );
  });

  it("are the plain grouping when one set of signatures serves every column while rows are replaced, as merging does", () => {
    // Merging replaces a row by a new object (its merged copy) or by null
    // between the columns it groups on, and keeps the signatures it made of
    // the rows left as they were.
    const cases = decisionArbitrary.chain((decision) =>
      fc.tuple(
        fc.constant(decision),
        fc.array(fc.tuple(fc.nat({ max: 2 }), fc.nat(), fc.nat()), { minLength: decision.columns.length, maxLength: decision.columns.length }),
      ),
    );
    fc.assert(
      fc.property(cases, ([decision, changes]) => {
        const rows: (Row | null)[] = [...decision.rows];
        const candidates = rowsSharingAnOutcome(rows);
        const signatures = new RowSignatures();
        decision.columns.forEach((_, index) => {
          expect(mergeGroups(rows, candidates, String(index), signatures)).toEqual(plainGroups(rows, String(index)));
          const [kind, at, from] = changes[index] as [number, number, number];
          const position = at % rows.length;
          const row = rows[position];
          if (row === null || row === undefined) return;
          if (kind === 0) rows[position] = null;
          else if (kind === 1) {
            // Another row's tests on one column taken over, as a merged row takes the union's.
            const other = decision.rows[from % decision.rows.length] as Row;
            const column = Object.keys(other.tests)[0];
            const tests = { ...row.tests };
            if (column === undefined) delete tests[String(index)];
            else tests[column] = other.tests[column]!;
            rows[position] = { ...row, tests };
          }
        });
      }),
      { numRuns: 500 },
    );
  });

  it("leave out every row whose outcome no other row has", () => {
    fc.assert(
      fc.property(decisionArbitrary, (decision) => {
        const candidates = rowsSharingAnOutcome(decision.rows).flat();
        decision.rows.forEach((row, position) => {
          const shared = decision.rows.some((other, j) => j !== position && other.outcome === row.outcome);
          expect(candidates.includes(position)).toBe(shared);
        });
      }),
    );
  });
});

describe("merging", () => {
  it("leaves its input's rows as they were, since it works on them rather than on copies", () => {
    // Merging starts from the input's rows themselves (docs/optimizer.md#2-merge-rows):
    // a merge must make a new row and a new map of tests, never write into the rows it merges.
    let merges = 0;
    fc.assert(
      fc.property(decisionArbitrary, (decision) => {
        const before = structuredClone(decision.rows);
        const { decision: merged } = mergeRowsTraced(decision);
        merges += decision.rows.length - merged.rows.length;
        expect(decision.rows).toEqual(before);
      }),
      { numRuns: 500 },
    );
    // The property says nothing unless some tables merge.
    expect(merges).toBeGreaterThan(0);
  });
});
