/**
 * The portfolio view: every scenario as a card a CX lead can read without
 * the source (title, goal, situation and pathways in words, owner, status,
 * priority, impact, feasibility, expiry, tags), with filters by decision,
 * owner, status and tag that the page script applies.
 */
import type { Report, ReportProgram, ReportScenario } from "../model.js";
import { valueWords } from "../words.js";
import { attr, decisionKey, join, text } from "./html.js";

export function portfolioView(report: Report): string {
  const all = report.programs.flatMap((p) => p.scenarios.map((s) => ({ program: p, scenario: s })));
  const decisions = unique(report.programs.flatMap((p) => p.decisions.map((d) => decisionKey(p.name, d.name))));
  const owners = unique(all.map(({ scenario }) => scenario.owner ?? "(no owner)"));
  const tags = unique(all.flatMap(({ scenario }) => scenario.tags));
  const statuses = ["active", "draft", "paused", "retired"].filter((s) => all.some(({ scenario }) => scenario.status === s));
  return join([
    `<section id="portfolio" class="view" aria-labelledby="portfolio-title">`,
    `<h2 id="portfolio-title">Portfolio</h2>`,
    `<p class="lead">Every scenario, what it promises and who owns it. <span id="portfolio-count" aria-live="polite">${all.length} of ${all.length} scenarios</span></p>`,
    `<form class="filters" id="filters" aria-label="Filter the scenarios">`,
    select("decision", "Decision", decisions),
    select("owner", "Owner", owners),
    select("status", "Status", statuses),
    select("tag", "Tag", tags),
    `<button type="reset">Show all</button>`,
    `</form>`,
    `<div class="cards">`,
    ...all.map(({ program, scenario }) => card(program, scenario)),
    `</div>`,
    `</section>`,
  ]);
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}

function select(name: string, label: string, values: readonly string[]): string {
  return join(
    [
      `<label>${text(label)} <select id="filter-${name}" name="${name}">`,
      `<option value="">all</option>`,
      ...values.map((v) => `<option value="${attr(v)}">${text(v)}</option>`),
      `</select></label>`,
    ],
    "",
  );
}

function card(program: ReportProgram, s: ReportScenario): string {
  const classes = ["card", `status-${s.status}`, s.rank !== null ? "top" : ""].filter(Boolean).join(" ");
  const data = [
    `data-scenario="${attr(s.name)}"`,
    `data-decision="${attr(decisionKey(program.name, s.decision))}"`,
    `data-owner="${attr(s.owner ?? "(no owner)")}"`,
    `data-status="${attr(s.status)}"`,
    `data-tags="${attr(s.tags.map((t) => `|${t}|`).join(""))}"`,
  ].join(" ");
  return join([
    `<article class="${classes}" ${data} aria-labelledby="card-${attr(program.name)}-${attr(s.name)}">`,
    `<h3 id="card-${attr(program.name)}-${attr(s.name)}">${text(s.title ?? s.name)}</h3>`,
    `<p class="name"><code>${text(s.name)}</code> · answers <code>${text(s.decision)}</code> · ${text(program.name)}</p>`,
    `<ul class="facts">`,
    `<li class="badge status">${text(s.status)}</li>`,
    s.rank !== null ? `<li class="badge rank">top ${s.rank}</li>` : null,
    `<li>owner <strong>${text(s.owner ?? "none")}</strong></li>`,
    `<li>priority <strong>${s.priority}</strong></li>`,
    `<li>impact <strong>${text(s.impact ?? "unrated")}</strong></li>`,
    `<li>feasibility <strong>${text(s.feasibility ?? "unrated")}</strong></li>`,
    s.expires !== null ? `<li class="${s.expired ? "badge expired" : ""}">${s.expired ? "expired" : "review by"} <strong>${text(s.expires)}</strong></li>` : null,
    `</ul>`,
    `<p class="goal"><span class="label">Goal</span> ${text(s.goal)}</p>`,
    `<p><span class="label">When</span> ${text(s.situation)}</p>`,
    `<ol class="pathways">`,
    ...s.pathways.map((p) =>
      join([
        `<li><strong>${text(p.name)}</strong> — ${p.when === null ? "otherwise" : `if ${text(p.when)}`}`,
        Object.keys(p.assignments).length > 0 ? `<div class="gives">everyone: ${text(valueWords(p.assignments))}</div>` : null,
        p.variations.length > 0
          ? `<ul class="variations">${p.variations.map((v) => `<li><em>${text(v.segmentTitle ?? v.name)}</em>${v.inline ? ` (${text(v.condition)})` : ""}: ${text(valueWords(v.assignments))}</li>`).join("")}</ul>`
          : null,
        `</li>`,
      ], ""),
    ),
    `</ol>`,
    s.metrics.length > 0
      ? `<p class="metrics"><span class="label">Measured by</span> ${s.metrics.map((m) => `${text(m.metric)} (${m.role}${m.target !== null ? ` ${m.target > 0 ? "+" : ""}${m.target}%` : ""})`).join(", ")}</p>`
      : null,
    s.tags.length > 0 ? `<p class="tags">${s.tags.map((t) => `<span class="tag">${text(t)}</span>`).join(" ")}</p>` : null,
    `<p class="where">${text(s.location.file)}:${s.location.line}</p>`,
    `</article>`,
  ]);
}
