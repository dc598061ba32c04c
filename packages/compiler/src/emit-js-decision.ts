/**
 * The code of one decision in the `js` target (emit-js.ts): the index DAG
 * compiled into straight-line code. A `switch` node becomes a JavaScript
 * `switch` (or a Map lookup when it has many cases), a `split` node a
 * balanced binary search over constants, a `test` node an `if`, a `rows`
 * leaf one `if` per candidate row with its tests inline, and a `seq` node a
 * labeled block per part, whose misses `break` out to the next part.
 *
 * Column values are read lazily: each block declares a column's local the
 * first time code in it (or in a block around it) needs the column, so a
 * decision reads only the columns its walk looks at, the way a hand-written
 * function would. Reads of the same path prefix (`customer`, then
 * `customer.consent`) share a local, and each read is a constant-name
 * property load guarded by an own-property check.
 *
 * Invariants:
 * - Every code path of a node ends in a statement that leaves it: `return`
 *   of an answer, or the miss statement the caller chose (`return` of the
 *   miss answer, `break` to the next `seq` part, or `return undefined` in a
 *   shared node's function).
 * - A local is used only in a block where it is declared or in a block
 *   nested inside it, so no read is ever skipped.
 * - No source-derived text reaches the code except through js-literal.ts.
 */
import type { Column, DecisionTable, IndexNode, Row, UnaryTest } from "@scn/runtime";
import { childrenOf } from "./index-dag.js";
import { jsNumber, jsScalar, jsString } from "./js-literal.js";

/** Above this many cases a `switch` looks the value up in a Map first. */
const MAP_SWITCH_THRESHOLD = 12;
/** Above this many values an `in` test uses a Set. */
const SET_TEST_THRESHOLD = 8;

/** Module-level constants, deduplicated by their source text. */
export class Constants {
  private readonly names = new Map<string, string>();
  readonly lines: string[] = [];

  add(expression: string): string {
    const existing = this.names.get(expression);
    if (existing !== undefined) return existing;
    const name = `$k${this.names.size}`;
    this.names.set(expression, name);
    this.lines.push(`const ${name} = ${expression};`);
    return name;
  }
}

/** The locals declared by the blocks around the code being written. */
type Scope = Set<string>;

/** The JavaScript for reading the value at a dotted path, one guarded property load per step. */
export function propertyRead(holder: string, key: string): string {
  const name = jsString(key);
  // Inlined rather than a shared helper, so that every site keeps its own
  // monomorphic inline caches; only own properties of plain objects count,
  // so `__proto__` and friends are data.
  return `typeof ${holder} === "object" && ${holder} !== null && !Array.isArray(${holder}) && $hasOwn.call(${holder}, ${name}) ? ${holder}[${name}] : undefined`;
}

/** Emits the code of one decision: its hit/miss helpers, shared index nodes as functions, and the entry function. */
export class DecisionEmitter {
  private readonly functions: string[] = [];
  private readonly emitted = new Set<number>();
  /** Rows listed by several leaves, whose tests are written once as a function. */
  private readonly rowFunctions: Set<number>;
  private readonly shared: Set<number>;
  /** Path prefix → the name of its local, the same in every block that declares it. */
  private readonly prefixLocals = new Map<string, string>();
  private labels = 0;

  constructor(
    private readonly table: DecisionTable,
    private readonly d: number,
    private readonly constants: Constants,
  ) {
    this.shared = sharedNodes(table.index.nodes, table.index.root);
    const listings = new Map<number, number>();
    for (const node of table.index.nodes) if ("rows" in node) for (const r of node.rows) listings.set(r, (listings.get(r) ?? 0) + 1);
    this.rowFunctions = new Set(
      [...listings].filter(([r, count]) => count > 1 && Object.keys((table.rows[r] as Row).tests).length > 1).map(([r]) => r),
    );
  }

  emit(): string {
    const { table, d } = this;
    const miss = `return $miss${d}(context);`;
    const body = this.node(table.index.root, "  ", new Set(), miss, true);
    const missAnswer =
      table.default === null
        ? `  return { decision: $data[${d}].name, reason: "none", rule: null, scenario: null, pathway: null, variation: null, output: null, metrics: $noMetrics, consent: $consent(context) };`
        : `  return { decision: $data[${d}].name, reason: "default", rule: null, scenario: null, pathway: null, variation: null, output: $data[${d}].default, metrics: $noMetrics, consent: $consent(context) };`;
    return [
      `function $hit${d}(index, context) {`,
      `  const o = $data[${d}].outcomes[index];`,
      `  return { decision: $data[${d}].name, reason: "scenario", rule: o.rule, scenario: o.scenario, pathway: o.pathway, variation: o.variation, output: o.output, metrics: o.metrics, consent: $consent(context) };`,
      "}",
      "",
      `function $miss${d}(context) {`,
      missAnswer,
      "}",
      "",
      ...[...this.rowFunctions].sort((a, b) => a - b).map((r) => this.rowFunction(r)),
      ...this.functions,
      `function $decision${d}(context) {`,
      ...body,
      "}",
      "",
    ].join("\n");
  }

  /** Declares, in `scope`, the locals column `c` needs that are not declared yet. */
  private need(c: number, scope: Scope, indent: string, lines: string[]): void {
    const value = `v${c}`;
    if (scope.has(value)) return;
    const column = this.table.columns[c] as Column;
    let holder = "context";
    let prefix = "";
    for (const key of column.path.split(".")) {
      prefix = prefix === "" ? key : `${prefix}.${key}`;
      let local = this.prefixLocals.get(prefix);
      if (local === undefined) {
        local = `p${this.prefixLocals.size}`;
        this.prefixLocals.set(prefix, local);
      }
      if (!scope.has(local)) {
        lines.push(`${indent}const ${local} = ${propertyRead(holder, key)};`);
        scope.add(local);
      }
      holder = local;
    }
    lines.push(`${indent}const ${value} = ${this.readExpression(column, holder)};`);
    scope.add(value);
  }

  private testedColumns(row: Row): number[] {
    return Object.keys(row.tests)
      .map(Number)
      .sort((a, b) => a - b);
  }

  /** The function that checks row `r`, taking only the columns the row tests. */
  private rowFunction(r: number): string {
    const row = this.table.rows[r] as Row;
    const params = this.testedColumns(row).map((c) => `v${c}`);
    return `function $d${this.d}r${r}(${params.join(", ")}) {\n  return ${this.rowExpression(row)};\n}\n`;
  }

  /**
   * Lines that answer for node `id` or run `miss`: the node inline, or a
   * call to its own function when several edges lead to it.
   */
  private node(id: number, indent: string, scope: Scope, miss: string, isRoot = false): string[] {
    if (isRoot || !this.shared.has(id)) return this.inline(id, indent, scope, miss);
    const name = `$d${this.d}n${id}`;
    if (!this.emitted.has(id)) {
      this.emitted.add(id);
      // The function reads its own columns: its callers' locals differ from
      // edge to edge, and re-reading a few columns costs less than passing all.
      const body = this.inline(id, "  ", new Set(), "return undefined;");
      this.functions.push(`function ${name}(context) {\n${body.join("\n")}\n}\n`);
    }
    if (miss === "return undefined;") return [`${indent}return ${name}(context);`];
    return [`${indent}{`, `${indent}  const answer = ${name}(context);`, `${indent}  if (answer !== undefined) return answer;`, `${indent}}`, `${indent}${miss}`];
  }

  private inline(id: number, indent: string, scope: Scope, miss: string): string[] {
    const node = this.table.index.nodes[id] as IndexNode;
    if ("rows" in node) return this.leaf(node.rows, indent, scope, miss);
    if ("seq" in node) return this.seq(node.seq, indent, scope, miss);
    const lines: string[] = [];
    this.need(dispatchColumn(node), scope, indent, lines);
    if ("test" in node) {
      lines.push(`${indent}if (${this.testExpression(node.t, node.test)}) {`);
      lines.push(...this.node(node.then, `${indent}  `, new Set(scope), miss), `${indent}}`);
      lines.push(...this.node(node.else, indent, scope, miss));
      return lines;
    }
    if ("split" in node) return [...lines, ...this.split(node, indent, scope, miss)];
    return [...lines, ...this.switch(node, indent, scope, miss)];
  }

  private leaf(rows: readonly number[], indent: string, scope: Scope, miss: string): string[] {
    const lines: string[] = [];
    for (const r of rows) {
      const row = this.table.rows[r] as Row;
      const hit = `return $hit${this.d}(${row.outcome}, context);`;
      const columns = this.testedColumns(row);
      if (columns.length === 0) {
        // A row without tests always matches, so nothing after it runs.
        lines.push(`${indent}${hit}`);
        return lines;
      }
      for (const c of columns) this.need(c, scope, indent, lines);
      const condition = this.rowFunctions.has(r) ? `$d${this.d}r${r}(${columns.map((c) => `v${c}`).join(", ")})` : this.rowExpression(row);
      lines.push(`${indent}if (${condition}) ${hit}`);
    }
    lines.push(`${indent}${miss}`);
    return lines;
  }

  /**
   * Each part but the last in a labeled block whose misses break out of it;
   * the last part takes this node's own miss. The column each part
   * dispatches on first is read before the blocks, so that a later part
   * does not read it again.
   */
  private seq(parts: readonly number[], indent: string, scope: Scope, miss: string): string[] {
    const lines: string[] = [];
    for (const part of parts) {
      const node = this.table.index.nodes[part] as IndexNode;
      if (!("rows" in node) && !("seq" in node) && !this.shared.has(part)) this.need(dispatchColumn(node), scope, indent, lines);
    }
    parts.forEach((part, i) => {
      if (i === parts.length - 1) {
        lines.push(...this.node(part, indent, scope, miss));
        return;
      }
      const label = `$part${this.labels++}`;
      lines.push(`${indent}${label}: {`, ...this.node(part, `${indent}  `, new Set(scope), `break ${label};`), `${indent}}`);
    });
    return lines;
  }

  private split(node: Extract<IndexNode, { split: number }>, indent: string, scope: Scope, miss: string): string[] {
    const v = `v${node.split}`;
    const lines = [`${indent}if (${v} === undefined) {`, ...this.node(node.absent, `${indent}  `, new Set(scope), miss), `${indent}}`];
    // A balanced binary search over the bounds: cells [2i, 2j] of `next` for
    // bounds i..j-1. Code inside an `if` block gets a copy of the scope, so
    // siblings never rely on each other's reads; the code after the blocks
    // runs in the same block and keeps the scope it was given.
    const search = (i: number, j: number, at: string, blockScope: Scope): string[] => {
      if (i === j) return this.node(node.next[2 * i] as number, at, blockScope, miss);
      const m = (i + j) >> 1;
      const bound = jsNumber(node.bounds[m] as number);
      return [
        `${at}if (${v} < ${bound}) {`,
        ...search(i, m, `${at}  `, new Set(blockScope)),
        `${at}}`,
        `${at}if (${v} === ${bound}) {`,
        ...this.node(node.next[2 * m + 1] as number, `${at}  `, new Set(blockScope), miss),
        `${at}}`,
        ...search(m + 1, j, at, blockScope),
      ];
    };
    lines.push(...search(0, node.bounds.length, indent, scope));
    return lines;
  }

  private switch(node: Extract<IndexNode, { switch: number }>, indent: string, scope: Scope, miss: string): string[] {
    const v = `v${node.switch}`;
    const column = this.table.columns[node.switch] as Column;
    const lines = [`${indent}if (${v} === undefined) {`, ...this.node(node.absent, `${indent}  `, new Set(scope), miss), `${indent}}`];
    // Group the cases by target so that each target's code is written once.
    const byTarget = new Map<number, string[]>();
    for (const key of Object.keys(node.cases).sort()) {
      const target = node.cases[key] as number;
      byTarget.set(target, [...(byTarget.get(target) ?? []), key]);
    }
    const literal = (key: string) => (column.type === "bool" ? (key === "true" ? "true" : "false") : jsString(key));
    const inner = `${indent}  `;
    const branch = (target: number) => this.node(target, `${inner}  `, new Set(scope), miss);
    if (byTarget.size === 0) {
      lines.push(...this.node(node.other, indent, scope, miss));
    } else if (Object.keys(node.cases).length > MAP_SWITCH_THRESHOLD) {
      const targets = [...byTarget];
      const map = this.constants.add(
        `new Map([${targets.flatMap(([, keys], position) => keys.map((key) => `[${literal(key)}, ${position}]`)).join(", ")}])`,
      );
      lines.push(`${indent}switch (${map}.get(${v})) {`);
      targets.forEach(([target], position) => lines.push(`${inner}case ${position}: {`, ...branch(target), `${inner}}`));
      lines.push(`${inner}default: {`, ...branch(node.other), `${inner}}`, `${indent}}`);
    } else {
      lines.push(`${indent}switch (${v}) {`);
      for (const [target, keys] of byTarget) {
        lines.push(...keys.map((key) => `${inner}case ${literal(key)}:`));
        lines.push(`${inner}{`, ...branch(target), `${inner}}`);
      }
      lines.push(`${inner}default: {`, ...branch(node.other), `${inner}}`, `${indent}}`);
    }
    return lines;
  }

  private readExpression(column: Column, raw: string): string {
    switch (column.type) {
      case "bool":
        return `$bool(${raw})`;
      case "int":
        return `$int(${raw})`;
      case "number":
        return `$number(${raw})`;
      case "string":
        return `$string(${raw})`;
      case "enum":
        return `$member(${raw}, ${this.constants.add(`new Set([${(column.values ?? []).map(jsString).join(", ")}])`)})`;
      case "list":
        return `$list(${raw}, ${this.elementCheck(column)})`;
    }
  }

  private elementCheck(column: Column): string {
    switch (column.element ?? "string") {
      case "bool":
        return "$isBool";
      case "int":
        return "$isInt";
      case "number":
        return "$isNumber";
      case "string":
        return "$isString";
      case "enum": {
        const members = this.constants.add(`new Set([${(column.values ?? []).map(jsString).join(", ")}])`);
        return this.constants.add(`(x) => typeof x === "string" && ${members}.has(x)`);
      }
    }
  }

  private rowExpression(row: Row): string {
    const tests = this.testedColumns(row).map((c) => this.testExpression(row.tests[String(c)] as UnaryTest, c));
    return tests.length === 0 ? "true" : tests.join(" && ");
  }

  /** A boolean expression for `test` on column `c`, whose normalized value is `v<c>` (undefined when absent). */
  private testExpression(test: UnaryTest, c: number): string {
    const v = `v${c}`;
    if ("present" in test) return test.present ? `${v} !== undefined` : `${v} === undefined`;
    if ("eq" in test) return `${v} === ${jsScalar(test.eq)}`;
    if ("bool" in test) return `${v} === ${test.bool ? "true" : "false"}`;
    if ("in" in test) return this.membership(v, test.in);
    if ("notIn" in test) return `(${v} !== undefined && !${this.membership(v, test.notIn)})`;
    if ("range" in test) {
      const intervals = test.range.map(([lo, hi, loIncl, hiIncl]) => {
        const parts = [
          lo === null ? null : `${v} ${loIncl ? ">=" : ">"} ${jsNumber(lo)}`,
          hi === null ? null : `${v} ${hiIncl ? "<=" : "<"} ${jsNumber(hi)}`,
        ].filter((p) => p !== null);
        return parts.length === 0 ? "true" : parts.join(" && ");
      });
      return `(${v} !== undefined && (${intervals.map((i) => `(${i})`).join(" || ")}))`;
    }
    if ("contains" in test) return `(${v} !== undefined && $includes.call(${v}, ${jsScalar(test.contains)}))`;
    return `(${v} !== undefined && !$includes.call(${v}, ${jsScalar(test.notContains)}))`;
  }

  private membership(v: string, values: readonly (string | number | boolean)[]): string {
    if (values.length === 0) return "false";
    if (values.length > SET_TEST_THRESHOLD) return `${this.constants.add(`new Set([${values.map(jsScalar).join(", ")}])`)}.has(${v})`;
    return `(${values.map((value) => `${v} === ${jsScalar(value)}`).join(" || ")})`;
  }
}

/** The column a dispatch node reads. */
function dispatchColumn(node: Exclude<IndexNode, { rows: number[] } | { seq: number[] }>): number {
  if ("test" in node) return node.test;
  if ("split" in node) return node.split;
  return node.switch;
}

/**
 * Nodes reached along more than one edge get their own function so that the
 * generated code stays as small as the DAG; a leaf of one or two rows is
 * cheaper to repeat than to call.
 */
function sharedNodes(nodes: readonly IndexNode[], root: number): Set<number> {
  const incoming = new Map<number, number>();
  const seen = new Set<number>();
  const stack = [root];
  while (stack.length > 0) {
    const id = stack.pop() as number;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const child of childrenOf(nodes[id] as IndexNode)) {
      incoming.set(child, (incoming.get(child) ?? 0) + 1);
      stack.push(child);
    }
  }
  const shared = new Set<number>();
  for (const [id, count] of incoming) {
    const node = nodes[id] as IndexNode;
    if (count > 1 && !("rows" in node && node.rows.length <= 2)) shared.add(id);
  }
  return shared;
}
