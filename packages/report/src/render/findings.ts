/**
 * The findings view: portfolio hygiene first (expired, unowned, drafts, gaps,
 * overlaps), then every diagnostic of the check and the analysis with its
 * witness, the concrete customer that shows it.
 */
import type { Report, ReportFinding, ReportProgram } from "../model.js";
import { attr, join, text } from "./html.js";

export function findingsView(report: Report): string {
  return join([
    `<section id="findings" class="view" aria-labelledby="findings-title">`,
    `<h2 id="findings-title">Findings and hygiene</h2>`,
    `<p class="lead">What the check and the exact analysis found, judged on ${text(report.today)}.</p>`,
    ...report.programs.map(programFindings),
    `</section>`,
  ]);
}

function names(list: readonly string[]): string {
  return list.length === 0 ? "none" : list.map((n) => `<code>${text(n)}</code>`).join(", ");
}

function programFindings(p: ReportProgram): string {
  const h = p.hygiene;
  const overlapsAndGaps = (indexes: readonly number[]) =>
    indexes.length === 0 ? "none" : `${indexes.length} (${indexes.map((i) => p.findings[i]?.code ?? "").join(", ")})`;
  return join([
    `<article class="program-findings" data-program="${attr(p.name)}">`,
    `<h3>${text(p.name)}</h3>`,
    `<dl class="hygiene">`,
    `<div><dt>expired</dt><dd>${names(h.expired)}</dd></div>`,
    `<div><dt>unowned</dt><dd>${names(h.unowned)}</dd></div>`,
    `<div><dt>drafts</dt><dd>${names(h.drafts)}</dd></div>`,
    `<div><dt>gaps</dt><dd>${overlapsAndGaps(h.gaps)}</dd></div>`,
    `<div><dt>overlaps</dt><dd>${overlapsAndGaps(h.overlaps)}</dd></div>`,
    `</dl>`,
    p.findings.length === 0 ? `<p class="note">No findings.</p>` : `<ul class="findings">${p.findings.map(finding).join("\n")}</ul>`,
    `</article>`,
  ]);
}

function finding(f: ReportFinding): string {
  return join([
    `<li class="finding severity-${f.severity}" data-code="${attr(f.code)}">`,
    `<span class="badge">${f.severity}</span> <code>${text(f.code)}</code> ${text(f.message)}`,
    `<div class="where">${text(f.file)}:${f.line}:${f.column}</div>`,
    f.help !== null ? `<div class="help">${text(f.help)}</div>` : null,
    f.witness !== null ? `<div class="witness"><span class="label">Example customer</span><pre>${text(JSON.stringify(f.witness))}</pre></div>` : null,
    `</li>`,
  ], "");
}
