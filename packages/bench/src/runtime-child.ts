/**
 * The runtime part of one program's benchmark, in a process of its own so
 * that the parent can bound it (a wall-clock limit and a heap limit): every
 * engine answers the same contexts, answers are checked equal, then timed:
 * the four steady-state engines each in a process of its own
 * (timing-driver.ts), the slow peers here.
 * The tables come from the built bundle file, read by the runtime, and the
 * checked program (parse and check only) gives the hand-written function;
 * nothing is compiled again here. Prints one line of JSON: a
 * RuntimeMeasurement.
 *
 * Usage: node runtime-child.js REQUEST_JSON_FILE
 */
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { loadBundle, type Answer } from "@scn/runtime";
import { measureAsync } from "./measure.js";
import { loadEngine, readArtifacts, TIMED_ENGINES } from "./timed-engines.js";
import { timeEngines } from "./timing-driver.js";
import { rulesEngineSplitPeer } from "./peer-rules-engine.js";
import { zenSplitPeer } from "./peer-zen.js";
import type { Label } from "./answer-label.js";
import { answeredPrefix, assertSame, canonicalAnswer, CHECKED_HAND, DISPATCH_PATH, FAMILIES, HAND, labelOf, MODULE, type EngineResult, type RuntimeMeasurement, type RuntimeRequest } from "./program-bench.js";

async function run(request: RuntimeRequest, requestFile: string): Promise<RuntimeMeasurement> {
  const spec = FAMILIES[request.family];
  const artifacts = readArtifacts(request);
  const { table, contexts } = artifacts;
  const shape = { rows: table.rows.length, indexNodes: table.index.nodes.length };
  const runtime = loadBundle(artifacts.bundleText);
  const moduleDecide = await loadEngine(request, artifacts, MODULE);
  // The hand-written function twice: as such code is usually written, and
  // keeping the runtime's read contract (checked-reads.ts), which shows
  // what the contract alone costs (docs/benchmarks.md, "What the read
  // contract costs").
  const hand = { decide: await loadEngine(request, artifacts, HAND) };
  const checked = { decide: await loadEngine(request, artifacts, CHECKED_HAND) };
  const expected = contexts.map((c) => labelOf(runtime.decide(spec.decision, c)));
  assertSame("the JS module", expected, contexts.map((c) => labelOf(moduleDecide(c) as Answer)), contexts);
  if (spec.handwritten) {
    // Written by hand, so every field of every answer is compared, not only the rule.
    const full = contexts.map((c) => canonicalAnswer(runtime.decide(spec.decision, c)));
    assertSame("the hand-written function", full, contexts.map((c) => canonicalAnswer(hand.decide(c))), contexts);
    assertSame("the hand-written function with checked reads", full, contexts.map((c) => canonicalAnswer(checked.decide(c))), contexts);
  } else {
    assertSame("the Map-dispatch hand-written function", expected, contexts.map((c) => labelOf(hand.decide(c) as Answer)), contexts);
    assertSame("the Map-dispatch hand-written function with checked reads", expected, contexts.map((c) => labelOf(checked.decide(c) as Answer)), contexts);
  }

  // What a decision's walk does, from the trace `explain` records of the
  // same walk: the report sets it beside each engine's time (targets.ts).
  let steps = 0;
  let rowsTried = 0;
  for (const context of contexts) {
    const { trace } = runtime.explain(spec.decision, context);
    steps += trace.path.length;
    rowsTried += trace.tried.length;
  }
  const walk = { steps: steps / contexts.length, rowsTried: rowsTried / contexts.length };

  const engines: EngineResult[] = [];
  const log = (line: string) => process.stderr.write(`  ${request.family} ${request.scenarios}: ${line} (${(performance.now() / 1000).toFixed(1)} s into its runtime part)\n`);
  // The module, the runtime and both hand-written functions, each timed in
  // a process of its own, their runs interleaved (timing-driver.ts).
  log(`warming up and timing ${TIMED_ENGINES.join(", ")}, each in a process of its own, interleaved`);
  let load = 0;
  const timings = await timeEngines(TIMED_ENGINES, requestFile, request.measure, process.execArgv, () => (load = loadavg()[0]!));
  TIMED_ENGINES.forEach((engine, e) => engines.push({ engine, load, timing: timings[e]!, contexts: contexts.length }));
  if (spec.peers) {
    // A peer that takes milliseconds per decision cannot answer every
    // context several times within its budget: it answers the longest
    // prefix of the same contexts that a quarter of its budget allows (at
    // least PEER_MIN_CONTEXTS), is checked on that prefix, and is then timed
    // on it: that first pass is its warm-up, and as many timed passes follow
    // (one to three) as the rest of its budget holds. The report gives the
    // prefix's length.
    const peer = async (engine: string, decide: (c: unknown) => Promise<Label>) => {
      log(`checking and timing ${engine}`);
      const started = performance.now();
      const { labels, prefix } = await answeredPrefix(decide, contexts, request.peerBudgetMillis / 4);
      const passMillis = performance.now() - started;
      assertSame(engine, expected, labels, prefix);
      const runs = Math.max(1, Math.min(3, Math.floor((request.peerBudgetMillis - passMillis) / passMillis)));
      const load = loadavg()[0]!;
      engines.push({ engine, load, timing: await measureAsync(decide, prefix, { runs, warmups: 0, minMillis: 0, minWarmupMillis: 0 }), contexts: prefix.length });
    };
    log("setting up Zen");
    const zen = zenSplitPeer(table, DISPATCH_PATH);
    await peer("Zen (split by category)", (c) => zen.decide(c));
    log("setting up json-rules-engine");
    const rules = rulesEngineSplitPeer(table, DISPATCH_PATH);
    await peer("json-rules-engine (split by category)", (c) => rules.decide(c));
  }
  return { ...shape, walk, engines };
}

const request = JSON.parse(readFileSync(process.argv[2]!, "utf8")) as RuntimeRequest;
run(request, process.argv[2]!).then(
  (result) => process.stdout.write(JSON.stringify(result) + "\n"),
  (error: unknown) => {
    process.stderr.write(`runtime-child: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
