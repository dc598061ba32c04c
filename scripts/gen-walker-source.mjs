#!/usr/bin/env node
// Writes packages/runtime/src/walker-source.ts: the JavaScript text of the
// walker (packages/runtime/src/walker.ts, types stripped), which the compiler
// embeds into every generated JS module, so that the module and the JSON
// runtime run one evaluator. packages/runtime/test/walker-source.test.ts fails
// when the file is stale; run `node scripts/gen-walker-source.mjs` after
// changing walker.ts. It also writes table-layout-source.ts, the text of
// table-layout.ts's functions, which every module embeds the same way.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { tableLayoutSourceFile, walkerSourceFile } from "./walker-source-text.mjs";

const root = new URL("../packages/runtime/src/", import.meta.url);
const input = readFileSync(fileURLToPath(new URL("walker.ts", root)), "utf8");
writeFileSync(fileURLToPath(new URL("walker-source.ts", root)), walkerSourceFile(input));
const layout = readFileSync(fileURLToPath(new URL("table-layout.ts", root)), "utf8");
writeFileSync(fileURLToPath(new URL("table-layout-source.ts", root)), tableLayoutSourceFile(layout));
