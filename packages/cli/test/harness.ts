/**
 * Runs the CLI in-process with captured output, so end-to-end tests are fast
 * and see exactly what a user would; and imports a built module with a
 * deadline.
 */
import { runMain, type CliIO } from "../src/index.js";

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function scn(args: readonly string[], cwd: string): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const io: CliIO = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd, color: false };
  const code = await runMain(args, io);
  return { code, stdout, stderr };
}

/** Imports with a deadline, so that a module that never settles fails the test instead of hanging it. */
export async function importWithin<T>(url: string, millis: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`import of ${url} did not settle within ${millis} ms`)), millis);
  });
  try {
    return await Promise.race([import(url) as Promise<T>, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
