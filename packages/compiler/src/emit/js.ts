/**
 * The `js` target (docs/bundle-format.md, "The JavaScript module"): a
 * self-contained JavaScript module that answers every decision of a bundle
 * with the JSON runtime's own evaluator. It embeds the walker (the text of
 * `$walker` from @scn/runtime's walker.ts, so the module and the runtime
 * cannot drift apart), each table's encoding as the bundle file holds it
 * (encode-table.ts) as data, which the walker reads as it is, and
 * only a little per-bundle code: one function per decision reading its
 * context paths with constant property names, and the answers' shapes.
 * The code does not grow with the tables, so V8 optimizes it after a few
 * calls at any size. `emitJs` writes an ES module, `emitCjs` CommonJS.
 *
 * Invariants:
 * - The module has no imports and never evaluates text: no `eval`, no
 *   `Function`. Data is embedded as JSON in string literals: the tables and
 *   defaults as one, parsed at import, and each decision's outcomes as one
 *   more, each outcome parsed when an answer first needs it; outputs are
 *   deeply frozen.
 * - No source-derived text appears in code except through js-literal.ts:
 *   inside string literals (escaped) or as sanitized export names. Internal
 *   names start with `$`, which no export name contains, and user names are
 *   only ever aliases in the export list, so no user name can shadow a
 *   global the module relies on, and no export name changes how JavaScript
 *   treats the module (`then`, `default`, `__esModule`, …; js-literal.ts).
 * - Answers equal the runtime's for every context, since both run the same
 *   walker on the same encoding.
 */
import { encodeDecision, outcomeTuples, slotKeys, WALKER_SOURCE, type Bundle, type BundleDocument, type DecisionTable } from "@scn/runtime";
import { canonicalJson } from "../bundle/canonical-json.js";
import { emitContextValidator } from "./validator.js";
import { exportName, jsDataString, jsString } from "./js-literal.js";
import { COMPILER_VERSION } from "../bundle/version.js";

/**
 * `document`, when given, is the bundle as its file holds it
 * (`bundleDocument`): its encoded tables are embedded instead of encoding
 * the rows again, when the build emits several targets from one bundle.
 */
export function emitJs(bundle: Bundle, document?: EncodedTables): string {
  return emitModule(bundle, "esm", document);
}

export function emitCjs(bundle: Bundle, document?: EncodedTables): string {
  return emitModule(bundle, "cjs", document);
}

/** What emitModule reads of a bundle document: each decision's encoded table and outcome tuples. */
export type EncodedTables = Pick<Omit<BundleDocument, "hash">, "decisions">;

/** The export name of each decision, in bundle order; the same names the .d.ts declares. */
export function decisionExportNames(bundle: Bundle): Map<string, string> {
  const taken = new Set(["bundle", "decide", "validateContext"]);
  return new Map(Object.keys(bundle.decisions).map((name) => [name, exportName(name, taken)]));
}

/**
 * The fixed part of every module, written compactly because every module
 * carries it (docs/benchmarks.md, "Runtime per decision"):
 *
 * - `$freeze` deep-freezes parsed data so that answers can share it safely.
 * - `$consentRecord` makes the frozen consent record for the walker's gate
 *   values; with up to 12 gates one per combination of values, kept in
 *   `$consentRecords` and shared by every answer. It uses defineProperty, so
 *   that a gate called `__proto__` is an own property, not a prototype
 *   change. The answer function looks a shared record up itself, once per
 *   call, and calls `$consentRecord` only for a record not made yet: V8
 *   then never inlines the record's making (a loop of defineProperty calls)
 *   into the answer function and into the walker's `find`, which inline the
 *   answer function, so optimizing them takes less work during a fresh
 *   module's first calls (best-case, keyed and wide 1,000: 1.2 to 2.1
 *   million fewer instructions over import and the first 10,000 calls,
 *   docs/runtime.md, "Performance"). For the same reason the answer
 *   function reads a made outcome itself and calls `outcome` only to make
 *   one.
 * - `$answers(d)` makes decision d's answers from the walker's row (-1:
 *   none) and gate values. Outcomes are embedded as the bundle file holds
 *   them (docs/bundle-format.md, "outcomes"): `[scenario, pathway,
 *   variation, shape, values, metric list]` and, for an arm, its exposure
 *   `{name, arm}` as a seventh element, with the decision's `shapes` and
 *   `metricLists`; the rule is `scenario/pathway[/variation]`. They are
 *   the decision's string in `$outcomeText`, JSON tuples separated by tabs
 *   (compact JSON never holds a raw tab). Each is parsed and made (its output
 *   built and frozen) when an answer first needs it, so that importing a
 *   large module and its first decision do not pay for parsing every
 *   outcome, a third to a half of a module's data. An output whose keys
 *   are none of `Object.prototype`'s (`in`, when the decision is first
 *   asked) is made by assigning its fields to a fresh `{}`, so outputs of
 *   one shape share V8's hidden classes and freezing one takes the
 *   transition the first made: a copy of a template has a hidden class of
 *   its own, which freezing copied again (about 105 bytes and a descriptor
 *   copy per output; best-case 1,000's first 10,000 calls allocate 1.94 ->
 *   1.73 MB in the answers). An output with such a key (`__proto__`,
 *   `constructor`, `toString`, …), where assigning could reach the
 *   prototype's setter or a frozen prototype's read-only property, is made
 *   from its shape's template, which `Object.fromEntries` made with each
 *   key as an own property: spreading it defines them as own properties
 *   again, and a later assignment to an own data property sets that
 *   property, so an output field called `__proto__` stays a field. The
 *   tuple is read by index, not destructured: an answer's first use of an
 *   outcome runs in V8's interpreter, where array destructuring steps an
 *   iterator per element, and copying a template and assigning its keys
 *   costs less there than a list of entries per output (a fresh process
 *   making 2,486 of keyed 1,000's outcomes: 10.0 -> 7.8 ms of CPU,
 *   docs/benchmarks.md, "Cold start and warm-up"). Only a value that is an
 *   object is frozen through `$freeze`; the output itself is frozen at once,
 *   which saves a list of its keys and a call per field on the outcome's
 *   first use, when it runs in V8's interpreter (docs/runtime.md,
 *   "Performance").
 */
const PRELUDE = [
  "const $noMetrics=Object.freeze([]);",
  "function $freeze(v){if(typeof v===\"object\"&&v!==null){for(const k of Object.keys(v))$freeze(v[k]);Object.freeze(v);}return v;}",
  "const $consentRecords=[];",
  "function $consentRecord(gates){",
  "const names=$data.gates,record={};",
  "for(let i=0;i<names.length;i++)Object.defineProperty(record,names[i],{value:typeof gates===\"number\"?(gates&(1<<i))!==0:gates[i]===true,enumerable:true});",
  "Object.freeze(record);",
  "if(typeof gates===\"number\"&&names.length<=12)$consentRecords[gates]=record;",
  "return record;}",
  "function $answers(d){",
  "const decision=$data.decisions[d],rows=decision.table.rows,outcomeOf=new Int32Array(rows.length>>1),texts=$outcomeText[d].split(\"\\t\"),outcomes=new Array(texts.length).fill(null),metricLists=$freeze(decision.metricLists);",
  "const templates=decision.shapes.map((keys)=>keys.some((key)=>key in Object.prototype)&&Object.fromEntries(keys.map((key)=>[key,null])));",
  "for(let r=0,o=0;r<outcomeOf.length;r++)outcomeOf[r]=o+=rows[2*r];",
  "const outcome=(i)=>{",
  "const tuple=JSON.parse(texts[i]),scenario=tuple[0],pathway=tuple[1],variation=tuple[2],keys=decision.shapes[tuple[3]],values=tuple[4],experiment=tuple[6],template=templates[tuple[3]],output=template?{...template}:{};",
  "for(let k=0;k<keys.length;k++){const v=values[k];output[keys[k]]=typeof v===\"object\"&&v!==null?$freeze(v):v;}",
  "return(outcomes[i]={rule:scenario+\"/\"+pathway+(variation===null?\"\":\"/\"+variation),scenario,pathway,variation,output:Object.freeze(output),metrics:metricLists[tuple[5]],experiment:experiment===undefined?null:$freeze(experiment)});};",
  "const fallback=$freeze(decision.default),name=decision.name,reason=fallback===null?\"none\":\"default\";",
  "return(row,gates)=>{const consent=typeof gates===\"number\"&&$consentRecords[gates]!==undefined?$consentRecords[gates]:$consentRecord(gates);",
  "if(row>=0){const i=outcomeOf[row],o=outcomes[i]!==null?outcomes[i]:outcome(i);",
  "return{decision:name,reason:\"scenario\",rule:o.rule,scenario:o.scenario,pathway:o.pathway,variation:o.variation,output:o.output,metrics:o.metrics,consent,experiment:o.experiment};}",
  "return{decision:name,reason,rule:null,scenario:null,pathway:null,variation:null,output:fallback,metrics:$noMetrics,consent,experiment:null};};}",
].join("\n");

function emitModule(bundle: Bundle, format: "esm" | "cjs", document: EncodedTables | undefined): string {
  const names = Object.keys(bundle.decisions);
  const exportNames = decisionExportNames(bundle);
  const gatePaths = bundle.consent.map((gate) => gate.path);
  const data = {
    gates: bundle.consent.map((gate) => gate.name),
    gatePaths,
    decisions: names.map((name) => {
      const table = bundle.decisions[name] as DecisionTable;
      const given = document?.decisions[name];
      // The outcomes as the bundle file holds them: outputs by shape, metric lists by number.
      const { outcomes, shapes, metricLists } = given ?? outcomeTuples(table.outcomes);
      // The table as the bundle file holds it, but for the source positions,
      // which the module's walker never reads; the walker reads it as it is.
      const { src: _src, ...encoded } = given?.table ?? encodeDecision(table);
      return { name, default: table.default, outcomes, shapes, metricLists, columns: table.columns, table: encoded };
    }),
  };
  // Each decision's outcomes, one JSON tuple after another separated by tabs (compact JSON never holds a
  // raw tab, and the literal keeps it as one byte), out of the data parsed at import (see PRELUDE).
  const outcomeText = data.decisions.map((decision) => decision.outcomes.map((outcome) => canonicalJson(outcome)).join("\t"));
  const parsedData = { ...data, decisions: data.decisions.map(({ outcomes: _outcomes, ...decision }) => decision) };
  const decisionCode = names.map((name, d) => {
    const table = bundle.decisions[name] as DecisionTable;
    // One step function per decision: each path step of its columns and the
    // consent gates, by slot number, with the property name as a constant.
    const keys = slotKeys(table.columns.map((column) => column.path), gatePaths);
    const cases = keys.map((key, slot) => `case ${slot}:return h[${jsString(key)}];`);
    return [
      `function $step${d}(s,h){${cases.length === 0 ? "" : `switch(s){${cases.join("")}}`}return undefined;}`,
      // Prepared when the decision is first asked, so that importing a module pays for none of its tables.
      `let $walker${d}=null;`,
      `function $decision${d}(context){return($walker${d}??=$walker($data.decisions[${d}].table,$data.decisions[${d}].columns,$data.gatePaths,$step${d},$answers(${d}))).find(context,null);}`,
    ].join("\n");
  });
  const exportsList: [string, string][] = [
    ["$bundle", "bundle"],
    ["$decide", "decide"],
    ["validateContext", "validateContext"],
    ...names.map((name, d): [string, string] => [`$decision${d}`, exportNames.get(name) as string]),
  ];
  const parts = [
    `// Generated by the scn compiler ${COMPILER_VERSION} from a ${bundle.format} bundle; do not edit.`,
    "// Self-contained: no imports, no eval, no dependencies. The walker below is the JSON runtime's",
    "// evaluator (docs/bundle-format.md, \"Encoded tables\"); the tables are data.",
    ...(format === "cjs" ? ['"use strict";'] : []),
    "",
    WALKER_SOURCE,
    "",
    PRELUDE,
    `const $data = JSON.parse(${jsDataString(canonicalJson(parsedData))});`,
    `const $outcomeText = [${outcomeText.map(jsDataString).join(",")}];`,
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
    safeForHtml(withoutIndentation(emitContextValidator(bundle.context))),
    format === "esm"
      ? `export { ${exportsList.map(([local, exported]) => (local === exported ? local : `${local} as ${exported}`)).join(", ")} };`
      : exportsList
          .map(([local, exported]) => `Object.defineProperty(exports, ${jsString(exported)}, { value: ${local}, enumerable: true });`)
          .join("\n"),
    "",
  ];
  return parts.join("\n");
}

/**
 * Generated code without its indentation, blank lines and one-line block
 * comments: every module carries the validator, and its layout costs bytes
 * on every line. Lines stay lines, so no statement is joined to another, and
 * no string literal of the validator spans lines (validator.ts writes each
 * through jsString), so none is changed.
 */
function withoutIndentation(source: string): string {
  return source
    .split("\n")
    .map((line) => line.trimStart())
    .filter((line) => line !== "" && !(line.startsWith("/*") && line.endsWith("*/") && !line.slice(2, -2).includes("*/")))
    .join("\n")
    .concat("\n");
}

function safeForHtml(source: string): string {
  return source.replace(/<\//g, "<\\/").replace(/<!--/g, "\\x3C!--");
}
