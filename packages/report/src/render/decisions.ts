/**
 * The decisions view: per decision, the scenario × segment matrix (which
 * variation each segment gets in each pathway, and what the consent gates
 * switch off) and the decision table as a spreadsheet of first-hit rows with
 * the rule ids that answers and logs carry.
 */
import type { Report, ReportDecision, ReportProgram, ReportTable } from "../model.js";
import { pathWords, valueWords } from "../words.js";
import { anchor, decisionKey, join, text, attr } from "./html.js";

/** Rows shown per decision; report.json has them all. Past this a page stops being readable or printable. */
export const TABLE_ROWS_SHOWN = 300;

export function decisionsView(report: Report): string {
  return join([
    `<section id="decisions" class="view" aria-labelledby="decisions-title">`,
    `<h2 id="decisions-title">Decisions</h2>`,
    `<p class="lead">Each question a touchpoint asks: who gets which variation, and the table the runtime answers from.</p>`,
    ...report.programs.flatMap((p) => p.decisions.map((d) => decisionBlock(p, d))),
    `</section>`,
  ]);
}

function decisionBlock(program: ReportProgram, d: ReportDecision): string {
  const id = anchor("decision", program.name, d.name);
  return join([
    `<article class="decision" id="${attr(id)}" data-decision="${attr(decisionKey(program.name, d.name))}">`,
    `<h3>${text(d.title ?? d.name)} <code>${text(d.name)}</code> <span class="program">${text(program.name)}</span></h3>`,
    d.default !== null ? `<p><span class="label">Default (one-for-all)</span> ${text(valueWords(d.default))}</p>` : `<p><span class="label">Default</span> none: no answer when no scenario applies</p>`,
    `<h4>Scenario × segment</h4>`,
    consentNote(program),
    matrixTable(d),
    `<h4>Decision table</h4>`,
    d.table === null ? `<p class="note">No table: the program has errors (see Findings).</p>` : spreadsheet(d.table, d.name),
    `</article>`,
  ]);
}

function consentNote(program: ReportProgram): string {
  if (program.consents.length === 0) return `<p class="note">No consent gate: variations are chosen on their segments alone.</p>`;
  const gates = program.consents.map((c) => `<code>${text(c.name)}</code> (${text(pathWords(c.path))})`).join(" and ");
  return `<p class="note consent">Variations apply only with consent: ${gates}. A customer without it gets the <em>everyone</em> column.</p>`;
}

function matrixTable(d: ReportDecision): string {
  if (d.matrix.rows.length === 0) return `<p class="note">No scenario answers this decision.</p>`;
  return join([
    `<div class="scroll" role="region" tabindex="0" aria-label="Scenario × segment of ${attr(d.name)}"><table class="matrix">`,
    `<thead><tr><th scope="col">scenario</th><th scope="col">pathway</th><th scope="col">everyone (and without consent)</th>${d.matrix.segments.map((s) => `<th scope="col">${text(s)}</th>`).join("")}</tr></thead>`,
    `<tbody>`,
    ...d.matrix.rows.map(
      (r) =>
        `<tr class="status-${r.status}"><th scope="row">${text(r.scenario)}${r.status !== "active" ? ` <span class="badge">${r.status}</span>` : ""}</th><td>${text(r.pathway)}</td><td>${text(valueWords(r.foundational))}</td>${d.matrix.segments
          .map((s) => {
            const v = r.variations[s];
            return v === undefined ? `<td class="same">—</td>` : `<td class="varies">${text(valueWords(v))}</td>`;
          })
          .join("")}</tr>`,
    ),
    `</tbody></table></div>`,
  ]);
}

function spreadsheet(table: ReportTable, decision: string): string {
  const shown = table.rows.slice(0, TABLE_ROWS_SHOWN);
  return join([
    `<div class="scroll" role="region" tabindex="0" aria-label="Decision table of ${attr(decision)}"><table class="sheet">`,
    `<thead><tr><th scope="col">#</th><th scope="col">rule id</th>${table.columns.map((c) => `<th scope="col"><code>${text(c)}</code></th>`).join("")}<th scope="col">output</th><th scope="col">source</th></tr></thead>`,
    `<tbody>`,
    ...shown.map(
      (row, i) =>
        `<tr><td>${i + 1}</td><td><code>${text(row.rule)}</code></td>${row.conditions.map((c) => (c === null ? `<td class="any">any</td>` : `<td>${text(c)}</td>`)).join("")}<td>${text(valueWords(row.output))}</td><td class="where">${text(row.location.file)}:${row.location.line}</td></tr>`,
    ),
    `</tbody></table></div>`,
    table.rows.length > shown.length ? `<p class="note">The first ${shown.length} of ${table.rows.length} rows; report.json has them all.</p>` : `<p class="note">${table.rows.length} rows, tried first to last; the first whose tests all hold answers.</p>`,
  ]);
}
