// The README's main job on the bundled retail example: check it, build its
// bundle, run its tests through both runtimes, and answer one decision with
// an explanation. Each step is printed before it runs; the first failing
// step stops the demo with its exit code.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const scn = fileURLToPath(new URL("../packages/cli/bin/scn.js", import.meta.url));

const steps = [
  ["check", "examples/retail"],
  ["build", "examples/retail", "-o", "out/retail"],
  ["test", "examples/retail"],
  ["eval", "out/retail/retail.scn.json", "store_returns", "examples/retail/contexts/late-gold-return.json"],
  ["eval", "out/retail/retail.scn.json", "store_returns", "examples/retail/contexts/late-gold-return.json", "--explain"],
];

for (const args of steps) {
  process.stdout.write(`\n$ scn ${args.join(" ")}\n`);
  const result = spawnSync(process.execPath, [scn, ...args], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) {
    process.stderr.write(`\ndemo: \`scn ${args.join(" ")}\` exited with ${result.status}\n`);
    process.exit(result.status ?? 1);
  }
}
process.stdout.write("\ndemo: every step succeeded.\n");
