/**
 * `scn init [DIR]`: scaffolds a project that checks, builds and tests out of
 * the box. It refuses to overwrite anything: if any file it would write
 * exists, it writes nothing and names the files (exit 1).
 */
import { existsSync, mkdirSync, statSync } from "node:fs";
import { basename, join, relative, resolve } from "node:path";
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CliIO } from "../io.js";
import { writeFileAtomic } from "../atomic-write.js";
import {
  CONFIG_TEMPLATE,
  CONTEXT_TEMPLATE,
  GITIGNORE_TEMPLATE,
  SCENARIO_TEMPLATE,
  TESTS_TEMPLATE,
  WORKFLOW_TEMPLATE,
  packageJsonTemplate,
} from "../init-templates.js";
import { COMPILER_VERSION } from "../version.js";

export function runInit(directory: string | undefined, io: CliIO): number {
  const root = resolve(io.cwd, directory ?? ".");
  if (existsSync(root) && !statSync(root).isDirectory()) {
    io.stderr(`error: \`${directory}\` is not a directory\n`);
    return EXIT_USAGE;
  }
  const name = basename(root).toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/^-+|-+$/g, "") || "scenarios";
  const files: { path: string; content: string }[] = [
    { path: "scn.config.json", content: CONFIG_TEMPLATE },
    { path: "scenarios/context.scn", content: CONTEXT_TEMPLATE },
    { path: "scenarios/late-delivery.scn", content: SCENARIO_TEMPLATE },
    { path: "scenarios/late-delivery.test.scn", content: TESTS_TEMPLATE },
    { path: ".gitignore", content: GITIGNORE_TEMPLATE },
    { path: ".github/workflows/scn.yml", content: WORKFLOW_TEMPLATE },
    { path: "package.json", content: packageJsonTemplate(name, COMPILER_VERSION) },
  ];
  const existing = files.filter((f) => existsSync(join(root, f.path))).map((f) => f.path);
  if (existing.length > 0) {
    io.stderr(`error: scn init would overwrite existing files, so it wrote nothing:\n${existing.map((p) => `  ${p}\n`).join("")}`);
    return EXIT_FAILURE;
  }
  try {
    mkdirSync(root, { recursive: true });
    for (const file of files) writeFileAtomic(join(root, file.path), file.content);
  } catch (error) {
    io.stderr(`error: cannot write in \`${directory ?? "."}\`: ${(error as NodeJS.ErrnoException).code ?? "unwritable"}\n`);
    return EXIT_USAGE;
  }
  const shown = relative(io.cwd, root) || ".";
  io.stdout(`created a scn project in ${shown}:\n${files.map((f) => `  ${f.path}\n`).join("")}\nnext: cd ${shown} && npm install && npx scn check && npx scn test && npx scn build\n`);
  return EXIT_OK;
}
