/**
 * Baselines of what `scn build` writes for each example: the JSON bundle,
 * the JS module and its type declarations, committed under
 * test/baselines/<example>/ and compared byte for byte. A change to the
 * index, the bundle format or an emitter shows up here as a diff that a
 * reviewer reads, and a change that should not move the output (a refactor)
 * proves it does not.
 *
 * The build runs through the CLI in-process, exactly as a user runs it.
 * Test vectors are left out: they are derived from the bundle and tested by
 * every example's own run.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { runMain, type CliIO } from "../packages/cli/src/index.js";
import { expectGolden } from "./support/golden.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const EXAMPLES = join(ROOT, "examples");
const BASELINES = fileURLToPath(new URL("./baselines/", import.meta.url));

/** The outputs kept as baselines, by file-name suffix. */
const BASELINE_SUFFIXES = [".scn.json", ".mjs", ".d.mts"];

const HINT =
  "an example's build output changed; a change to the bundle format, the index or an emitter is expected to move it, " +
  "anything else (a refactor, a message) must not";

/** Examples are the folders of examples/ with a project config. */
const examples = readdirSync(EXAMPLES)
  .filter((name) => statSync(join(EXAMPLES, name)).isDirectory())
  .filter((name) => readdirSync(join(EXAMPLES, name)).includes("scn.config.json"))
  .sort();

const scratch = mkdtempSync(join(tmpdir(), "scn-baselines-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function build(example: string): Promise<string> {
  const out = join(scratch, example);
  let stderr = "";
  const io: CliIO = { stdout: () => undefined, stderr: (text) => (stderr += text), cwd: ROOT, color: false };
  const code = await runMain(["build", join("examples", example), "-o", out], io);
  expect(stderr).toBe("");
  expect(code).toBe(0);
  return out;
}

describe("example build baselines", () => {
  it("finds the examples", () => {
    expect(examples.length).toBeGreaterThanOrEqual(3);
  });

  it.each(examples)("%s", async (example) => {
    const out = await build(example);
    const written = readdirSync(out).filter((name) => BASELINE_SUFFIXES.some((suffix) => name.endsWith(suffix))).sort();
    expect(written.length).toBe(BASELINE_SUFFIXES.length);
    for (const name of written) {
      expectGolden(join(BASELINES, example, name), readFileSync(join(out, name), "utf8"), { testFile: "test/baselines.test.ts", hint: HINT });
    }
    // A baseline whose output is no longer written would go stale unnoticed.
    const committed = (() => {
      try {
        return readdirSync(join(BASELINES, example)).sort();
      } catch {
        return [];
      }
    })();
    expect(committed).toEqual(written);
  });
});
