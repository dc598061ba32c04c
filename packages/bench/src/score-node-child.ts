/**
 * The scoring bench's plain Node peer, in a process of its own: read an
 * NDJSON file line by line, parse each context and answer it with the
 * generated JS module, counting answers by reason. Prints the count and
 * the seconds taken as JSON.
 */
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";

const [modulePath, decision, input] = process.argv.slice(2) as [string, string, string];
const module = (await import(pathToFileURL(modulePath).href)) as Record<string, (context: unknown) => { reason: string }>;
const answer = module[decision]!;
const started = performance.now();
const counts: Record<string, number> = {};
let rows = 0;
for await (const line of createInterface({ input: createReadStream(input), crlfDelay: Infinity })) {
  if (line === "") continue;
  const reason = answer(JSON.parse(line)).reason;
  counts[reason] = (counts[reason] ?? 0) + 1;
  rows++;
}
process.stdout.write(JSON.stringify({ rows, counts, seconds: (performance.now() - started) / 1000 }) + "\n");
