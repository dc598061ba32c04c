/**
 * The catalog site: one self-contained `index.html` (styles and the filter
 * script inline, no web fonts, nothing fetched), so it opens from `file://`,
 * from a CI artifact or any static host, and prints as the whole catalog.
 * Every view is rendered here as HTML, so the page reads the same with
 * scripts off; the script only applies the portfolio filters.
 */
import type { Report } from "../model.js";
import { decisionsView } from "./decisions.js";
import { experimentsView } from "./experiments.js";
import { findingsView } from "./findings.js";
import { join, text } from "./html.js";
import { metricsView } from "./metrics.js";
import { portfolioView } from "./portfolio.js";
import { prioritiesView } from "./priorities.js";
import { SITE_CSS } from "./site-css.js";
import { FILTER_SCRIPT } from "./site-script.js";

export interface SiteFile {
  readonly path: string;
  readonly content: string;
}

/** Extra navigation links, e.g. to the playground when the site includes it. */
export interface SiteOptions {
  readonly links?: readonly { readonly href: string; readonly label: string }[];
}

export function renderReportHtml(report: Report, options: SiteOptions = {}): string {
  const names = report.programs.map((p) => p.name).join(", ");
  const scenarios = report.programs.reduce((n, p) => n + p.scenarios.length, 0);
  const decisions = report.programs.reduce((n, p) => n + p.decisions.length, 0);
  const nav = [
    ["#portfolio", "Portfolio"],
    ["#priorities", "Impact × feasibility"],
    ["#decisions", "Decisions"],
    ["#metrics", "Metrics"],
    ["#experiments", "Experiments"],
    ["#findings", "Findings"],
    ...(options.links ?? []).map((l) => [l.href, l.label] as const),
  ];
  return join([
    `<!doctype html>`,
    `<html lang="en">`,
    `<head>`,
    `<meta charset="utf-8">`,
    `<meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<title>Scenario catalog: ${text(names)}</title>`,
    `<style>${SITE_CSS}</style>`,
    `</head>`,
    `<body>`,
    `<header class="top">`,
    `<h1>Scenario catalog <span class="programs">${text(names)}</span></h1>`,
    `<p class="summary">${scenarios} scenarios · ${decisions} decisions · judged on ${text(report.today)} · scn ${text(report.compilerVersion)}</p>`,
    `<nav aria-label="Views"><ul>${nav.map(([href, label]) => `<li><a href="${href}">${text(label ?? "")}</a></li>`).join("")}</ul></nav>`,
    `</header>`,
    `<main>`,
    portfolioView(report),
    prioritiesView(report),
    decisionsView(report),
    metricsView(report),
    experimentsView(report),
    findingsView(report),
    `</main>`,
    `<script>${FILTER_SCRIPT}</script>`,
    `</body>`,
    `</html>`,
    ``,
  ]) + "\n";
}
