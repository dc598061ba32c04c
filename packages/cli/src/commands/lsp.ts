/**
 * `scn lsp --stdio`: runs the language server (docs/editors.md) over
 * standard input and output, with programs found and configured exactly as
 * the other commands find them: the nearest `scn.config.json`, its `sources`
 * globs and its `severity` settings.
 */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { listSourceFiles, programRoot, startServer, type ProjectDescription, type ProjectLoader } from "@scn/language-server";
import { CONFIG_FILE, loadConfigFile } from "../config.js";
import { expandGlobs } from "../glob.js";
import { EXIT_USAGE, type CliIO } from "../io.js";

export const cliProjectLoader: ProjectLoader = {
  rootFor: programRoot,
  load(root: string, configFileOverride?: string): ProjectDescription {
    const configFile = configFileOverride ?? (existsSync(join(root, CONFIG_FILE)) ? join(root, CONFIG_FILE) : null);
    if (configFile === null) return { root, configFile: null, files: listSourceFiles(root), severity: new Map() };
    const loaded = loadConfigFile(configFile);
    if (!loaded.ok || !loaded.config) {
      // A broken config must not leave the editor without diagnostics: the
      // program is still checked, with every file under the root.
      return { root, configFile, files: listSourceFiles(root), severity: new Map(), problem: loaded.ok ? `cannot read ${configFile}` : loaded.message };
    }
    const config = loaded.config;
    const files = config.sources ? expandGlobs(config.root, config.sources).map((relative) => join(config.root, relative)) : listSourceFiles(dirname(configFile));
    return { root, configFile, files, severity: config.severity, ...(config.today !== undefined ? { today: config.today } : {}) };
  },
};

export function runLsp(options: { stdio: boolean }, io: CliIO): number {
  if (!options.stdio) {
    io.stderr("scn lsp: only `--stdio` is supported; run `scn lsp --stdio` from your editor's language client\n");
    return EXIT_USAGE;
  }
  startServer({ loader: cliProjectLoader });
  return 0;
}
