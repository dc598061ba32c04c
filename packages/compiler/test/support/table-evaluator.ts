/**
 * A deliberately plain evaluator of one decision table, for tests: first-hit
 * over all rows, or through the index DAG. It reads values with the reference
 * interpreter's own helpers, so it disagrees with the interpreter only when
 * the table itself is wrong.
 */
import type { CheckedType } from "@scn/language";
import { assignArm, type Column, type DecisionIndex, type Row } from "@scn/runtime";
import { readTyped, ABSENT, type Absent, type TypedValue } from "../../src/semantics/context-value.js";
import { evaluateUnaryTest } from "../../src/semantics/unary-test.js";

export function columnType(column: Column): CheckedType {
  switch (column.type) {
    case "enum":
      return { kind: "enum", members: column.values ?? [] };
    case "list":
      return { kind: "list", element: columnType({ path: column.path, type: column.element ?? "string", values: column.values }) };
    default:
      return { kind: column.type };
  }
}

export function readColumns(columns: readonly Column[], context: unknown): (TypedValue | Absent)[] {
  return columns.map((column) => {
    const experiment = column.experiment;
    if (experiment === undefined) return readTyped(context, column.path, columnType(column));
    // An arm column: the arm the unit at its path is assigned to (absent: not enrolled).
    const unit = readTyped(context, column.path, { kind: experiment.unit });
    const arm = unit === ABSENT ? -1 : assignArm(experiment.seed, experiment.ranges, unit);
    return arm < 0 ? ABSENT : ((column.values ?? [])[arm] as string);
  });
}

function rowMatches(row: Row, values: readonly (TypedValue | Absent)[]): boolean {
  return Object.entries(row.tests).every(([key, test]) => evaluateUnaryTest(test, values[Number(key)] as TypedValue | Absent));
}

/** Index of the first matching row, or -1. */
export function firstHit(columns: readonly Column[], rows: readonly Row[], context: unknown): number {
  const values = readColumns(columns, context);
  return rows.findIndex((row) => rowMatches(row, values));
}

/**
 * Index of the first matching row found through the index, or -1; also the
 * number of rows checked on the way (every leaf reached, every part of a
 * `union`, whose answer is the earliest row any part finds).
 */
export function indexedHit(columns: readonly Column[], rows: readonly Row[], index: DecisionIndex, context: unknown): { row: number; checked: number } {
  const values = readColumns(columns, context);
  let checked = 0;
  const walk = (start: number): number => {
    let id = start;
    for (;;) {
      const node = index.nodes[id];
      if (node === undefined) throw new Error(`index points at missing node ${id}`);
      if ("rows" in node) {
        const row = node.rows.find((r) => rowMatches(rows[r] as Row, values));
        checked += row === undefined ? node.rows.length : node.rows.indexOf(row) + 1;
        return row ?? -1;
      }
      if ("union" in node) {
        const found = node.union.map(walk).filter((row) => row !== -1);
        return found.length === 0 ? -1 : Math.min(...found);
      }
      if ("switch" in node) {
        const value = values[node.switch];
        if (value === ABSENT) id = node.absent;
        else {
          const key = String(value);
          id = Object.prototype.hasOwnProperty.call(node.cases, key) ? (node.cases[key] as number) : node.other;
        }
      } else if ("split" in node) {
        const value = values[node.split];
        if (value === ABSENT || typeof value !== "number") id = node.absent;
        else {
          const below = node.bounds.filter((b) => b < value).length;
          id = node.bounds[below] === value ? (node.next[2 * below + 1] as number) : (node.next[2 * below] as number);
        }
      } else {
        id = evaluateUnaryTest(node.t, values[node.test] as TypedValue | Absent) ? node.then : node.else;
      }
    }
  };
  const row = walk(index.root);
  return { row, checked };
}
