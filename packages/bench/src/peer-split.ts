/**
 * The user-side split a competent user of a rules engine writes for a large
 * table: one small table per value of a dispatch column (the category),
 * found through a Map, plus one shared table of the rows that do not name a
 * category. A decision evaluates the context's category table and the
 * shared table, and the earlier row of the two answers wins (rows keep their
 * first-hit order in both), which is exactly the first matching row of the
 * whole table without copying the shared rows into every category.
 */
import type { DecisionTable } from "@scn/runtime";
import { readPath } from "./answer-label.js";

export interface RowSplit {
  readonly path: string;
  /** Row indices (ascending) for each value some row names. */
  readonly byValue: ReadonlyMap<string, readonly number[]>;
  /** Row indices of the rows that do not name a value of the column (they apply whatever it holds). */
  readonly other: readonly number[];
}

export function splitRows(table: DecisionTable, path: string): RowSplit {
  const column = table.columns.findIndex((c) => c.path === path);
  const pinned = table.rows.map((row) => {
    const test = column < 0 ? undefined : row.tests[String(column)];
    if (test && "eq" in test && typeof test.eq === "string") return [test.eq];
    if (test && "in" in test) return test.in.filter((v): v is string => typeof v === "string");
    return null;
  });
  const values = new Set<string>();
  for (const list of pinned) for (const value of list ?? []) values.add(value);
  const byValue = new Map<string, number[]>([...values].sort().map((value) => [value, []]));
  const other: number[] = [];
  pinned.forEach((list, index) => {
    if (list === null) other.push(index);
    else for (const value of list) byValue.get(value)!.push(index);
  });
  return { path, byValue, other };
}

/** The category part for one context (undefined when no row names its value), the way the user's ten lines would pick it. */
export function partFor<T>(split: RowSplit, parts: ReadonlyMap<string, T>, context: unknown): T | undefined {
  const value = readPath(context, split.path);
  return typeof value === "string" ? parts.get(value) : undefined;
}

/** The earlier of two answers' rows (null: no row matched in that part). */
export function earlier(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.min(a, b);
}
