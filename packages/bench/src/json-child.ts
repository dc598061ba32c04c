/**
 * Runs a measuring script in a fresh `node` process and reads what it
 * reports: the JSON object on the last line of its output. The cold-start
 * and warm-up children both report this way.
 */
import { spawnSync } from "node:child_process";

/** The last line of `script`'s output, parsed; `nodeArgs` go to node before the script. Throws when the child fails or outlives `limitMillis`. */
export function runJsonChild<Report = Record<string, number>>(script: string, args: readonly string[], nodeArgs: readonly string[], limitMillis: number): Report {
  const run = spawnSync(process.execPath, [...nodeArgs, script, ...args], { encoding: "utf8", maxBuffer: 1 << 26, timeout: limitMillis });
  if (run.status !== 0) throw new Error(`${script} failed: ${run.stderr.split("\n").slice(-3).join(" ")}`);
  return JSON.parse(run.stdout.trim().split("\n").at(-1)!) as Report;
}
