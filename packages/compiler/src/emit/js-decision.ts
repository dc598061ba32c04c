/**
 * The code of one decision in the `js` target (js.ts): the index DAG
 * compiled into straight-line code. A `switch` node becomes a JavaScript
 * `switch` (or a Map lookup when it has many cases), a `split` node a
 * balanced binary search over constants, a `test` node an `if`, a `rows`
 * leaf one `if` per candidate row with its tests inline, and a `seq` node a
 * labeled block per part, whose misses `break` out to the next part.
 *
 * Column values are read lazily, the way a hand-written function would
 * read them: each function has a `let` per column and per path prefix
 * (`order`, `customer.consent`) holding the sentinel `$u` ("not read yet"),
 * and code that needs a column reads it one step from its prefix (itself
 * read at most once) unless the emitter knows it has already been read on
 * every path to that point.
 * A row's tests are one `&&` chain, so a row that fails its first test reads
 * nothing else; later `seq` parts reuse whatever earlier parts read.

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
import { childrenOf } from "../optimize/index/dag.js";
import { jsNumber, jsScalar, jsString } from "./js-literal.js";

/** Above this many cases a `switch` looks the value up in a Map first. */
const MAP_SWITCH_THRESHOLD = 12;
/** Above this many values an `in` test uses a Set. */
const SET_TEST_THRESHOLD = 8;
/** Above this many bounds a `split` looks its branch up by binary search over a constant array. */
const SPLIT_TABLE_THRESHOLD = 16;
/** Nodes whose inline code would take more lines than this get their own function. */
const INLINE_LIMIT = 60;
/** About how many lines of cases one group function of a large switch or split holds. */
const GROUP_LIMIT = 100;
/** Case numbers of one group function lie within a span of this many. */
const GROUP_SPAN = 1024;

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

/** The columns certainly read on every path to the code being written. */
type Scope = Set<number>;

/**
 * The module-level function that takes one step along a context path: the
 * property `key` of a plain object, or undefined. Only own properties count,
 * so `__proto__` and friends are data; the own-property check is skipped
 * when it cannot matter: the value is undefined, or the object's prototype
 * is Object.prototype and that has no such property (a polluted
 * Object.prototype therefore still gets the full check). One function per
 * key, shared by the whole module, so that each keeps a monomorphic cache.
 */
export function stepFunction(constants: Constants, key: string): string {
  const name = jsString(key);
  return constants.add(
    `function (h) {\n  let t;\n  return typeof h === "object" && h !== null && !Array.isArray(h) && (t = h[${name}]) !== undefined && (($getProto(h) === $objectProto && $objectProto[${name}] === undefined) || $hasOwn.call(h, ${name})) ? t : undefined;\n}`,
  );
}

/** Emits the code of one decision: its hit/miss helpers, shared index nodes as functions, and the entry function. */
export class DecisionEmitter {
  private readonly functions: string[] = [];
  private readonly emitted = new Set<number>();
  private readonly shared: Set<number>;
  private readonly costs = new Map<number, number>();
  /** Each proper prefix of a column path (dot-joined) → the number of its `let`. */
  private readonly prefixes = new Map<string, number>();
  private labels = 0;
  private groups = 0;
  /** Per column, the expression that reads it (the same text at every use). */
  private readonly readers = new Map<number, string>();
  /** Per column, the pattern that finds its local's first mention in an expression. */
  private readonly columnNames = new Map<number, RegExp>();

  constructor(
    private readonly table: DecisionTable,
    private readonly d: number,
    private readonly constants: Constants,
  ) {
    this.shared = sharedNodes(table.index.nodes, table.index.root);
    for (const column of table.columns) {
      const keys = column.path.split(".");
      for (let length = 1; length < keys.length; length++) {
        const prefix = keys.slice(0, length).join(".");
        if (!this.prefixes.has(prefix)) this.prefixes.set(prefix, this.prefixes.size);
      }
    }
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
      ...this.functions,
      `function $decision${d}(context) {`,
      this.columnLets(),
      ...body,
      "}",
      "",
    ].join("\n");
  }

  /** The `let` of every column and path prefix, each holding `$u` until it is read. */
  private columnLets(): string {
    const lets = this.locals().map((local) => `${local} = $u`);
    return lets.length === 0 ? "" : `  let ${lets.join(", ")};`;
  }

  /** The names of the columns' and prefixes' locals, in the order node functions take them. */
  private locals(): string[] {
    return [...this.table.columns.map((_, c) => `v${c}`), ...[...this.prefixes.values()].map((n) => `q${n}`)];
  }

  /** An expression for the value at `keys` (a column's path or a prefix of it), reading what is not read yet. */
  private pathValue(keys: readonly string[]): string {
    const parent = keys.length === 1 ? "context" : this.prefixValue(keys.slice(0, -1));
    return `${stepFunction(this.constants, keys[keys.length - 1] as string)}(${parent})`;
  }

  private prefixValue(keys: readonly string[]): string {
    const local = `q${this.prefixes.get(keys.join(".")) as number}`;
    return `(${local} === $u ? (${local} = ${this.pathValue(keys)}) : ${local})`;
  }

  /** The expression that reads column `c` (typed: undefined when absent or of the wrong type). */
  private reader(c: number): string {
    let reader = this.readers.get(c);
    if (reader === undefined) {
      const column = this.table.columns[c] as Column;
      this.readers.set(c, (reader = this.readExpression(column, this.pathValue(column.path.split(".")))));
    }
    return reader;
  }

  /** Reads column `c` here unless `scope` says it is read already. */
  private need(c: number, scope: Scope, indent: string, lines: string[]): void {
    if (scope.has(c)) return;
    lines.push(`${indent}if (v${c} === $u) v${c} = ${this.reader(c)};`);
    scope.add(c);
  }

  /** The expression for column `c` at its first use in an expression: the value, read first when it may not be. */
  private lazy(c: number, scope: Scope): string {
    return scope.has(c) ? `v${c}` : `(v${c} === $u ? (v${c} = ${this.reader(c)}) : v${c})`;
  }

  private testedColumns(row: Row): number[] {
    return Object.keys(row.tests)
      .map(Number)
      .sort((a, b) => a - b);
  }

  /**
   * Lines that answer for node `id` or run `miss`: the node inline, or a
   * call to its own function when several edges lead to it or its code
   * would be large. V8 does not optimize very large functions, so a
   * decision's code is kept in functions of bounded size.
   */
  private node(id: number, indent: string, scope: Scope, miss: string, isRoot = false): string[] {
    if (isRoot || (!this.shared.has(id) && this.inlineCost(id) <= INLINE_LIMIT)) return this.inline(id, indent, scope, miss);
    return this.call(this.nodeFunction(id), indent, miss);
  }

  /** The arguments of every node function: the context and each column and prefix, read or still `$u`. */
  private args(): string {
    return ["context", ...this.locals()].join(", ");
  }

  /**
   * The name of node `id`'s own function, emitting it the first time. The
   * columns and path prefixes travel as arguments, so that the function
   * reads only what no caller has; its own reads stay its own.
   */
  private nodeFunction(id: number): string {
    const name = `$d${this.d}n${id}`;
    if (!this.emitted.has(id)) {
      this.emitted.add(id);
      const body = this.inline(id, "  ", new Set(), "return undefined;");
      this.functions.push(`function ${name}(${this.args()}) {\n${body.join("\n")}\n}\n`);
    }
    return name;
  }

  /**
   * Functions that each hold the code of several of `targets`, as the cases
   * of a `switch`, up to about GROUP_LIMIT lines per function. A table of
   * many targets thus becomes a few functions that are each called often
   * (V8 optimizes a function once it is hot, and calling thousands of
   * rarely used functions through one call site is slow). Returns each
   * target's place, `group * GROUP_SPAN + case`, and the constant table of
   * group functions.
   */
  private caseGroups(targets: readonly number[]): { places: Map<number, number>; table: string } {
    const groups: number[][] = [];
    let cost = Infinity;
    for (const target of targets) {
      const targetCost = this.shared.has(target) ? 1 : this.inlineCost(target);
      const current = groups[groups.length - 1];
      if (current === undefined || cost + targetCost > GROUP_LIMIT || current.length === GROUP_SPAN) {
        groups.push([target]);
        cost = targetCost;
      } else {
        current.push(target);
        cost += targetCost;
      }
    }
    const places = new Map<number, number>();
    const names = groups.map((members, group) => {
      const name = `$d${this.d}g${this.groups++}`;
      const body: string[] = [`  switch (place) {`];
      members.forEach((target, index) => {
        places.set(target, group * GROUP_SPAN + index);
        body.push(`    case ${group * GROUP_SPAN + index}: {`, ...this.node(target, "      ", new Set(), "return undefined;"), "    }");
      });
      body.push("  }", "  return undefined;");
      this.functions.push(`function ${name}(place, ${this.args()}) {\n${body.join("\n")}\n}\n`);
      return name;
    });
    return { places, table: this.constants.add(`[${names.join(", ")}]`) };
  }

  /** Lines calling the group function of the place `place` holds, running `miss` when it finds no row. */
  private callGroup(table: string, place: string, indent: string, miss: string): string[] {
    const inner = `${indent}  `;
    return [`${indent}{`, `${inner}const at = ${place};`, ...this.call(`${table}[(at / ${GROUP_SPAN}) | 0]`, inner, miss, "at, "), `${indent}}`];
  }

  /**
   * Lines calling a node function (or a function-valued expression), with
   * `leading` arguments before the usual ones, and running `miss` when it
   * finds no row.
   */
  private call(callee: string, indent: string, miss: string, leading = ""): string[] {
    const call = `${callee}(${leading}${this.args()})`;
    if (miss === "return undefined;") return [`${indent}return ${call};`];
    return [`${indent}{`, `${indent}  const answer = ${call};`, `${indent}  if (answer !== undefined) return answer;`, `${indent}}`, `${indent}${miss}`];
  }

  /** About how many lines node `id` takes inline: its rows and dispatch nodes, a shared node counting as one call. */
  private inlineCost(id: number): number {
    const known = this.costs.get(id);
    if (known !== undefined) return known;
    const node = this.table.index.nodes[id] as IndexNode;
    let cost = 1;
    if ("rows" in node) cost += node.rows.length;
    else for (const child of new Set(childrenOf(node))) cost += this.shared.has(child) ? 1 : this.inlineCost(child);
    this.costs.set(id, cost);
    return cost;
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
      const condition = columns.map((c) => this.firstUseLazy(this.testExpression(row.tests[String(c)] as UnaryTest, c), c, scope));
      // Only the first test of a chain is sure to run, so only its column is surely read afterwards.
      scope.add(columns[0] as number);
      lines.push(`${indent}if (${condition.join(" && ")}) ${hit}`);
    }
    lines.push(`${indent}${miss}`);
    return lines;
  }

  /**
   * `expression` with its first mention of `v<c>` (always the first one
   * evaluated, in every test expression this emitter writes) made lazy.
   */
  private firstUseLazy(expression: string, c: number, scope: Scope): string {
    if (scope.has(c)) return expression;
    let name = this.columnNames.get(c);
    if (name === undefined) this.columnNames.set(c, (name = new RegExp(`\\bv${c}\\b`)));
    return expression.replace(name, () => this.lazy(c, scope));
  }

  /**
   * Each part but the last in a labeled block whose misses break out of it;
   * the last part takes this node's own miss. Columns are function-level
   * `let`s, so a later part reuses what an earlier one read.
   */
  private seq(parts: readonly number[], indent: string, scope: Scope, miss: string): string[] {
    const lines: string[] = [];
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
    if (node.bounds.length > SPLIT_TABLE_THRESHOLD) {
      // Many bounds: the branch's place in a table of case groups is found
      // by binary search over constant arrays, so the code does not grow
      // with the bounds.
      const bounds = this.constants.add(`[${node.bounds.map(jsNumber).join(", ")}]`);
      const { places, table } = this.caseGroups([...new Set(node.next)]);
      const byBranch = this.constants.add(`[${node.next.map((target) => places.get(target) as number).join(", ")}]`);
      return [...lines, ...this.callGroup(table, `${byBranch}[$branch(${bounds}, ${v})]`, indent, miss)];
    }
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
      // Many cases: a Map from each value to its case's place in a table of
      // case groups, so that the code stays the same size however many
      // cases there are.
      const targets = [...byTarget.keys()];
      const { places, table } = this.caseGroups(targets);
      const entries = [...byTarget].flatMap(([target, keys]) => keys.map((key) => `[${literal(key)}, ${places.get(target) as number}]`));
      const map = this.constants.add(`new Map([${entries.join(", ")}])`);
      lines.push(`${indent}{`, `${inner}const place = ${map}.get(${v});`, `${inner}if (place !== undefined) {`);
      lines.push(...this.callGroup(table, "place", `${inner}  `, miss), `${inner}}`, `${indent}}`);
      lines.push(...this.node(node.other, indent, scope, miss));
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
 * Nodes reached from more than one parent get their own function so that
 * the generated code stays as small as the DAG; a leaf of one or two rows
 * is cheaper to repeat than to call.
 */
function sharedNodes(nodes: readonly IndexNode[], root: number): Set<number> {
  const incoming = new Map<number, number>();
  const seen = new Set<number>();
  const stack = [root];
  while (stack.length > 0) {
    const id = stack.pop() as number;
    if (seen.has(id)) continue;
    seen.add(id);
    // Several edges of one node to the same child are written once (a
    // switch groups its cases by target), so parents are counted, not edges.
    for (const child of new Set(childrenOf(nodes[id] as IndexNode))) {
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
