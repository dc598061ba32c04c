/**
 * The warm-up curve of a freshly imported artifact, in a fresh process: the
 * mean time per decision over its first 1,000, 10,000 and 100,000 calls,
 * cycling through the benchmark contexts. A service that restarts often, a
 * CLI or a serverless function lives on this part of the curve.
 */
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [kind, artifact, contextsFile, decision] = process.argv.slice(2) as [string, string, string, string];
const contexts = JSON.parse(readFileSync(contextsFile, "utf8")) as unknown[];
let decide: (c: unknown) => unknown;
if (kind === "module") {
  const module = (await import(pathToFileURL(artifact).href)) as Record<string, (c: unknown) => unknown>;
  decide = module[decision]!;
} else {
  const { loadBundle } = await import("@scn/runtime");
  const runtime = loadBundle(readFileSync(artifact, "utf8"));
  decide = (c) => runtime.decide(decision, c);
}
const marks = [1_000, 10_000, 100_000];
const means: number[] = [];
let sink = 0;
const start = process.hrtime.bigint();
for (let call = 0, next = 0; call < marks[marks.length - 1]!; call++) {
  if (decide(contexts[call % contexts.length]) !== undefined) sink++;
  if (call + 1 === marks[next]) {
    means.push(Number(process.hrtime.bigint() - start) / (call + 1));
    next++;
  }
}
process.stdout.write(JSON.stringify({ first1k: means[0], first10k: means[1], first100k: means[2], sink }) + "\n");
