/**
 * Builds the .vsix the way users do (`pnpm run vsix`, after the build the
 * test script runs first) and checks what it ships: the manifest with the
 * language, grammar and settings; the grammar and language configuration
 * from grammar/; bundles instead of node_modules; and a bundled server that
 * starts, answers `initialize`, and reports an analysis finding, which
 * proves the compiler's analysis came along in the bundle.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removeWorkspace, stdioClient } from "../../language-server/test/harness.js";
import { readZip } from "./zip.js";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const repository = join(packageDir, "..", "..");
const scratch = mkdtempSync(join(tmpdir(), "scn-vsix-"));
let entries: Map<string, Buffer>;

beforeAll(() => {
  const out = join(scratch, "scn.vsix");
  const printed = execFileSync(process.execPath, [join(packageDir, "scripts", "build-vsix.mjs"), out], { encoding: "utf8" }).trim().split("\n").pop();
  expect(printed).toBe(out);
  entries = readZip(readFileSync(out));
}, 180_000);

afterAll(() => removeWorkspace(scratch));

describe("the .vsix", () => {
  it("declares the language, its grammar, its configuration and the settings", () => {
    const manifest = JSON.parse(entries.get("extension/package.json")!.toString("utf8"));
    expect(manifest.main).toBe("./dist/extension.cjs");
    expect(manifest.contributes.languages).toEqual([expect.objectContaining({ id: "scn", extensions: [".scn"], configuration: "./language-configuration.json" })]);
    expect(manifest.contributes.grammars).toEqual([{ language: "scn", scopeName: "source.scn", path: "./syntaxes/scn.tmLanguage.json" }]);
    expect(Object.keys(manifest.contributes.configuration.properties).sort()).toEqual(["scn.analysis.enabled", "scn.configFile", "scn.trace.server"]);
    expect(manifest.devDependencies).toBeUndefined();
  });

  it("ships the repository's grammar and language configuration unchanged", () => {
    expect(entries.get("extension/syntaxes/scn.tmLanguage.json")?.toString("utf8")).toBe(readFileSync(join(repository, "grammar", "scn.tmLanguage.json"), "utf8"));
    expect(entries.get("extension/language-configuration.json")?.toString("utf8")).toBe(readFileSync(join(repository, "grammar", "language-configuration.json"), "utf8"));
  });

  it("ships bundles and no node_modules", () => {
    const names = [...entries.keys()];
    expect(names.filter((name) => name.includes("node_modules"))).toEqual([]);
    for (const file of ["extension/dist/extension.cjs", "extension/dist/server.mjs", "extension/schema/scn.config.schema.json"]) expect(names).toContain(file);
  });

  it("starts the bundled server, which answers initialize and reports an analysis finding", async () => {
    const installed = join(scratch, "installed");
    for (const [name, data] of entries) {
      if (!name.startsWith("extension/") || name.endsWith("/")) continue;
      const target = join(installed, name.slice("extension/".length));
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, data);
    }
    const project = join(scratch, "project");
    mkdirSync(project);
    writeFileSync(join(project, "scn.config.json"), "{}\n");
    const text = readFileSync(new URL("../../language-server/test/exchanges/diagnostics/a.scn", import.meta.url), "utf8");
    writeFileSync(join(project, "a.scn"), text);
    const client = stdioClient([join(installed, "dist", "server.mjs"), "--stdio"], project);
    try {
      const uri = pathToFileURL(project).href;
      const result = (await client.connection.sendRequest("initialize", { processId: null, rootUri: uri, workspaceFolders: [{ uri, name: "p" }], capabilities: {} })) as { capabilities: Record<string, unknown> };
      expect(result.capabilities).toMatchObject({ hoverProvider: true, renameProvider: { prepareProvider: true }, documentFormattingProvider: true });
      await client.connection.sendNotification("initialized", {});
      const file = pathToFileURL(join(project, "a.scn")).href;
      await client.connection.sendNotification("textDocument/didOpen", { textDocument: { uri: file, languageId: "scn", version: 1, text } });
      await client.connection.sendRequest("scn/settled");
      expect((client.diagnostics.get(file) ?? []).map((d) => (d as { code: string }).code)).toEqual(["SCN3001"]);
    } finally {
      await client.close();
    }
  }, 60_000);
});
