/**
 * The LSP exchanges under `exchanges/`, run against the server in-process
 * (see harness.ts; UPDATE_GOLDENS=1 records the responses).
 */
import { describe, expect, it } from "vitest";
import { exchangeNames, expectedOf, inProcessClient, readExchange, recordExpected, removeWorkspace, runExchange, workspaceCopy, writeExchange } from "./harness.js";

describe("LSP exchanges (in-process)", () => {
  for (const name of exchangeNames()) {
    it(name, async () => {
      const exchange = readExchange(name);
      const root = workspaceCopy(name);
      const client = inProcessClient();
      try {
        const actual = await runExchange(client, root, exchange);
        if (process.env["UPDATE_GOLDENS"]) writeExchange(name, recordExpected(exchange, actual));
        else expect(actual).toEqual(expectedOf(exchange));
      } finally {
        await client.close();
        removeWorkspace(root);
      }
    });
  }
});
