/**
 * The same decision for GoRules Zen, generated from the compiled rows: a JDM
 * graph (input → decision table → output) whose table has one input column
 * per scn column, hit policy `first`, and one rule per row. Each cell is a
 * unary test in Zen's expression language written with `$` and explicit
 * null checks, so absent values mean what they mean in scn. Zen's API is
 * asynchronous; it is measured the way its users call it, one awaited
 * `evaluate` per decision.
 */
import { ZenEngine } from "@gorules/zen-engine";
import type { DecisionTable, Scalar, UnaryTest } from "@scn/runtime";
import { rowLabel, type Label } from "./answer-label.js";
import { earlier, partFor, splitRows } from "./peer-split.js";

function literal(value: Scalar): string {
  return typeof value === "string" ? `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'` : String(value);
}

export function zenCell(test: UnaryTest): string {
  if ("eq" in test) return `$ == ${literal(test.eq)}`;
  if ("in" in test) return `$ in [${test.in.map(literal).join(", ")}]`;
  if ("notIn" in test) return `$ != null and not($ in [${test.notIn.map(literal).join(", ")}])`;
  if ("bool" in test) return `$ == ${test.bool}`;
  if ("contains" in test) return `$ != null and contains($, ${literal(test.contains)})`;
  if ("notContains" in test) return `$ != null and not(contains($, ${literal(test.notContains)}))`;
  if ("present" in test) return test.present ? "$ != null" : "$ == null";
  const parts = test.range.map(([low, high, lowIncl, highIncl]) => {
    const bounds = ["$ != null"];
    if (low !== null) bounds.push(`$ ${lowIncl ? ">=" : ">"} ${low}`);
    if (high !== null) bounds.push(`$ ${highIncl ? "<=" : "<"} ${high}`);
    // No parentheses: in Zen's unary mode a cell starting with `(` reads
    // as an interval literal; `and` binds tighter than `or` anyway.
    return bounds.join(" and ");
  });
  return parts.join(" or ");
}

/** The JDM graph of the table's rows, or of the rows at `only` (each rule still answers its row's index in the whole table). */
export function jdmFor(table: DecisionTable, only: readonly number[] = table.rows.map((_, i) => i)): object {
  const inputs = table.columns.map((column, index) => ({ id: `c${index}`, name: column.path, field: column.path }));
  const rules = only.map((index) => {
    const row = table.rows[index]!;
    const rule: Record<string, string> = { _id: `r${index}`, out: String(index) };
    for (let column = 0; column < table.columns.length; column++) {
      const test = row.tests[String(column)];
      rule[`c${column}`] = test ? zenCell(test) : "";
    }
    return rule;
  });
  return {
    nodes: [
      { id: "in", type: "inputNode", name: "Request", position: { x: 0, y: 0 } },
      {
        id: "table",
        type: "decisionTableNode",
        name: "rows",
        position: { x: 200, y: 0 },
        content: { hitPolicy: "first", inputs, outputs: [{ id: "out", name: "row", field: "row" }], rules },
      },
      { id: "out", type: "outputNode", name: "Response", position: { x: 400, y: 0 } },
    ],
    edges: [
      { id: "e1", sourceId: "in", targetId: "table", type: "edge" },
      { id: "e2", sourceId: "table", targetId: "out", type: "edge" },
    ],
  };
}

export interface ZenPeer {
  decide(context: unknown): Promise<Label>;
}

export function zenPeer(table: DecisionTable): ZenPeer {
  const engine = new ZenEngine();
  const decision = engine.createDecision(jdmFor(table) as never);
  return {
    async decide(context) {
      const response = await decision.evaluate(context as never);
      const row = (response.result as { row?: number } | undefined)?.row;
      return rowLabel(table, typeof row === "number" ? row : null);
    },
  };
}

/**
 * Zen as a competent user sets it up for a large table (peer-split.ts): one
 * small decision per category, picked through a Map, and one shared
 * decision for the rows that name no category; the earlier row wins.
 */
export function zenSplitPeer(table: DecisionTable, path: string): ZenPeer {
  const engine = new ZenEngine();
  const split = splitRows(table, path);
  const create = (rows: readonly number[]) => engine.createDecision(jdmFor(table, rows) as never);
  const parts = new Map([...split.byValue].map(([value, rows]) => [value, create(rows)] as const));
  const shared = create(split.other);
  const rowOf = async (decision: ReturnType<typeof create>, context: unknown): Promise<number | null> => {
    const response = await decision.evaluate(context as never);
    const row = (response.result as { row?: number } | undefined)?.row;
    return typeof row === "number" ? row : null;
  };
  return {
    async decide(context) {
      const part = partFor(split, parts, context);
      const own = part === undefined ? null : await rowOf(part, context);
      const common = await rowOf(shared, context);
      return rowLabel(table, earlier(own, common));
    },
  };
}
