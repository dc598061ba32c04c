/**
 * The server never crashes or hangs while a file is being edited: random
 * edit sequences on the example programs (half-typed tokens, deleted braces,
 * pasted fragments, deleted ranges), each followed by the requests an editor
 * sends while typing. A request failing with an internal error, an internal
 * error in the log, or a settle that does not come is a failure.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { SETTLED_REQUEST } from "../src/index.js";
import { inProcessClient, removeWorkspace } from "./harness.js";

const EXAMPLES = new URL("../../../examples/", import.meta.url);
const projects = readdirSync(EXAMPLES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && readdirSync(new URL(`./${entry.name}/`, EXAMPLES)).includes("scn.config.json"))
  .map((entry) => entry.name)
  .sort();

const root = mkdtempSync(join(tmpdir(), "scn-lsp-edits-"));
for (const project of projects) cpSync(new URL(`./${project}/`, EXAMPLES), join(root, project), { recursive: true });
const files = projects.flatMap((project) =>
  readdirSync(join(root, project))
    .filter((name) => name.endsWith(".scn"))
    .sort()
    .map((name) => join(root, project, name)),
);

afterAll(() => removeWorkspace(root));

/** Fragments people type or leave behind: partial keywords, lone braces, open strings, operators. */
const FRAGMENTS = ["scen", "scenario ", "pathway x wh", "{", "}", "[", "]", "(", '"', '"half', "==", " in [", ".", "customer.", "variation ", "when ", "0..", "-", "%", "\n", "  ", "// note\n", "/*", "*/", "expect ", "given {", "é", "\u{1F600}"];

const edit = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  length: fc.nat({ max: 40 }),
  insert: fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 6 }), fc.constant("")),
});

function positionAt(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const line = before.split("\n").length - 1;
  return { line, character: offset - (before.lastIndexOf("\n") + 1) };
}

describe("the server under random edits", () => {
  it("answers every request and settles after every edit sequence", async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: files.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 8 }), async (fileIndex, edits) => {
        const file = files[fileIndex]!;
        const uri = pathToFileURL(file).href;
        let text = readFileSync(file, "utf8");
        // Short pauses: the whole check and the analysis start (and are cancelled) while edits still arrive.
        const client = inProcessClient({ analysisDelay: 5, syntaxDelay: 10 });
        try {
          const folder = pathToFileURL(join(file, "..")).href;
          await client.connection.sendRequest("initialize", { processId: null, rootUri: folder, workspaceFolders: [{ uri: folder, name: "w" }], capabilities: {} });
          await client.connection.sendNotification("initialized", {});
          await client.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "scn", version: 1, text } });
          let version = 1;
          for (const step of edits) {
            const from = Math.floor(step.at * text.length);
            const to = Math.min(text.length, from + step.length);
            const range = { start: positionAt(text, from), end: positionAt(text, to) };
            text = text.slice(0, from) + step.insert + text.slice(to);
            version += 1;
            await client.connection.sendNotification("textDocument/didChange", { textDocument: { uri, version }, contentChanges: [{ range, text: step.insert }] });
            const position = positionAt(text, Math.min(text.length, from + step.insert.length));
            const document = { textDocument: { uri } };
            await Promise.all([
              client.connection.sendRequest("textDocument/hover", { ...document, position }),
              client.connection.sendRequest("textDocument/completion", { ...document, position }),
              client.connection.sendRequest("textDocument/definition", { ...document, position }),
              client.connection.sendRequest("textDocument/documentSymbol", document),
              client.connection.sendRequest("textDocument/semanticTokens/full", document),
              client.connection.sendRequest("textDocument/foldingRange", document),
              client.connection.sendRequest("textDocument/codeLens", document),
              client.connection.sendRequest("textDocument/codeAction", { ...document, range: { start: position, end: position }, context: { diagnostics: client.diagnostics.get(uri) ?? [] } }),
            ]);
          }
          let timer: NodeJS.Timeout | undefined;
          const hang = new Promise<"hang">((resolve) => {
            timer = setTimeout(() => resolve("hang"), 30_000);
          });
          const settled = await Promise.race([client.connection.sendRequest(SETTLED_REQUEST), hang]);
          clearTimeout(timer);
          expect(settled).toBe(true);
          expect(client.messages.filter((m) => m.includes("internal error"))).toEqual([]);
        } finally {
          await client.close();
        }
      }),
      { numRuns: 30 },
    );
  });
});
