/**
 * Pruning asks a row's own point search before the questions about the rows
 * holding it (docs/optimizer.md#1-prune-unreachable-rows). The loop it
 * replaced asked each row's innermost holder first; both are checked here
 * to keep the same rows and to hand the conformance vectors the same
 * points, on random programs (whose scenarios' rows hold one another) and
 * random tables.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Row } from "@scn/runtime";
import { EVERYTHING, type Box } from "../src/boxes/box.js";
import { ColumnTable } from "../src/boxes/column-table.js";
import { COVERAGE_BUDGET, indexedCovered, indexedCoverage } from "../src/boxes/coverage.js";
import { GrowingUnion } from "../src/boxes/growing-union.js";
import { rowBox } from "../src/boxes/row-box.js";
import { UnionIndex } from "../src/boxes/union-index.js";
import type { LoweredDecision } from "../src/lower/lowered.js";
import { pruneUnreachableRows } from "../src/optimize/prune.js";
import { arbitraryProgram } from "./arbitrary/index.js";
import { loweredDecisions } from "./support/compile.js";
import { decisionArbitrary } from "./support/random-table.js";

/** The loop pruning had before: each row's innermost holder asked first, then the row itself. */
function pruneAskingHoldersFirst(decision: LoweredDecision, minimumOpen: number, reached: (row: number, piece: Box) => void): LoweredDecision {
  const table = ColumnTable.forBundleColumns(decision.columns);
  const boxes = decision.rows.map((row) => rowBox(table, decision.columns, row));
  const satisfiable = boxes.filter((b): b is Box => b !== null);
  const index = UnionIndex.over(table, satisfiable);
  const growing = GrowingUnion.over(table, index, [EVERYTHING], { minimumOpen });
  const kept = new Uint8Array(satisfiable.length);
  const alive = (position: number) => kept[position] === 1;
  const coverage = (box: Box, end: number) => indexedCoverage(table, box, index, { end, alive }, COVERAGE_BUDGET, growing);
  const covered = (box: Box, end: number) => indexedCovered(table, box, index, { end, alive }, COVERAGE_BUDGET, growing);
  const laterCovered = new Map<number, boolean>();
  const rows: Row[] = [];
  let position = 0;
  decision.rows.forEach((row, i) => {
    const box = boxes[i]!;
    if (box === null) return;
    const here = position++;
    const holder = index.dominatorOf(here);
    if (holder > here) {
      let known = laterCovered.get(holder);
      if (known === undefined) laterCovered.set(holder, (known = covered(satisfiable[holder]!, here)));
      if (known) return;
    }
    if (laterCovered.get(here) === true) return;
    const answer = coverage(box, here);
    if (answer.kind === "covered") return;
    if (answer.kind === "uncovered") reached(i, answer.piece);
    kept[here] = 1;
    rows.push(row);
  });
  return { ...decision, rows };
}

function samePruning(decision: LoweredDecision, minimumOpen: number): void {
  const expected = new Map<number, Box>();
  const before = pruneAskingHoldersFirst(decision, minimumOpen, (row, piece) => expected.set(row, piece));
  const found = new Map<number, Box>();
  const after = pruneUnreachableRows(decision, { minimumOpen, reached: (row, piece) => found.set(row, piece) });
  expect(after.rows).toEqual(before.rows);
  expect(after.rows.every((row, k) => row === before.rows[k])).toBe(true);
  expect([...found]).toEqual([...expected]);
}

describe("pruning by the row's point search before its holders", () => {
  it("keeps the rows the holder-first loop kept, with the same points, on random programs", () => {
    fc.assert(
      fc.property(arbitraryProgram(), fc.constantFrom(0, 400), (program, minimumOpen) => {
        for (const decision of loweredDecisions(program)) samePruning(decision, minimumOpen);
      }),
      { numRuns: 300 },
    );
  });

  it("keeps the rows the holder-first loop kept, with the same points, on random tables", () => {
    fc.assert(
      fc.property(decisionArbitrary, fc.constantFrom(0, 400), (decision, minimumOpen) => samePruning(decision, minimumOpen)),
      { numRuns: 500 },
    );
  });
});
