/**
 * The same LSP exchanges as exchanges.test.ts, over real standard input and
 * output: `scn lsp --stdio` from the built CLI (the test script builds
 * first), as editors run it.
 */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { exchangeNames, expectedOf, readExchange, removeWorkspace, runExchange, stdioClient, workspaceCopy } from "./harness.js";

const CLI = fileURLToPath(new URL("../../cli/bin/scn.js", import.meta.url));

describe("LSP exchanges over stdio (scn lsp --stdio)", () => {
  for (const name of exchangeNames()) {
    it(name, async () => {
      const exchange = readExchange(name);
      const root = workspaceCopy(name);
      const client = stdioClient([CLI, "lsp", "--stdio"], root);
      try {
        expect(await runExchange(client, root, exchange)).toEqual(expectedOf(exchange));
      } finally {
        await client.close();
        removeWorkspace(root);
      }
    });
  }
});
