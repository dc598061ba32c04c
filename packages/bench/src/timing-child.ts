/**
 * One engine timed per decision in a process of its own, driven by the
 * runtime child (runtime-child.ts) a line at a time, so that the engines'
 * timed runs can be interleaved while each runs alone in its process.
 *
 * Why a process per engine: engines timed in one process change each
 * other's speed. V8 shares hidden classes and the assumptions optimized
 * code makes about them across a process, and an engine optimized after
 * others had run for seconds ran slower than the same code optimized
 * before them: in one process, in the same interleaved rounds, two copies
 * of the hand-written retail function took 41 and 55 ns per decision, the
 * second warmed up after scn's engines (docs/benchmarks.md, "Each engine
 * in a process of its own").
 *
 * Usage: node timing-child.js REQUEST_JSON_FILE ENGINE. Reads lines from
 * stdin: `warm` warms the engine up (measure.ts, warmUp), `run` times one
 * run; each is answered by one line of JSON on stdout. Before the first
 * command it answers every context once, as the runtime child did when it
 * checked the answers.
 */
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { syncRun, warmUp } from "./measure.js";
import type { RuntimeRequest } from "./program-bench.js";
import { loadEngine, readArtifacts, TIMED_ENGINES, type TimedEngine } from "./timed-engines.js";

async function main(): Promise<void> {
  const request = JSON.parse(readFileSync(process.argv[2]!, "utf8")) as RuntimeRequest;
  const engine = process.argv[3] as TimedEngine;
  if (!TIMED_ENGINES.includes(engine)) throw new Error(`unknown engine ${engine}`);
  const artifacts = readArtifacts(request);
  const decide = await loadEngine(request, artifacts, engine);
  let answered = 0;
  for (const context of artifacts.contexts) if (decide(context) !== undefined) answered++;
  const run = syncRun(decide, artifacts.contexts, request.measure);
  process.stdout.write(JSON.stringify({ ready: answered }) + "\n");
  for await (const line of createInterface({ input: process.stdin })) {
    if (line === "warm") {
      await warmUp(request.measure, run);
      process.stdout.write(JSON.stringify({ warm: true }) + "\n");
    } else if (line === "run") {
      const [count, elapsed] = run();
      process.stdout.write(JSON.stringify({ ns: Number(elapsed) / count, count }) + "\n");
    } else break;
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`timing-child: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
