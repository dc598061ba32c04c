/**
 * Every engine's answer reduced to one comparable label: the winning rule id,
 * or `(default)` / `(none)` when no row matches. Engines are checked equal on
 * these labels before anything is timed.
 */
import type { DecisionTable } from "@scn/runtime";

export type Label = string;

export function rowLabel(table: DecisionTable, row: number | null | undefined): Label {
  if (row === null || row === undefined) return table.default ? "(default)" : "(none)";
  const outcome = table.outcomes[table.rows[row]?.outcome ?? -1];
  return outcome ? outcome.rule : "(bad row)";
}

/** Reads a dotted path with own-property lookups only. */
export function readPath(context: unknown, path: string): unknown {
  let value: unknown = context;
  for (const key of path.split(".")) {
    if (value === null || typeof value !== "object" || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}
