#!/usr/bin/env node
// Writes packages/runtime/src/walker-source.ts: the JavaScript text of the
// walker (packages/runtime/src/walker.ts, types stripped), which the compiler
// embeds into every generated JS module, so that the module and the JSON
// runtime run one evaluator. packages/runtime/test/walker-source.test.ts fails
// when the file is stale; run `node scripts/gen-walker-source.mjs` after
// changing walker.ts.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { walkerSourceFile } from "./walker-source-text.mjs";

const root = new URL("../packages/runtime/src/", import.meta.url);
const input = readFileSync(fileURLToPath(new URL("walker.ts", root)), "utf8");
writeFileSync(fileURLToPath(new URL("walker-source.ts", root)), walkerSourceFile(input));
