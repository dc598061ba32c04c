#!/usr/bin/env node
// The installed entry point: it only loads the compiled CLI so that `scn` starts fast.
import { runMain } from "../dist/main.js";
runMain(process.argv.slice(2)).then((code) => { process.exitCode = code; });
