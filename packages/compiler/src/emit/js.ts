/**
 * The `js` target (OUTPUT.md §4): a self-contained JavaScript module with one
 * function per decision, compiled from the table's index into straight-line
 * code by js-decision.ts, plus `decide`, `bundle` and `validateContext`.
 * `emitJs` writes an ES module, `emitCjs` CommonJS.
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
import type { Bundle, DecisionTable } from "@scn/runtime";
import { canonicalJson } from "../bundle/canonical-json.js";
import { Constants, DecisionEmitter, stepFunction } from "./js-decision.js";
import { emitContextValidator } from "./validator.js";
import { exportName, jsString } from "./js-literal.js";
import { COMPILER_VERSION } from "../bundle/version.js";

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

const PRELUDE = `const $hasOwn = Object.prototype.hasOwnProperty;
const $objectProto = Object.prototype;
const $getProto = Object.getPrototypeOf;
const $includes = Array.prototype.includes;
const $noMetrics = Object.freeze([]);
/* A column's value before it is read (see emit-js-decision.ts). */
const $u = Symbol("unread");

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

/* A split node's branch for a value: 2i below bounds[i], 2i+1 at bounds[i], 2k above all k bounds. */
function $branch(bounds, value) {
  let low = 0;
  let high = bounds.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (bounds[middle] < value) low = middle + 1;
    else high = middle;
  }
  return low < bounds.length && bounds[low] === value ? 2 * low + 1 : 2 * low;
}
`;

/**
 * The consent gates' reads, one local per distinct path prefix, each step
 * through the module's shared step functions (js-decision.ts).
 */
class PathReader {
  private readonly locals = new Map<string, string>();
  readonly lines: string[] = [];

  constructor(
    private readonly root: string,
    private readonly constants: Constants,
  ) {}

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
        this.lines.push(`  const ${local} = ${stepFunction(this.constants, key)}(${holder});`);
      }
      holder = local;
    }
    return holder;
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
  const consentPaths = new PathReader("context", constants);
  const gateValues = bundle.consent.map((gate) => `${consentPaths.read(gate.path)} === true`);
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
    consentFunction(bundle.consent.map((gate) => gate.name), consentPaths.lines, gateValues),
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
    // The validator text comes from validator.ts, whose literals escape
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

/** Up to this many gates, each combination of gate values gets one shared record. */
const SHARED_CONSENT_GATES = 12;

/**
 * `$consent(context)`: the answer's consent record. Records are frozen; with
 * a few gates, every answer with the same gate values shares one record
 * (built on first use), so answering allocates only the answer itself.
 */
function consentFunction(names: readonly string[], reads: readonly string[], values: readonly string[]): string {
  const record = (value: (i: number) => string) => `Object.freeze({ ${names.map((name, i) => `[${jsString(name)}]: ${value(i)}`).join(", ")} })`;
  const body =
    names.length <= SHARED_CONSENT_GATES
      ? [
          `  const mask = ${names.length === 0 ? "0" : values.map((value, i) => `(${value} ? ${1 << i} : 0)`).join(" | ")};`,
          `  return $consentRecords[mask] ??= ${record((i) => `(mask & ${1 << i}) !== 0`)};`,
        ]
      : [`  return ${record((i) => values[i] as string)};`];
  return [
    "const $consentRecords = [];",
    "function $consent(context) {",
    ...reads,
    ...body,
    "}",
  ].join("\n");
}

function safeForHtml(source: string): string {
  return source.replace(/<\//g, "<\\/").replace(/<!--/g, "\\x3C!--");
}
