import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ABSENT, PinnedKeys, type Key } from "../src/boxes/pinned-keys.js";
import type { Box } from "../src/boxes/box.js";
import { atomCell, type Cell, type ColumnDomain } from "../src/boxes/cell.js";
import { cheapestKeyColumn, pinnedKeys } from "../src/boxes/union-index.js";
import { arbitraryBoxes, boxesOf, table } from "./arbitrary/boxes.js";

// The index builds its branches from PinnedKeys; cheapestKeyColumn and
// pinnedKeys, over the boxes themselves, are the definitions it must match.
describe("pinned keys", () => {
  it("choose the column cheapestKeyColumn chooses, for any subset of the boxes and any skipped columns", () => {
    fc.assert(
      fc.property(arbitraryBoxes(0, 40), fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }), fc.array(fc.nat(5), { maxLength: 3 }), fc.constantFrom(0.5, 0.75, 1), (specs, chosen, skipped, gain) => {
        const columns = table();
        const boxes = boxesOf(columns, specs);
        const keys = new PinnedKeys(columns, boxes);
        const positions = boxes.map((_, p) => p).filter((p) => chosen[p]);
        const skip = new Set(skipped);
        expect(keys.cheapestColumn(positions, gain, skip)).toBe(
          cheapestKeyColumn(
            columns,
            positions.map((p) => boxes[p]!),
            gain,
            skip,
          ),
        );
        // Counted twice over the same keys: stamps from one count must not leak into the next.
        expect(keys.cheapestColumn(positions, gain, skip)).toBe(keys.cheapestColumn([...positions], gain, skip));
      }),
      { numRuns: 1000 },
    );
  });

  it("list the positions pinning each key, and those pinning none, in order, as pinnedKeys gives the keys", () => {
    fc.assert(
      fc.property(arbitraryBoxes(0, 30), (specs) => {
        const columns = table();
        const boxes = boxesOf(columns, specs);
        const keys = new PinnedKeys(columns, boxes);
        for (let column = 0; column < columns.domains.length; column++) {
          const { open, keyed } = keys.positionsByKey(column);
          const pinned = boxes.map((box) => {
            const cell = box.get(column);
            return cell === undefined ? null : pinnedKeys(columns.domain(column), cell);
          });
          expect([...open]).toEqual(boxes.map((_, p) => p).filter((p) => pinned[p] === null));
          expect(keyed.length).toBe(keys.keyCount(column));
          const named = new Set(pinned.flatMap((list) => list ?? []));
          expect(named.size).toBe(keys.keyCount(column));
          for (const key of named) {
            const id = keys.keyId(column, key);
            expect(id).toBeGreaterThanOrEqual(0);
            expect([...keyed[id]!]).toEqual(boxes.map((_, p) => p).filter((p) => pinned[p]?.includes(key)));
          }
          expect(keys.keyId(column, "never named")).toBe(-1);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("list each box's keys on each column as pinnedKeys does, in its order", () => {
    fc.assert(
      fc.property(arbitraryBoxes(0, 30), (specs) => {
        const columns = table();
        const boxes = boxesOf(columns, specs);
        const keys = new PinnedKeys(columns, boxes);
        boxes.forEach((box, p) => {
          for (let column = 0; column < columns.domains.length; column++) {
            const cell = box.get(column);
            expect(keys.keys(p, column)).toEqual(cell === undefined ? null : pinnedKeys(columns.domain(column), cell));
          }
        });
      }),
      { numRuns: 500 },
    );
  });

  it("split boxes into buckets by key, in order of first appearance, as pinnedKeys says", () => {
    fc.assert(
      fc.property(arbitraryBoxes(0, 30), fc.nat(5), (specs, column) => {
        const columns = table();
        const boxes = boxesOf(columns, specs);
        const positions = boxes.map((_, p) => p);
        const buckets = new Map<unknown, number[]>();
        const open: number[] = [];
        for (const p of positions) {
          const cell = boxes[p]!.get(column);
          const keys = cell === undefined ? null : pinnedKeys(columns.domain(column), cell);
          if (keys === null) open.push(p);
          else for (const key of keys) buckets.set(key, [...(buckets.get(key) ?? []), p]);
        }
        const split = new PinnedKeys(columns, boxes).split(positions, column);
        expect([...split.buckets]).toEqual([...buckets]);
        expect(split.open).toEqual(open);
      }),
      { numRuns: 500 },
    );
  });

  it("of a finite cell are its values (absent first) when 1 to 16 in all, else none, however long the enum", () => {
    // The arbitrary boxes' enum has four members; a category enum of a
    // large program has hundreds, and a cell excluding a few of them holds
    // the rest: pinnedKeys tells it pins none before copying its values.
    const members = Array.from({ length: 40 }, (_, i) => `m${String(i).padStart(2, "0")}`);
    const domain: ColumnDomain = { kind: "enum", members };
    fc.assert(
      fc.property(fc.subarray(members), fc.boolean(), (values, absent) => {
        const cell: Cell = { absent, values: { kind: "finite", values } };
        const all: Key[] = absent ? [ABSENT, ...values] : [...values];
        expect(pinnedKeys(domain, cell)).toEqual(all.length > 0 && all.length <= 16 ? all : null);
      }),
      { numRuns: 2000 },
    );
  });

  it("list each box's keys as pinnedKeys does when the cells pin many keys each", () => {
    // The key ids are laid out in an array sized for one key per cell and
    // grown as needed: here the cells pin up to sixteen keys, so it grows.
    const columns = table();
    const [i, e] = [columns.indexOf("i"), columns.indexOf("e")];
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.uniqueArray(fc.integer({ min: -20, max: 20 }), { minLength: 1, maxLength: 15 }), fc.subarray(["a", "b", "c", "d"], { minLength: 1 })), { maxLength: 30 }), (specs) => {
        const boxes = specs.map(([ints, members]): Box => new Map([[i, atomCell(columns.domain(i), { in: ints })], [e, atomCell(columns.domain(e), { in: members })]]));
        const keys = new PinnedKeys(columns, boxes);
        boxes.forEach((box, p) => {
          for (const column of [i, e]) expect(keys.keys(p, column)).toEqual(pinnedKeys(columns.domain(column), box.get(column)!));
        });
      }),
      { numRuns: 300 },
    );
  });
});
