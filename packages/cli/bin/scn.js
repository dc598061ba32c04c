#!/usr/bin/env node
// The installed entry point: it only loads the CLI, bundled into one set of
// modules by packages/cli/scripts/bundle.mjs so that `scn` starts fast
// (docs/benchmarks.md, "Start-up of the command line").
import { runMain } from "../bundle/main.js";
// If the command's promise never settles (nothing left to run, yet no
// result), exit 3 with a message instead of silently exiting 0.
let settled = false;
process.on("beforeExit", () => {
  if (settled) return;
  settled = true;
  process.stderr.write("internal error: the command stopped before it finished (a promise never settled)\nThis is a bug in scn, not in your input. Please report it with the command you ran and the .scn files involved.\n");
  process.exitCode = 3;
});
runMain(process.argv.slice(2)).then((code) => {
  settled = true;
  process.exitCode = code;
});
