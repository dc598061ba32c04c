/**
 * Golden cases: each `cases/NAME.input.scn` formats to `cases/NAME.output.scn`,
 * and the output is already formatted. Run with `SCN_UPDATE_GOLDENS=1` to
 * rewrite the outputs, then read the diff.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { expectFormatProperties } from "./support/format-properties.js";
import { format } from "./support/format.js";

const casesDirectory = fileURLToPath(new URL("./cases/", import.meta.url));
const update = process.env["SCN_UPDATE_GOLDENS"] === "1";

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
    if (update) writeFileSync(outputFile, formatted);
    expect(existsSync(outputFile), `${name}.output.scn exists (run with SCN_UPDATE_GOLDENS=1)`).toBe(true);
    expect(formatted).toBe(readFileSync(outputFile, "utf8"));
    await expectFormatProperties(input, `${name}.input.scn`);
  });
});
