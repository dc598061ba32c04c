/**
 * Publishes the files of a build so that every output directory holds the
 * complete old set or the complete new set, whenever the build is killed
 * (docs/cli.md, "How a build writes its files"; docs/bundle-format.md, "The
 * output manifest").
 *
 * Per output directory, under its lock (lock.ts):
 *
 * 1. Recover: finish the switch of a set an earlier build committed but was
 *    killed before completing, and remove stale staging directories.
 * 2. Check that every target name is free or a file (a directory in the way
 *    would make a rename fail half-way).
 * 3. Stage: write every file and each bundle's manifest into a fresh
 *    directory inside the output directory, with a plan, and flush them.
 * 4. Commit: rename the staging directory to `.scn-commit` (one atomic
 *    rename). Before this the old set is untouched; after it the new set
 *    is decided, and any later build finishes switching it in.
 * 5. Switch: rename each file into place (manifests last), remove the files
 *    the old manifests named that this build no longer writes, and remove
 *    `.scn-commit`.
 *
 * POSIX cannot switch several names in one step, so during step 5 (and
 * after a kill in it) the directory briefly holds files from two builds. A
 * consumer that checks (`scn eval`, the Python consumer) sees `.scn-commit`
 * or a file that does not match its manifest, and refuses; the next build
 * completes the switch.
 */
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { crashPoint } from "../crash-point.js";
import { writeNewFileDurably } from "../atomic-write.js";
import { fsyncDirectory, processIsAlive, sweepStaleTemporaries, temporaryName, temporaryOwner } from "../temporaries.js";
import { acquireOutputLock } from "./lock.js";
import { COMMIT_DIRECTORY, PLAN_FILE, type PublishPlan } from "./layout.js";
import { bundleStem, manifestFileName, manifestText, readManifest } from "./manifest.js";

export interface OutputFile {
  /** A plain file name: the output directory is given separately. */
  readonly fileName: string;
  readonly content: string | Uint8Array;
}

export interface BundleOutputs {
  readonly name: string;
  /** The compiled bundle's `hash`, recorded in its manifest. */
  readonly bundleHash: string;
  readonly files: readonly OutputFile[];
}

export interface DirectoryOutputs {
  /** Absolute. */
  readonly directory: string;
  readonly bundles: readonly BundleOutputs[];
}

export type PublishResult =
  | { readonly ok: true; readonly written: ReadonlyArray<{ readonly path: string; readonly bytes: number }> }
  | { readonly ok: false; readonly message: string };

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? "unwritable";
}

/**
 * Writes every directory's files as one set per directory. `show` turns an
 * absolute path into the one messages print. Each directory switches on its
 * own; a build writing into several directories (programs with different
 * `outDir`s) switches them one after another, all staged before the first
 * switch.
 */
export function publishOutputs(directories: readonly DirectoryOutputs[], show: (path: string) => string): PublishResult {
  const ordered = [...directories].sort((a, b) => (a.directory < b.directory ? -1 : a.directory > b.directory ? 1 : 0));
  const releases: (() => void)[] = [];
  const staged: { directory: string; stage: string; sizes: { fileName: string; bytes: number }[] }[] = [];
  try {
    for (const { directory } of ordered) {
      try {
        mkdirSync(directory, { recursive: true });
      } catch (error) {
        return { ok: false, message: `cannot create \`${show(directory)}\`: ${errorCode(error)}; nothing was written` };
      }
      const lock = acquireOutputLock(directory, show(directory));
      if (!lock.ok) return lock;
      releases.push(lock.release);
    }
    for (const { directory } of ordered) {
      const recovered = recoverDirectory(directory, show);
      if (recovered !== undefined) return { ok: false, message: `${recovered}; nothing of this build was written` };
    }
    for (const outputs of ordered) {
      const obstacle = findObstacle(outputs, show);
      if (obstacle !== undefined) return { ok: false, message: `${obstacle}; nothing was written` };
    }
    for (const outputs of ordered) {
      const stage = join(outputs.directory, temporaryName("stage"));
      let sizes;
      try {
        sizes = stageSet(stage, outputs);
      } catch (error) {
        rmSync(stage, { recursive: true, force: true });
        return { ok: false, message: `cannot write in \`${show(outputs.directory)}\`: ${errorCode(error)}; nothing was written` };
      }
      staged.push({ directory: outputs.directory, stage, sizes });
    }
    const written: { path: string; bytes: number }[] = [];
    for (const [position, { directory, stage, sizes }] of staged.entries()) {
      const switched = staged.slice(0, position).map((s) => `\`${show(s.directory)}\``);
      try {
        renameSync(stage, join(directory, COMMIT_DIRECTORY));
      } catch (error) {
        const done = switched.length === 0 ? "nothing was written" : `only ${switched.join(", ")} got the new files`;
        return { ok: false, message: `cannot switch the new files into \`${show(directory)}\`: ${errorCode(error)}; ${done}` };
      }
      fsyncDirectory(directory);
      crashPoint("publish:committed");
      const failure = finishSwitch(directory, show);
      if (failure !== undefined) return { ok: false, message: failure };
      for (const { fileName, bytes } of sizes) written.push({ path: join(directory, fileName), bytes });
    }
    return { ok: true, written };
  } finally {
    for (const { stage } of staged) rmSync(stage, { recursive: true, force: true });
    for (const release of releases.reverse()) release();
  }
}

/** A target name taken by something a rename cannot replace (a directory, say). */
function findObstacle(outputs: DirectoryOutputs, show: (path: string) => string): string | undefined {
  for (const bundle of outputs.bundles) {
    for (const fileName of [...bundle.files.map((f) => f.fileName), manifestFileName(bundle.name)]) {
      const path = join(outputs.directory, fileName);
      let stats;
      try {
        stats = lstatSync(path);
      } catch {
        continue;
      }
      if (!stats.isFile() && !stats.isSymbolicLink()) {
        return `cannot replace \`${show(path)}\`: it is ${stats.isDirectory() ? "a directory" : "not a regular file"}; move it away and build again`;
      }
    }
  }
  return undefined;
}

/** Writes the set, its manifests and its plan into `stage`, flushed to disk; returns each file's name and size. */
function stageSet(stage: string, outputs: DirectoryOutputs): { fileName: string; bytes: number }[] {
  const sizes: { fileName: string; bytes: number }[] = [];
  mkdirSync(stage);
  const files: string[] = [];
  const manifests: string[] = [];
  const remove = new Set<string>();
  for (const bundle of outputs.bundles) {
    // Each file's text is encoded once, and those bytes are written, counted
    // and hashed for the manifest: encoding it for each of those was 20 MB
    // more at 10,000 scenarios (docs/cli.md#what-a-build-allocates).
    const encoded: OutputFile[] = [];
    for (const file of bundle.files) {
      const bytes = typeof file.content === "string" ? Buffer.from(file.content, "utf8") : file.content;
      writeNewFileDurably(join(stage, file.fileName), bytes);
      files.push(file.fileName);
      sizes.push({ fileName: file.fileName, bytes: bytes.length });
      encoded.push({ fileName: file.fileName, content: bytes });
      crashPoint(`publish:staged:${file.fileName}`);
    }
    const manifest = manifestFileName(bundle.name);
    const text = manifestText(bundle.bundleHash, encoded);
    writeNewFileDurably(join(stage, manifest), text);
    manifests.push(manifest);
    sizes.push({ fileName: manifest, bytes: Buffer.byteLength(text) });
    // Files of this name that the previous build wrote and this one does
    // not (a target dropped from the list) would otherwise linger beside the
    // new set, from another build.
    const previous = readManifest(join(outputs.directory, manifest));
    for (const old of Object.keys(previous?.files ?? {})) {
      if (old.startsWith(`${bundle.name}.`) && !bundle.files.some((f) => f.fileName === old)) remove.add(old);
    }
  }
  const plan: PublishPlan = { files: files.sort(), remove: [...remove].sort(), manifests: manifests.sort() };
  writeNewFileDurably(join(stage, PLAN_FILE), JSON.stringify(plan, null, 2) + "\n");
  fsyncDirectory(stage);
  crashPoint("publish:staged");
  return sizes;
}

/**
 * Moves the committed set in `.scn-commit` into place. Idempotent: a file
 * already moved is skipped, so a build killed half-way is finished by the
 * next. Returns a message when a file cannot be put in place.
 */
function finishSwitch(directory: string, show: (path: string) => string): string | undefined {
  const commit = join(directory, COMMIT_DIRECTORY);
  const plan = readPlan(join(commit, PLAN_FILE));
  if (typeof plan === "string") {
    return `\`${show(commit)}\` holds a set of files whose plan cannot be read (${plan}), so its files could not be switched in; remove \`${show(commit)}\` and build again`;
  }
  const move = (fileName: string): string | undefined => {
    const from = join(commit, fileName);
    if (!existsSync(from)) return undefined;
    try {
      renameSync(from, join(directory, fileName));
    } catch (error) {
      return (
        `the new files for \`${show(directory)}\` were committed, but \`${show(join(directory, fileName))}\` could not be replaced (${errorCode(error)}); ` +
        `the directory now holds files from two builds, which scn eval refuses, and the rest wait in \`${show(commit)}\`; remove what is in the way and build again to finish`
      );
    }
    crashPoint(`publish:switched:${fileName}`);
    return undefined;
  };
  for (const fileName of plan.files) {
    const failure = move(fileName);
    if (failure !== undefined) return failure;
  }
  for (const fileName of plan.remove) {
    const path = join(directory, fileName);
    try {
      if (lstatSync(path).isFile()) rmSync(path, { force: true });
    } catch {
      // Already gone.
    }
  }
  for (const fileName of plan.manifests) {
    const failure = move(fileName);
    if (failure !== undefined) return failure;
  }
  retireCommit(directory, commit);
  crashPoint("publish:done");
  return undefined;
}

/**
 * Removes a switched set. Removing a directory is not atomic: a build killed
 * while `rmSync` deletes its files could leave `.scn-commit` without its
 * plan, which the next build must refuse. So the set first leaves the
 * committed name in one rename, to a temporary name of this process that
 * any later build sweeps once this process is gone (recoverDirectory).
 */
function retireCommit(directory: string, commit: string): void {
  const retired = join(directory, temporaryName("switched"));
  let gone = commit;
  try {
    renameSync(commit, retired);
    gone = retired;
  } catch {
    // Removed in place below, as before, if it cannot be renamed.
  }
  fsyncDirectory(directory);
  crashPoint("publish:retired");
  rmSync(gone, { recursive: true, force: true });
}

/**
 * The plan of a committed set, or why it is unusable. Its names become
 * paths, so each must be a plain file name of an output (no separator, no
 * `..`): a damaged or planted plan can never move or remove a file outside
 * the output directory.
 */
function readPlan(path: string): PublishPlan | string {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    return error instanceof SyntaxError ? "not JSON" : errorCode(error);
  }
  const lists = value as Partial<Record<keyof PublishPlan, unknown>>;
  const names = (list: unknown): string[] | undefined =>
    Array.isArray(list) && list.every((n) => typeof n === "string" && bundleStem(n) !== undefined && !/[/\\]/.test(n) && !n.startsWith(".")) ? (list as string[]) : undefined;
  const files = names(lists.files);
  const remove = names(lists.remove);
  const manifests = names(lists.manifests);
  return files && remove && manifests ? { files, remove, manifests } : "names that are not output files";
}

/**
 * Called under the lock: finishes a committed switch a killed build left,
 * and removes what killed builds staged but never committed (theirs only:
 * the owner's pid must be gone). Returns a message when a pending switch
 * cannot be finished.
 */
function recoverDirectory(directory: string, show: (path: string) => string): string | undefined {
  if (existsSync(join(directory, COMMIT_DIRECTORY))) {
    const failure = finishSwitch(directory, show);
    if (failure !== undefined) return `an earlier build into \`${show(directory)}\` was interrupted, and finishing it failed: ${failure}`;
  }
  let entries;
  try {
    entries = readdirSync(directory, { withFileTypes: true });
  } catch {
    return undefined;
  }
  for (const entry of entries) {
    const owner = temporaryOwner(entry.name);
    if (owner !== undefined && entry.isDirectory() && !processIsAlive(owner)) rmSync(join(directory, entry.name), { recursive: true, force: true });
  }
  sweepStaleTemporaries([directory]);
  return undefined;
}
