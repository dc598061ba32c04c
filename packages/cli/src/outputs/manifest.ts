/**
 * The output manifest, `<name>.scn.manifest.json`: the bundle's hash and the
 * SHA-256 of every file one build wrote under that name. It is the binding
 * between the files of a set (docs/bundle-format.md, "The output manifest"):
 * a consumer that reads one of them checks it against the manifest, and so
 * refuses a file that belongs to another build.
 *
 * The manifest is the last file a build puts in place, so while a build is
 * switching files (or after one was killed doing so) the new files do not
 * match the old manifest, and checking consumers refuse them.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { COMMIT_DIRECTORY, PLAN_FILE } from "./layout.js";

export const MANIFEST_FORMAT = "scn.outputs/1";
export const MANIFEST_SUFFIX = ".scn.manifest.json";

export interface Manifest {
  readonly format: typeof MANIFEST_FORMAT;
  /** The `hash` of the bundle these files were compiled from. */
  readonly bundle: string;
  /** File name (no directory) → `sha256:<hex>` of its bytes. */
  readonly files: Readonly<Record<string, string>>;
}

export function sha256(bytes: string | Uint8Array): string {
  return `sha256:${createHash("sha256").update(bytes).digest("hex")}`;
}

export function manifestFileName(bundleName: string): string {
  return bundleName + MANIFEST_SUFFIX;
}

/** The manifest's bytes: canonical (sorted keys, two-space indent), so builds stay byte-identical. */
export function manifestText(bundleHash: string, files: ReadonlyArray<{ readonly fileName: string; readonly content: string | Uint8Array }>): string {
  const entries = [...files].sort((a, b) => (a.fileName < b.fileName ? -1 : a.fileName > b.fileName ? 1 : 0));
  const manifest: Manifest = { format: MANIFEST_FORMAT, bundle: bundleHash, files: Object.fromEntries(entries.map((f) => [f.fileName, sha256(f.content)])) };
  return JSON.stringify({ bundle: manifest.bundle, files: manifest.files, format: manifest.format }, null, 2) + "\n";
}

/** The manifest in `path`, or undefined when it is absent or not a manifest. */
export function readManifest(path: string): Manifest | undefined {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null) return undefined;
  const { format, bundle, files } = value as Record<string, unknown>;
  if (format !== MANIFEST_FORMAT || typeof bundle !== "string" || typeof files !== "object" || files === null || Array.isArray(files)) return undefined;
  const entries = Object.entries(files as Record<string, unknown>);
  if (!entries.every(([name, digest]) => typeof digest === "string" && !name.includes("/") && !name.includes("\\"))) return undefined;
  return { format, bundle, files: Object.fromEntries(entries) as Record<string, string> };
}

export type SetCheck =
  | { readonly kind: "verified"; readonly manifest: Manifest }
  /** No manifest beside the file (built by an older scn, or copied alone): nothing to check against. */
  | { readonly kind: "unverified" }
  | { readonly kind: "mixed"; readonly problem: string };

/**
 * Whether the file at `path`, whose bytes are `bytes`, belongs to the
 * complete set its directory's manifest describes. `shown` is how messages
 * name the file. Only the bytes given are hashed, so a consumer checks the
 * very bytes it is about to use.
 */
export function checkOutputFile(path: string, bytes: Uint8Array, shown: string): SetCheck {
  const directory = dirname(path);
  const fileName = basename(path);
  const pending = pendingPublish(directory);
  if (pending !== undefined && (pending === "unknown" || pending.includes(fileName))) {
    return {
      kind: "mixed",
      problem: `a build into the directory of \`${shown}\` is switching its files, or was killed while doing so, so they may come from two builds; run scn build again`,
    };
  }
  const stem = bundleStem(fileName);
  if (stem === undefined) return { kind: "unverified" };
  const manifestPath = join(directory, manifestFileName(stem));
  if (!existsSync(manifestPath)) return { kind: "unverified" };
  const manifest = readManifest(manifestPath);
  const expected = manifest?.files[fileName];
  if (manifest === undefined || expected === undefined || expected !== sha256(bytes)) {
    return {
      kind: "mixed",
      problem: `\`${shown}\` does not match \`${manifestFileName(stem)}\` beside it, so it is not from the same build as the other files (a build was interrupted, or a file was replaced by hand); run scn build again`,
    };
  }
  return { kind: "verified", manifest };
}

/** The SQL files' suffixes, `.<dialect>.sql` (docs/warehouse.md). */
const SQL_SUFFIXES = ["duckdb", "postgres", "spark", "trino", "bigquery", "snowflake"].map((dialect) => `.${dialect}.sql`);

/** The bundle name of an output file name (`retail.scn.json` → `retail`), by the suffixes scn writes. */
export function bundleStem(fileName: string): string | undefined {
  for (const suffix of SQL_SUFFIXES) {
    if (fileName.endsWith(suffix) && fileName.length > suffix.length) return fileName.slice(0, -suffix.length);
  }
  for (const suffix of [".scn.json", ".vectors.json", ".d.mts", ".mjs", ".cjs", MANIFEST_SUFFIX]) {
    if (fileName.endsWith(suffix) && fileName.length > suffix.length) return fileName.slice(0, -suffix.length);
  }
  return undefined;
}

/**
 * The files a committed but unfinished publish in `directory` will still
 * switch, "unknown" when its plan cannot be read, undefined when none is
 * pending.
 */
export function pendingPublish(directory: string): readonly string[] | "unknown" | undefined {
  const commit = join(directory, COMMIT_DIRECTORY);
  if (!existsSync(commit)) return undefined;
  try {
    const plan = JSON.parse(readFileSync(join(commit, PLAN_FILE), "utf8")) as { files?: unknown; manifests?: unknown; remove?: unknown };
    const names = [plan.files, plan.manifests, plan.remove].flatMap((list) => (Array.isArray(list) ? list : [])).filter((n): n is string => typeof n === "string");
    return names;
  } catch {
    return "unknown";
  }
}
