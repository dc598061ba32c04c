/**
 * Reads the `.scn` sources of a git revision, for `scn diff --git`. Git is
 * run directly (`execFileSync`, no shell), so a revision or path can never be
 * read as a command; `--end-of-options` and `--` keep them from being read as
 * options.
 *
 * Invariant: the files come back in the same shape `readSources` gives for
 * the working tree (paths relative to the working directory, `/`-separated,
 * sorted), so both versions of a program name their files alike; a failure
 * (not a repository, an unknown revision, no `.scn` file) is a message, never
 * an exception.
 */
import { execFileSync } from "node:child_process";
import { relative, resolve, sep } from "node:path";
import type { SourceText } from "./sources.js";

export type RevisionSources = { readonly ok: true; readonly files: readonly SourceText[] } | { readonly ok: false; readonly message: string };

/** Directories never worth reading, as in sources.ts. */
const SKIPPED_DIRECTORIES = new Set(["node_modules", ".git", "dist"]);

/** Output of a git command, or the first line of its complaint. */
function git(args: readonly string[], cwd: string): { ok: true; out: string } | { ok: false; message: string } {
  try {
    return { ok: true, out: execFileSync("git", args, { cwd, encoding: "utf8", maxBuffer: 256 * 1024 * 1024, stdio: ["ignore", "pipe", "pipe"] }) };
  } catch (error) {
    const failure = error as { stderr?: string | Buffer; code?: string };
    if (failure.code === "ENOENT") return { ok: false, message: "git is not installed or not on the PATH" };
    const stderr = String(failure.stderr ?? "").trim().split("\n")[0] ?? "";
    return { ok: false, message: stderr.replace(/^fatal: /, "") };
  }
}

export interface RevisionOptions {
  /** Files or directories, relative to `cwd` (default: `cwd` itself). */
  readonly paths: readonly string[];
  /** Keeps only files whose absolute path passes, e.g. the config's `sources` globs. */
  readonly accept?: (absolute: string) => boolean;
}

export function readRevisionSources(revision: string, options: RevisionOptions, cwd: string): RevisionSources {
  const commit = git(["rev-parse", "--verify", "--quiet", "--end-of-options", `${revision}^{commit}`], cwd);
  if (!commit.ok || commit.out.trim() === "") {
    // `--quiet` makes an unknown revision fail without a word; anything git does say is a different problem.
    const known = commit.ok || commit.message === "";
    return { ok: false, message: known ? `unknown git revision \`${revision}\`` : `cannot read git revision \`${revision}\`: ${commit.message}` };
  }
  const id = commit.out.trim();
  const paths = options.paths.length > 0 ? options.paths : ["."];
  const listed = git(["ls-tree", "-r", "-z", "--name-only", id, "--", ...paths], cwd);
  if (!listed.ok) return { ok: false, message: `cannot list the files of \`${revision}\`: ${listed.message || "git failed"}` };
  const names = listed.out
    .split("\0")
    .filter((name) => name.endsWith(".scn"))
    .filter((name) => !name.split("/").some((part) => SKIPPED_DIRECTORIES.has(part)))
    .filter((name) => options.accept === undefined || options.accept(resolve(cwd, name)));
  if (names.length === 0) {
    const where = options.paths.length > 0 ? options.paths.map((p) => `\`${p}\``).join(", ") : "the current directory";
    return { ok: false, message: `no .scn files in ${where} at git revision \`${revision}\`` };
  }
  const files: SourceText[] = [];
  for (const name of [...new Set(names)].sort()) {
    // `./` and `../` make git read the path relative to the working directory, as ls-tree printed it.
    const spec = name.startsWith("../") ? `${id}:${name}` : `${id}:./${name}`;
    const blob = git(["cat-file", "blob", spec], cwd);
    if (!blob.ok) return { ok: false, message: `cannot read \`${name}\` at \`${revision}\`: ${blob.message || "git failed"}` };
    // git prints `/`-separated paths on every platform, which is the form SourceText wants.
    files.push({ path: name, text: blob.out });
  }
  return { ok: true, files };
}

/** Splits `A..B` into its two revisions; a single revision is compared with the working tree (null). */
export function splitRevisionRange(range: string): { readonly before: string; readonly after: string | null } | null {
  if (range.includes("...") || range.startsWith("-") || range.includes("..-")) return null;
  const parts = range.split("..");
  if (parts.length === 1) return parts[0] === "" ? null : { before: range, after: null };
  if (parts.length !== 2 || parts[0] === "" || parts[1] === "") return null;
  return { before: parts[0]!, after: parts[1]! };
}

/** A path relative to `root`, `/`-separated, for glob matching. */
export function relativeTo(root: string, absolute: string): string {
  return relative(root, absolute).split(sep).join("/");
}
