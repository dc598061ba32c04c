/**
 * Completion that knows the program: context paths after `.`, enum members
 * after `==`, `!=`, `in [` and in assignments, segments, consts, metrics,
 * decisions and rule names where the grammar expects them, and keywords and
 * snippets for declarations and their members.
 *
 * The place is read from the text before the cursor (the tree of a file
 * being typed in is often incomplete); names come from the symbol index of
 * the program.
 */
import lsp from "vscode-languageserver";
import type { CompletionItem, Position } from "vscode-languageserver";
import { offsetOf, type FileContext } from "./context.js";
import type { FieldNode } from "./symbols.js";

const { CompletionItemKind, InsertTextFormat } = lsp;

const DECLARATION_SNIPPETS: readonly [string, string, string][] = [
  ["scenario", "scenario ${1:name} \"${2:Title}\" for ${3:decision} {\n  owner \"${4:team}\"\n  priority ${5:10}\n\n  situation ${6:condition}\n  goal \"${7:What this scenario achieves}\"\n\n  pathway ${8:main} otherwise {\n    $0\n  }\n}", "a scenario with a situation, a goal and one pathway"],
  ["decision", "decision ${1:name} \"${2:Title}\" {\n  output {\n    ${3:field}: ${4:string}\n  }\n  default {\n    ${3:field}: ${5:\"value\"}\n  }\n}", "a decision with its output and default"],
  ["segment", "segment ${1:name} = ${0:condition}", "a named condition"],
  ["const", "const ${1:NAME} = ${0:value}", "a named literal"],
  ["metric", "metric ${1:name} \"${2:Title}\" {\n  unit \"${3:%}\"\n  better ${4|higher,lower|}\n}", "an outcome metric"],
  ["type", "type ${1:Name} = ${0:enum { a, b }}", "a named type"],
  ["context", "context {\n  ${1:field}: ${0:string}\n}", "fields of the context"],
  ["consent", "consent ${1:name} = ${0:path}", "a consent gate for personal data"],
  ["test", "test \"${1:what it shows}\" {\n  given {\n    $2\n  }\n  expect ${3:decision} = ${0:scenario/pathway}\n}", "an executable example"],
  ["fixture", "fixture ${1:name} {\n  $0\n}", "a named test context that tests extend"],
];

const SCENARIO_MEMBERS: readonly [string, string][] = [
  ["owner", "owner \"${1:team}\""],
  ["status", "status ${1|active,draft,paused,retired|}"],
  ["priority", "priority ${1:10}"],
  ["impact", "impact ${1|low,medium,high|}"],
  ["feasibility", "feasibility ${1|low,medium,high|}"],
  ["expires", "expires ${1:2027-12-31}"],
  ["tags", "tags [\"${1:tag}\"]"],
  ["situation", "situation ${0:condition}"],
  ["goal", "goal \"${0:goal}\""],
  ["pathway", "pathway ${1:name} when ${2:condition} {\n  $0\n}"],
  ["pathway otherwise", "pathway ${1:name} otherwise {\n  $0\n}"],
  ["metrics", "metrics {\n  primary ${1:metric} target ${2:+10%} within ${3:90} days\n}"],
];

const CONDITION_KEYWORDS = ["and", "or", "not", "in", "contains", "is present", "is not present", "true", "false"];

function item(label: string, kind: lsp.CompletionItemKind, detail?: string, sortPrefix = "1"): CompletionItem {
  return { label, kind, ...(detail ? { detail } : {}), sortText: sortPrefix + label };
}

function snippet(label: string, body: string, detail: string, kind: lsp.CompletionItemKind = CompletionItemKind.Snippet): CompletionItem {
  return { label, kind, detail, insertText: body, insertTextFormat: InsertTextFormat.Snippet, sortText: "2" + label };
}

/** How deep in braces the offset is, ignoring strings and comments. */
function braceDepth(text: string, end: number): number {
  let depth = 0;
  for (let i = 0; i < end; i++) {
    const ch = text[i];
    if (ch === '"') {
      i++;
      while (i < end && text[i] !== '"' && text[i] !== "\n") i += text[i] === "\\" ? 2 : 1;
    } else if (ch === "/" && text[i + 1] === "/") {
      while (i < end && text[i] !== "\n") i++;
    } else if (ch === "/" && text[i + 1] === "*") {
      const close = text.indexOf("*/", i + 2);
      i = close === -1 ? end : close + 1;
    } else if (ch === "{") depth++;
    else if (ch === "}") depth = Math.max(0, depth - 1);
  }
  return depth;
}

/** The declaration the cursor is in, read from the nearest header above it at the left margin. */
function enclosingHeader(text: string, offset: number): { kind: string; name: string; decision?: string } | undefined {
  const header = /^(scenario|decision|test|context|metric|fixture)\b\s*(\w*)[^\n]*?(?:\bfor\s+(\w+))?[^\n]*$/gm;
  let found: { kind: string; name: string; decision?: string } | undefined;
  for (const match of text.slice(0, offset).matchAll(header)) {
    found = { kind: match[1]!, name: match[2] ?? "", ...(match[3] ? { decision: match[3] } : {}) };
  }
  return found;
}

function fieldItems(fields: Iterable<FieldNode>, detail: string): CompletionItem[] {
  return [...fields].map((field) => item(field.declaration.name.name, CompletionItemKind.Field, `${detail}${field.declaration.personal ? " · personal" : ""}`));
}

function memberItems(members: ReadonlyMap<string, string> | undefined): CompletionItem[] {
  return [...(members?.keys() ?? [])].map((member) => item(member, CompletionItemKind.EnumMember, "enum member", "0"));
}

export function completion(context: FileContext, position: Position): CompletionItem[] {
  const offset = offsetOf(context, position);
  const text = context.text;
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  const line = text.slice(lineStart, offset);
  const index = context.index;
  const names = (kind: Parameters<typeof index.namesOf>[0], itemKind: lsp.CompletionItemKind, detail: string): CompletionItem[] =>
    index.namesOf(kind).map((name) => item(name, itemKind, detail));

  // `customer.`, or a rule id being typed: `expect d = scenario/` (as
  // answers print it) or the older `expect d = scenario.`.
  const ruleId = /\bexpect\s+\w+\s*=\s*([A-Za-z_]\w*(?:\/[A-Za-z_]\w*)?)\/(\w*)$/.exec(line);
  const dotted = ruleId ?? /([A-Za-z_][\w]*(?:\.[A-Za-z_]\w*)*)\.(\w*)$/.exec(line);
  if (dotted) {
    const path = dotted[1]!.replace(/\//g, ".");
    const children = ruleId ? undefined : index.contextChildren(path);
    if (children) return fieldItems(children, "context field");
    const parts = path.split(".");
    if (parts.length === 1 && index.namesOf("scenario").includes(parts[0]!)) {
      return [...index.definitions.values()].filter((d) => d.kind === "pathway" && d.owner === parts[0]).map((d) => item(d.name, CompletionItemKind.Method, "pathway"));
    }
    if (parts.length === 2) {
      const variations = [...index.definitions.values()].filter((d) => d.kind === "variation" && d.owner === path).map((d) => item(d.name, CompletionItemKind.Function, "variation"));
      const pathway = [...index.definitions.values()].find((d) => d.kind === "pathway" && d.owner === parts[0] && d.name === parts[1]);
      if (pathway) {
        const node = pathway.node as { members: readonly { kind: string; when?: unknown; name: { name: string } }[] };
        const named = node.members.filter((m) => m.kind === "Variation" && !m.when).map((m) => item(m.name.name, CompletionItemKind.Function, "variation (segment)"));
        return [...variations, ...named];
      }
    }
    return [];
  }

  // `path == `, `path != `, `path in [a, `, `path contains `: members of the field's enum, and consts.
  const comparison = /([A-Za-z_][\w.]*)\s*(?:==|!=|(?:not\s+)?in\s*\[[^\]]*|(?:not\s+)?contains)\s*(\w*)$/.exec(line);
  if (comparison) {
    const field = index.contextField(comparison[1]!);
    return [...memberItems(field?.members), ...names("const", CompletionItemKind.Constant, "const")];
  }

  const header = enclosingHeader(text, offset);
  const depth = braceDepth(text, offset);

  // `field: ` in a pathway, variation or `default`: the members of the output field's enum.
  const assignment = /^\s*(\w+)\s*:\s*(\w*)$/.exec(line);
  if (assignment && header) {
    const decision = header.kind === "decision" ? header.name : header.decision;
    const field = decision ? index.outputFields(decision)?.get(assignment[1]!) : undefined;
    if (header.kind === "test") return memberItems(index.contextField(assignment[1]!)?.members);
    return [...memberItems(field?.members), ...names("const", CompletionItemKind.Constant, "const")];
  }

  // `given NAME` and `fixture NAME extends NAME`: a fixture.
  if (/^\s*given\s+\w*$/.test(line) || /^\s*fixture\s+\w+\s+extends\s+\w*$/.test(line)) return names("fixture", CompletionItemKind.Struct, "fixture");
  if (/\bfor\s+\w*$/.test(line) || /\bexpect\s+\w*$/.test(line)) return names("decision", CompletionItemKind.Interface, "decision");
  if (/\bexpect\s+\w+\s*=\s*\w*$/.test(line)) return [...names("scenario", CompletionItemKind.Class, "scenario"), item("default", CompletionItemKind.Keyword), item("none", CompletionItemKind.Keyword)];
  if (/^\s*variation\s+\w*$/.test(line)) return names("segment", CompletionItemKind.Variable, "segment");
  if (/^\s*split\s+\w*$/.test(line)) return names("experiment", CompletionItemKind.Event, "experiment");
  // Inside `split EXPERIMENT {`: the experiment's arms not written yet.
  const split = /\bsplit\s+(\w+)\s*\{([^{}]|\{[^{}]*\})*$/.exec(text.slice(Math.max(0, offset - 4000), offset));
  if (split && /^\s*\w*$/.test(line)) {
    return [...index.definitions.values()].filter((d) => d.kind === "arm" && d.owner === split[1]).map((d) => snippet(d.name, `${d.name} {\n  $0\n}`, `arm of ${split[1]}`, CompletionItemKind.EnumMember));
  }
  if (/^\s*(?:primary|secondary|guardrail)\s+\w*$/.test(line)) return names("metric", CompletionItemKind.Event, "metric");

  // Inside a condition: segments, bool consts, top-level context fields, operators.
  if (/(?:\b(?:situation|when|and|or|not)\s+|^\s*segment\s+\w+(?:\s+"[^"]*")?\s*=\s*)[\w]*$/.test(line) || /\(\s*\w*$/.test(line)) {
    return [
      ...names("segment", CompletionItemKind.Variable, "segment"),
      ...fieldItems(index.contextChildren("") ?? [], "context field"),
      ...names("const", CompletionItemKind.Constant, "const"),
      ...CONDITION_KEYWORDS.map((keyword) => item(keyword, CompletionItemKind.Keyword, undefined, "3")),
    ];
  }

  // At the start of a line: what may be declared here.
  if (/^\s*\w*$/.test(line)) {
    if (depth === 0) return DECLARATION_SNIPPETS.map(([label, body, detail]) => snippet(label, body, detail));
    if (header?.kind === "scenario" && depth === 1) return SCENARIO_MEMBERS.map(([label, body]) => snippet(label, body, "scenario member", CompletionItemKind.Keyword));
    if (header?.kind === "scenario" && header.decision) {
      const outputs = index.outputFields(header.decision);
      return [...fieldItems(outputs?.values() ?? [], `output of ${header.decision}`), snippet("variation", "variation ${1:segment} {\n  $0\n}", "a variation for a segment"), snippet("variation when", "variation ${1:name} when ${2:condition} {\n  $0\n}", "an inline variation", CompletionItemKind.Keyword), snippet("split", "split ${1:experiment} {\n  $0\n}", "run the variation as an experiment (its last member)", CompletionItemKind.Keyword)];
    }
    if (header?.kind === "decision" && depth === 1) return [snippet("output", "output {\n  $0\n}", "the output's fields", CompletionItemKind.Keyword), snippet("default", "default {\n  $0\n}", "the answer when no scenario applies", CompletionItemKind.Keyword)];
    if (header?.kind === "decision" && depth === 2) return fieldItems(index.outputFields(header.name)?.values() ?? [], `output of ${header.name}`);
    if (header?.kind === "test") {
      if (depth === 1) return [snippet("given", "given {\n  $0\n}", "the context", CompletionItemKind.Keyword), snippet("expect", "expect ${1:decision} = ${0:scenario/pathway}", "an expected rule", CompletionItemKind.Keyword)];
      return fieldItems(index.contextChildren("") ?? [], "context field");
    }
    if (header?.kind === "fixture") return fieldItems(index.contextChildren("") ?? [], "context field");
    if (header?.kind === "metric") return [snippet("unit", 'unit "${1:%}"', "the metric's unit", CompletionItemKind.Keyword), snippet("better", "better ${1|higher,lower|}", "which direction is good", CompletionItemKind.Keyword)];
  }
  return [];
}
