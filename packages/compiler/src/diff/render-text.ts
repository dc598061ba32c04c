/**
 * The plain-text rendering of a diff, for terminals and logs: a summary
 * line, then each decision with its changes (customers, rules, the output
 * fields that differ, an example context), then metadata changes.
 *
 * Invariant: the text depends only on the diff, so the same two versions
 * always print the same lines.
 */
import { reassignmentText } from "./experiment-diff.js";
import { answerLabel, causeGroups, decisionStatusText, editTitle, fieldChangeText, pluralize, quietEdits, samplingText, summaryText } from "./change-text.js";
import type { BehaviorChange, BundleDiff, DecisionDiff } from "./diff-model.js";

function changeLines(change: BehaviorChange, number: number): string[] {
  const regions = change.regions === null ? "" : ` (${pluralize(change.regions, "region")})`;
  const lines = [`  ${number}. ${answerLabel(change.before)} → ${answerLabel(change.after)}${regions}`];
  if (change.customers !== null) lines.push(`     customers: ${change.customers}`);
  for (const field of change.fields) lines.push(`     ${fieldChangeText(field)}`);
  const note = change.witnessValid ? "" : " (the new context schema rejects it)";
  lines.push(`     example${note}: ${JSON.stringify(change.witness)}`);
  return lines;
}

function decisionLines(decision: DecisionDiff, withChanges = true): string[] {
  const title = decision.title === null ? "" : ` (${decision.title})`;
  const status = withChanges || decision.status !== "changed" ? decisionStatusText(decision) : `${pluralize(decision.changes.length, "change")} in behavior, listed under their edits above`;
  const lines = [`${decision.name}${title}: ${status}`];
  const sampling = samplingText(decision);
  if (sampling !== null) lines.push(`  note: ${sampling}`);
  if (withChanges) decision.changes.forEach((change, i) => lines.push(...changeLines(change, i + 1)));
  for (const field of decision.metadata) lines.push(`  ~ ${fieldChangeText(field)}`);
  return lines;
}

function metadataLines(diff: BundleDiff): string[] {
  const lines: string[] = [];
  const section = (title: string, entries: string[]) => {
    if (entries.length > 0) lines.push("", `${title}:`, ...entries);
  };
  section(
    "scenarios",
    diff.scenarios.flatMap((s) => {
      if (s.change === "added") return [`  + ${s.name} (for ${s.decision})`];
      if (s.change === "removed") return [`  - ${s.name} (for ${s.decision})`];
      return [`  ~ ${s.name}`, ...s.fields.map((f) => `      ${fieldChangeText(f)}`)];
    }),
  );
  section(
    "metrics",
    diff.metrics.flatMap((m) => {
      if (m.change !== "changed") return [`  ${m.change === "added" ? "+" : "-"} ${m.name}`];
      return [`  ~ ${m.name}`, ...m.fields.map((f) => `      ${fieldChangeText(f)}`)];
    }),
  );
  section(
    "context",
    diff.context.map((c) => {
      if (c.change === "added") return `  + ${c.path}: ${c.after}`;
      if (c.change === "removed") return `  - ${c.path}: ${c.before}`;
      return `  ~ ${c.path}: ${c.before} → ${c.after}`;
    }),
  );
  section("consent gates", diff.consent.map((g) => `  ~ ${fieldChangeText(g)}`));
  section(
    "experiments",
    diff.experiments.flatMap((e) => {
      if (e.change !== "changed") return [`  ${e.change === "added" ? "+" : "-"} ${e.name}`];
      return [`  ~ ${e.name}`, ...e.fields.map((f) => `      ${fieldChangeText(f)}`), ...(e.reassigned ? [`      ${reassignmentText(e.reassigned)}`] : [])];
    }),
  );
  section(
    "constants",
    diff.edits.filter((e) => e.kind === "const").map((e) => (e.change === "changed" ? `  ~ ${e.name}: ${e.before} → ${e.after}` : e.change === "added" ? `  + ${e.name} = ${e.after}` : `  - ${e.name} = ${e.before}`)),
  );
  return lines;
}

/** One block per source edit that changes answers, with its changes decision by decision. */
function causeLines(diff: BundleDiff): string[] {
  const lines: string[] = [];
  for (const group of causeGroups(diff)) {
    lines.push("", group.edit === null ? "several edits together (no single edit gives these answers):" : `${editTitle(group.edit)}:`);
    for (const { decision, changes } of group.decisions) {
      lines.push(`  ${decision.name}: ${pluralize(changes.length, "change")} in behavior`);
      changes.forEach((change, i) => lines.push(...changeLines(change, i + 1).map((line) => `  ${line}`)));
    }
  }
  const quiet = quietEdits(diff);
  if (quiet.length > 0) lines.push("", `edits that change no answer on their own: ${quiet.map((e) => editTitle(e)).join("; ")}`);
  return lines;
}

export function renderDiffText(diff: BundleDiff): string {
  const lines = [summaryText(diff)];
  if (diff.edits.length === 0) {
    for (const decision of diff.decisions) lines.push("", ...decisionLines(decision));
  } else {
    lines.push(...causeLines(diff));
    const own = diff.decisions.filter((d) => d.status === "added" || d.status === "removed" || d.method === "sampled" || d.metadata.length > 0);
    for (const decision of own) lines.push("", ...decisionLines(decision, false));
    const unchanged = diff.decisions.filter((d) => d.status === "unchanged" && !own.includes(d));
    if (unchanged.length > 0) lines.push("", `no change in behavior: ${unchanged.map((d) => d.name).join(", ")}`);
  }
  lines.push(...metadataLines(diff));
  return lines.join("\n") + "\n";
}
