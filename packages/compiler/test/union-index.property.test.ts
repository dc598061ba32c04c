import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { boxWithin, boxesMeet, type Box } from "../src/boxes/box.js";
import { atomCell, cellHoldsValue, cellWithin, complementCell, pointValue, type Cell } from "../src/boxes/cell.js";
import { coverage, indexedCoverage, subtractionCoverage } from "../src/boxes/coverage.js";
import { coverageOfMany } from "../src/boxes/many-coverage.js";
import { findUncoveredPoint } from "../src/boxes/point-search.js";
import { ScannedUnion } from "../src/boxes/scanned-union.js";
import { UnionIndex } from "../src/boxes/union-index.js";
import { DEEP, arbitraryBoxSpec, arbitraryBoxes, arbitraryPoint, arbitraryWindow, boxesOf, buildBox, inWindow, pointBox, table } from "./arbitrary/boxes.js";

describe("union index", () => {
  it("a point's value lies in a cell exactly when the point's cell does", () => {
    // The index tests points by their values; containment of cells is the reference.
    const odd: Record<string, Cell[]> = { i: [{ absent: false, values: { kind: "ranges", intervals: [[0.5, 0.5, true, true]] } }], n: [], b: [], e: [], s: [], l: [] };
    fc.assert(
      fc.property(arbitraryBoxSpec, arbitraryPoint, (spec, raw) => {
        const columns = table();
        const box = buildBox(columns, spec);
        if (box === null) return;
        for (const [path, pointCell] of Object.entries(raw)) {
          const column = columns.indexOf(path);
          const cell = box.get(column);
          if (cell === undefined) continue;
          for (const candidate of [pointCell, ...odd[path]!]) {
            const value = pointValue(candidate);
            if (value === undefined) continue;
            expect(cellHoldsValue(columns.domain(column), cell, value)).toBe(cellWithin(columns.domain(column), candidate, cell));
          }
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("candidate lists hold every box of the window that meets the query, in order, once", () => {
    fc.assert(
      fc.property(arbitraryBoxes(0, 60), arbitraryBoxSpec, (specs, querySpec) => {
        const columns = table();
        const boxes = boxesOf(columns, specs);
        const query = buildBox(columns, querySpec);
        if (query === null) return;
        const index = UnionIndex.over(columns, boxes, DEEP);
        for (const window of fc.sample(arbitraryWindow(boxes.length), { numRuns: 3, seed: boxes.length })) {
          const allowed = inWindow(window, boxes.length);
          const found = index.candidatePositions([query], window);
          expect(found).toEqual([...new Set(found)].sort((a, b) => a - b));
          for (const p of found) expect(allowed).toContain(p);
          for (const p of allowed) if (boxesMeet(columns, query, boxes[p]!)) expect(found).toContain(p);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("a scan visits, in order and until told to stop, every position of the window that meets the queries", () => {
    fc.assert(
      fc.property(arbitraryBoxes(0, 60), fc.array(arbitraryBoxSpec, { minLength: 1, maxLength: 3 }), fc.nat(70), (specs, querySpecs, stopAfter) => {
        const columns = table();
        const boxes = boxesOf(columns, specs);
        const queries = boxesOf(columns, querySpecs);
        const index = UnionIndex.over(columns, boxes, DEEP);
        for (const window of fc.sample(arbitraryWindow(boxes.length), { numRuns: 3, seed: boxes.length })) {
          const allowed = inWindow(window, boxes.length);
          const meeting = allowed.filter((p) => queries.some((query) => boxesMeet(columns, query, boxes[p]!)));
          const visited: number[] = [];
          const stopped = index.scanCandidates(queries, window, (p) => {
            visited.push(p);
            return visited.length > stopAfter;
          });
          expect(visited).toEqual([...new Set(visited)].sort((a, b) => a - b));
          for (const p of visited) expect(allowed).toContain(p);
          // Up to where it stopped, it saw every meeting position; it stops exactly when told to.
          const last = visited[visited.length - 1] ?? -1;
          for (const p of meeting) if (!stopped || p <= last) expect(visited).toContain(p);
          expect(stopped).toBe(visited.length > stopAfter);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("a point query finds a containing box exactly when one exists", () => {
    fc.assert(
      fc.property(arbitraryBoxes(0, 60), fc.array(arbitraryPoint, { minLength: 1, maxLength: 8 }), (specs, points) => {
        const columns = table();
        const boxes = boxesOf(columns, specs);
        const index = UnionIndex.over(columns, boxes, DEEP);
        const scanned = new ScannedUnion(columns, boxes);
        for (const raw of points) {
          const point = pointBox(columns, raw);
          for (const window of [{}, { start: 1, end: Math.max(1, boxes.length - 1) }, { alive: (p: number) => p % 2 === 0 }]) {
            const expected = inWindow(window, boxes.length).some((p) => boxWithin(columns, point, boxes[p]!));
            for (const union of [index, scanned]) {
              const hit = union.containing(point, window);
              expect(hit !== null).toBe(expected);
              if (hit !== null) {
                expect(inWindow(window, boxes.length)).toContain(hit);
                expect(boxWithin(columns, point, boxes[hit]!)).toBe(true);
              }
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it("a point the search finds lies in the box and outside every box of the window", () => {
    fc.assert(
      fc.property(arbitraryBoxes(0, 40), arbitraryBoxSpec, (specs, querySpec) => {
        const columns = table();
        const boxes = boxesOf(columns, specs);
        const query = buildBox(columns, querySpec);
        if (query === null) return;
        const index = UnionIndex.over(columns, boxes, DEEP);
        const window = { end: Math.ceil(boxes.length / 2) + 1, alive: (p: number) => p % 3 !== 1 };
        const union = inWindow(window, boxes.length).map((p) => boxes[p]!);
        const point = findUncoveredPoint(columns, query, index, window);
        const exact = coverage(columns, query, union);
        if (point !== null) {
          expect(boxWithin(columns, point, query)).toBe(true);
          for (const other of union) expect(boxesMeet(columns, point, other)).toBe(false);
          expect(exact.kind).not.toBe("covered");
        }
        // The fast path never changes a decided verdict.
        const fast = indexedCoverage(columns, query, index, window);
        if (exact.kind !== "unknown" && fast.kind !== "unknown") expect(fast.kind).toBe(exact.kind);
        if (fast.kind === "uncovered") for (const other of union) expect(boxesMeet(columns, fast.piece, other)).toBe(false);
      }),
      { numRuns: 400 },
    );
  });

  it("the search for many meeting boxes gives the subtraction search's verdict, with a piece outside the union", () => {
    fc.assert(
      fc.property(arbitraryBoxes(17, 60), arbitraryBoxSpec, (specs, querySpec) => {
        const columns = table();
        const query = buildBox(columns, querySpec);
        if (query === null) return;
        const meeting = boxesOf(columns, specs).filter((box) => boxesMeet(columns, query, box));
        const many = coverageOfMany(columns, query, meeting, 20_000);
        const subtraction = subtractionCoverage(columns, query, meeting, 20_000);
        if (many.kind !== "unknown" && subtraction.kind !== "unknown") expect(many.kind).toBe(subtraction.kind);
        if (many.kind === "uncovered") {
          expect(boxWithin(columns, many.piece, query)).toBe(true);
          for (const other of meeting) expect(boxesMeet(columns, many.piece, other)).toBe(false);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("leaving out boxes that a nearby box of the window contains keeps the union", () => {
    fc.assert(
      fc.property(arbitraryBoxes(0, 40), arbitraryBoxSpec, (specs, querySpec) => {
        const columns = table();
        // Repeating boxes, and shrinking some into their neighbours, gives the index boxes to drop.
        const boxes = boxesOf(columns, specs).flatMap((box, i) => (i % 3 === 0 ? [box, box] : [box]));
        const query = buildBox(columns, querySpec);
        if (query === null) return;
        const index = UnionIndex.over(columns, boxes, DEEP);
        for (const window of fc.sample(arbitraryWindow(boxes.length), { numRuns: 3, seed: boxes.length })) {
          const all = index.candidates(query, window).filter((box) => boxesMeet(columns, query, box));
          const kept = index.maximalCandidates(query, window).filter((box) => boxesMeet(columns, query, box));
          for (const box of kept) expect(all).toContain(box);
          // Every box of the window that meets the query lies inside a kept one.
          for (const box of all) expect(kept.some((other) => boxWithin(columns, box, other))).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  // Pruning drops each row it finds covered and then queries windows
  // without `alive` (optimize/prune.ts): a dropped position, and a holder
  // that was dropped, must count as out of the window, exactly as an
  // `alive` rejecting them says. Compared with an index that drops nothing,
  // in the full order and with the narrow scan off and on (windowScan 0 and 32).
  it("after drops, a window without alive gives the candidates, the maximal ones included, that alive rejecting the dropped positions gives", () => {
    fc.assert(
      fc.property(arbitraryBoxes(0, 60), arbitraryBoxSpec, fc.array(fc.boolean(), { minLength: 120, maxLength: 120 }), fc.nat(20), fc.constantFrom(0, 32), (specs, querySpec, dropping, keepAllUpTo, windowScan) => {
        const columns = table();
        // Repeated boxes give holders (dominators) to drop.
        const boxes = boxesOf(columns, specs).flatMap((box, i) => (i % 3 === 0 ? [box, box] : [box]));
        const query = buildBox(columns, querySpec);
        if (query === null) return;
        const tuning = { leafSize: 1, windowScan };
        const dropped = UnionIndex.over(columns, boxes, tuning);
        const plain = UnionIndex.over(columns, boxes, tuning);
        boxes.forEach((_, p) => {
          if (dropping[p] === true) dropped.drop(p);
        });
        const alive = (p: number) => dropping[p] !== true;
        for (let end = 0; end <= boxes.length; end += 7) {
          expect(dropped.candidatePositions([query], { end })).toEqual(plain.candidatePositions([query], { end, alive }));
          const kept = dropped.maximalCandidates(query, { end }, keepAllUpTo);
          const expected = plain.maximalCandidates(query, { end, alive }, keepAllUpTo);
          expect(kept.length).toBe(expected.length);
          kept.forEach((box, k) => expect(box).toBe(expected[k]));
        }
      }),
      { numRuns: 300 },
    );
  });

  it("indexes the boxes a level leaves open on another column, so a pinned query gets a short candidate list", () => {
    const columns = table();
    const [e, i] = [columns.indexOf("e"), columns.indexOf("i")];
    const members = ["a", "b", "c", "d"];
    const pin = (column: number, eq: string | number) => atomCell(columns.domain(column), { eq });
    // 400 boxes pinned on an int (and the enum), then 20 that leave the int open and pin the enum.
    const boxes: Box[] = [];
    for (let k = 0; k < 400; k++) boxes.push(new Map([[e, pin(e, members[k % 4]!)], [i, pin(i, k)]]));
    for (let k = 0; k < 20; k++) boxes.push(new Map([[e, pin(e, members[k % 4]!)]]));
    const index = UnionIndex.over(columns, boxes);
    const query = new Map([[e, pin(e, "b")], [i, pin(i, 5)]]);
    expect(index.candidatePositions([query])).toEqual([5, 401, 405, 409, 413, 417]);
    expect(index.containing(query)).toBe(5);
  });

  it("buckets absent like a value, so boxes that meet only on absent are candidates", () => {
    const columns = table();
    const e = columns.indexOf("e");
    const members = ["a", "b", "c", "d"];
    const domain = columns.domain(e);
    // Each box admits absent and one member: they all meet a query that admits absent and another member.
    const boxes: Box[] = members.flatMap(() => members.map((m) => new Map([[e, complementCell(domain, atomCell(domain, { in: members.filter((x) => x !== m) }))[0]!]])));
    const index = UnionIndex.over(columns, boxes, DEEP);
    const query = new Map([[e, complementCell(domain, atomCell(domain, { in: ["a", "b", "c"] }))[0]!]]);
    expect(index.candidatePositions([query])).toEqual(boxes.map((_, p) => p));
    expect(index.containing(new Map([[e, { absent: true, values: { kind: "finite", values: [] } } as Cell]]))).toBe(0);
  });
});
