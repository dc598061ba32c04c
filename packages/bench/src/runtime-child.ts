/**
 * The runtime part of one program's benchmark, in a process of its own so
 * that the parent can bound it (a wall-clock limit and a heap limit): every
 * engine answers the same contexts, answers are checked equal, then timed.
 * The tables come from the built bundle file, read by the runtime, and the
 * checked program (parse and check only) gives the hand-written function;
 * nothing is compiled again here. Prints one line of JSON: a
 * RuntimeMeasurement.
 *
 * Usage: node runtime-child.js REQUEST_JSON_FILE
 */
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { compile } from "@scn/compiler";
import { loadBundle, readBundle, type Answer } from "@scn/runtime";
import { measureAsync, measureSync } from "./measure.js";
import { mapDispatchPeer } from "./peer-map-dispatch.js";
import { checkedRetailPeer } from "./peer-retail-checked.js";
import { rulesEngineSplitPeer } from "./peer-rules-engine.js";
import { zenSplitPeer } from "./peer-zen.js";
import type { Label } from "./answer-label.js";
import { answeredPrefix, assertSame, canonicalAnswer, CHECKED_HAND, DISPATCH_PATH, FAMILIES, HAND, labelOf, type EngineResult, type RuntimeMeasurement, type RuntimeRequest } from "./program-bench.js";

async function run(request: RuntimeRequest): Promise<RuntimeMeasurement> {
  const spec = FAMILIES[request.family];
  const out = join(request.dir, "out");
  const bundleText = readFileSync(join(out, "p.scn.json"), "utf8");
  const read = readBundle(bundleText);
  if (read.value === null) throw new Error(`the built bundle does not load: ${read.problems.slice(0, 3).join("; ")}`);
  const table = read.value.decisions[spec.decision]!;
  const shape = { rows: table.rows.length, indexNodes: table.index.nodes.length };
  const contexts = JSON.parse(readFileSync(join(request.dir, "contexts.json"), "utf8")) as unknown[];
  const runtime = loadBundle(bundleText);
  const module = (await import(pathToFileURL(join(out, "p.mjs")).href)) as Record<string, (c: unknown) => Answer>;
  const moduleDecide = module[spec.decision]!;
  // The hand-written function twice: as such code is usually written, and
  // keeping the runtime's read contract (checked-reads.ts), which shows
  // what the contract alone costs (docs/benchmarks.md, "What the read
  // contract costs").
  let hand: { decide: (c: unknown) => unknown };
  let checked: { decide: (c: unknown) => unknown };
  if (spec.handwritten) {
    hand = { decide: spec.handwritten };
    checked = { decide: await checkedRetailPeer() };
  } else {
    const program = compile([{ path: "program.scn", text: readFileSync(join(request.dir, "program.scn"), "utf8") }], { stopAfter: "check" }).program;
    hand = await mapDispatchPeer(program, table, spec.decision, DISPATCH_PATH);
    checked = await mapDispatchPeer(program, table, spec.decision, DISPATCH_PATH, "checked");
  }
  const expected = contexts.map((c) => labelOf(runtime.decide(spec.decision, c)));
  assertSame("the JS module", expected, contexts.map((c) => labelOf(moduleDecide(c))), contexts);
  if (spec.handwritten) {
    // Written by hand, so every field of every answer is compared, not only the rule.
    const full = contexts.map((c) => canonicalAnswer(runtime.decide(spec.decision, c)));
    assertSame("the hand-written function", full, contexts.map((c) => canonicalAnswer(hand.decide(c))), contexts);
    assertSame("the hand-written function with checked reads", full, contexts.map((c) => canonicalAnswer(checked.decide(c))), contexts);
  } else {
    assertSame("the Map-dispatch hand-written function", expected, contexts.map((c) => labelOf(hand.decide(c) as Answer)), contexts);
    assertSame("the Map-dispatch hand-written function with checked reads", expected, contexts.map((c) => labelOf(checked.decide(c) as Answer)), contexts);
  }

  const engines: EngineResult[] = [];
  const log = (line: string) => process.stderr.write(`  ${request.family} ${request.scenarios}: ${line} (${(performance.now() / 1000).toFixed(1)} s into its runtime part)\n`);
  const sync = async (engine: string, decide: (c: unknown) => unknown) => {
    log(`timing ${engine}`);
    const load = loadavg()[0]!;
    engines.push({ engine, load, timing: await measureSync(decide, contexts, request.measure), contexts: contexts.length });
  };
  await sync("scn JS module", moduleDecide);
  await sync("scn JSON runtime", (c) => runtime.decide(spec.decision, c));
  await sync(HAND, hand.decide);
  await sync(CHECKED_HAND, checked.decide);
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
  return { ...shape, engines };
}

const request = JSON.parse(readFileSync(process.argv[2]!, "utf8")) as RuntimeRequest;
run(request).then(
  (result) => process.stdout.write(JSON.stringify(result) + "\n"),
  (error: unknown) => {
    process.stderr.write(`runtime-child: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
