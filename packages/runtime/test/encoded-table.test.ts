/**
 * Encoded tables (docs/bundle-format.md, "Encoded tables"): a bundle whose
 * tables are encoded loads and answers exactly as the same bundle with
 * expanded rows and index, and a damaged encoding is reported as a
 * BundleFormatError, never any other exception, whatever is damaged.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { BundleFormatError, bundleDocument, checkBundle, loadBundle, nodeStarts, readBundle, type Bundle } from "@scn/runtime";
import { contextFor } from "./support/contexts.js";
import { fixture } from "./support/fixtures.js";
import { guardPrototypes } from "./support/prototype-guard.js";

guardPrototypes();

const ARRAYS = ["tests", "lists", "rows", "rowTests", "src", "nodes"] as const;

describe("encoded tables", () => {
  test("load and answer as the expanded tables they encode", () => {
    for (const name of ["returns", "greeting"] as const) {
      const expanded = fixture(name) as Bundle;
      const document = JSON.parse(JSON.stringify(bundleDocument(expanded))) as Record<string, unknown>;
      const fromDocument = loadBundle(document);
      const fromExpanded = loadBundle(expanded);
      const contexts: unknown[] = [
        {},
        { order: { channel: "online", days_since_delivery: 10 }, visit: { location: "store", hour: 12 } },
        { order: { channel: "app", days_since_delivery: 45 }, customer: { loyalty: "gold", tags: ["a"], consent: { personalization: true } } },
        { name: "x", hour: 9 },
      ];
      for (const decision of fromExpanded.decisions) {
        for (const context of contexts) {
          expect(fromDocument.decide(decision, context)).toEqual(fromExpanded.decide(decision, context));
          expect(fromDocument.explain(decision, context)).toEqual(fromExpanded.explain(decision, context));
        }
      }
    }
  });

  test("a damaged encoding is a BundleFormatError, and a bundle that still loads answers without throwing", () => {
    const document = bundleDocument(fixture("returns") as Bundle) as unknown as { decisions: Record<string, { table: Record<string, unknown[]> }> };
    const names = Object.keys(document.decisions);
    const damage = fc.record({
      decision: fc.constantFrom(...names),
      array: fc.constantFrom<string>(...ARRAYS, "literals"),
      position: fc.nat(400),
      value: fc.constantFrom<unknown>(-2, -1, 0, 1, 2, 3, 7, 8, 99, 100_000, 1.5, "x", null, true, [], {}),
      drop: fc.boolean(),
    });
    fc.assert(
      fc.property(damage, ({ decision, array, position, value, drop }) => {
        const copy = JSON.parse(JSON.stringify(document)) as typeof document;
        const target = copy.decisions[decision]!.table[array]!;
        if (target.length === 0) return;
        if (drop) target.splice(position % target.length, 1);
        else target[position % target.length] = value;
        let runtime;
        try {
          runtime = loadBundle(copy);
        } catch (error) {
          expect(error).toBeInstanceOf(BundleFormatError);
          return;
        }
        for (const context of [{}, { order: { channel: "online", days_since_delivery: 10 }, visit: { location: "store" } }]) {
          expect(() => runtime.decide(decision, context)).not.toThrow();
          expect(() => runtime.explain(decision, context)).not.toThrow();
        }
      }),
      { numRuns: 400 },
    );
  });

  // The runtime walks a checked encoding as it is rather than encoding its
  // decoded rows and index again; whatever the encoding holds, it must
  // answer and explain exactly as those decoded rows and index do.
  test("an encoding that loads answers as the rows and index it decodes to, however it is damaged", () => {
    const document = bundleDocument(fixture("returns") as Bundle) as unknown as { decisions: Record<string, { table: Record<string, unknown[]> }> };
    const names = Object.keys(document.decisions);
    const contexts: unknown[] = [
      {},
      { order: { channel: "online", days_since_delivery: 10 }, visit: { location: "store", hour: 12 } },
      { order: { channel: "app", days_since_delivery: 45 }, customer: { loyalty: "gold", tags: ["a"], consent: { personalization: true } } },
      { order: { channel: "store", days_since_delivery: 0 }, customer: { loyalty: "silver", tags: [], consent: { personalization: false } } },
    ];
    const damage = fc.record({
      decision: fc.constantFrom(...names),
      array: fc.constantFrom<string>(...ARRAYS, "literals", "literals", "literals"),
      position: fc.nat(400),
      value: fc.constantFrom<unknown>(0, 1, 2, 3, 7, 30, -1, "true", "false", true, false, "online", "app", "store", "gold", "1"),
    });
    fc.assert(
      fc.property(damage, ({ decision, array, position, value }) => {
        const copy = JSON.parse(JSON.stringify(document)) as typeof document;
        const target = copy.decisions[decision]!.table[array]!;
        if (target.length === 0) return;
        target[position % target.length] = value;
        const read = readBundle(copy);
        if (read.value === null) return;
        const asIs = loadBundle(copy);
        const decoded = loadBundle(read.value);
        for (const context of contexts) {
          expect(asIs.decide(decision, context)).toEqual(decoded.decide(decision, context));
          expect(asIs.explain(decision, context)).toEqual(decoded.explain(decision, context));
        }
      }),
      { numRuns: 400 },
    );
  });

  // Rows and indexes decoded from an encoding are checked by quick checks
  // (decodedRowIsSound, check-encoded-index.ts) that must accept only what
  // the field-by-field checks of an expanded bundle accept.
  test("a damaged encoding that loads passes every check once expanded", () => {
    const document = bundleDocument(fixture("returns") as Bundle) as unknown as { decisions: Record<string, { table: Record<string, unknown[]>; columns: unknown[] }> };
    const names = Object.keys(document.decisions);
    const damage = fc.record({
      decision: fc.constantFrom(...names),
      array: fc.constantFrom<string>(...ARRAYS, "literals"),
      position: fc.nat(400),
      value: fc.constantFrom<unknown>(-1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 12, 30, 0.5, "x", "online", true),
    });
    let loaded = 0;
    fc.assert(
      fc.property(fc.array(damage, { minLength: 1, maxLength: 2 }), (changes) => {
        const copy = JSON.parse(JSON.stringify(document)) as typeof document;
        for (const { decision, array, position, value } of changes) {
          const target = copy.decisions[decision]!.table[array]!;
          if (target.length > 0) target[position % target.length] = value;
        }
        const read = readBundle(copy);
        if (read.value === null) return;
        loaded++;
        expect(checkBundle(JSON.parse(JSON.stringify(read.value)))).toEqual([]);
      }),
      { numRuns: 400 },
    );
    expect(loaded).toBeGreaterThan(20);
  });

  test("a switch case written as a string on a bool column matches as its decoded form does", () => {
    const document = JSON.parse(JSON.stringify(bundleDocument(fixture("returns") as Bundle))) as { decisions: Record<string, { columns: { type: string }[]; table: { literals: unknown[]; nodes: number[]; root: number } }> };
    const decision = Object.keys(document.decisions)[0]!;
    const { columns, table } = document.decisions[decision]!;
    const consent = columns.findIndex((column) => column.type === "bool");
    // A new root: a switch on the consent column whose only case is the
    // string "true", leading to the old root; other values lead to an empty
    // leaf (children written as distances back from the switch).
    const count = nodeStarts(table.nodes).length;
    table.literals.push("true");
    table.nodes.push(0, 0, 1, consent, 1, 1, 1, table.literals.length - 1, count + 1 - table.root);
    table.root = count + 1;
    const asRead = readBundle(document).value!;
    const context = { order: { channel: "online", days_since_delivery: 10 }, visit: { location: "store" }, customer: { consent: { personalization: true } } };
    expect(loadBundle(document).decide(decision, context)).toEqual(loadBundle(asRead).decide(decision, context));
    expect(loadBundle(document).decide(decision, context).reason).toBe("scenario");
  });

  // The walker finds each node's earliest row (which a `union` walk needs)
  // in one pass when nodes come after the nodes they lead to, as the
  // compiler numbers them, and children first otherwise: both orders must
  // answer alike.
  test("a union answers first-hit whether its nodes come before or after the nodes they lead to", () => {
    for (const name of ["returns", "greeting"] as const) {
      const plain = fixture(name) as Bundle;
      const withUnion = fixture(name) as Record<string, any>;
      for (const decision of Object.keys(withUnion.decisions)) {
        const { rows, index } = withUnion.decisions[decision];
        // The fixtures number a node before the nodes it leads to; the new
        // leaf and union come after theirs. The union of the old root and a
        // leaf of every row keeps the earliest matching row: the same answer.
        const leaf = index.nodes.push({ rows: rows.map((_: unknown, row: number) => row) }) - 1;
        index.root = index.nodes.push({ union: [index.root, leaf] }) - 1;
      }
      const expected = loadBundle(plain);
      const actual = loadBundle(withUnion);
      for (const decision of expected.decisions) {
        const table = plain.decisions[decision]!;
        fc.assert(
          fc.property(contextFor(table), (context) => {
            expect(actual.decide(decision, context)).toEqual(expected.decide(decision, context));
            expect(actual.explain(decision, context).trace.row).toEqual(expected.explain(decision, context).trace.row);
          }),
          { numRuns: 300 },
        );
      }
    }
  });

  test("a table given both encoded and expanded is refused", () => {
    const expanded = fixture("returns");
    const document = JSON.parse(JSON.stringify(bundleDocument(expanded as Bundle))) as Record<string, any>;
    const name = Object.keys(document.decisions)[0]!;
    document.decisions[name].rows = expanded.decisions[name].rows;
    expect(() => loadBundle(document)).toThrow(/either an encoded `table` or `rows` and `index`, not both/);
  });
});

describe("outcome and scenario tuples (docs/bundle-format.md, \"outcomes\")", () => {
  type Doc = { decisions: Record<string, { outcomes: any[][]; shapes: string[][]; metricLists: string[][] }>; scenarios: Record<string, any[]> };
  const document = (): Doc => JSON.parse(JSON.stringify(bundleDocument(fixture("returns") as Bundle))) as Doc;
  const problemsOf = (doc: Doc): readonly string[] => {
    try {
      loadBundle(doc);
    } catch (error) {
      expect(error).toBeInstanceOf(BundleFormatError);
      return (error as BundleFormatError).problems;
    }
    return [];
  };

  test("read back as the metadata and outcomes they stand for", () => {
    const expanded = fixture("returns") as Bundle;
    const doc = document();
    const read = readBundle(doc).value!;
    expect(read.scenarios).toEqual(expanded.scenarios);
    // Keys in code unit order, as the object form is written and parsed.
    for (const meta of Object.values(read.scenarios)) expect(Object.keys(meta)).toEqual(Object.keys(meta).sort());
    for (const name of Object.keys(expanded.decisions)) expect(read.decisions[name]!.outcomes).toEqual(expanded.decisions[name]!.outcomes);
    // Each output key list and metric list is written once.
    const table = doc.decisions["store_returns"]!;
    expect(new Set(table.shapes.map((shape) => JSON.stringify(shape))).size).toBe(table.shapes.length);
    expect(table.metricLists.length).toBeLessThan(table.outcomes.length);
  });

  test("leave out a scenario's trailing defaults", () => {
    const doc = document();
    for (const tuple of Object.values(doc.scenarios)) {
      expect(tuple.length).toBeGreaterThanOrEqual(6);
      const last = tuple[tuple.length - 1];
      if (tuple.length > 6) expect(last === null || (Array.isArray(last) && last.length === 0)).toBe(false);
    }
  });

  test.each([
    ["an output shape that does not exist", (doc: Doc) => (doc.decisions["store_returns"]!.outcomes[0]![3] = 99), /store_returns\.outcomes\[0\]\[3\]: expected the number of a shape below \d+, got 99/],
    ["an output with a value too few", (doc: Doc) => doc.decisions["store_returns"]!.outcomes[0]![4].pop(), /store_returns\.outcomes\[0\]\[4\]: expected the \d+ values of shape \d+, got/],
    ["an output written as an object", (doc: Doc) => (doc.decisions["store_returns"]!.outcomes[0]![4] = { action: "kiosk" }), /store_returns\.outcomes\[0\]\[4\]: expected the \d+ values of shape \d+, got/],
    ["a metric list that does not exist", (doc: Doc) => (doc.decisions["store_returns"]!.outcomes[1]![5] = 99), /store_returns\.outcomes\[1\]\[5\]: expected the number of a metric list below \d+, got 99/],
    ["missing shapes", (doc: Doc) => delete (doc.decisions["store_returns"] as Partial<Doc["decisions"][string]>).shapes, /decisions\.store_returns: missing field `shapes`/],
    ["a shape that is not a list of strings", (doc: Doc) => (doc.decisions["store_returns"]!.shapes[0] = [1] as never), /store_returns\.shapes\[0\]: expected a list of strings, got a list/],
    ["a scenario tuple too short", (doc: Doc) => (doc.scenarios["app_returns"] = doc.scenarios["app_returns"]!.slice(0, 5)), /scenarios\.app_returns: expected a scenario as \[decision, priority, status, title, goal, owner, metrics, tags, impact, feasibility, expires\]/],
    ["a scenario's metric use as an object", (doc: Doc) => (doc.scenarios["app_returns"]![6] = [{ metric: "x" }]), /scenarios\.app_returns\[6\]\[0\]: expected a metric use as \[metric, role, target, window\]/],
    ["a scenario's wrong status", (doc: Doc) => (doc.scenarios["app_returns"]![2] = "live"), /scenarios\.app_returns\.status: expected one of `draft`, `active`, `paused`, `retired`, got "live"/],
  ])("report %s at its path", (_, damage, expected) => {
    const doc = document();
    damage(doc);
    const problems = problemsOf(doc);
    expect(problems.some((line) => expected.test(line)), problems.join("\n")).toBe(true);
  });

  test("refuse a bundle of the previous format, asking for a rebuild", () => {
    const doc = { ...document(), format: "scn.bundle/4" };
    expect(problemsOf(doc as never)).toEqual(['format: expected `scn.bundle/5`, got "scn.bundle/4"; this runtime reads only that version (rebuild the bundle with a matching compiler)']);
  });
});
