/**
 * The impact × feasibility picture a prioritization workshop draws: a 3 × 3
 * grid with impact rising upwards and feasibility rising to the right, each
 * scenario placed in its cell. Drafts are marked (the candidates to launch),
 * and the top three by impact × feasibility are highlighted with their rank.
 * It is a grid of HTML cells rather than a drawing so that long titles wrap,
 * screen readers read it as a table, and it prints.
 */
import type { Level, Report, ReportScenario } from "../model.js";
import { attr, join, text } from "./html.js";

const LEVELS: readonly Level[] = ["low", "medium", "high"];

export function prioritiesView(report: Report): string {
  const scenarios = report.programs.flatMap((p) => p.scenarios.map((s) => ({ program: p.name, s })));
  const rated = scenarios.filter(({ s }) => s.impact !== null && s.feasibility !== null && s.status !== "retired");
  const unrated = scenarios.filter(({ s }) => (s.impact === null || s.feasibility === null) && s.status !== "retired");
  const top = rated.filter(({ s }) => s.rank !== null).sort((a, b) => (a.s.rank ?? 0) - (b.s.rank ?? 0));
  return join([
    `<section id="priorities" class="view" aria-labelledby="priorities-title">`,
    `<h2 id="priorities-title">Impact × feasibility</h2>`,
    `<p class="lead">Where each scenario stands in the workshop's picture. Drafts have a dashed border; the top three of the whole catalog by impact × feasibility are numbered.</p>`,
    `<table class="grid">`,
    `<caption>Scenarios by impact (rows) and feasibility (columns)</caption>`,
    `<thead><tr><td></td>${LEVELS.map((f) => `<th scope="col">feasibility ${f}</th>`).join("")}</tr></thead>`,
    `<tbody>`,
    ...[...LEVELS].reverse().map((impact) =>
      join([
        `<tr><th scope="row">impact ${impact}</th>`,
        ...LEVELS.map((feasibility) => {
          const here = rated.filter(({ s }) => s.impact === impact && s.feasibility === feasibility);
          return `<td class="cell cell-${impact}-${feasibility}">${here.map(({ s }) => chip(s)).join("")}</td>`;
        }),
        `</tr>`,
      ], ""),
    ),
    `</tbody>`,
    `</table>`,
    top.length > 0
      ? `<ol class="top-three" aria-label="Top three">${top.map(({ program, s }) => `<li><strong>${text(s.title ?? s.name)}</strong> (${text(program)}, ${s.status}, impact ${s.impact}, feasibility ${s.feasibility})</li>`).join("")}</ol>`
      : null,
    unrated.length > 0 ? `<p class="unrated"><span class="label">Not rated</span> ${unrated.map(({ s }) => text(s.title ?? s.name)).join(", ")}</p>` : null,
    `</section>`,
  ]);
}

function chip(s: ReportScenario): string {
  const classes = ["chip", s.status === "draft" ? "draft" : "", s.rank !== null ? "top" : ""].filter(Boolean).join(" ");
  const marks = [s.rank !== null ? `<span class="rank-mark" aria-label="rank ${s.rank}">${s.rank}</span>` : "", s.status === "draft" ? `<span class="draft-mark">draft</span>` : ""].join("");
  return `<span class="${classes}" data-scenario="${attr(s.name)}">${marks}${text(s.title ?? s.name)}</span>`;
}
