/**
 * Golden cases: each `cases/NAME.input.scn` formats to `cases/NAME.output.scn`,
 * and the output is already formatted. Run with `UPDATE_GOLDENS=1` to
 * rewrite the outputs, then read the diff.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { expectGolden } from "../../../test/support/golden.js";
import { expectFormatProperties } from "./support/format-properties.js";
import { format } from "./support/format.js";

const casesDirectory = fileURLToPath(new URL("./cases/", import.meta.url));

const names = readdirSync(casesDirectory)
  .filter((file) => file.endsWith(".input.scn"))
  .map((file) => file.slice(0, -".input.scn".length))
  .sort();

describe("golden cases", () => {
  it("exist", () => {
    expect(names.length).toBeGreaterThan(10);
  });

  it.each(names)("%s", async (name) => {
    const input = readFileSync(join(casesDirectory, `${name}.input.scn`), "utf8");
    const outputFile = join(casesDirectory, `${name}.output.scn`);
    const formatted = await format(input, { filepath: `${name}.input.scn` });
    expectGolden(outputFile, formatted, { testFile: "packages/prettier-plugin/test/cases.test.ts" });
    await expectFormatProperties(input, `${name}.input.scn`);
  });
});
