/**
 * The `js` target (OUTPUT.md §4): a self-contained JavaScript module with one
 * function per decision, compiled from the table's index into straight-line
 * code (a `switch` per enum/string column, a binary search over constants per
 * numeric column, the candidate rows' tests inline), plus `decide`, `bundle`
 * and `validateContext`. `emitJs` writes an ES module, `emitCjs` CommonJS.
 *
 * Invariants:
 * - The module has no imports and never evaluates text: no `eval`, no
 *   `Function`. Data (outcomes, defaults) is embedded as one JSON string
 *   literal, parsed once and deeply frozen.
 * - No source-derived text appears in code except through js-literal.ts:
 *   inside string literals (escaped) or as sanitized export names. Internal
 *   names start with `$`, which no export name contains, and user names are
 *   only ever aliases in the export list, so no user name can shadow a
 *   global the module relies on.
 * - Answers equal the runtime's for every context: values are read through
 *   own properties only, and absent, null and wrongly typed values are
 *   treated exactly as the reference interpreter treats them.
 */
import type { Bundle, Column, DecisionTable, IndexNode, Row, UnaryTest } from "@scn/runtime";
import { canonicalJson } from "./canonical-json.js";
import { emitContextValidator } from "./emit-validator.js";
import { childrenOf } from "./index-dag.js";
import { exportName, jsNumber, jsScalar, jsString } from "./js-literal.js";
import { COMPILER_VERSION } from "./version.js";

export function emitJs(bundle: Bundle): string {
  return emitModule(bundle, "esm");
}

export function emitCjs(bundle: Bundle): string {
  return emitModule(bundle, "cjs");
}

/** The export name of each decision, in bundle order; the same names the .d.ts declares. */
export function decisionExportNames(bundle: Bundle): Map<string, string> {
  const taken = new Set(["bundle", "decide", "validateContext"]);
  return new Map(Object.keys(bundle.decisions).map((name) => [name, exportName(name, taken)]));
}

/** Above this many cases a `switch` looks the value up in a Map first. */
const MAP_SWITCH_THRESHOLD = 12;
/** Above this many values an `in` test uses a Set. */
const SET_TEST_THRESHOLD = 8;

const PRELUDE = `const $hasOwn = Object.prototype.hasOwnProperty;
const $includes = Array.prototype.includes;
const $noMetrics = Object.freeze([]);

/** Deep-freezes parsed data so that answers can share it safely. */
function $freeze(value) {
  if (typeof value === "object" && value !== null) {
    for (const key of Object.keys(value)) $freeze(value[key]);
    Object.freeze(value);
  }
  return value;
}

/* Each column's value, or undefined when it is absent, null or of the wrong type. */
function $bool(v) { return typeof v === "boolean" ? v : undefined; }
function $int(v) { return Number.isInteger(v) ? v : undefined; }
function $number(v) { return typeof v === "number" && Number.isFinite(v) ? v : undefined; }
function $string(v) { return typeof v === "string" ? v : undefined; }
function $member(v, members) { return typeof v === "string" && members.has(v) ? v : undefined; }
function $list(v, element) {
  if (!Array.isArray(v)) return undefined;
  // One element of the wrong type makes the whole list absent.
  for (let i = 0; i < v.length; i++) if (!element(v[i])) return undefined;
  return v;
}
const $isBool = (x) => typeof x === "boolean";
const $isInt = (x) => Number.isInteger(x);
const $isNumber = (x) => typeof x === "number" && Number.isFinite(x);
const $isString = (x) => typeof x === "string";
`;

/**
 * Reads context paths with constant property names, one local per distinct
 * prefix (`customer`, then `customer.consent`, …), so that each step is a
 * plain, monomorphic property load guarded by an own-property check (only
 * own properties of plain objects count, so `__proto__` and friends are
 * data). A generic reader taking keys from an array costs a megamorphic
 * keyed load per step, about 30 times slower on V8. Keys are emitted with
 * `jsString`, so no source text reaches the code unescaped.
 */
class PathReader {
  private readonly locals = new Map<string, string>();
  readonly lines: string[] = [];

  constructor(private readonly root: string) {}

  /** The expression holding the value at `path` (a local), declaring locals for its prefixes. */
  read(path: string): string {
    const keys = path.split(".");
    let holder = this.root;
    let prefix = "";
    for (const key of keys) {
      prefix = prefix === "" ? key : `${prefix}.${key}`;
      let local = this.locals.get(prefix);
      if (local === undefined) {
        local = `p${this.locals.size}`;
        this.locals.set(prefix, local);
        const name = jsString(key);
        // Inlined rather than a shared helper, so that every site keeps its
        // own monomorphic inline caches.
        this.lines.push(
          `  const ${local} = typeof ${holder} === "object" && ${holder} !== null && !Array.isArray(${holder}) && $hasOwn.call(${holder}, ${name}) ? ${holder}[${name}] : undefined;`,
        );
      }
      holder = local;
    }
    return holder;
  }
}

/** Module-level constants, deduplicated by their source text. */
class Constants {
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

function emitModule(bundle: Bundle, format: "esm" | "cjs"): string {
  const names = Object.keys(bundle.decisions);
  const exportNames = decisionExportNames(bundle);
  const constants = new Constants();
  const data = names.map((name) => {
    const table = bundle.decisions[name] as DecisionTable;
    return { name, default: table.default, outcomes: table.outcomes };
  });
  const decisionCode = names.map((name, d) => new DecisionEmitter(bundle.decisions[name] as DecisionTable, d, constants).emit());
  const consentPaths = new PathReader("context");
  const consent = bundle.consent.map((gate) => `[${jsString(gate.name)}]: ${consentPaths.read(gate.path)} === true`);
  const exportsList: [string, string][] = [
    ["$bundle", "bundle"],
    ["$decide", "decide"],
    ["validateContext", "validateContext"],
    ...names.map((name, d): [string, string] => [`$decision${d}`, exportNames.get(name) as string]),
  ];
  const parts = [
    `// Generated by the scn compiler ${COMPILER_VERSION} from a scn.bundle/1 bundle; do not edit.`,
    "// Self-contained: no imports, no eval, no dependencies.",
    ...(format === "cjs" ? ['"use strict";'] : []),
    "",
    PRELUDE,
    `const $data = $freeze(JSON.parse(${jsString(canonicalJson(data))}));`,
    "",
    `function $consent(context) {\n${consentPaths.lines.map((line) => line + "\n").join("")}  return ${consent.length === 0 ? "{}" : `{ ${consent.join(", ")} }`};\n}`,
    "",
    ...constants.lines,
    "",
    ...decisionCode,
    `const $bundle = $freeze({ hash: ${jsString(bundle.hash)}, decisions: [${names.map(jsString).join(", ")}] });`,
    "",
    `const $byName = new Map([${names.map((name, d) => `[${jsString(name)}, $decision${d}]`).join(", ")}]);`,
    "",
    "function $decide(decision, context) {",
    '  const answer = typeof decision === "string" ? $byName.get(decision) : undefined;',
    '  if (answer === undefined) throw new RangeError("unknown decision " + (typeof decision === "string" ? JSON.stringify(decision) : typeof decision));',
    "  return answer(context);",
    "}",
    "",
    // The validator text comes from emit-validator.ts, whose literals escape
    // quotes and line separators; these two replacements additionally keep
    // `</script>` and `<!--` out of it. They only ever occur inside string
    // literals there, where `<\/` and `\x3C` mean the same characters.
    safeForHtml(emitContextValidator(bundle.context)),
    format === "esm"
      ? `export { ${exportsList.map(([local, exported]) => (local === exported ? local : `${local} as ${exported}`)).join(", ")} };`
      : exportsList
          .map(([local, exported]) => `Object.defineProperty(exports, ${jsString(exported)}, { value: ${local}, enumerable: true });`)
          .join("\n"),
    "",
  ];
  return parts.join("\n");
}

function safeForHtml(source: string): string {
  return source.replace(/<\//g, "<\\/").replace(/<!--/g, "\\x3C!--");
}


/** Emits the code of one decision: its hit/miss helpers, shared index nodes as functions, and the entry function. */
class DecisionEmitter {
  private readonly functions: string[] = [];
  private readonly emitted = new Set<number>();
  /** Rows listed by several leaves, whose tests are written once as a function. */
  private readonly rowFunctions: Set<number>;
  private readonly shared: Set<number>;
  private readonly params: string;

  constructor(
    private readonly table: DecisionTable,
    private readonly d: number,
    private readonly constants: Constants,
  ) {
    this.shared = sharedNodes(table.index.nodes, table.index.root);
    this.params = ["context", ...table.columns.map((_, i) => `v${i}`)].join(", ");
    const listings = new Map<number, number>();
    for (const node of table.index.nodes) if ("rows" in node) for (const r of node.rows) listings.set(r, (listings.get(r) ?? 0) + 1);
    this.rowFunctions = new Set(
      [...listings].filter(([r, count]) => count > 1 && Object.keys((table.rows[r] as Row).tests).length > 1).map(([r]) => r),
    );
  }

  /** The function that checks row `r`, taking only the columns the row tests. */
  private rowFunction(r: number): string {
    const row = this.table.rows[r] as Row;
    const columns = Object.keys(row.tests).sort((a, b) => Number(a) - Number(b)).map((key) => `v${key}`);
    return `function $d${this.d}r${r}(${columns.join(", ")}) {\n  return ${this.rowExpression(row)};\n}\n`;
  }

  private rowCall(r: number): string {
    const row = this.table.rows[r] as Row;
    const columns = Object.keys(row.tests).sort((a, b) => Number(a) - Number(b)).map((key) => `v${key}`);
    return `$d${this.d}r${r}(${columns.join(", ")})`;
  }

  emit(): string {
    const { table, d } = this;
    const paths = new PathReader("context");
    const columnReads = table.columns.map((column, i) => `  const v${i} = ${this.readExpression(column, paths.read(column.path))};`);
    const reads = [...paths.lines, ...columnReads];
    const body = this.node(table.index.root, "  ", true);
    const miss =
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
      miss,
      "}",
      "",
      ...[...this.rowFunctions].sort((a, b) => a - b).map((r) => this.rowFunction(r)),
      ...this.functions,
      `function $decision${d}(context) {`,
      ...reads,
      body,
      "}",
      "",
    ].join("\n");
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

  /** Code that returns the answer for node `id`: inline, or a call to the node's own function when it is shared. */
  private node(id: number, indent: string, isRoot = false): string {
    if (!isRoot && this.shared.has(id)) {
      const name = `$d${this.d}n${id}`;
      if (!this.emitted.has(id)) {
        this.emitted.add(id);
        this.functions.push(`function ${name}(${this.params}) {\n${this.inline(id, "  ")}\n}\n`);
      }
      return `${indent}return ${name}(${this.params});`;
    }
    return this.inline(id, indent);
  }

  private inline(id: number, indent: string): string {
    const node = this.table.index.nodes[id] as IndexNode;
    if ("rows" in node) return this.leaf(node.rows, indent);
    if ("test" in node) {
      const inner = `${indent}  `;
      return [
        `${indent}if (${this.testExpression(node.t, node.test)}) {`,
        this.node(node.then, inner),
        `${indent}}`,
        this.node(node.else, indent),
      ].join("\n");
    }
    if ("split" in node) return this.split(node, indent);
    return this.switch(node, indent);
  }

  private leaf(rows: readonly number[], indent: string): string {
    const lines: string[] = [];
    for (const r of rows) {
      const row = this.table.rows[r] as Row;
      const condition = this.rowFunctions.has(r) ? this.rowCall(r) : this.rowExpression(row);
      const hit = `return $hit${this.d}(${row.outcome}, context);`;
      if (condition === "true") {
        // A row without tests always matches, so nothing after it runs.
        lines.push(`${indent}${hit}`);
        return lines.join("\n");
      }
      lines.push(`${indent}if (${condition}) ${hit}`);
    }
    lines.push(`${indent}return $miss${this.d}(context);`);
    return lines.join("\n");
  }

  private split(node: Extract<IndexNode, { split: number }>, indent: string): string {
    const v = `v${node.split}`;
    const lines = [`${indent}if (${v} === undefined) {`, this.node(node.absent, `${indent}  `), `${indent}}`];
    // A balanced binary search over the bounds: cells [2i, 2j] of `next` for bounds i..j-1.
    const search = (i: number, j: number, at: string): string => {
      if (i === j) return this.node(node.next[2 * i] as number, at);
      const m = (i + j) >> 1;
      const bound = jsNumber(node.bounds[m] as number);
      return [
        `${at}if (${v} < ${bound}) {`,
        search(i, m, `${at}  `),
        `${at}}`,
        `${at}if (${v} === ${bound}) {`,
        this.node(node.next[2 * m + 1] as number, `${at}  `),
        `${at}}`,
        search(m + 1, j, at),
      ].join("\n");
    };
    lines.push(search(0, node.bounds.length, indent));
    return lines.join("\n");
  }

  private switch(node: Extract<IndexNode, { switch: number }>, indent: string): string {
    const v = `v${node.switch}`;
    const column = this.table.columns[node.switch] as Column;
    const lines = [`${indent}if (${v} === undefined) {`, this.node(node.absent, `${indent}  `), `${indent}}`];
    // Group the cases by target so that each target's code is written once.
    const byTarget = new Map<number, string[]>();
    for (const key of Object.keys(node.cases).sort()) {
      const target = node.cases[key] as number;
      byTarget.set(target, [...(byTarget.get(target) ?? []), key]);
    }
    const literal = (key: string) => (column.type === "bool" ? (key === "true" ? "true" : "false") : jsString(key));
    const inner = `${indent}  `;
    if (byTarget.size === 0) {
      lines.push(this.node(node.other, indent));
    } else if (Object.keys(node.cases).length > MAP_SWITCH_THRESHOLD) {
      const targets = [...byTarget];
      const map = this.constants.add(
        `new Map([${targets.flatMap(([, keys], branch) => keys.map((key) => `[${literal(key)}, ${branch}]`)).join(", ")}])`,
      );
      lines.push(`${indent}switch (${map}.get(${v})) {`);
      targets.forEach(([target], branch) => lines.push(`${inner}case ${branch}: {`, this.node(target, `${inner}  `), `${inner}}`));
      lines.push(`${inner}default: {`, this.node(node.other, `${inner}  `), `${inner}}`, `${indent}}`);
    } else {
      lines.push(`${indent}switch (${v}) {`);
      for (const [target, keys] of byTarget) {
        lines.push(...keys.map((key) => `${inner}case ${literal(key)}:`));
        lines.push(`${inner}{`, this.node(target, `${inner}  `), `${inner}}`);
      }
      lines.push(`${inner}default: {`, this.node(node.other, `${inner}  `), `${inner}}`, `${indent}}`);
    }
    return lines.join("\n");
  }

  private rowExpression(row: Row): string {
    const tests = Object.keys(row.tests)
      .sort((a, b) => Number(a) - Number(b))
      .map((key) => this.testExpression(row.tests[key] as UnaryTest, Number(key)));
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
