/**
 * The repository's example projects as tests use them: their names, and each
 * one's bundle and conformance vectors compiled as `scn build` writes them
 * (without the analysis, which these tests do not need).
 */
import { readdirSync, readFileSync } from "node:fs";
import { expect } from "vitest";
import { compile } from "../../src/pipeline.js";

const EXAMPLES = new URL("../../../../examples/", import.meta.url);

/** Every directory of examples/ that holds `.scn` files, sorted by name. */
export const EXAMPLE_PROJECTS: readonly string[] = readdirSync(EXAMPLES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && readdirSync(new URL(`${entry.name}/`, EXAMPLES)).some((name) => name.endsWith(".scn")))
  .map((entry) => entry.name)
  .sort();

/** The bundle and vectors of `examples/<project>`; the test fails when the project does not compile. */
export function exampleBundleAndVectors(project: string): { bundleJson: string; vectorsJson: string } {
  const directory = new URL(`${project}/`, EXAMPLES);
  const files = readdirSync(directory)
    .filter((name) => name.endsWith(".scn"))
    .map((name) => ({ path: name, text: readFileSync(new URL(name, directory), "utf8") }));
  const compilation = compile(files, { analyze: false, targets: ["json", "vectors"] });
  expect(compilation.ok).toBe(true);
  const [bundleJson, vectorsJson] = compilation.artifacts.map((artifact) => artifact.text) as [string, string];
  return { bundleJson, vectorsJson };
}
