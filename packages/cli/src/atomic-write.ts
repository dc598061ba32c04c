/**
 * Writes files so that a reader never sees a half-written file and a failed
 * run never destroys a previous good output: each file is written to a
 * temporary name in the same directory, then renamed over the target (rename
 * is atomic within one file system).
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";

export function writeFileAtomic(path: string, content: string): void {
  const directory = dirname(path);
  mkdirSync(directory, { recursive: true });
  const temporary = join(directory, `.scn-tmp-${process.pid}-${basename(path)}`);
  try {
    writeFileSync(temporary, content);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/**
 * Writes a set of files: all are first written to temporary names, and only
 * when every write succeeded are they renamed into place. A failure part-way
 * leaves every previous output untouched.
 */
export function writeFilesAtomic(files: ReadonlyArray<{ path: string; content: string }>): void {
  const staged: { temporary: string; path: string }[] = [];
  try {
    for (const file of files) {
      const directory = dirname(file.path);
      mkdirSync(directory, { recursive: true });
      const temporary = join(directory, `.scn-tmp-${process.pid}-${basename(file.path)}`);
      writeFileSync(temporary, file.content);
      staged.push({ temporary, path: file.path });
    }
  } catch (error) {
    for (const file of staged) rmSync(file.temporary, { force: true });
    throw error;
  }
  for (const file of staged) renameSync(file.temporary, file.path);
}
