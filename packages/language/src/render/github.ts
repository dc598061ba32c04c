/**
 * GitHub Actions workflow-command annotations (`::error file=…,line=…::msg`).
 * GitHub shows only the first few annotations of a step, so the most
 * important come first: errors, then warnings, then notes, each in source
 * order. Values are escaped as the workflow-command syntax requires: in the
 * message `%`, CR and LF; in properties additionally `:` and `,`.
 */
import type { Diagnostic, Severity } from "../diagnostic.js";

const COMMAND: Record<Severity, string> = { error: "error", warning: "warning", info: "notice" };
const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function escapeGithubData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

export function escapeGithubProperty(text: string): string {
  return escapeGithubData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

function annotation(d: Diagnostic): string {
  const properties = [
    `file=${escapeGithubProperty(d.span.file)}`,
    `line=${d.span.start.line}`,
    `endLine=${d.span.end.line}`,
    `col=${d.span.start.column}`,
    `endColumn=${d.span.end.column}`,
    `title=${escapeGithubProperty(`${d.code} ${d.severity}`)}`,
  ].join(",");
  const lines = [d.message];
  if (d.help) lines.push(`help: ${d.help}`);
  if (d.witness !== undefined) lines.push(`witness: ${JSON.stringify(d.witness)}`);
  return `::${COMMAND[d.severity]} ${properties}::${escapeGithubData(lines.join("\n"))}`;
}

export function renderGithub(diagnostics: readonly Diagnostic[]): string {
  const ordered = diagnostics
    .map((d, position) => ({ d, position }))
    .sort((a, b) => RANK[a.d.severity] - RANK[b.d.severity] || a.position - b.position)
    .map(({ d }) => annotation(d));
  return ordered.length > 0 ? ordered.join("\n") + "\n" : "";
}
