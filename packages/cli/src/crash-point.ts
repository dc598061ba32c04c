/**
 * A test hook for the kill-and-check tests (docs/cli.md, "Testing crash
 * safety"). Every step of writing files calls `crashPoint` with a label.
 * When the environment variable `SCN_TEST_CRASH_AT` equals that label, the
 * process kills itself with SIGKILL right there, exactly as `kill -9` would;
 * when it is `list`, each label is printed to standard error as
 * `scn-crash-point: <label>`. Unset, it does nothing, so it is harmless in
 * normal use.
 */
export function crashPoint(label: string): void {
  const requested = process.env["SCN_TEST_CRASH_AT"];
  if (requested === undefined || requested === "") return;
  if (requested === "list") process.stderr.write(`scn-crash-point: ${label}\n`);
  else if (requested === label) process.kill(process.pid, "SIGKILL");
}
