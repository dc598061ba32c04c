/**
 * A deliberately naive reading of a bundle's rows, written straight from the
 * format's comments and docs/language.md#117-absent-values-wrong-types-and-strict-mode and sharing no code with the
 * runtime: scan every row in order, no index. Property tests compare the
 * runtime (index walk + compiled tests) against it.
 */
import type { Bundle, Column, UnaryTest } from "@scn/runtime";

export function referenceValue(context: unknown, path: string): unknown {
  let value: unknown = context;
  for (const key of path.split(".")) {
    if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
    if (!Object.prototype.hasOwnProperty.call(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function scalarOk(type: string, values: readonly string[] | undefined, value: unknown): boolean {
  if (type === "bool") return typeof value === "boolean";
  if (type === "int") return typeof value === "number" && Math.floor(value) === value && Math.abs(value) <= 2 ** 53 - 1;
  if (type === "number") return typeof value === "number" && Number.isFinite(value);
  if (type === "string") return typeof value === "string";
  return typeof value === "string" && (values ?? []).includes(value);
}

export function referencePresent(column: Column, value: unknown): boolean {
  if (column.type !== "list") return scalarOk(column.type, column.values, value);
  return Array.isArray(value) && value.every((element) => scalarOk(column.element as string, column.values, element));
}

export function referenceTest(column: Column, test: UnaryTest, value: unknown): boolean {
  const present = referencePresent(column, value);
  if ("present" in test) return present === test.present;
  if (!present) return false;
  if ("eq" in test) return value === test.eq;
  if ("in" in test) return test.in.some((literal) => literal === value);
  if ("notIn" in test) return !test.notIn.some((literal) => literal === value);
  if ("bool" in test) return value === test.bool;
  if ("range" in test) {
    const n = value as number;
    return test.range.some(
      ([lo, hi, loIn, hiIn]) => (lo === null || (loIn ? n >= lo : n > lo)) && (hi === null || (hiIn ? n <= hi : n < hi)),
    );
  }
  const list = value as unknown[];
  if ("contains" in test) return list.includes(test.contains);
  return !list.includes(test.notContains);
}

export interface ReferenceAnswer {
  reason: "scenario" | "default" | "none";
  rule: string | null;
  row: number | null;
  output: unknown;
}

export function referenceDecide(bundle: Bundle, decision: string, context: unknown): ReferenceAnswer {
  const table = bundle.decisions[decision];
  if (table === undefined) throw new Error(`no decision ${decision}`);
  for (let index = 0; index < table.rows.length; index++) {
    const row = table.rows[index]!;
    const holds = Object.entries(row.tests).every(([column, test]) => {
      const col = table.columns[Number(column)]!;
      return referenceTest(col, test, referenceValue(context, col.path));
    });
    if (holds) {
      const outcome = table.outcomes[row.outcome]!;
      return { reason: "scenario", rule: outcome.rule, row: index, output: outcome.output };
    }
  }
  return table.default === null
    ? { reason: "none", rule: null, row: null, output: null }
    : { reason: "default", rule: null, row: null, output: table.default };
}
