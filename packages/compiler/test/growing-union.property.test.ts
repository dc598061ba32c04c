import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EVERYTHING, boxWithin, boxesMeet, intersectBoxes, type Box } from "../src/boxes/box.js";
import { atomCell } from "../src/boxes/cell.js";
import { coverage } from "../src/boxes/coverage.js";
import { ComplementTree } from "../src/boxes/complement-tree.js";
import { GrowingUnion } from "../src/boxes/growing-union.js";
import { UnionIndex } from "../src/boxes/union-index.js";
import { DEEP, arbitraryBoxSpec, arbitraryBoxes, boxesOf, buildBox, table } from "./arbitrary/boxes.js";

/** A small complement limit, so that the structure also gives up sometimes. */
const EAGER = { complementLimit: 60 };

const ENUM = ["a", "b", "c", "d"] as const;

describe("growing union", () => {
  // Pinned on the enum column, every cell of the dispatch column pins keys
  // (the full one too: four members and absent); pinned on the string
  // column, a piece open there, or excluding a few strings, is asked about
  // the strings no pinned box of the window names and then one named
  // string at a time, which is the path pieces of `wide`'s category take.
  it.each([
    ["e", ENUM],
    ["s", ["x", "y", "z", "w"]],
  ] as const)("answers each question of a growing window as the exact search over the window's boxes does (most boxes pinned on %s)", (dispatch, members) => {
    fc.assert(
      fc.property(
        arbitraryBoxes(0, 50),
        fc.array(fc.option(fc.constantFrom(...members), { nil: null }), { minLength: 50, maxLength: 50 }),
        fc.option(arbitraryBoxSpec, { nil: null }),
        fc.array(fc.tuple(fc.nat(60), arbitraryBoxSpec), { minLength: 1, maxLength: 8 }),
        fc.array(fc.boolean(), { minLength: 50, maxLength: 50 }),
        (specs, keys, universeSpec, questions, dropWhenCovered) => {
          const columns = table();
          const e = columns.indexOf(dispatch);
          // Most boxes pin the column to one member, so that it is often the dispatch column.
          const pinned = boxesOf(columns, specs).map((box, p): Box => (keys[p] ? new Map(box).set(e, atomCell(columns.domain(e), { eq: keys[p] })) : box));
          // Some boxes come right after a narrower copy of themselves, as a scenario's last row follows its other rows.
          const boxes = pinned.flatMap((box, p) => {
            const narrower = p % 3 === 0 ? intersectBoxes(columns, box, pinned[(p + 1) % pinned.length]!) : null;
            return narrower === null ? [box] : [narrower, box];
          });
          const universe = universeSpec === null ? EVERYTHING : buildBox(columns, universeSpec);
          if (universe === null) return;
          // `alive` leaves out only boxes that the kept boxes before them cover, as pruning and shadowing do.
          const kept = boxes.map(() => true);
          boxes.forEach((box, p) => {
            const before = boxes.slice(0, p).filter((_, q) => kept[q]);
            if (dropWhenCovered[p] && coverage(columns, box, before).kind === "covered") kept[p] = false;
          });
          const growing = GrowingUnion.over(columns, UnionIndex.over(columns, boxes, DEEP), [universe], EAGER);
          // The same union for a caller that reads only verdicts (the analysis), asked the same questions.
          const verdicts = GrowingUnion.over(columns, UnionIndex.over(columns, boxes, DEEP), [universe], { ...EAGER, verdictsOnly: true });
          const ordered = [...questions].sort((a, b) => a[0] - b[0]);
          // Each question is followed by one about a box inside it with the
          // same window, as pruning asks about a scenario's rows after its
          // situation row (the leaves found for the first are reused).
          const asks = ordered.flatMap(([end, spec], k): [number, Box | null][] => {
            const asked = buildBox(columns, spec);
            const box = asked === null ? null : intersectBoxes(columns, asked, universe);
            const next = buildBox(columns, ordered[(k + 1) % ordered.length]![1]);
            return [
              [end, box],
              [end, box === null || next === null ? null : intersectBoxes(columns, box, next)],
            ];
          });
          for (const [end, box] of asks) {
            if (box === null) continue;
            const window = { end, alive: (p: number) => kept[p] === true };
            const union = boxes.slice(0, end);
            const exact = coverage(columns, box, union);
            // The cheap answer is only ever "covered", and only when it is.
            if (growing.coveredByOpen(box, window) && exact.kind !== "unknown") expect(exact.kind).toBe("covered");
            const verdict = verdicts.coverage(box, window, 20_000);
            const answer = growing.coverage(box, window, 20_000);
            if (verdict !== null && exact.kind !== "unknown") expect(verdict.kind).toBe(exact.kind);
            if (verdict?.kind === "uncovered") {
              expect(boxWithin(columns, verdict.piece, box)).toBe(true);
              for (const other of union) expect(boxesMeet(columns, verdict.piece, other)).toBe(false);
            }
            if (answer === null) continue;
            if (exact.kind !== "unknown") expect(answer.kind).toBe(exact.kind);
            if (answer.kind === "uncovered") {
              expect(boxWithin(columns, answer.piece, box)).toBe(true);
              for (const other of union) expect(boxesMeet(columns, answer.piece, other)).toBe(false);
            }
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it("answers from the complement of the open boxes and the few pinned boxes of a key", () => {
    const columns = table();
    const [e, i] = [columns.indexOf("e"), columns.indexOf("i")];
    const pin = (eq: string) => atomCell(columns.domain(e), { eq });
    const upTo = (hi: number) => atomCell(columns.domain(i), { range: [[null, hi, false, true]] });
    // Boxes pinning a member below 3, 5, 7, … on `i`, then one open box taking `i` from 10 on.
    const boxes: Box[] = ENUM.flatMap((member) => [3, 5, 7].map((hi): Box => new Map([[e, pin(member)], [i, upTo(hi)]])));
    boxes.push(new Map([[i, atomCell(columns.domain(i), { range: [[10, null, true, false]] })]]));
    const growing = GrowingUnion.over(columns, UnionIndex.over(columns, boxes), [EVERYTHING], EAGER);
    const present = (hi: number): Box => new Map([[e, pin("b")], [i, atomCell(columns.domain(i), { range: [[null, hi, false, true]] })]]);
    expect(growing.coverage(present(7), { end: boxes.length - 1 }, 20_000)?.kind).toBe("covered");
    expect(growing.coverage(present(8), { end: boxes.length - 1 }, 20_000)?.kind).toBe("uncovered");
    const wide: Box = new Map([[e, pin("c")], [i, atomCell(columns.domain(i), { range: [[-5, 30, true, true]] })]]);
    expect(growing.coverage(wide, { end: boxes.length }, 20_000)?.kind).toBe("uncovered");
    const gapless: Box = new Map([[e, pin("c")], [i, atomCell(columns.domain(i), { in: [1, 11, 20] })]]);
    expect(growing.coverage(gapless, { end: boxes.length }, 20_000)?.kind).toBe("covered");
    // A shorter window than the one already folded is left to the caller.
    expect(growing.coverage(gapless, { end: 2 }, 20_000)).toBeNull();
  });
});

describe("the complement tree", () => {
  it("lists exactly the leaves that meet a box, in the order of all its leaves, and its leaves are the universe less the folded boxes", () => {
    fc.assert(
      fc.property(arbitraryBoxes(0, 12), fc.array(arbitraryBoxSpec, { minLength: 1, maxLength: 6 }), (specs, querySpecs) => {
        const columns = table();
        const tree = new ComplementTree(columns, [EVERYTHING]);
        const folded = boxesOf(columns, specs);
        for (const box of folded) tree.subtract(box);
        const leaves = tree.meeting(EVERYTHING);
        expect(leaves.length).toBe(tree.size);
        for (const spec of querySpecs) {
          const query = buildBox(columns, spec);
          if (query === null) continue;
          expect(tree.meeting(query)).toEqual(leaves.filter((leaf) => boxesMeet(columns, leaf, query)));
          // The leaves cover what the folded boxes leave of the query, and nothing they hold.
          expect(coverage(columns, query, [...folded, ...leaves]).kind).toBe("covered");
          for (const leaf of leaves) for (const box of folded) expect(boxesMeet(columns, leaf, box)).toBe(false);
        }
      }),
      { numRuns: 200 },
    );
  });
});
