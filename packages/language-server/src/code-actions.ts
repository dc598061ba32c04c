/**
 * Quick fixes, each the edit a diagnostic's help describes: apply the
 * did-you-mean suggestion, add a missing owner, add the missing output fields
 * to a `default` (or a pathway), flip a metric target's sign; and, on every
 * analysis finding, "copy witness as JSON".
 */
import { catalogEntry, type Split } from "@scn/language";
import lsp from "vscode-languageserver";
import type { CodeAction, Command, Connection, Diagnostic as LspDiagnostic, Range, TextEdit } from "vscode-languageserver";
import type { FileContext } from "./context.js";
import type { DiagnosticData } from "./diagnostics.js";
import { placeholderValue } from "./placeholders.js";

export const COPY_WITNESS_COMMAND = "scn.copyWitness";

function fix(context: FileContext, title: string, diagnostic: LspDiagnostic, edits: TextEdit[], preferred = true): CodeAction {
  return { title, kind: lsp.CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: preferred, edit: { changes: { [context.uri]: edits } } };
}

function overlaps(a: Range, b: Range): boolean {
  const before = (p: lsp.Position, q: lsp.Position): boolean => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

function lineIndent(text: string, offset: number): string {
  const start = text.lastIndexOf("\n", offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(start))![0];
}

function didYouMean(context: FileContext, diagnostic: LspDiagnostic, data: DiagnosticData): CodeAction | undefined {
  const suggestion = /did you mean `([^`]+)`\?/.exec(data.help ?? "")?.[1];
  if (!suggestion) return undefined;
  const written = context.document.getText(diagnostic.range);
  // A dotted path is misspelled in its last word when the suggestion is a single word.
  let range = diagnostic.range;
  if (written.includes(".") && !suggestion.includes(".")) {
    const start = context.document.offsetAt(range.start) + written.lastIndexOf(".") + 1;
    range = { start: context.document.positionAt(start), end: range.end };
  }
  return fix(context, `change to \`${suggestion}\``, diagnostic, [{ range, newText: suggestion }]);
}

function addOwner(context: FileContext, diagnostic: LspDiagnostic): CodeAction | undefined {
  const at = context.document.offsetAt(diagnostic.range.start);
  const open = context.text.indexOf("{", at);
  if (open === -1) return undefined;
  const indent = lineIndent(context.text, at) + "  ";
  const lineEnd = context.text.indexOf("\n", open);
  const position = context.document.positionAt(lineEnd === -1 ? context.text.length : lineEnd);
  return fix(context, "add an owner", diagnostic, [{ range: { start: position, end: position }, newText: `\n${indent}owner "team"` }]);
}

/** The required output fields a `default` block or pathway leaves unset, with placeholder values. */
function addMissingFields(context: FileContext, diagnostic: LspDiagnostic): CodeAction | undefined {
  const message = typeof diagnostic.message === "string" ? diagnostic.message : diagnostic.message.value;
  const missing = [...message.matchAll(/`(\w+)`/g)].map((m) => m[1]!);
  const at = context.document.offsetAt(diagnostic.range.start);
  const checked = context.state.model.check().checked.value;
  const owner = [...context.index.definitions.values()].find((d) => (d.kind === "decision" || d.kind === "scenario") && d.span.file === context.path && d.span.start.offset <= at && at <= d.span.end.offset);
  if (!owner) return undefined;
  const decisionName = owner.kind === "decision" ? owner.name : (owner.node as { decision: { name: string } }).decision.name;
  const decision = checked.decisions.find((d) => d.name === decisionName);
  if (!decision) return undefined;
  const fields = decision.output.filter((field) => missing.includes(field.name));
  if (fields.length === 0) return undefined;
  const open = context.text.indexOf("{", at);
  if (open === -1) return undefined;
  const indent = lineIndent(context.text, at) + "  ";
  const lineEnd = context.text.indexOf("\n", open);
  const position = context.document.positionAt(lineEnd === -1 ? context.text.length : lineEnd);
  const lines = fields.map((field) => `\n${indent}${field.name}: ${placeholderValue(field.type, indent)}`).join("");
  return fix(context, `add the missing output field${fields.length === 1 ? "" : "s"} ${fields.map((f) => `\`${f.name}\``).join(", ")}`, diagnostic, [{ range: { start: position, end: position }, newText: lines }]);
}

function flipTarget(context: FileContext, diagnostic: LspDiagnostic): CodeAction | undefined {
  const written = context.document.getText(diagnostic.range);
  const match = /^([+-]?)(\d+(?:\.\d+)?)%$/.exec(written);
  if (!match) return undefined;
  const flipped = `${match[1] === "-" ? "+" : "-"}${match[2]}%`;
  return fix(context, `flip the target to \`${flipped}\``, diagnostic, [{ range: diagnostic.range, newText: flipped }]);
}

function copyWitness(diagnostic: LspDiagnostic, witness: unknown): CodeAction {
  const command: Command = { title: "copy witness as JSON", command: COPY_WITNESS_COMMAND, arguments: [JSON.stringify(witness, null, 2)] };
  return { title: "copy witness as JSON", kind: lsp.CodeActionKind.QuickFix, diagnostics: [diagnostic], command };
}

/** Every `split` of the file whose text meets `range`. */
function splitsIn(context: FileContext, range: Range): Split[] {
  const tree = context.state.model.parsed(context.path)?.value;
  const from = context.document.offsetAt(range.start);
  const to = context.document.offsetAt(range.end);
  const found: Split[] = [];
  for (const declaration of tree?.declarations ?? []) {
    if (declaration.kind !== "ScenarioDeclaration") continue;
    for (const member of declaration.members) {
      if (member.kind !== "Pathway") continue;
      for (const item of member.members) {
        if (item.kind === "Variation" && item.split && item.split.span.start.offset <= to && from <= item.split.span.end.offset) found.push(item.split);
      }
    }
  }
  return found;
}

function addMissingArms(context: FileContext, split: Split): CodeAction | undefined {
  const experiment = split.experiment.name;
  const present = new Set(split.arms.map((arm) => arm.name.name));
  const missing = [...context.index.definitions.values()].filter((d) => d.kind === "arm" && d.owner === experiment && !present.has(d.name)).map((d) => d.name);
  if (missing.length === 0) return undefined;
  const closing = split.span.end.offset - 1;
  const start = context.text.lastIndexOf("\n", closing - 1) + 1;
  const before = context.text.slice(start, closing);
  const onItsOwnLine = /^[ \t]*$/.test(before);
  const at = context.document.positionAt(onItsOwnLine ? start : closing);
  const newText = onItsOwnLine ? missing.map((arm) => `${before}  ${arm} {}\n`).join("") : missing.map((arm) => `${arm} {} `).join("");
  const title = `add the missing arm${missing.length === 1 ? "" : "s"} of \`${experiment}\`: ${missing.map((arm) => `\`${arm}\``).join(", ")}`;
  return { title, kind: lsp.CodeActionKind.QuickFix, edit: { changes: { [context.uri]: [{ range: { start: at, end: at }, newText }] } } };
}

export function codeActions(context: FileContext, range: Range, diagnostics: readonly LspDiagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const split of splitsIn(context, range)) {
    const action = addMissingArms(context, split);
    if (action) actions.push(action);
  }
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== "scn" || !overlaps(diagnostic.range, range)) continue;
    const data = (diagnostic.data ?? {}) as DiagnosticData;
    const name = typeof diagnostic.code === "string" ? catalogEntry(diagnostic.code)?.name : undefined;
    const found =
      name === "missing-owner"
        ? addOwner(context, diagnostic)
        : name === "missing-output-field"
          ? addMissingFields(context, diagnostic)
          : name === "target-against-direction"
            ? flipTarget(context, diagnostic)
            : didYouMean(context, diagnostic, data);
    if (found) actions.push(found);
    if (data.witness !== undefined) actions.push(copyWitness(diagnostic, data.witness));
  }
  return actions;
}

/**
 * The server cannot reach the editor's clipboard: it answers with the JSON
 * and shows it, and the VS Code extension copies the answer.
 */
export function executeCopyWitness(connection: Connection, args: readonly unknown[]): string | null {
  const json = typeof args[0] === "string" ? args[0] : null;
  if (json !== null) void connection.window.showInformationMessage(`witness: ${json.replace(/\s+/g, " ")}`);
  return json;
}
