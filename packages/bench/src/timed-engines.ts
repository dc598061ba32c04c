/**
 * The four engines the bench times per decision in steady state, loaded
 * from one program's built artifacts: the JS module, the JSON runtime, and
 * the hand-written function as usually written and keeping the runtime's
 * read contract (checked-reads.ts). runtime-child.ts loads all four to
 * check their answers; timing-child.ts loads one, to time it in a process
 * of its own.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { compile } from "@scn/compiler";
import { loadBundle, readBundle, type Answer, type DecisionTable, type Runtime } from "@scn/runtime";
import { mapDispatchPeer } from "./peer-map-dispatch.js";
import { checkedRetailPeer } from "./peer-retail-checked.js";
import { CHECKED_HAND, DISPATCH_PATH, FAMILIES, HAND, MODULE, RUNTIME, type RuntimeRequest } from "./program-bench.js";

/** The engines timed per decision in steady state, in the report's order. */
export const TIMED_ENGINES = [MODULE, RUNTIME, HAND, CHECKED_HAND] as const;
export type TimedEngine = (typeof TIMED_ENGINES)[number];

export interface Artifacts {
  readonly bundleText: string;
  readonly table: DecisionTable;
  readonly contexts: unknown[];
}

/** The program's bundle, its decision's table and the contexts every engine answers. */
export function readArtifacts(request: RuntimeRequest): Artifacts {
  const spec = FAMILIES[request.family];
  const bundleText = readFileSync(join(request.dir, "out", "p.scn.json"), "utf8");
  const read = readBundle(bundleText);
  if (read.value === null) throw new Error(`the built bundle does not load: ${read.problems.slice(0, 3).join("; ")}`);
  const contexts = JSON.parse(readFileSync(join(request.dir, "contexts.json"), "utf8")) as unknown[];
  return { bundleText, table: read.value.decisions[spec.decision]!, contexts };
}

/** The checked program of a request's directory, parsed and checked once per process for both hand-written functions. */
const programs = new Map<string, ReturnType<typeof compile>["program"]>();
function programOf(dir: string): ReturnType<typeof compile>["program"] {
  let program = programs.get(dir);
  if (program === undefined) {
    program = compile([{ path: "program.scn", text: readFileSync(join(dir, "program.scn"), "utf8") }], { stopAfter: "check" }).program;
    programs.set(dir, program);
  }
  return program;
}

/** `engine`'s decide function for the request's program. */
export async function loadEngine(request: RuntimeRequest, artifacts: Artifacts, engine: TimedEngine, runtime?: Runtime): Promise<(context: unknown) => unknown> {
  const spec = FAMILIES[request.family];
  switch (engine) {
    case MODULE: {
      const module = (await import(pathToFileURL(join(request.dir, "out", "p.mjs")).href)) as Record<string, (c: unknown) => Answer>;
      return module[spec.decision]!;
    }
    case RUNTIME: {
      const loaded = runtime ?? loadBundle(artifacts.bundleText);
      const name = spec.decision;
      return (c) => loaded.decide(name, c);
    }
    case HAND:
    case CHECKED_HAND: {
      if (spec.handwritten) return engine === HAND ? spec.handwritten : await checkedRetailPeer();
      return (await mapDispatchPeer(programOf(request.dir), artifacts.table, spec.decision, DISPATCH_PATH, engine === HAND ? "plain" : "checked")).decide;
    }
  }
}
