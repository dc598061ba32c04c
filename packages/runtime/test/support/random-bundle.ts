/**
 * fast-check arbitrary for small random bundles: columns of every type,
 * rows with random tests that suit their columns, and a random index DAG
 * using every node kind (switch, split, test, rows) with shared sub-DAGs.
 * Every `rows` leaf lists all rows, which is always a correct narrowing, so
 * the index can be random and the answer still has to equal a plain scan.
 */
import fc from "fast-check";
import type { Bundle, Column, IndexNode, UnaryTest } from "@scn/runtime";

const STRINGS = ["a", "b", "c", "__proto__"];
const NUMBERS = [-1, 0, 0.5, 1, 2, 3];

const columnArbitrary: fc.Arbitrary<Omit<Column, "path">> = fc.oneof(
  fc.constant({ type: "bool" as const }),
  fc.constant({ type: "int" as const }),
  fc.constant({ type: "number" as const }),
  fc.constant({ type: "string" as const }),
  fc.constant({ type: "enum" as const, values: ["a", "b", "c"] }),
  fc
    .constantFrom("string", "int", "enum")
    .map((element) =>
      element === "enum"
        ? { type: "list" as const, element: "enum" as const, values: ["a", "b"] }
        : { type: "list" as const, element: element as "string" | "int" },
    ),
);

function literal(column: Omit<Column, "path">): fc.Arbitrary<string | number | boolean> {
  const scalar = column.type === "list" ? column.element : column.type;
  if (scalar === "bool") return fc.boolean();
  if (scalar === "int" || scalar === "number") return fc.constantFrom(...NUMBERS);
  return fc.constantFrom(...STRINGS);
}

export function testFor(column: Omit<Column, "path">): fc.Arbitrary<UnaryTest> {
  const present = fc.boolean().map((value): UnaryTest => ({ present: value }));
  if (column.type === "list") {
    return fc.oneof(
      present,
      literal(column).map((value): UnaryTest => ({ contains: value })),
      literal(column).map((value): UnaryTest => ({ notContains: value })),
    );
  }
  const options: fc.Arbitrary<UnaryTest>[] = [
    present,
    literal(column).map((value): UnaryTest => ({ eq: value })),
    fc.array(literal(column), { maxLength: 3 }).map((values): UnaryTest => ({ in: values })),
    fc.array(literal(column), { maxLength: 3 }).map((values): UnaryTest => ({ notIn: values })),
  ];
  if (column.type === "bool") options.push(fc.boolean().map((value): UnaryTest => ({ bool: value })));
  if (column.type === "int" || column.type === "number") {
    const bound = fc.option(fc.constantFrom(...NUMBERS), { nil: null });
    options.push(
      fc.array(fc.tuple(bound, bound, fc.boolean(), fc.boolean()), { minLength: 1, maxLength: 2 }).map((range): UnaryTest => ({ range })),
    );
  }
  return fc.oneof(...options);
}

function nodeFor(columns: readonly Omit<Column, "path">[], index: number, count: number, rowCount: number): fc.Arbitrary<IndexNode> {
  const all = Array.from({ length: rowCount }, (_, row) => row);
  const leaf = fc.constant<IndexNode>({ rows: all });
  // Only later nodes may be targets, so the DAG has no cycles; the last node is always a leaf.
  if (index === count - 1 || columns.length === 0) return leaf;
  const target = fc.integer({ min: index + 1, max: count - 1 });
  const columnIndex = fc.integer({ min: 0, max: columns.length - 1 });
  return fc.oneof(
    leaf,
    columnIndex.chain((c): fc.Arbitrary<IndexNode> => {
      const column = columns[c] as Omit<Column, "path">;
      if (column.type === "list") {
        return fc.tuple(testFor(column), target, target).map(([t, then, otherwise]) => ({ test: c, t, then, else: otherwise }));
      }
      if (column.type === "int" || column.type === "number") {
        return fc.uniqueArray(fc.constantFrom(...NUMBERS), { maxLength: 3 }).chain((bounds) => {
          const sorted = [...bounds].sort((x, y) => x - y);
          return fc
            .tuple(fc.array(target, { minLength: 2 * sorted.length + 1, maxLength: 2 * sorted.length + 1 }), target)
            .map(([next, absent]) => ({ split: c, bounds: sorted, next, absent }));
        });
      }
      const keys = column.type === "bool" ? ["true", "false"] : STRINGS;
      return fc.tuple(fc.dictionary(fc.constantFrom(...keys), target, { maxKeys: 3 }), target, target).map(([cases, other, absent]) => ({
        switch: c,
        cases: Object.fromEntries(Object.entries(cases)),
        other,
        absent,
      }));
    }),
    fc
      .tuple(columnIndex, target, target)
      .chain(([c, then, otherwise]) =>
        testFor(columns[c] as Omit<Column, "path">).map((t): IndexNode => ({ test: c, t, then, else: otherwise })),
      ),
  );
}

const PATHS = ["c0", "g.c1", "g.h.c2", "c3", "g.c4"];

export const randomBundle: fc.Arbitrary<Bundle> = fc.array(columnArbitrary, { maxLength: 5 }).chain((shapes) => {
  const columns = shapes.map((shape, index): Column => ({ path: PATHS[index] as string, ...shape }));
  const row = fc
    .tuple(...(shapes.length === 0 ? [] : shapes.map((shape) => fc.option(testFor(shape), { nil: undefined, freq: 2 }))))
    .map((tests) => Object.fromEntries(tests.flatMap((test, index) => (test === undefined ? [] : [[String(index), test]]))));
  return fc.tuple(fc.array(row, { maxLength: 6 }), fc.integer({ min: 1, max: 6 }), fc.boolean()).chain(([rows, nodeCount, hasDefault]) =>
    fc.tuple(...Array.from({ length: nodeCount }, (_, index) => nodeFor(shapes, index, nodeCount, rows.length))).map((nodes) =>
      oneDecisionBundle({ source: "random.scn", columns, rows, nodes, hasDefault }),
    ),
  );
});

/**
 * A bundle of one decision `d` whose row i answers outcome i (`{ row: i }`,
 * rule `s/p<i>` of the one scenario `s`), over `columns`, with the given
 * rows' tests and index nodes (root 0), and a fallback default when
 * `hasDefault`.
 */
export function oneDecisionBundle(parts: {
  readonly source: string;
  readonly columns: readonly Column[];
  readonly rows: readonly { readonly [column: string]: UnaryTest }[];
  readonly nodes: readonly IndexNode[];
  readonly hasDefault: boolean;
}): Bundle {
  const { rows } = parts;
  return {
    format: "scn.bundle/5",
    compiler: "test",
    hash: `sha256:${"0".repeat(64)}`,
    sources: [parts.source],
    context: { type: "object" },
    consent: [],
    decisions: {
      d: {
        title: null,
        output: { type: "object" },
        default: parts.hasDefault ? { fallback: true } : null,
        columns: [...parts.columns],
        outcomes: rows.map((_, index) => ({ rule: `s/p${index}`, scenario: "s", pathway: `p${index}`, variation: null, output: { row: index }, metrics: [] })),
        rows: rows.map((tests, index) => ({ outcome: index, tests, src: [0, index + 1, 1] })),
        index: { root: 0, nodes: [...parts.nodes] },
      },
    },
    scenarios: {
      s: { title: null, goal: "g", decision: "d", owner: null, status: "active", priority: 0, impact: null, feasibility: null, expires: null, tags: [], metrics: [] },
    },
    metrics: {},
  };
}
