/**
 * `scn report [paths…] -o DIR`: the scenario catalog (docs/report.md). Each
 * program found is checked and analyzed through the driver, and the site is
 * written to DIR: `index.html` (self-contained, opens from `file://`) and
 * `report.json` (format `scn.report/1`). A program with errors is still
 * reported, with its findings and without decision tables, because the
 * catalog is how a team sees what is broken; the exit code stays 0 unless
 * nothing could be read. When scn runs from the repository, the playground
 * that `pnpm run build` wrote (packages/playground/dist/site) is copied into
 * `DIR/playground/`, so the catalog links to a page where programs can be
 * edited and run; the published packages do not carry it.
 */
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { buildReport, renderReportHtml, type ProgramInput } from "@scn/report";
import { writeFileAtomic } from "../atomic-write.js";
import { EXIT_OK, EXIT_USAGE, type CliIO } from "../io.js";
import { loadPrograms, programOptions } from "../project.js";
import { COMPILER_VERSION } from "../version.js";

export interface ReportCommandOptions {
  readonly outDir?: string;
  readonly today?: string;
}

export const DEFAULT_REPORT_DIR = "report";

export function runReport(paths: readonly string[], options: ReportCommandOptions, io: CliIO): number {
  const project = loadPrograms(paths, io.cwd);
  if (!project.ok) {
    io.stderr(`error: ${project.message}\n`);
    return EXIT_USAGE;
  }
  const inputs: ProgramInput[] = project.programs.map((program) => ({
    name: program.config?.name ?? (basename(program.root) || "program"),
    sources: program.files,
    options: programOptions(program.config, options.today),
  }));
  const today = options.today ?? project.programs.map((p) => p.config?.today).find((d) => d !== undefined);
  const report = buildReport(inputs, { compilerVersion: COMPILER_VERSION, ...(today !== undefined ? { today } : {}) });
  const outDir = resolve(io.cwd, options.outDir ?? DEFAULT_REPORT_DIR);
  mkdirSync(outDir, { recursive: true });
  writeFileAtomic(join(outDir, "report.json"), JSON.stringify(report, null, 2) + "\n");
  const playground = copyPlayground(join(outDir, "playground"));
  writeFileAtomic(join(outDir, "index.html"), renderReportHtml(report, playground ? { links: [{ href: "playground/index.html", label: "Playground" }] } : {}));
  const scenarios = report.programs.reduce((n, p) => n + p.scenarios.length, 0);
  const broken = report.programs.filter((p) => !p.ok).map((p) => p.name);
  io.stdout(`wrote ${join(outDir, "index.html")} and report.json: ${report.programs.length} program${report.programs.length === 1 ? "" : "s"}, ${scenarios} scenarios\n`);
  if (broken.length > 0) io.stderr(`note: ${broken.join(", ")} ha${broken.length === 1 ? "s" : "ve"} errors; the report lists them and leaves out their decision tables\n`);
  return EXIT_OK;
}

/** The playground's built files, in the order they are copied. */
const PLAYGROUND_FILES = ["index.html", "playground.js", "playground.js.LEGAL.txt"];

/**
 * Where the repository's build writes the playground, seen from this module:
 * it runs from packages/cli/dist/commands/ when imported, and from
 * packages/cli/bundle/ when `scn` runs (packages/cli/scripts/bundle.mjs).
 */
const PLAYGROUND_SITES = [
  join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "playground", "dist", "site"),
  join(dirname(fileURLToPath(import.meta.url)), "..", "..", "playground", "dist", "site"),
];

/** Copies the built playground into `target`; false (with nothing copied) when it is not there. */
function copyPlayground(target: string): boolean {
  const site = PLAYGROUND_SITES.find((candidate) => PLAYGROUND_FILES.every((file) => existsSync(join(candidate, file))));
  if (site === undefined) return false;
  mkdirSync(target, { recursive: true });
  for (const file of PLAYGROUND_FILES) writeFileAtomic(join(target, file), readFileSync(join(site, file), "utf8"));
  return true;
}
