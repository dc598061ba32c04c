#!/usr/bin/env node
/**
 * Measures the language server's latency on a large workspace (the figures
 * in docs/benchmarks.md, "Language server"): the generated 1,000-scenario
 * program of @scn/bench split into 10 files of 100 scenarios plus one file
 * of declarations, served by `scn lsp --stdio` from the build in a process
 * of its own (the analysis in its worker thread), as editors run it.
 *
 * - names/types: from a one-character edit that breaks a name (and the edit
 *   that restores it) to the publication of the file's new diagnostics.
 * - quick check: the same edit applied to the program model directly,
 *   timing the re-parse of the edited declaration and the check of the
 *   edited scenario with the declarations it may use (what is published first).
 * - full check: the same edit applied to the program model directly, timing
 *   the re-parse of the edited declaration and the check of the whole
 *   program (what follows the quick findings and confirms them).
 * - analysis: from the edit to the publication of the analysis findings,
 *   after the pause the server waits for; reported with and without it.
 *
 * Usage (after `pnpm run build`): node packages/language-server/scripts/latency.mjs [scenarios] [repeats]
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawn } from "node:child_process";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import rpc from "vscode-jsonrpc/node";
import { generateProgram } from "@scn/bench";
import { TextDocument } from "vscode-languageserver-textdocument";
import { SETTLED_REQUEST } from "@scn/language-server";
import { ProgramModel } from "../dist/program-model.js";
import { DEFAULT_SETTINGS } from "../dist/workspace.js";

const scenarios = Number(process.argv[2] ?? 1000);
const repeats = Number(process.argv[3] ?? 10);
const FILES = 10;

/** The generated program as one declarations file and FILES scenario files. */
function splitProgram(text) {
  const start = text.indexOf("\nscenario ");
  const header = text.slice(0, start + 1);
  const blocks = text.slice(start + 1).split(/\n(?=scenario )/);
  const per = Math.ceil(blocks.length / FILES);
  const files = { "declarations.scn": header };
  for (let i = 0; i < FILES; i++) files[`scenarios-${String(i).padStart(2, "0")}.scn`] = blocks.slice(i * per, (i + 1) * per).join("\n") + "\n";
  return files;
}

const root = mkdtempSync(join(tmpdir(), "scn-lsp-latency-"));
const files = splitProgram(generateProgram(scenarios));
writeFileSync(join(root, "scn.config.json"), "{}\n");
for (const [name, text] of Object.entries(files)) writeFileSync(join(root, name), text);

// The server runs as users run it: `scn lsp --stdio` in a process of its own.
const cli = fileURLToPath(new URL("../../cli/bin/scn.js", import.meta.url));
const child = spawn(process.execPath, [cli, "lsp", "--stdio"], { cwd: root, stdio: ["pipe", "pipe", "inherit"] });
const client = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
const waiting = [];
client.onNotification("textDocument/publishDiagnostics", (params) => {
  for (const waiter of waiting.splice(0)) waiter(params);
});
client.listen();

const rootUri = pathToFileURL(root).href;
await client.sendRequest("initialize", { processId: null, rootUri, workspaceFolders: [{ uri: rootUri, name: "bench" }], capabilities: {} });
client.sendNotification("initialized", {});

const name = "scenarios-05.scn";
const uri = pathToFileURL(join(root, name)).href;
let text = files[name];
let version = 1;
const started = performance.now();
client.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "scn", version, text } });
await client.sendRequest(SETTLED_REQUEST);
const openMs = performance.now() - started;

/** Waits for the next diagnostics of `uri` that satisfy `accept`. */
function nextDiagnostics(accept) {
  return new Promise((resolve) => {
    const listen = (params) => (params.uri === uri && accept(params.diagnostics) ? resolve(params.diagnostics) : waiting.push(listen));
    waiting.push(listen);
  });
}

function positionAt(offset) {
  const before = text.slice(0, offset);
  return { line: before.split("\n").length - 1, character: offset - (before.lastIndexOf("\n") + 1) };
}

/** Replaces one character; resolves with the ms until diagnostics satisfying `accept` arrive. */
async function edit(offset, character, accept) {
  const range = { start: positionAt(offset), end: positionAt(offset + 1) };
  text = text.slice(0, offset) + character + text.slice(offset + 1);
  version += 1;
  const arrived = nextDiagnostics(accept);
  const t0 = performance.now();
  client.sendNotification("textDocument/didChange", { textDocument: { uri, version }, contentChanges: [{ range, text: character }] });
  await arrived;
  return performance.now() - t0;
}

// A name error: `order.gift` → `order.gifx` in a pathway condition.
const at = text.indexOf("when order.gift") + "when order.gif".length;
const original = text[at];
const nameMs = [];
for (let i = 0; i < repeats; i++) {
  nameMs.push(await edit(at, "x", (d) => d.some((x) => x.code === "SCN2003" || x.code === "SCN2004" || x.severity === 1)));
  nameMs.push(await edit(at, original, (d) => !d.some((x) => x.severity === 1)));
  await client.sendRequest(SETTLED_REQUEST);
}

// An analysis finding: make a pathway's condition shadow what follows (`<=` threshold to a huge one is
// not one character, so flip the priority of a scenario: `priority 1x` → a digit change that creates or removes an overlap).
const analysisMs = [];
const priorityAt = text.indexOf("priority ") + "priority ".length;
const digits = ["1", "2"];
const delay = DEFAULT_SETTINGS.analysisDelay;
for (let i = 0; i < repeats; i++) {
  const t0 = performance.now();
  const range = { start: positionAt(priorityAt), end: positionAt(priorityAt + 1) };
  const character = digits[i % 2];
  text = text.slice(0, priorityAt) + character + text.slice(priorityAt + 1);
  version += 1;
  client.sendNotification("textDocument/didChange", { textDocument: { uri, version }, contentChanges: [{ range, text: character }] });
  await client.sendRequest(SETTLED_REQUEST);
  analysisMs.push(performance.now() - t0);
}

// The full check alone, on the program model.
const model = new ProgramModel({ root, configFile: null, files: Object.keys(files).map((n) => join(root, n)), severity: new Map() });
const modelPath = join(root, name);
let modelText = model.text(modelPath);
model.check();
const fullMs = [];
const modelAt = modelText.indexOf("when order.gift") + "when order.gif".length;
for (let i = 0; i < repeats * 2; i++) {
  modelText = modelText.slice(0, modelAt) + (i % 2 === 0 ? "x" : "t") + modelText.slice(modelAt + 1);
  const t0 = performance.now();
  model.changed(modelPath, TextDocument.create(uri, "scn", i + 2, modelText));
  model.check();
  fullMs.push(performance.now() - t0);
}

// The quick check alone: the edited scenario checked with the declarations it may use.
const quickMs = [];
for (let i = 0; i < repeats * 2; i++) {
  modelText = modelText.slice(0, modelAt) + (i % 2 === 0 ? "x" : "t") + modelText.slice(modelAt + 1);
  const t0 = performance.now();
  model.changed(modelPath, TextDocument.create(uri, "scn", 100 + i, modelText));
  const quick = model.quickCheck(modelPath);
  quickMs.push(performance.now() - t0);
  if (!quick) throw new Error("the quick check did not apply to a one-character edit inside a scenario");
  model.check();
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const worst = (values) => Math.max(...values);
const fmt = (ms) => `${ms.toFixed(0)} ms`;
console.log(`workspace: ${scenarios} scenarios in ${Object.keys(files).length} files (${Object.values(files).reduce((n, t) => n + t.split("\n").length, 0)} lines)`);
console.log(`open and first full check + analysis: ${fmt(openMs)}`);
console.log(`names/types after a one-character edit: median ${fmt(median(nameMs))}, worst ${fmt(worst(nameMs))} (${nameMs.length} edits)`);
console.log(`quick check of the edited scenario (re-parse of the declaration + check of that scenario): median ${fmt(median(quickMs))}, worst ${fmt(worst(quickMs))} (${quickMs.length} edits)`);
console.log(`full check after a one-character edit (re-parse of the declaration + whole-program check): median ${fmt(median(fullMs))}, worst ${fmt(worst(fullMs))} (${fullMs.length} edits)`);
console.log(`analysis after a one-character edit: median ${fmt(median(analysisMs))} including the ${delay} ms pause, ${fmt(median(analysisMs) - delay)} without; worst ${fmt(worst(analysisMs))} (${analysisMs.length} edits)`);

await client.sendRequest("shutdown");
client.sendNotification("exit");
client.dispose();
rmSync(root, { recursive: true, force: true });
