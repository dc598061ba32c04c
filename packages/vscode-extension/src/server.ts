/**
 * The bundled server's entry point: exactly `scn lsp --stdio`, so the
 * extension and every other editor run the same server with the same
 * config handling.
 */
import { runMain } from "@scn/cli";

void runMain(["lsp", "--stdio"]).then((code) => {
  if (code !== 0) process.exitCode = code;
});
