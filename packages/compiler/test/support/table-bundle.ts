/**
 * Assembles a bundle straight from lowered decisions (no checked program), so
 * emitters and runtimes can be tested on random tables before, and besides,
 * whole-program tests. Also loads a generated module from a temporary file.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { BUNDLE_FORMAT, type Answer, type Bundle, type DecisionTable } from "@scn/runtime";
import { contentHash } from "../../src/bundle/canonical-json.js";
import type { LoweredDecision } from "../../src/lower/lowered.js";
import { optimizeDecision } from "../../src/optimize/optimize.js";
import type { IndexOptions } from "../../src/optimize/index/dag.js";

export function bundleOfTables(
  decisions: readonly LoweredDecision[],
  consent: { name: string; path: string }[] = [],
  indexOptions: IndexOptions = {},
): Bundle {
  const tables = decisions.map((lowered): [string, DecisionTable] => {
    const { decision, index } = optimizeDecision(lowered, indexOptions);
    return [
      decision.name,
      {
        title: decision.title,
        output: { type: "object" },
        default: decision.default,
        columns: decision.columns,
        outcomes: decision.outcomes,
        rows: decision.rows,
        index,
      },
    ];
  });
  const content: Omit<Bundle, "hash"> = {
    format: BUNDLE_FORMAT,
    compiler: "0.1.0",
    sources: ["a.scn"],
    context: { type: "object" },
    consent,
    decisions: Object.fromEntries(tables),
    scenarios: Object.fromEntries(
      decisions.flatMap((d) =>
        d.outcomes.map((o) => [o.scenario, { title: null, goal: "g", decision: d.name, owner: null, status: "active", priority: 0, impact: null, feasibility: null, expires: null, tags: [], metrics: [] }]),
      ),
    ),
    metrics: Object.fromEntries(
      decisions.flatMap((d) => d.outcomes.flatMap((o) => o.metrics.map((m) => [m, { title: null, unit: null, better: "higher" }]))),
    ),
  };
  return { ...content, hash: contentHash(content) };
}

export interface GeneratedModule {
  bundle: { hash: string; decisions: string[] };
  decide(decision: string, context: unknown): Answer;
  validateContext(context: unknown): { path: string; message: string }[];
  [name: string]: unknown;
}

const directory = mkdtempSync(join(tmpdir(), "scn-emit-"));
let counter = 0;

/** Writes `source` to a fresh temporary file with `extension` and imports it. */
export async function importModule(source: string, extension: ".mjs" | ".cjs" = ".mjs"): Promise<GeneratedModule> {
  const file = join(directory, `module-${process.pid}-${counter++}${extension}`);
  writeFileSync(file, source);
  const loaded = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as GeneratedModule & { default?: GeneratedModule };
  return extension === ".cjs" ? (loaded.default ?? loaded) : loaded;
}
