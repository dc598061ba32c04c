import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EVERYTHING, boxesMeet, type Box } from "../src/boxes/box.js";
import { atomCell, type Cell } from "../src/boxes/cell.js";
import { ColumnTable } from "../src/boxes/column-table.js";
import { coverage } from "../src/boxes/coverage.js";
import { ComplementTree, ascendingOrder, splitOrder } from "../src/boxes/complement-tree.js";
import { arbitraryBoxSpec, arbitraryBoxes, boxesOf, buildBox, table } from "./arbitrary/boxes.js";

/**
 * The complement tree splits a leaf along a subtracted box's finite cells
 * before its intervals (docs/analysis.md#the-union-so-far-shadowing-and-pruning-in-linear-time):
 * the leaves are the same contexts in any order, and fewer this way.
 */
describe("the complement tree's split order", () => {
  it("lists each column of the box once, finite cells first, each kind in ascending order", () => {
    const columns = table();
    fc.assert(
      fc.property(arbitraryBoxSpec, (spec) => {
        const box = buildBox(columns, spec);
        if (box === null) return;
        const order = splitOrder(box);
        expect([...order].sort((a, b) => a - b)).toEqual([...box.keys()].sort((a, b) => a - b));
        const isRange = (column: number) => box.get(column)!.values.kind === "ranges";
        const finite = order.filter((column) => !isRange(column));
        expect(order).toEqual([...finite, ...order.filter(isRange)]);
        expect(finite).toEqual([...finite].sort((a, b) => a - b));
        expect(order.filter(isRange)).toEqual(order.filter(isRange).sort((a, b) => a - b));
      }),
      { numRuns: 500 },
    );
  });

  it("leaves exactly the universe less the folded boxes, in disjoint leaves, in either order", () => {
    fc.assert(
      fc.property(arbitraryBoxes(0, 12), fc.array(arbitraryBoxSpec, { minLength: 1, maxLength: 6 }), fc.boolean(), (specs, querySpecs, finiteFirst) => {
        const columns = table();
        const tree = new ComplementTree(columns, [EVERYTHING], finiteFirst ? splitOrder : ascendingOrder);
        const folded = boxesOf(columns, specs);
        for (const box of folded) tree.subtract(box);
        const leaves = tree.meeting(EVERYTHING);
        expect(leaves.length).toBe(tree.size);
        leaves.forEach((leaf, i) => leaves.forEach((other, j) => expect(i === j || !boxesMeet(columns, leaf, other)).toBe(true)));
        for (const spec of querySpecs) {
          const query = buildBox(columns, spec);
          if (query === null) continue;
          expect(coverage(columns, query, [...folded, ...leaves]).kind).toBe("covered");
          for (const leaf of leaves) for (const box of folded) expect(boxesMeet(columns, leaf, box)).toBe(false);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("keeps the complement of boxes with repeated keys and their own bounds small", () => {
    // As on the benchmark's programs: an interval column before two enum
    // columns, and boxes that pin a key of each with bounds of their own.
    const keys = ["a", "b", "c", "d"];
    const columns = ColumnTable.forBundleColumns([
      { path: "spend", type: "number" },
      { path: "tier", type: "enum", values: keys },
      { path: "region", type: "enum", values: keys },
    ]);
    const [spend, tier, region] = ["spend", "tier", "region"].map((path) => columns.indexOf(path)) as [number, number, number];
    const fold = (order: (box: Box) => number[]): number => {
      const tree = new ComplementTree(columns, [EVERYTHING], order);
      for (let k = 0; k < 40; k++) {
        const box = new Map<number, Cell>([
          [spend, atomCell(columns.domain(spend), { range: [[k * 7, k * 7 + 30, true, false]] })],
          [tier, atomCell(columns.domain(tier), { eq: keys[k % 4]! })],
          [region, atomCell(columns.domain(region), { eq: keys[(k * 3) % 4]! })],
        ]) as Box;
        tree.subtract(box);
      }
      return tree.size;
    };
    // Cut along the keys first, they leave 9 leaves; along the spend first, 198.
    expect(fold(splitOrder)).toBeLessThanOrEqual(20);
    expect(fold(ascendingOrder)).toBeGreaterThan(100);
  });
});

/**
 * A split whose inside a later box empties leaves a guard holding its
 * outside's cells (docs/analysis.md#keeping-each-step-cheap), so that a
 * walk stays out of leaves its box cannot meet, as the split did.
 */
describe("the complement tree's guards", () => {
  it("keep a walk out of the leaves an emptied split told apart from the box", () => {
    const columns = ColumnTable.forBundleColumns([
      { path: "spend", type: "number" },
      { path: "tier", type: "enum", values: ["a", "b", "c"] },
      { path: "channel", type: "enum", values: ["w", "x"] },
    ]);
    const [spend, tier, channel] = ["spend", "tier", "channel"].map((path) => columns.indexOf(path)) as [number, number, number];
    const box = (cells: Record<number, Parameters<typeof atomCell>[1]>): Box => new Map(Object.entries(cells).map(([column, test]) => [Number(column), atomCell(columns.domain(Number(column)), test)])) as Box;
    const tree = new ComplementTree(columns, [EVERYTHING]);
    // A split on the tier inside spend 0..10: tier a (less channel w) inside, the other tiers outside.
    tree.subtract(box({ [spend]: { range: [[0, 10, true, false]] }, [tier]: { eq: "a" }, [channel]: { eq: "w" } }));
    // The outside split again on the spend, so that it is a subtree rather than a leaf.
    tree.subtract(box({ [spend]: { range: [[0, 5, true, false]] }, [tier]: { eq: "b" } }));
    // The inside emptied: the split is gone, and a guard keeps what it knew of the other tiers.
    tree.subtract(box({ [spend]: { range: [[0, 10, true, false]] }, [tier]: { eq: "a" } }));
    const query = box({ [spend]: { range: [[0, 10, true, false]] }, [tier]: { eq: "a" } });
    expect(tree.meeting(query)).toEqual([]);
    // Without the guard the walk went down to both leaves of the other tiers, to find neither meets the box.
    expect(tree.eachMeeting(query, () => false)).toBe(0);
    const other = box({ [spend]: { range: [[0, 10, true, false]] }, [tier]: { eq: "c" } });
    expect(tree.meeting(other)).toHaveLength(2);
    expect(tree.eachMeeting(other, () => false)).toBe(2);
  });
});
