#!/usr/bin/env node
/**
 * Builds the VS Code extension as a `.vsix` that needs no node_modules:
 * esbuild bundles the client and the server (`scn lsp --stdio`); the grammar and the language configuration come from
 * grammar/; @vscode/vsce packs the staged directory, offline.
 *
 * Usage (after `pnpm run build`): node scripts/build-vsix.mjs [out.vsix]
 * Prints the path of the .vsix it wrote.
 */
import { copyFileSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { createVSIX } from "@vscode/vsce";

const here = dirname(fileURLToPath(import.meta.url));
const packageDir = resolve(here, "..");
const repository = resolve(packageDir, "../..");
const stage = join(packageDir, "build", "extension");
const manifest = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8"));
const out = resolve(process.argv[2] ?? join(packageDir, "build", `scn-${manifest.version}.vsix`));

rmSync(stage, { recursive: true, force: true });
mkdirSync(join(stage, "dist"), { recursive: true });
mkdirSync(join(stage, "syntaxes"), { recursive: true });
mkdirSync(join(stage, "schema"), { recursive: true });

const common = { bundle: true, platform: "node", target: "node20", logLevel: "warning", legalComments: "none", minify: true };
// ESM bundles of CommonJS dependencies (vscode-languageserver, commander) need a `require`.
const esmBanner = { js: 'import { createRequire as __scnCreateRequire } from "node:module"; const require = __scnCreateRequire(import.meta.url);' };
await build({ ...common, entryPoints: [join(packageDir, "src", "extension.ts")], outfile: join(stage, "dist", "extension.cjs"), format: "cjs", external: ["vscode"] });
// The server is `scn lsp`; the CLI's other commands come along in the bundle
// but never run, and `scn score`'s DuckDB (a native binary) cannot be
// bundled, so its import is left out.
await build({ ...common, entryPoints: [join(packageDir, "src", "server.ts")], outfile: join(stage, "dist", "server.mjs"), format: "esm", banner: esmBanner, external: ["@duckdb/node-api"] });

// The CLI reads its config schema relative to its own module (../schema/ from dist/).
copyFileSync(join(repository, "packages", "cli", "schema", "scn.config.schema.json"), join(stage, "schema", "scn.config.schema.json"));
copyFileSync(join(repository, "grammar", "scn.tmLanguage.json"), join(stage, "syntaxes", "scn.tmLanguage.json"));
copyFileSync(join(repository, "grammar", "language-configuration.json"), join(stage, "language-configuration.json"));
copyFileSync(join(packageDir, "README.md"), join(stage, "README.md"));

const { scripts: _scripts, devDependencies: _dev, private: _private, ...rest } = manifest;
const shipped = { ...rest, files: ["dist", "schema", "syntaxes", "language-configuration.json", "README.md"] };
writeFileSync(join(stage, "package.json"), JSON.stringify(shipped, null, 2) + "\n");

mkdirSync(dirname(out), { recursive: true });
const temporary = `${out}.tmp-${process.pid}`;
await createVSIX({ cwd: stage, packagePath: temporary, dependencies: false, allowMissingRepository: true, skipLicense: true });
renameSync(temporary, out);
process.stdout.write(out + "\n");
