/**
 * fast-check arbitraries for contexts that exercise a decision's columns:
 * for each column path, a value drawn from its domain and its edges (enum
 * members and unknown members, numbers at and around every bound the rows
 * and the index mention, lists with and without the tested elements), plus
 * null, absence and wrongly typed values.
 */
import fc from "fast-check";
import type { DecisionTable } from "@scn/runtime";

function numbersMentioned(table: DecisionTable, column: number): number[] {
  const found = new Set<number>([0, 1, -1]);
  for (const row of table.rows) {
    const test = row.tests[String(column)];
    if (test && "range" in test) for (const [lo, hi] of test.range) for (const bound of [lo, hi]) if (bound !== null) found.add(bound);
    if (test && "eq" in test && typeof test.eq === "number") found.add(test.eq);
  }
  for (const node of table.index.nodes) if ("split" in node && node.split === column) node.bounds.forEach((bound) => found.add(bound));
  return [...found].flatMap((n) => [n, n - 1, n + 1, n - 0.5, n + 0.5]);
}

function literalsMentioned(table: DecisionTable, column: number): unknown[] {
  const found: unknown[] = [];
  for (const row of table.rows) {
    const test = row.tests[String(column)];
    if (!test) continue;
    for (const value of Object.values(test)) found.push(...(Array.isArray(value) ? value.filter((v) => !Array.isArray(v)) : [value]));
  }
  return found;
}

const junk = fc.constantFrom<unknown>(null, "", "zzz", 0, 2.5, true, false, [], {}, ["x"], { a: 1 }, "__proto__", "constructor");

export function columnValue(table: DecisionTable, column: number): fc.Arbitrary<unknown> {
  const spec = table.columns[column]!;
  const literals = literalsMentioned(table, column).filter((v) => typeof v !== "boolean" || spec.type === "bool");
  const scalars: unknown[] = [...literals, ...(spec.values ?? [])];
  let domain: fc.Arbitrary<unknown>;
  switch (spec.type) {
    case "bool":
      domain = fc.boolean();
      break;
    case "int":
    case "number":
      domain = fc.constantFrom(...numbersMentioned(table, column));
      break;
    case "list": {
      const elements = scalars.length > 0 ? fc.constantFrom(...scalars, "other") : fc.string();
      domain = fc.array(elements, { maxLength: 4 });
      break;
    }
    default:
      domain = scalars.length > 0 ? fc.constantFrom(...scalars, "other") : fc.string();
  }
  return fc.oneof({ arbitrary: domain, weight: 6 }, { arbitrary: junk, weight: 1 });
}

/** A context object setting some of the table's column paths. */
export function contextFor(table: DecisionTable): fc.Arbitrary<unknown> {
  const entries = table.columns.map((column, index) =>
    fc.option(columnValue(table, index), { nil: undefined, freq: 5 }).map((value) => [column.path, value] as const),
  );
  return fc.tuple(...entries).map((pairs) => {
    const context: Record<string, unknown> = {};
    for (const [path, value] of pairs) {
      if (value === undefined) continue;
      const keys = path.split(".");
      let at: Record<string, unknown> = context;
      for (const key of keys.slice(0, -1)) {
        const next = Object.hasOwn(at, key) ? at[key] : undefined;
        if (typeof next !== "object" || next === null || Array.isArray(next)) {
          const created = {};
          Object.defineProperty(at, key, { value: created, enumerable: true, writable: true, configurable: true });
          at = created as Record<string, unknown>;
        } else at = next as Record<string, unknown>;
      }
      Object.defineProperty(at, keys[keys.length - 1]!, { value, enumerable: true, writable: true, configurable: true });
    }
    return context;
  });
}
