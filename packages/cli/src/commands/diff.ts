/**
 * `scn diff OLD NEW` and `scn diff --git REV [paths…]`: the semantic diff of
 * two versions of a program. Each version is a directory or file of `.scn`
 * sources (checked and compiled here), a bundle (`*.json`, validated by the
 * runtime's reader), or a git revision; both become bundles, and
 * `diffBundles` compares them, so every way of naming a version gets the
 * same comparison.
 *
 * Exit codes: 0 (also when behavior changed, unless `--exit-code`); 1 when a
 * version has errors, or with `--exit-code` when behavior changed; 2 for a
 * usage error or unreadable input (a bad path, revision or bundle).
 */
import { readFileSync, statSync } from "node:fs";
import { checkOutputFile } from "../outputs/manifest.js";
import { resolve } from "node:path";
import { renderPretty } from "@scn/language";
import { compile, diffBundles, renderDiffJson, renderDiffMarkdown, renderDiffText, withEachEdit, type DiffOptions as CompareOptions } from "@scn/compiler";
import { readBundle, type Bundle } from "@scn/runtime";
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CliIO } from "../io.js";
import { loadConfig, type ProjectConfig } from "../config.js";
import { globToRegExp } from "../glob.js";
import { loadProject, programOptions } from "../project.js";
import { readSources, type SourceText } from "../sources.js";
import { readRevisionSources, relativeTo, splitRevisionRange } from "../git-revision.js";

export type DiffFormat = "text" | "markdown" | "json";

export interface DiffOptions {
  /** `REV` (compared with the working tree) or `A..B`. */
  readonly git?: string;
  readonly format: DiffFormat;
  /** Exit 1 when behavior changed, like `git diff --exit-code`. */
  readonly exitCode: boolean;
  readonly today?: string;
}

/** One version of the program, before it is turned into a bundle. */
type Version =
  | { readonly kind: "bundle"; readonly label: string; readonly path: string }
  | { readonly kind: "sources"; readonly label: string; readonly files: readonly SourceText[] };

type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly code: number; readonly message: string | null };

const usage = (message: string): Outcome<never> => ({ ok: false, code: EXIT_USAGE, message });

function isBundlePath(path: string, cwd: string): boolean {
  if (!path.endsWith(".json")) return false;
  try {
    return statSync(resolve(cwd, path)).isFile();
  } catch {
    return false;
  }
}

function pathVersion(path: string, cwd: string): Outcome<Version> {
  if (isBundlePath(path, cwd)) return { ok: true, value: { kind: "bundle", label: `\`${path}\``, path } };
  const read = readSources([path], cwd);
  return read.ok ? { ok: true, value: { kind: "sources", label: `\`${path}\``, files: read.files } } : usage(read.message);
}

/** Keeps the files the config's `sources` globs select, when the config has them and no paths were given. */
function configFilter(config: ProjectConfig | null, paths: readonly string[]): ((absolute: string) => boolean) | undefined {
  if (paths.length > 0 || !config?.sources) return undefined;
  const matchers = config.sources.map(globToRegExp);
  return (absolute) => matchers.some((m) => m.test(relativeTo(config.root, absolute)));
}

function revisionVersion(revision: string, paths: readonly string[], config: ProjectConfig | null, cwd: string): Outcome<Version> {
  const accept = configFilter(config, paths);
  const scope = paths.length > 0 ? paths : accept !== undefined && config ? [relativeTo(cwd, config.root) || "."] : [];
  const read = readRevisionSources(revision, { paths: scope, ...(accept ? { accept } : {}) }, cwd);
  return read.ok ? { ok: true, value: { kind: "sources", label: `\`${revision}\``, files: read.files } } : usage(read.message);
}

function versions(args: readonly string[], options: DiffOptions, config: ProjectConfig | null, io: CliIO): Outcome<[Version, Version]> {
  if (options.git === undefined) {
    if (args.length !== 2) return usage(`expected two versions to compare, got ${args.length}; use \`scn diff OLD NEW\` or \`scn diff --git REV [paths…]\``);
    const before = pathVersion(args[0]!, io.cwd);
    if (!before.ok) return before;
    const after = pathVersion(args[1]!, io.cwd);
    return after.ok ? { ok: true, value: [before.value, after.value] } : after;
  }
  const range = splitRevisionRange(options.git);
  if (range === null) return usage(`\`${options.git}\` is not a revision or a range; use \`--git REV\` (REV against the working tree) or \`--git A..B\``);
  const before = revisionVersion(range.before, args, config, io.cwd);
  if (!before.ok) return before;
  if (range.after !== null) {
    const after = revisionVersion(range.after, args, config, io.cwd);
    return after.ok ? { ok: true, value: [before.value, after.value] } : after;
  }
  const project = loadProject(args, io.cwd);
  if (!project.ok) return usage(project.message);
  return { ok: true, value: [before.value, { kind: "sources", label: "the working tree", files: project.files }] };
}

/** Compiles (or reads) one version; errors are reported on stderr and make the result a failure. */
function bundleOf(version: Version, options: DiffOptions, config: ProjectConfig | null, io: CliIO): Outcome<Bundle> {
  if (version.kind === "bundle") {
    let bytes: Buffer;
    try {
      bytes = readFileSync(resolve(io.cwd, version.path));
    } catch (error) {
      return usage(`cannot read bundle ${version.label}: ${(error as NodeJS.ErrnoException).code ?? "unreadable"}`);
    }
    // Like `scn eval`: a bundle that is not from the same build as the files
    // beside it is refused (docs/bundle-format.md, "The output manifest").
    const set = checkOutputFile(resolve(io.cwd, version.path), bytes, version.path);
    if (set.kind === "mixed") return usage(set.problem);
    const read = readBundle(bytes.toString("utf8"));
    if (read.value === null) return usage(`${version.label} is not a valid scn bundle:\n${read.problems.map((p) => `  ${p}`).join("\n")}`);
    return { ok: true, value: read.value };
  }
  const front = compile(version.files, programOptions(config, options.today));
  if (front.compiled === null) {
    const errors = front.diagnostics.filter((d) => d.severity === "error");
    const texts = new Map(version.files.map((f) => [f.path, f.text]));
    io.stderr(renderPretty(errors, (file) => texts.get(file), version.files.length, { color: io.color }));
    io.stderr(`error: ${version.label} has errors, so it cannot be compared\n`);
    return { ok: false, code: EXIT_FAILURE, message: null };
  }
  return { ok: true, value: front.compiled.bundle };
}

/**
 * More edits than this are listed, but their changes are not attributed:
 * each attribution compiles the old version plus one edit.
 */
const MAX_ATTRIBUTED_EDITS = 24;

/**
 * The source edits between two versions of sources, each with the bundle of
 * the old version plus that edit alone, so the diff can group changes by the
 * edit that causes them (docs/ci.md, "What it compares"). A program with one
 * edit that does not compile (it needs another edit too) gets no bundle.
 */
function editBundles(before: readonly SourceText[], after: readonly SourceText[], options: DiffOptions, config: ProjectConfig | null): CompareOptions["edits"] {
  const edits = withEachEdit(before, after);
  const attribute = edits.length <= MAX_ATTRIBUTED_EDITS;
  return edits.map(({ edit, files }) => ({ edit, bundle: attribute ? (compile(files, programOptions(config, options.today)).compiled?.bundle ?? null) : null }));
}

export function runDiff(args: readonly string[], options: DiffOptions, io: CliIO): number {
  const loaded = loadConfig(io.cwd);
  if (!loaded.ok) {
    io.stderr(`error: ${loaded.message}\n`);
    return EXIT_USAGE;
  }
  const config = loaded.config;
  const found = versions(args, options, config, io);
  if (!found.ok) {
    if (found.message !== null) io.stderr(`error: ${found.message}\n`);
    return found.code;
  }
  // Both versions are compiled before giving up, so one run reports the errors of both.
  const [before, after] = found.value.map((version) => bundleOf(version, options, config, io)) as [Outcome<Bundle>, Outcome<Bundle>];
  for (const result of [before, after]) {
    if (!result.ok && result.code === EXIT_USAGE) {
      if (result.message !== null) io.stderr(`error: ${result.message}\n`);
      return EXIT_USAGE;
    }
  }
  if (!before.ok || !after.ok) return EXIT_FAILURE;
  const [old, next] = found.value;
  const edits = old.kind === "sources" && next.kind === "sources" ? editBundles(old.files, next.files, options, config) : undefined;
  const diff = diffBundles(before.value, after.value, edits === undefined ? {} : { edits });
  const render = { text: renderDiffText, markdown: renderDiffMarkdown, json: renderDiffJson }[options.format];
  io.stdout(render(diff));
  return options.exitCode && diff.behaviorChanged ? EXIT_FAILURE : EXIT_OK;
}

