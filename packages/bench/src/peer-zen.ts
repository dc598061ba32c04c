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

export function jdmFor(table: DecisionTable): object {
  const inputs = table.columns.map((column, index) => ({ id: `c${index}`, name: column.path, field: column.path }));
  const rules = table.rows.map((row, index) => {
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
