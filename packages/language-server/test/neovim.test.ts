/**
 * The server in a real Neovim: Debian's `neovim` (0.7) starts `scn lsp
 * --stdio` from the built CLI with its built-in LSP client (what
 * nvim-lspconfig and `vim.lsp.config` configure, docs/editors.md#neovim),
 * opens a file with a misspelt enum member, and a Lua script
 * (neovim/client.lua) records the diagnostics Neovim shows, a hover, a
 * definition, the did-you-mean quick fix and the formatted buffer.
 * scripts/ensure-test-deps.sh installs Neovim when it is missing.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

const CLI = fileURLToPath(new URL("../../cli/bin/scn.js", import.meta.url));
const SCRIPT = fileURLToPath(new URL("./neovim/client.lua", import.meta.url));
const SOURCE = fileURLToPath(new URL("./neovim/workspace.scn", import.meta.url));

interface Seen {
  readonly diagnosed: boolean;
  readonly diagnostics: { line: number; character: number; code: string; message: string }[];
  readonly hover: { contents: { kind: string; value: string } } | null;
  readonly definition: { uri: string; range: { start: { line: number; character: number } } } | null;
  readonly actions: { title: string; kind: string }[] | null;
  readonly formatted: string[];
}

describe("Neovim's built-in LSP client", () => {
  it("shows the server's diagnostics, hover, definition, quick fix and formatting", () => {
    const root = mkdtempSync(join(tmpdir(), "scn-nvim-"));
    try {
      writeFileSync(join(root, "scn.config.json"), "{}\n");
      copyFileSync(SOURCE, join(root, "greet.scn"));
      const result = join(root, "result.json");
      const run = spawnSync("nvim", ["--headless", "--clean", "-n", "-c", `luafile ${SCRIPT}`, "greet.scn"], {
        cwd: root,
        env: { ...process.env, SCN_NODE: process.execPath, SCN_CLI: CLI, SCN_RESULT: result },
        encoding: "utf8",
        timeout: 90_000,
      });
      if (run.error) throw new Error(`could not run nvim (scripts/ensure-test-deps.sh installs Debian's neovim): ${run.error.message}`);
      const seen = JSON.parse(readFileSync(result, "utf8")) as Seen;
      expect(seen.diagnosed).toBe(true);
      expect(seen.diagnostics.map((d) => [d.code, d.line, d.character])).toEqual([["SCN2008", 15, 29]]);
      expect(seen.diagnostics[0]!.message).toContain("did you mean `gold`?");
      expect(seen.hover?.contents.value).toContain("**Greet gold customers**");
      expect(seen.definition).toEqual({ uri: pathToFileURL(join(root, "greet.scn")).href, range: { start: { line: 4, character: 7 }, end: { line: 4, character: 13 } } });
      expect(seen.actions?.map((a) => [a.kind, a.title])).toContainEqual(["quickfix", "change to `gold`"]);
      expect(seen.formatted).toContain("  priority 10");
      expect(seen.formatted).toContain("  output {");
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
