/**
 * The same decision for json-rules-engine, generated from the compiled rows:
 * one rule per row with a distinct priority (first-hit order), `all`/`any`
 * conditions from the unary tests, and the engine stopped at the first
 * success, which is how its users express "first result wins". Facts are the
 * column paths, flattened from the context per call (users must do the
 * same), and a `present` operator gives absent values scn's meaning where
 * the built-in operators differ (`notIn` is true on an absent fact).
 */
import { Engine, type NestedCondition, type TopLevelCondition } from "json-rules-engine";
import type { DecisionTable, UnaryTest } from "@scn/runtime";
import { readPath, rowLabel, type Label } from "./answer-label.js";
import { earlier, partFor, splitRows } from "./peer-split.js";

function conditionsFor(fact: string, test: UnaryTest): NestedCondition {
  const present = { fact, operator: "present", value: true };
  if ("eq" in test) return { fact, operator: "equal", value: test.eq };
  if ("in" in test) return { fact, operator: "in", value: test.in };
  if ("notIn" in test) return { all: [present, { fact, operator: "notIn", value: test.notIn }] };
  if ("bool" in test) return { fact, operator: "equal", value: test.bool };
  if ("contains" in test) return { fact, operator: "contains", value: test.contains };
  if ("notContains" in test) return { fact, operator: "doesNotContain", value: test.notContains };
  if ("present" in test) return { fact, operator: "present", value: test.present };
  return {
    any: test.range.map(([low, high, lowIncl, highIncl]) => {
      const bounds: NestedCondition[] = [{ fact, operator: "isNumber", value: true }];
      if (low !== null) bounds.push({ fact, operator: lowIncl ? "greaterThanInclusive" : "greaterThan", value: low });
      if (high !== null) bounds.push({ fact, operator: highIncl ? "lessThanInclusive" : "lessThan", value: high });
      return { all: bounds };
    }),
  };
}

export interface RulesEnginePeer {
  decide(context: unknown): Promise<Label>;
  readonly rules: number;
}

function engineFor(table: DecisionTable, only: readonly number[]): Engine {
  const engine = new Engine([], { allowUndefinedFacts: true });
  engine.addOperator("present", (value: unknown, expected: unknown) => (value !== undefined && value !== null) === expected);
  engine.addOperator("isNumber", (value: unknown) => typeof value === "number");
  const paths = table.columns.map((c) => c.path);
  only.forEach((index, position) => {
    const row = table.rows[index]!;
    const all = Object.entries(row.tests).map(([column, test]) => conditionsFor(paths[Number(column)]!, test));
    engine.addRule({ conditions: { all }, event: { type: "row", params: { row: index } }, priority: only.length - position, name: `row${index}` });
  });
  engine.on("success", () => {
    engine.stop();
  });
  return engine;
}

/**
 * json-rules-engine as a competent user sets it up for a large table
 * (peer-split.ts): one engine per category, picked through a Map, and one
 * shared engine for the rules that name no category; the earlier row wins.
 */
export function rulesEngineSplitPeer(table: DecisionTable, path: string): RulesEnginePeer {
  const split = splitRows(table, path);
  const parts = new Map([...split.byValue].map(([value, rows]) => [value, engineFor(table, rows)] as const));
  const shared = engineFor(table, split.other);
  const facts = [...new Set(table.columns.map((c) => c.path))];
  const rowOf = async (engine: Engine, input: Record<string, unknown>): Promise<number | null> => {
    const { events } = await engine.run(input);
    const first = events[0];
    return first ? (first.params as { row: number }).row : null;
  };
  return {
    rules: table.rows.length,
    async decide(context) {
      const input: Record<string, unknown> = {};
      for (const path of facts) input[path] = readPath(context, path);
      const part = partFor(split, parts, context);
      const own = part === undefined ? null : await rowOf(part, input);
      return rowLabel(table, earlier(own, await rowOf(shared, input)));
    },
  };
}

export function rulesEnginePeer(table: DecisionTable): RulesEnginePeer {
  const engine = new Engine([], { allowUndefinedFacts: true });
  engine.addOperator("present", (value: unknown, expected: unknown) => (value !== undefined && value !== null) === expected);
  engine.addOperator("isNumber", (value: unknown) => typeof value === "number");
  const paths = table.columns.map((c) => c.path);
  const facts = [...new Set(paths)];
  table.rows.forEach((row, index) => {
    const all = Object.entries(row.tests).map(([column, test]) => conditionsFor(paths[Number(column)]!, test));
    const conditions: TopLevelCondition = { all };
    engine.addRule({ conditions, event: { type: "row", params: { row: index } }, priority: table.rows.length - index, name: `row${index}` });
  });
  engine.on("success", () => {
    engine.stop();
  });
  return {
    rules: table.rows.length,
    async decide(context) {
      const input: Record<string, unknown> = {};
      for (const path of facts) input[path] = readPath(context, path);
      const { events } = await engine.run(input);
      const first = events[0];
      return rowLabel(table, first ? (first.params as { row: number }).row : null);
    },
  };
}
