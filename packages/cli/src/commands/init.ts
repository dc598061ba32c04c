/**
 * `scn init [DIR]`: scaffolds a project that checks, builds and tests out of
 * the box. It refuses to overwrite anything: if any file it would write
 * exists, it writes nothing and names the files (exit 1). The one exception
 * is `package.json`: a project that already has one (made by `npm init`, or
 * by installing @scn/cli before scaffolding, as docs/install.md does) gets
 * the missing scripts and the CLI dependency added, and keeps everything it
 * had, including a dependency on @scn/cli from a tarball.
 */
import { existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { basename, join, relative, resolve } from "node:path";
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CliIO } from "../io.js";
import { writeFileAtomic } from "../atomic-write.js";
import {
  CONFIG_TEMPLATE,
  CONTEXT_TEMPLATE,
  GITIGNORE_TEMPLATE,
  PACKAGE_SCRIPTS,
  SCENARIO_TEMPLATE,
  TESTS_TEMPLATE,
  WORKFLOW_TEMPLATE,
  cliRange,
  packageJsonTemplate,
} from "../init-templates.js";
import { COMPILER_VERSION } from "../version.js";

type Manifest = Record<string, unknown> & { scripts?: Record<string, unknown>; dependencies?: Record<string, unknown>; devDependencies?: Record<string, unknown> };

/** The existing package.json with what scn needs added, or a problem to report. */
function mergedManifest(text: string): { ok: true; content: string; added: string[] } | { ok: false; problem: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, problem: "`package.json` is not valid JSON; fix it or remove it, then run scn init again" };
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return { ok: false, problem: "`package.json` does not hold a JSON object" };
  const manifest = parsed as Manifest;
  const added: string[] = [];
  const scripts = { ...(typeof manifest.scripts === "object" && manifest.scripts !== null ? manifest.scripts : {}) };
  for (const [name, command] of Object.entries(PACKAGE_SCRIPTS)) {
    // npm init writes a placeholder `test` script that only fails; anything
    // else the user wrote is theirs and stays.
    const placeholder = name === "test" && typeof scripts[name] === "string" && /no test specified/.test(scripts[name] as string);
    if (scripts[name] === undefined || placeholder) {
      scripts[name] = command;
      added.push(`script \`${name}\``);
    }
  }
  manifest.scripts = scripts;
  const hasCli = manifest.dependencies?.["@scn/cli"] !== undefined || manifest.devDependencies?.["@scn/cli"] !== undefined;
  if (!hasCli) {
    manifest.devDependencies = { ...(manifest.devDependencies ?? {}), "@scn/cli": cliRange(COMPILER_VERSION) };
    added.push("dev dependency `@scn/cli`");
  }
  const indent = /^\{\s*\n(\s+)/.exec(text)?.[1] ?? "  ";
  return { ok: true, content: JSON.stringify(manifest, null, indent) + "\n", added };
}

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
  ];
  const existing = files.filter((f) => existsSync(join(root, f.path))).map((f) => f.path);
  if (existing.length > 0) {
    io.stderr(`error: scn init would overwrite existing files, so it wrote nothing:\n${existing.map((p) => `  ${p}\n`).join("")}`);
    return EXIT_FAILURE;
  }
  const manifestPath = join(root, "package.json");
  let manifestLine = "  package.json\n";
  let hadManifest = false;
  if (existsSync(manifestPath)) {
    hadManifest = true;
    const merged = mergedManifest(readFileSync(manifestPath, "utf8"));
    if (!merged.ok) {
      io.stderr(`error: ${merged.problem}\n`);
      return EXIT_FAILURE;
    }
    files.push({ path: "package.json", content: merged.content });
    manifestLine = merged.added.length > 0 ? `  package.json (added ${merged.added.join(", ")})\n` : "  package.json (unchanged: it already had what scn needs)\n";
  } else {
    files.push({ path: "package.json", content: packageJsonTemplate(name, COMPILER_VERSION) });
  }
  try {
    mkdirSync(root, { recursive: true });
    for (const file of files) writeFileAtomic(join(root, file.path), file.content);
  } catch (error) {
    io.stderr(`error: cannot write in \`${directory ?? "."}\`: ${(error as NodeJS.ErrnoException).code ?? "unwritable"}\n`);
    return EXIT_USAGE;
  }
  const shown = relative(io.cwd, root);
  const listed = files.filter((f) => f.path !== "package.json").map((f) => `  ${f.path}\n`).join("") + manifestLine;
  const steps = [
    ...(shown === "" ? [] : [`cd ${shown}`]),
    // A project that already installed @scn/cli (from a release or from the
    // tarballs) has it; a new one installs it, which also writes the
    // package-lock.json that the workflow's `npm ci` needs.
    ...(hadManifest ? [] : ["npm install"]),
    "npm run check",
    "npm test",
    "npm run build",
  ];
  io.stdout(
    `created a scn project in ${shown === "" ? "the current directory" : shown}:\n${listed}\n` +
      `next: ${steps.join(" && ")}\n` +
      "commit package-lock.json too: the CI workflow (.github/workflows/scn.yml) installs with npm ci\n",
  );
  return EXIT_OK;
}
