/**
 * The warm-up curve of a freshly imported artifact, in a fresh process: the
 * mean time per decision over its first 1,000, 10,000 and 100,000 calls,
 * cycling through the benchmark contexts. A service that restarts often, a
 * CLI or a serverless function lives on this part of the curve.
 *
 * The process must run with `--expose-gc` (warmup-curve.ts starts it so).
 * Parsing the 10,000 contexts leaves megabytes of them in V8's young
 * generation, and the first collections during the timed calls would copy
 * them, twice, before moving them to the old generation: several
 * milliseconds a service never pays, as its requests' contexts die young.
 * One full collection after parsing, before the artifact is imported,
 * moves them there first (docs/benchmarks.md, "The warm-up child collects
 * the contexts first"). It reports the young generation's size before and
 * after, which a test checks.
 *
 * It also reports where the time of the first 10,000 calls went: the time
 * since the first call at every 250th call, so that the report can say
 * from which call on the decisions ran at optimized speed and what the
 * calls before it cost (targets.ts). With a fifth argument, the number of
 * calls, it stops there (the bench's run without V8's optimizing compiler
 * needs only the first 10,000).
 */
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { getHeapSpaceStatistics } from "node:v8";

const [kind, artifact, contextsFile, decision, callsArgument] = process.argv.slice(2) as [string, string, string, string, string | undefined];
const calls = callsArgument === undefined ? 100_000 : Number(callsArgument);
const contexts = JSON.parse(readFileSync(contextsFile, "utf8")) as unknown[];
/** Calls between two readings of the clock in the first 10,000: few enough readings to cost nothing, enough to place the change of speed. */
const BLOCK = 250;
const collect = (globalThis as { gc?: () => void }).gc;
if (typeof collect !== "function") throw new Error("warmup-child.js needs node's --expose-gc flag");
const youngBytesBefore = youngBytes();
collect();
const youngBytesAfter = youngBytes();
let decide: (c: unknown) => unknown;
if (kind === "module") {
  const module = (await import(pathToFileURL(artifact).href)) as Record<string, (c: unknown) => unknown>;
  decide = module[decision]!;
} else {
  const { loadBundle } = await import("@scn/runtime");
  const runtime = loadBundle(readFileSync(artifact, "utf8"));
  decide = (c) => runtime.decide(decision, c);
}
const marks = [1_000, 10_000, 100_000].filter((mark) => mark <= calls);
const means: number[] = [];
/** Nanoseconds since the first call began, at the end of calls 250, 500, …, 10,000. */
const elapsed10k: number[] = [];
let sink = 0;
const start = process.hrtime.bigint();
for (let call = 0, next = 0; call < marks[marks.length - 1]!; call++) {
  if (decide(contexts[call % contexts.length]) !== undefined) sink++;
  if ((call + 1) % BLOCK === 0 && call < 10_000) elapsed10k.push(Number(process.hrtime.bigint() - start));
  if (call + 1 === marks[next]) {
    means.push(Number(process.hrtime.bigint() - start) / (call + 1));
    next++;
  }
}
process.stdout.write(JSON.stringify({ first1k: means[0], first10k: means[1], first100k: means[2] ?? null, elapsed10k, sink, youngBytesBefore, youngBytesAfter }) + "\n");

/** Bytes in use in V8's young generation (its semi-spaces). */
function youngBytes(): number {
  return getHeapSpaceStatistics()
    .filter((space) => space.space_name === "new_space")
    .reduce((sum, space) => sum + space.space_used_size, 0);
}
