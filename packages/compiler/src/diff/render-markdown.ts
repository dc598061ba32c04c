/**
 * The markdown rendering of a diff, ready to post as a pull-request comment:
 * a heading with the summary, then, when the source edits are known, a
 * section per edit with the changes it causes (one table per decision), a
 * section for changes that only several edits together cause, and otherwise
 * a section per decision that changed; each table is `| customers | before |
 * after | example |` (the example context in a collapsible `<details>`
 * block). Then the decisions that did not change, and the metadata changes
 * (constants and experiments among them).
 *
 * A pull-request comment has a size limit (65,536 characters on GitHub), so
 * each decision's table shows at most MAX_TABLE_ROWS changes and says how
 * many more there are.
 *
 * Invariant: user text (rule names, output values, contexts) can never break
 * the table or inject markup: it goes into code spans with `|` escaped, or
 * into HTML with `&`, `<`, `>` and `|` escaped.
 */
import { reassignmentText } from "./experiment-diff.js";
import { answerLabel, causeGroups, decisionStatusText, editTitle, pluralize, quietEdits, samplingText, summaryText, valueText } from "./change-text.js";
import type { AnswerView, BehaviorChange, BundleDiff, DecisionDiff, FieldChange } from "./diff-model.js";

/** Changes shown per decision; the rest are counted. */
export const MAX_TABLE_ROWS = 20;

/** A code span that holds `text` whatever backticks it contains; in a table cell `|` is escaped too. */
function code(text: string, inTable = false): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const padded = text.startsWith("`") || text.endsWith("`") ? ` ${text} ` : text;
  const body = padded.replace(/\r?\n/g, " ");
  return `${fence}${inTable ? body.replace(/\|/g, "\\|") : body}${fence}`;
}

function html(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\|/g, "&#124;");
}

function answerCell(answer: AnswerView, fields: readonly FieldChange[], side: "before" | "after"): string {
  const lines = [answer.reason === "scenario" ? code(answerLabel(answer), true) : `*${answerLabel(answer)}*`];
  for (const field of fields) lines.push(`${code(field.field, true)}: ${code(valueText(field[side], field.field), true)}`);
  return lines.join("<br>");
}

function changeRow(change: BehaviorChange): string {
  const regions = change.regions === null ? "" : ` (${pluralize(change.regions, "region")})`;
  const customers = (change.customers === null ? "*found by sampling*" : code(change.customers, true)) + regions;
  const summary = change.witnessValid ? "context" : "context (rejected by the new schema)";
  const example = `<details><summary>${summary}</summary><code>${html(JSON.stringify(change.witness))}</code></details>`;
  return `| ${customers} | ${answerCell(change.before, change.fields, "before")} | ${answerCell(change.after, change.fields, "after")} | ${example} |`;
}

function decisionHeading(decision: DecisionDiff): string {
  return `### ${code(decision.name)}${decision.title === null ? "" : ` — ${html(decision.title)}`}`;
}

function changeTable(changes: readonly BehaviorChange[]): string[] {
  const shown = changes.slice(0, MAX_TABLE_ROWS);
  const lines = ["", "| customers | before | after | example |", "| --- | --- | --- | --- |", ...shown.map(changeRow)];
  const hidden = changes.length - shown.length;
  if (hidden > 0) lines.push("", `…and ${pluralize(hidden, "more change")}: run \`scn diff\` locally, or use \`--format json\`, to see them all.`);
  return lines;
}

/** A decision's section; `withChanges` false leaves its changes to the sections of their causes. */
function decisionSection(decision: DecisionDiff, withChanges = true): string[] {
  const status = withChanges || decision.status !== "changed" ? decisionStatusText(decision) : `${pluralize(decision.changes.length, "change")} in behavior, listed under their edits above`;
  const lines = [decisionHeading(decision), "", `${status[0]!.toUpperCase()}${status.slice(1)}.`];
  const sampling = samplingText(decision);
  if (sampling !== null) lines.push("", `> **Note:** ${html(sampling)}.`);
  if (withChanges && decision.changes.length > 0) lines.push(...changeTable(decision.changes));
  if (decision.metadata.length > 0) lines.push("", ...decision.metadata.map(fieldItem));
  return lines;
}

/** One section per source edit that changes answers, then the changes only several edits cause together. */
function causeSections(diff: BundleDiff): string[] {
  const lines: string[] = [];
  for (const group of causeGroups(diff)) {
    lines.push("", `### ${group.edit === null ? "Several edits together" : editTitle(group.edit, (t) => code(t))}`);
    if (group.edit === null) lines.push("", "No single edit gives these answers on its own; they come from the edits combined.");
    for (const { decision, changes } of group.decisions) {
      lines.push("", `${code(decision.name)}: ${pluralize(changes.length, "change")} in behavior.`, ...changeTable(changes));
    }
  }
  const quiet = quietEdits(diff);
  if (quiet.length > 0) lines.push("", `Edits that change no answer on their own: ${quiet.map((e) => editTitle(e, (t) => code(t))).join("; ")}.`);
  return lines;
}

function fieldItem(change: FieldChange): string {
  return `- ${code(change.field)}: ${code(valueText(change.before, change.field))} → ${code(valueText(change.after, change.field))}`;
}

function metadataSection(diff: BundleDiff): string[] {
  const lines: string[] = [];
  const group = (title: string, items: string[]) => {
    if (items.length > 0) lines.push("", `**${title}**`, "", ...items);
  };
  group(
    "Scenarios",
    diff.scenarios.flatMap((s) => {
      if (s.change !== "changed") return [`- ${code(s.name)} ${s.change} (for ${code(s.decision)})`];
      return [`- ${code(s.name)} changed:`, ...s.fields.map((f) => `  ${fieldItem(f)}`)];
    }),
  );
  group(
    "Metrics",
    diff.metrics.flatMap((m) => (m.change !== "changed" ? [`- ${code(m.name)} ${m.change}`] : [`- ${code(m.name)} changed:`, ...m.fields.map((f) => `  ${fieldItem(f)}`)])),
  );
  group(
    "Experiments",
    diff.experiments.flatMap((e) =>
      e.change !== "changed"
        ? [`- ${code(e.name)} ${e.change}`]
        : [`- ${code(e.name)} changed:`, ...e.fields.map((f) => `  ${fieldItem(f)}`), ...(e.reassigned ? [`  - ${reassignmentText(e.reassigned)}`] : [])],
    ),
  );
  group(
    "Context fields",
    diff.context.map((c) => {
      if (c.change === "added") return `- ${code(c.path)} added: ${code(c.after ?? "")}`;
      if (c.change === "removed") return `- ${code(c.path)} removed (was ${code(c.before ?? "")})`;
      return `- ${code(c.path)}: ${code(c.before ?? "")} → ${code(c.after ?? "")}`;
    }),
  );
  group("Consent gates", diff.consent.map(fieldItem));
  group(
    "Constants",
    diff.edits.filter((e) => e.kind === "const").map((e) => `- ${code(e.name)}: ${e.change === "changed" ? `${code(e.before ?? "")} → ${code(e.after ?? "")}` : e.change === "added" ? `added, ${code(e.after ?? "")}` : `removed (was ${code(e.before ?? "")})`}`),
  );

  return lines.length === 0 ? [] : ["", "### Metadata", ...lines];
}

export function renderDiffMarkdown(diff: BundleDiff): string {
  const lines = [`## scn diff: ${summaryText(diff)}`];
  const grouped = diff.edits.length > 0;
  if (grouped) lines.push(...causeSections(diff));
  // Grouped by edit, a decision keeps a section of its own only for what is
  // not a change of answers: being added or removed, sampling, its metadata.
  const own = (d: DecisionDiff) => (grouped ? d.status === "added" || d.status === "removed" || d.method === "sampled" || d.metadata.length > 0 : d.status !== "unchanged" || d.metadata.length > 0 || d.method === "sampled");
  const sections = diff.decisions.filter(own);
  const unchanged = diff.decisions.filter((d) => d.status === "unchanged" && !own(d));
  for (const decision of sections) lines.push("", ...decisionSection(decision, !grouped));
  if (unchanged.length > 0) lines.push("", `No change in behavior: ${unchanged.map((d) => code(d.name)).join(", ")}.`);
  lines.push(...metadataSection(diff));
  return lines.join("\n") + "\n";
}
