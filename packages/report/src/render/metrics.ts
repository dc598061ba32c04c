/**
 * The metrics view: each outcome metric with the direction that counts as
 * better, and the scenarios that aim at it (primary or secondary) or watch it
 * as a guardrail, with their targets and time windows.
 */
import type { Report, ReportMetric } from "../model.js";
import { join, text } from "./html.js";

export function metricsView(report: Report): string {
  return join([
    `<section id="metrics" class="view" aria-labelledby="metrics-title">`,
    `<h2 id="metrics-title">Metrics</h2>`,
    `<p class="lead">What each scenario promises to move, and what must not get worse.</p>`,
    `<div class="scroll" role="region" tabindex="0" aria-label="Metrics"><table class="metrics-table">`,
    `<thead><tr><th scope="col">metric</th><th scope="col">better</th><th scope="col">unit</th><th scope="col">aimed at by</th><th scope="col">guardrail of</th></tr></thead>`,
    `<tbody>`,
    ...report.programs.flatMap((p) => p.metrics.map((m) => row(p.name, m))),
    `</tbody></table></div>`,
    `</section>`,
  ]);
}

function uses(m: ReportMetric, guardrail: boolean): string {
  const list = m.uses.filter((u) => (u.role === "guardrail") === guardrail);
  if (list.length === 0) return "—";
  return `<ul>${list
    .map((u) => {
      const target = u.target === null ? "" : ` ${u.target > 0 ? "+" : ""}${u.target}%`;
      const window = u.window === null ? "" : ` within ${u.window.amount} ${u.window.unit}`;
      return `<li><strong>${text(u.scenario)}</strong> <span class="role">${u.role}</span>${text(target + window)}</li>`;
    })
    .join("")}</ul>`;
}

function row(program: string, m: ReportMetric): string {
  const arrow = m.better === "higher" ? "↑ higher" : "↓ lower";
  return `<tr data-metric="${text(m.name)}"><th scope="row">${text(m.title ?? m.name)}<br><code>${text(m.name)}</code> <span class="program">${text(program)}</span></th><td>${arrow}</td><td>${text(m.unit ?? "—")}</td><td>${uses(m, false)}</td><td>${uses(m, true)}</td></tr>`;
}
