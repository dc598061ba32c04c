/**
 * A tiny first-hit row evaluator for tests, written from the bundle format
 * (docs/bundle-format.md#unary-tests-and-absent-values) without the compiler's or the runtime's code: lowered rows
 * are checked against the reference interpreter with it.
 */
import { assignArm, type Column, type JsonValue, type UnaryTest } from "@scn/runtime";
import type { LoweredDecision } from "@scn/compiler";

function readOwn(context: unknown, path: string): unknown {
  let current = context;
  for (const key of path.split(".")) {
    if (typeof current !== "object" || current === null || Array.isArray(current)) return undefined;
    if (!Object.prototype.hasOwnProperty.call(current, key)) return undefined;
    current = (current as { [key: string]: unknown })[key];
  }
  return current;
}

function scalarFits(type: string, members: readonly string[] | undefined, value: unknown): boolean {
  if (type === "bool") return typeof value === "boolean";
  if (type === "int") return Number.isInteger(value);
  if (type === "number") return typeof value === "number" && Number.isFinite(value);
  if (type === "string") return typeof value === "string";
  return typeof value === "string" && (members ?? []).includes(value);
}

function isPresent(column: Column, value: unknown): boolean {
  if (column.type === "list") return Array.isArray(value) && value.every((v) => scalarFits(column.element ?? "string", column.values, v));
  return scalarFits(column.type, column.values, value);
}

function holds(column: Column, test: UnaryTest, raw: unknown): boolean {
  const present = isPresent(column, raw);
  if ("present" in test) return present === test.present;
  if (!present) return false;
  if ("eq" in test) return raw === test.eq;
  if ("in" in test) return test.in.includes(raw as never);
  if ("notIn" in test) return !test.notIn.includes(raw as never);
  if ("bool" in test) return raw === test.bool;
  if ("range" in test)
    return test.range.some(([lo, hi, li, hi2]) => {
      const x = raw as number;
      return (lo === null || x > lo || (li && x === lo)) && (hi === null || x < hi || (hi2 && x === hi));
    });
  if ("contains" in test) return (raw as unknown[]).includes(test.contains);
  return !(raw as unknown[]).includes(test.notContains);
}

/** A column's value: read at its path, or for an arm column, the arm the unit there is assigned to. */
function columnValue(column: Column, context: unknown): unknown {
  const raw = readOwn(context, column.path);
  const experiment = column.experiment;
  if (experiment === undefined) return raw;
  const fits = experiment.unit === "int" ? Number.isSafeInteger(raw) : typeof raw === "string";
  const arm = fits ? assignArm(experiment.seed, experiment.ranges, raw) : -1;
  return arm < 0 ? undefined : column.values?.[arm];
}

export interface RowAnswer {
  readonly reason: "scenario" | "default" | "none";
  readonly rule: string | null;
  readonly output: { [key: string]: JsonValue } | null;
  readonly metrics: readonly string[];
}

export function evaluateRows(decision: LoweredDecision, context: unknown): RowAnswer {
  for (const row of decision.rows) {
    const matches = Object.entries(row.tests).every(([index, test]) => {
      const column = decision.columns[Number(index)]!;
      return holds(column, test, columnValue(column, context));
    });
    if (!matches) continue;
    const outcome = decision.outcomes[row.outcome]!;
    return { reason: "scenario", rule: outcome.rule, output: outcome.output, metrics: outcome.metrics };
  }
  return decision.default === null
    ? { reason: "none", rule: null, output: null, metrics: [] }
    : { reason: "default", rule: null, output: decision.default, metrics: [] };
}
