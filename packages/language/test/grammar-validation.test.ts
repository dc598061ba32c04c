// The shared parser skips chevrotain's grammar validations to start faster
// (grammar.ts, ScnParserOptions); this test builds one with them on, so a
// grammar change that makes an alternative ambiguous or unreachable fails here.
import { expect, test } from "vitest";
import { ScnParser } from "../src/grammar.js";

test("the grammar passes chevrotain's validations", () => {
  const parser = new ScnParser({ validate: true });
  expect(parser.definitionErrors.map((error) => error.message)).toEqual([]);
});
