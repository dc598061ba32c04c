/**
 * One cold start, in a fresh process: import the artifact (the JS module, or
 * the runtime and the bundle), answer the first context, and print the
 * milliseconds since the process started (Node's own start-up included, as
 * a serverless function or a CLI pays it).
 */
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [kind, artifact, contextsFile, decision] = process.argv.slice(2) as [string, string, string, string];
const context = (JSON.parse(readFileSync(contextsFile, "utf8")) as unknown[])[0];
let answer: unknown;
if (kind === "module") {
  const module = (await import(pathToFileURL(artifact).href)) as Record<string, (c: unknown) => unknown>;
  answer = module[decision]!(context);
} else {
  const { loadBundle } = await import("@scn/runtime");
  answer = loadBundle(readFileSync(artifact, "utf8")).decide(decision, context);
}
process.stdout.write(JSON.stringify({ millis: performance.now(), answered: answer !== undefined }) + "\n");
