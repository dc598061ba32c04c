/**
 * The index builder on small hand-made tables, node by node, and its
 * structural properties on random tables: nodes in topological order, shared
 * sub-DAGs stored once, split bounds sorted, the node budget respected.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { childrenOf, type Column, type IndexNode, type Row } from "@scn/runtime";
import { buildIndex } from "../src/optimize/index/dag.js";
import { canonicalJson } from "../src/bundle/canonical-json.js";
import { decisionArbitrary, contextArbitrary } from "./support/random-table.js";
import { firstHit, indexedHit } from "./support/table-evaluator.js";

const channel: Column = { path: "channel", type: "enum", values: ["web", "app", "store"] };
const days: Column = { path: "days", type: "int" };
const tags: Column = { path: "tags", type: "list", element: "string" };
const row = (tests: Row["tests"], outcome = 0): Row => ({ outcome, tests, src: [0, 1, 1] });

describe("index nodes", () => {
  it("switches on an enum, leaving unmentioned members to `other`", () => {
    const rows = [row({ "0": { eq: "web" } }), row({ "0": { eq: "app" } }), row({ "0": { eq: "store" } }), row({ "0": { eq: "web" } }, 1)];
    const { index } = buildIndex([channel], rows, { leafRows: 1 });
    expect(index.nodes[index.root]).toEqual({ switch: 0, cases: { app: expect.any(Number), store: expect.any(Number), web: expect.any(Number) }, other: expect.any(Number), absent: expect.any(Number) });
    const root = index.nodes[index.root] as Extract<IndexNode, { switch: number }>;
    // Row 3 can never be reached after row 0 for `web`: the leaf stops at the first row that always matches.
    expect(index.nodes[root.cases["web"]!]).toEqual({ rows: [0] });
    expect(index.nodes[root.absent]).toEqual({ rows: [] });
  });

  it("splits a numeric column on its sorted bounds and drops bounds that change nothing", () => {
    const rows = [
      row({ "0": { range: [[null, 14, false, true]] } }),
      row({ "0": { range: [[15, 30, true, true]] } }),
      row({ "0": { range: [[31, null, true, false]] } }, 1),
      row({}, 2),
    ];
    const { index } = buildIndex([days], rows, { leafRows: 1 });
    const root = index.nodes[index.root] as Extract<IndexNode, { split: number }>;
    // On integers nothing lies strictly between 14 and 15, or 30 and 31, so
    // only the bounds where the answer changes going up remain: 15 and 31.
    expect(root.bounds).toEqual([15, 31]);
    expect(root.next.map((n) => index.nodes[n])).toEqual([{ rows: [0] }, { rows: [1] }, { rows: [1] }, { rows: [2] }, { rows: [2] }]);
    expect(index.nodes[root.absent]).toEqual({ rows: [3] });
  });

  it("tests list columns one element at a time", () => {
    const rows = [row({ "0": { contains: "vip" } }), row({ "0": { notContains: "blocked" } }, 1), row({}, 2)];
    const { index } = buildIndex([tags], rows, { leafRows: 1 });
    expect(index.nodes[index.root]).toMatchObject({ test: 0 });
    for (const tagsValue of [["vip"], ["blocked"], [], ["vip", "blocked"], undefined, [1]]) {
      const context = { tags: tagsValue };
      expect(indexedHit([tags], rows, index, context).row).toBe(firstHit([tags], rows, context));
    }
  });

  it("keeps a table of a few rows as one leaf by default", () => {
    const rows = [row({ "0": { eq: "web" } }), row({ "0": { eq: "app" } })];
    const { index, stats } = buildIndex([channel], rows);
    expect(index.nodes).toEqual([{ rows: [0, 1] }]);
    expect(stats).toEqual({ depth: 0, nodes: 1, capped: false });
  });
});

describe("index structure on random tables", () => {
  it("is a DAG in topological order with unique nodes, sorted bounds, and the same answers as the rows", () => {
    const cases = decisionArbitrary.chain((d) => fc.tuple(fc.constant(d), fc.array(contextArbitrary(d.columns), { maxLength: 10 }), fc.integer({ min: 1, max: 4 })));
    fc.assert(
      fc.property(cases, ([decision, contexts, leafRows]) => {
        const { index, stats } = buildIndex(decision.columns, decision.rows, { leafRows });
        expect(index.root).toBe(index.nodes.length - 1);
        index.nodes.forEach((node, id) => {
          for (const child of childrenOf(node)) expect(child).toBeLessThan(id);
          if ("split" in node) {
            expect([...node.bounds].sort((a, b) => a - b)).toEqual(node.bounds);
            expect(new Set(node.bounds).size).toBe(node.bounds.length);
            expect(node.next).toHaveLength(2 * node.bounds.length + 1);
          }
          if ("rows" in node) expect([...node.rows].sort((a, b) => a - b)).toEqual(node.rows);
        });
        expect(new Set(index.nodes.map((n) => canonicalJson(n))).size).toBe(index.nodes.length);
        expect(stats.nodes).toBe(index.nodes.length);
        for (const context of contexts) {
          expect(indexedHit(decision.columns, decision.rows, index, context).row).toBe(firstHit(decision.columns, decision.rows, context));
        }
      }),
      { numRuns: 300 },
    );
  });

  it("respects the node budget and stays correct when it runs out", () => {
    const cases = decisionArbitrary.chain((d) => fc.tuple(fc.constant(d), fc.array(contextArbitrary(d.columns), { maxLength: 10 })));
    fc.assert(
      fc.property(cases, ([decision, contexts]) => {
        const { index, stats } = buildIndex(decision.columns, decision.rows, { maxNodes: 3, leafRows: 1 });
        // The budget is checked before each split, so a split in progress may finish its children.
        expect(index.nodes.length).toBeLessThanOrEqual(3 + 2 * (decision.columns.length + 1) * 8);
        if (stats.capped) expect(index.nodes.some((n) => "rows" in n && n.rows.length > 1)).toBe(true);
        for (const context of contexts) {
          expect(indexedHit(decision.columns, decision.rows, index, context).row).toBe(firstHit(decision.columns, decision.rows, context));
        }
      }),
      { numRuns: 200 },
    );
  });

  it("keeps leaves small on a large table, so evaluation does not grow with rows", () => {
    const segments = Array.from({ length: 400 }, (_, i) => `s${i}`);
    const columns: Column[] = [channel, { path: "segment", type: "string" }, days];
    const rows = segments.flatMap((segment, i) => [
      row({ "0": { eq: channel.values![i % 3]! }, "1": { eq: segment }, "2": { range: [[null, i % 50, false, true]] } }, 2 * i),
      row({ "0": { eq: channel.values![i % 3]! }, "1": { eq: segment } }, 2 * i + 1),
    ]);
    const { index, stats } = buildIndex(columns, rows);
    const largestLeaf = Math.max(...index.nodes.map((n) => ("rows" in n ? n.rows.length : 0)));
    expect(largestLeaf).toBeLessThanOrEqual(3);
    expect(stats.depth).toBeLessThanOrEqual(4);
    expect(stats.capped).toBe(false);
  });

  it("indexes rows that ignore the main column in a `union` part of their own instead of copying them into every case", () => {
    // Broad rows first (they test a version, not the segment), then a
    // thousand segment-specific rows: a switch on the segment at the root
    // would copy all twenty broad rows into each of its cases.
    const version: Column = { path: "version", type: "int" };
    const columns: Column[] = [{ path: "segment", type: "string" }, version, channel];
    const broad = Array.from({ length: 20 }, (_, i) => row({ "1": { eq: i }, "2": { eq: channel.values![i % 3]! } }, i));
    const specific = Array.from({ length: 1000 }, (_, i) => row({ "0": { eq: `s${i}` }, "2": { in: ["web", "app"] } }, 20 + i));
    const rows = [...broad, ...specific];
    const { index, stats } = buildIndex(columns, rows);
    const root = index.nodes[index.root] as IndexNode;
    expect(root).toEqual({ union: [expect.any(Number), expect.any(Number)] });
    const [first, second] = (root as Extract<IndexNode, { union: readonly number[] }>).union.map((id) => index.nodes[id] as IndexNode);
    expect(first).toMatchObject({ split: 1 });
    expect(second).toMatchObject({ switch: 0 });
    // Each row is listed by one leaf or two (the version split lists a row at
    // its point and nowhere else), so the index stays linear in the rows.
    const listed = index.nodes.reduce((total, node) => total + ("rows" in node ? node.rows.length : 0), 0);
    expect(listed).toBeLessThanOrEqual(2 * rows.length);
    expect(stats.nodes).toBeLessThan(1200);
    const contexts = [
      {},
      { version: 3, channel: "app", segment: "s3" },
      { version: 3, channel: "web", segment: "s3" },
      { version: 99, channel: "web", segment: "s999" },
      { version: 5, channel: "store", segment: "s1000" },
      { segment: "s42", channel: "app" },
      { segment: "s42", channel: "store" },
    ];
    for (const context of contexts) expect(indexedHit(columns, rows, index, context).row).toBe(firstHit(columns, rows, context));
  });

  it("keeps rows that ignore a column apart even when they alternate in first-hit order with rows that test it", () => {
    // Every other row names a segment; the rest only bound the days. A switch
    // on the segment would copy the hundred day rows into each of its cases.
    const columns: Column[] = [{ path: "segment", type: "string" }, days];
    const rows = Array.from({ length: 200 }, (_, i) =>
      i % 2 === 0 ? row({ "0": { eq: `s${i}` } }, i) : row({ "1": { range: [[null, i, false, true]] } }, i),
    );
    const { index } = buildIndex(columns, rows);
    expect(index.nodes[index.root]).toEqual({ union: [expect.any(Number), expect.any(Number)] });
    const listed = index.nodes.reduce((total, node) => total + ("rows" in node ? node.rows.length : 0), 0);
    expect(listed).toBeLessThanOrEqual(2 * rows.length);
    const contexts = [{}, { segment: "s4" }, { segment: "s4", days: 1 }, { segment: "s198", days: 150 }, { days: 199 }, { days: 200 }, { segment: "x", days: 3 }];
    for (const context of contexts) expect(indexedHit(columns, rows, index, context).row).toBe(firstHit(columns, rows, context));
  });

  it("builds the same index when plans whose floor rules them out are passed over as when every plan is counted", () => {
    // Rows of several copies of a random table, some testing fewer columns,
    // so that regions hold many candidates that ignore a column before the
    // first one that always matches (where floors pass plans over).
    fc.assert(
      fc.property(decisionArbitrary, fc.nat({ max: 3 }), fc.constantFrom(1, 2, 3), fc.option(fc.integer({ min: 2, max: 60 }), { nil: undefined }), (decision, copies, leafRows, maxNodes) => {
        const rows = Array.from({ length: copies + 1 }, (_, copy) => decision.rows.map((r, i) => (copy % 2 === 1 && i % 3 === 0 ? { ...r, tests: {} } : r))).flat();
        const options = { leafRows, ...(maxNodes === undefined ? {} : { maxNodes }) };
        const usual = buildIndex(decision.columns, rows, options);
        const slow = buildIndex(decision.columns, rows, { ...options, countEveryPlan: true });
        expect(canonicalJson(usual.index)).toBe(canonicalJson(slow.index));
        expect(usual.stats).toEqual(slow.stats);
      }),
      { numRuns: 500 },
    );
  });
});
