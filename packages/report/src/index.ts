/**
 * @scn/report: the scenario catalog (docs/report.md). `buildReport` turns
 * programs into the report's data (`report.json`), `renderReportHtml` into
 * the static site's page.
 */
export * from "./model.js";
export { buildReport, type ProgramInput, type ReportOptions } from "./build-report.js";
export { renderReportHtml, type SiteFile, type SiteOptions } from "./render/site.js";
export { TABLE_ROWS_SHOWN } from "./render/decisions.js";
export { conditionWords, testWords, valueWords, pathWords } from "./words.js";
