/**
 * The catalog's styles. The font stack starts with DejaVu, a font Debian and
 * most Linux systems ship, so the browser tests' screenshots do not depend on
 * which fonts a machine happens to have; no web font is fetched. Colors keep
 * a contrast of at least 4.5:1 for text. In print, navigation and filters
 * are hidden, every card is shown, and cards and rows do not split across pages.
 */
export const SITE_CSS = `
:root { --ink: #1d2433; --muted: #4a5468; --line: #cfd6e3; --paper: #ffffff; --wash: #f3f5f9; --accent: #1f4fa3; --top: #fff1c2; --warn: #8a4b00; --err: #a11a1a; }
* { box-sizing: border-box; }
body { margin: 0; font-family: "DejaVu Sans", "Verdana", sans-serif; font-size: 14px; line-height: 1.45; color: var(--ink); background: var(--paper); }
code, pre { font-family: "DejaVu Sans Mono", "Menlo", monospace; font-size: 12px; }
header.top { background: var(--ink); color: #fff; padding: 16px 24px 0; }
header.top h1 { margin: 0; font-size: 22px; }
header.top .programs { font-weight: normal; color: #d6dcea; }
header.top .summary { margin: 4px 0 8px; color: #d6dcea; }
nav ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 4px; }
nav a { display: block; padding: 8px 12px; color: #fff; text-decoration: none; border-bottom: 3px solid transparent; }
nav a:hover, nav a:focus { border-bottom-color: #ffd34d; }
main { padding: 8px 24px 48px; }
.view { margin-top: 24px; }
h2 { font-size: 20px; border-bottom: 2px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 16px; margin: 0 0 4px; }
h4 { font-size: 14px; margin: 16px 0 4px; }
.lead { color: var(--muted); margin-top: 0; }
.label { display: inline-block; min-width: 4.5em; font-weight: bold; color: var(--muted); }
.note { color: var(--muted); font-style: italic; }
.filters { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; margin: 8px 0 16px; padding: 8px 12px; background: var(--wash); border: 1px solid var(--line); border-radius: 6px; }
.filters select, .filters button { font: inherit; padding: 2px 6px; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(360px, 1fr)); gap: 16px; }
.card { border: 1px solid var(--line); border-left: 5px solid var(--accent); border-radius: 6px; padding: 12px 14px; background: var(--paper); break-inside: avoid; }
.card[hidden] { display: none; }
.card.status-draft { border-left-style: dashed; border-left-color: var(--warn); }
.card.status-paused, .card.status-retired { border-left-color: var(--muted); }
.card.top { background: #fffbea; }
.card .name, .where { color: var(--muted); font-size: 12px; margin: 0 0 6px; }
.facts { list-style: none; padding: 0; margin: 6px 0; display: flex; flex-wrap: wrap; gap: 4px 12px; font-size: 13px; }
.badge { display: inline-block; padding: 0 6px; border-radius: 10px; background: var(--wash); border: 1px solid var(--line); font-size: 12px; }
.badge.rank { background: var(--top); border-color: #c99a00; }
.badge.expired { background: #fde8e8; border-color: var(--err); color: var(--err); }
.pathways { margin: 6px 0; padding-left: 20px; }
.pathways .gives { color: var(--ink); }
.variations { margin: 2px 0 4px; padding-left: 18px; color: var(--muted); }
.tag { display: inline-block; padding: 0 6px; border-radius: 3px; background: #e6ecf8; color: #1a3d80; font-size: 12px; }
table { border-collapse: collapse; }
th, td { border: 1px solid var(--line); padding: 4px 8px; vertical-align: top; text-align: left; }
thead th { background: var(--wash); }
.scroll { overflow-x: auto; }
.grid { width: 100%; table-layout: fixed; }
.grid caption { text-align: left; color: var(--muted); padding-bottom: 4px; }
.grid thead td { width: 9em; border: none; }

.grid td.cell { height: 96px; }
.grid .cell-high-high, .grid .cell-high-medium, .grid .cell-medium-high { background: #eef7ee; }
.chip { display: inline-block; margin: 2px; padding: 2px 8px; border: 1px solid var(--accent); border-radius: 12px; background: var(--paper); }
.chip.draft { border-style: dashed; border-color: var(--warn); }
.chip.top { background: var(--top); border-color: #c99a00; font-weight: bold; }
.rank-mark { display: inline-block; width: 1.4em; height: 1.4em; margin-right: 4px; border-radius: 50%; background: var(--ink); color: #fff; text-align: center; font-size: 11px; line-height: 1.4em; }
.draft-mark { margin-right: 4px; font-size: 11px; color: var(--warn); text-transform: uppercase; }
.top-three { margin-top: 8px; }
.decision { margin: 16px 0 32px; }
.decision .program, .metrics-table .program { font-size: 12px; font-weight: normal; color: var(--muted); }
.matrix td.same { color: var(--muted); text-align: center; }
.matrix td.varies { background: #eef3fc; }
.sheet td.any { color: var(--muted); }
.sheet { font-size: 12px; }
.metrics-table ul { margin: 0; padding-left: 16px; }
.role { font-size: 11px; text-transform: uppercase; color: var(--muted); }
.experiments-table ul { margin: 0; padding-left: 16px; }
.arms { list-style: none; padding-left: 0 !important; }
.arm-bar { display: inline-block; height: 10px; background: var(--accent); vertical-align: middle; }
.hygiene { display: flex; flex-wrap: wrap; gap: 8px; margin: 8px 0; }
.hygiene div { border: 1px solid var(--line); border-radius: 6px; padding: 6px 10px; min-width: 12em; }
.hygiene dt { font-weight: bold; color: var(--muted); }
.hygiene dd { margin: 0; }
.findings { list-style: none; padding: 0; }
.finding { border-left: 4px solid var(--line); padding: 4px 10px; margin: 6px 0; break-inside: avoid; }
.finding.severity-error { border-left-color: var(--err); }
.finding.severity-warning { border-left-color: var(--warn); }
.finding .help { color: var(--muted); }
.witness pre { margin: 2px 0; white-space: pre-wrap; word-break: break-all; background: var(--wash); padding: 4px 6px; }
@media print {
  header.top { background: none; color: var(--ink); padding: 0; }
  header.top .programs, header.top .summary { color: var(--muted); }
  nav, .filters { display: none; }
  .card[hidden] { display: block; }
  .cards { display: block; }
  .card { margin-bottom: 8px; }
  tr { break-inside: avoid; }
  .scroll { overflow: visible; }
}
`;
