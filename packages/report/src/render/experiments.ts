/**
 * The experiments view: each declared experiment with its status, owner,
 * unit (the context field that assigns a customer to an arm), coverage
 * (the share of units enrolled), arms and their weights, the variations
 * that run it (as rule ids), and the metrics it is judged by
 * (docs/experiments.md).
 */
import type { Report, ReportExperiment } from "../model.js";
import { pathWords } from "../words.js";
import { attr, join, text } from "./html.js";

export function experimentsView(report: Report): string {
  const all = report.programs.flatMap((p) => p.experiments.map((e) => ({ program: p.name, e })));
  return join([
    `<section id="experiments" class="view" aria-labelledby="experiments-title">`,
    `<h2 id="experiments-title">Experiments</h2>`,
    `<p class="lead">Variations validated with real customers before they scale: who is enrolled, which arm they get, and what decides.</p>`,
    all.length === 0
      ? `<p class="note">No experiment is declared.</p>`
      : join([
          `<div class="scroll" role="region" tabindex="0" aria-label="Experiments"><table class="experiments-table">`,
          `<thead><tr><th scope="col">experiment</th><th scope="col">status</th><th scope="col">unit</th><th scope="col">coverage</th><th scope="col">arms</th><th scope="col">run by</th><th scope="col">judged by</th></tr></thead>`,
          `<tbody>`,
          ...all.map(({ program, e }) => row(program, e)),
          `</tbody></table></div>`,
        ]),
    `</section>`,
  ]);
}

function row(program: string, e: ReportExperiment): string {
  const arms = e.arms
    .map((a) => `<li><span class="arm-bar" style="width:${Math.max(2, Math.round(a.weight))}px" aria-hidden="true"></span> <code>${text(a.name)}</code> ${a.weight}%</li>`)
    .join("");
  const runBy = e.usedBy.length === 0 ? "—" : `<ul>${e.usedBy.map((u) => `<li><code>${text([u.scenario, u.pathway, u.variation].join("/"))}</code></li>`).join("")}</ul>`;
  const metrics =
    e.metrics.length === 0
      ? "—"
      : `<ul>${e.metrics.map((m) => `<li>${text(m.metric)} <span class="role">${m.role}</span>${m.target === null ? "" : text(` ${m.target > 0 ? "+" : ""}${m.target}%`)}</li>`).join("")}</ul>`;
  return join(
    [
      `<tr data-experiment="${attr(e.name)}">`,
      `<th scope="row">${text(e.title ?? e.name)}<br><code>${text(e.name)}</code> <span class="program">${text(program)}</span>${e.owner !== null ? `<br>owner <strong>${text(e.owner)}</strong>` : ""}</th>`,
      `<td><span class="badge">${e.status}</span></td>`,
      `<td>${text(pathWords(e.unit))}<br><code>${text(e.unit)}</code></td>`,
      `<td>${e.coverage}% of units</td>`,
      `<td><ul class="arms">${arms}</ul></td>`,
      `<td>${runBy}</td>`,
      `<td>${metrics}</td>`,
      `</tr>`,
    ],
    "",
  );
}
