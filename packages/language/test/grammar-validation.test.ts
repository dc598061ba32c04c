// The shared parser skips chevrotain's grammar validations to start faster
// (grammar.ts, ScnParserOptions); this test builds one with them on, so a
// grammar change that makes an alternative ambiguous or unreachable fails here.
import { expect, test } from "vitest";
import { ScnParser } from "../src/grammar.js";

test("the grammar passes chevrotain's validations", () => {
  const parser = new ScnParser({ validate: true });
  // Chevrotain records the failed validations in a field outside its typed
  // API (its constructor also throws on them), so the field is described here.
  const { definitionErrors } = parser as unknown as { readonly definitionErrors: readonly { readonly message: string }[] };
  expect(definitionErrors.map((error) => error.message)).toEqual([]);
});
