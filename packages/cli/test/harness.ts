/**
 * Runs the CLI in-process with captured output, so end-to-end tests are fast
 * and see exactly what a user would.
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
