/**
 * Resolves what a command works on: the sources (command-line paths, else
 * the config's `sources` globs, else the working directory), and the
 * settings where a flag overrides the config, which overrides the default.
 */
import { join } from "node:path";
import type { Diagnostic } from "@scn/language";
import { loadConfig, type ProjectConfig, type SeveritySetting } from "./config.js";
import { readSourceFiles, readSources, type SourceText } from "./sources.js";
import { expandGlobs } from "./glob.js";

export type ProjectResult =
  | { readonly ok: true; readonly config: ProjectConfig | null; readonly files: readonly SourceText[] }
  | { readonly ok: false; readonly message: string };

export function loadProject(paths: readonly string[], cwd: string): ProjectResult {
  const loaded = loadConfig(cwd);
  if (!loaded.ok) return loaded;
  const config = loaded.config;
  if (paths.length === 0 && config?.sources) {
    const matches = expandGlobs(config.root, config.sources).map((relative) => join(config.root, relative));
    if (matches.length === 0) return { ok: false, message: `no .scn files match the \`sources\` of ${config.file}` };
    const read = readSourceFiles(matches, cwd);
    return read.ok ? { ok: true, config, files: read.files } : read;
  }
  const read = readSources(paths, cwd);
  return read.ok ? { ok: true, config, files: read.files } : read;
}

/** Applies per-code severity settings; `off` removes the diagnostic. */
export function applySeverities(diagnostics: readonly Diagnostic[], settings: ReadonlyMap<string, SeveritySetting> | undefined): Diagnostic[] {
  if (!settings || settings.size === 0) return [...diagnostics];
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    const setting = settings.get(d.code);
    if (setting === undefined) out.push(d);
    else if (setting !== "off") out.push({ ...d, severity: setting });
  }
  return out;
}
