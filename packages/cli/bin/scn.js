#!/usr/bin/env node
// The installed entry point: it only loads the CLI, bundled into one set of
// modules by packages/cli/scripts/bundle.mjs so that `scn` starts fast
// (docs/benchmarks.md, "Start-up of the command line").
import module from "node:module";
// From Node 22.1 on, V8's compiled code for the bundle is kept in a cache on
// disk (under the system's temporary directory, or where NODE_COMPILE_CACHE
// says; NODE_DISABLE_COMPILE_CACHE=1 turns it off), so every command after
// the first skips compiling the bundle. Node 20 has no such cache and simply
// compiles it, as before. The bundle is imported after this, since only
// modules loaded later are cached.
module.enableCompileCache?.();
const { runMain } = await import("../bundle/main.js");
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
