/**
 * The quick check of an encoded index (src/check-encoded-index.ts) accepts
 * only indexes that decoding them and checking their nodes one by one
 * (decode-table.ts, check-index.ts) accepts too, whatever the encoding
 * holds, and it accepts the indexes the compiler writes, so that loading
 * them never decodes their nodes.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { bundleDocument, encodeDecision, readBundle, type Bundle, type Column } from "@scn/runtime";
import { Problems, type Rec } from "../src/bundle-problems.js";
import { encodedIndexIsSound } from "../src/check-encoded-index.js";
import { checkIndex } from "../src/check-index.js";
import type { ColumnShape } from "../src/check-unary-test.js";
import { decodeIndex, decodeTable } from "../src/decode-table.js";
import { fixture } from "./support/fixtures.js";
import { randomBundle } from "./support/random-bundle.js";

const shapesOf = (columns: readonly Column[]): ColumnShape[] =>
  columns.map((column) => ({ type: column.type, scalar: column.type === "list" ? (column.element as ColumnShape["scalar"]) : (column.type as ColumnShape["scalar"]) }));

/** Whether the quick check accepts the table, and how many problems the node-by-node check finds; null when its tests or rows do not decode. */
function bothChecks(table: Rec, columns: readonly Column[]): { sound: boolean; problems: number } | null {
  const decoded = decodeTable(table, "", new Problems(), false);
  if (decoded === null) return null;
  const shapes = shapesOf(columns);
  const sound = encodedIndexIsSound(decoded.walker, decoded.tests, shapes, decoded.rows.length);
  const problems = new Problems();
  const index = decodeIndex(decoded.walker, decoded.tests, "", problems);
  if (index !== null) checkIndex(index as unknown as Rec, "", shapes, decoded.rows.length, problems);
  return { sound, problems: problems.count() };
}

describe("the quick check of an encoded index", () => {
  test("accepts only what the node-by-node check accepts, on random and randomly damaged indexes", () => {
    const damage = fc.array(fc.tuple(fc.nat(200), fc.constantFrom(-1, 0, 1, 2, 3, 4, 5, 7, 100)), { maxLength: 3 });
    let accepted = 0;
    fc.assert(
      fc.property(randomBundle, damage, (bundle, changes) => {
        const table = bundle.decisions["d"]!;
        const encoded = JSON.parse(JSON.stringify(encodeDecision(table))) as Rec & { nodes: number[] };
        for (const [position, value] of changes) if (encoded.nodes.length > 0) encoded.nodes[position % encoded.nodes.length] = value;
        const result = bothChecks(encoded, table.columns);
        if (result === null) return;
        if (result.sound) {
          accepted++;
          expect(result.problems).toBe(0);
        }
      }),
      { numRuns: 1500 },
    );
    // The property is not vacuous: many random indexes pass the quick check.
    expect(accepted).toBeGreaterThan(100);
  });

  // The examples' bundles as `scn build` writes them (test/baselines); the
  // fixtures are written by hand, root first, so the quick check leaves them
  // to the node-by-node one.
  test.each(["airline", "retail", "telecom"])("accepts the indexes the compiler wrote for examples/%s, whose bundle gives each index when asked", (example) => {
    const text = readFileSync(fileURLToPath(new URL(`../../../test/baselines/${example}/${example}.scn.json`, import.meta.url)), "utf8");
    const document = JSON.parse(text) as { decisions: Record<string, Rec & { columns: Column[] }> };
    for (const name of Object.keys(document.decisions)) {
      const decision = document.decisions[name]!;
      expect(bothChecks(decision["table"] as Rec, decision.columns)).toEqual({ sound: true, problems: 0 });
    }
    const read = readBundle(text).value!;
    for (const name of Object.keys(document.decisions)) {
      const table = document.decisions[name]!["table"] as Rec;
      const decoded = decodeTable(table, "", new Problems(), false)!;
      const index = read.decisions[name]!.index;
      expect(index).toEqual(decodeIndex(decoded.walker, decoded.tests, "", new Problems()));
      expect(index.nodes.length).toBeGreaterThan(0);
      // Asked twice, the same object.
      expect(read.decisions[name]!.index).toBe(index);
    }
  });

  test("leaves a hand-written index whose root comes first to the node-by-node check, which accepts it", () => {
    const document = JSON.parse(JSON.stringify(bundleDocument(fixture("returns") as Bundle))) as { decisions: Record<string, Rec & { columns: Column[] }> };
    const decision = document.decisions["store_returns"]!;
    expect(bothChecks(decision["table"] as Rec, decision.columns)).toEqual({ sound: false, problems: 0 });
    expect(readBundle(document).problems).toEqual([]);
  });
});
