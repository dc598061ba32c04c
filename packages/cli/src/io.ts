/**
 * What a command needs from the outside world, passed in so that commands can
 * be tested in-process without spawning: output streams, the working
 * directory, and the date used for expiry checks.
 */
export interface CliIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly cwd: string;
  /** Whether stdout is a terminal (colors are used only then, unless NO_COLOR is set). */
  readonly color: boolean;
  /** Whether stdout is a terminal that `--watch` may clear between runs (absent: no). */
  readonly tty?: boolean;
  /** Whether standard input is a terminal, so reading it would wait for a person to type (absent: no). */
  readonly stdinIsTerminal?: boolean;
}

/** Exit codes shared by every command (docs/cli.md#exit-codes). */
export const EXIT_OK = 0;
/** The input has errors, warnings past the limit, failed tests, or unformatted files under `--check`. */
export const EXIT_FAILURE = 1;
/** A usage error or unreadable input. */
export const EXIT_USAGE = 2;

export function processIO(): CliIO {
  // A reader that stops early (`scn check | head`) closes the pipe; that is
  // not an error of ours, so exit quietly instead of printing a stack trace.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    color: Boolean(process.stdout.isTTY) && !process.env["NO_COLOR"],
    tty: Boolean(process.stdout.isTTY),
    stdinIsTerminal: Boolean(process.stdin.isTTY),
  };
}
