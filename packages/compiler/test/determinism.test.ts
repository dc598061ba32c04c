/**
 * Builds are byte-identical whatever order the source files are read in
 * (docs/bundle-format.md#hash-and-determinism): every example project compiled from shuffled
 * file lists gives the same JSON bundle, JS modules, declarations and vectors.
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { compile } from "../src/pipeline.js";

const examples = new URL("../../../examples/", import.meta.url);
const projects = readdirSync(examples, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

function sourcesOf(project: string): { path: string; text: string }[] {
  const directory = new URL(`${project}/`, examples);
  return readdirSync(directory)
    .filter((name) => name.endsWith(".scn"))
    .map((name) => ({ path: name, text: readFileSync(new URL(name, directory), "utf8") }));
}

function build(files: readonly { path: string; text: string }[]): string[] {
  const compilation = compile(files, { analyze: false, targets: ["json", "js", "cjs", "dts", "vectors"] });
  expect(compilation.ok).toBe(true);
  return compilation.artifacts.map((artifact) => artifact.text);
}

describe("determinism", () => {
  it.each(projects)("examples/%s builds to the same bytes from any file order", (project) => {
    const files = sourcesOf(project);
    const reference = build(files);
    fc.assert(
      fc.property(fc.shuffledSubarray(files, { minLength: files.length, maxLength: files.length }), (shuffled) => {
        expect(build(shuffled)).toEqual(reference);
      }),
      { numRuns: 4 },
    );
    // No timestamps or absolute paths in any artifact.
    for (const artifact of reference) {
      expect(artifact).not.toContain(process.cwd());
      expect(artifact).not.toMatch(/20\d\d-\d\d-\d\dT\d\d:/);
    }
  });
});
