/**
 * A bundle lists its sources sorted, and every row's `src` names its file
 * by its place in that list (docs/bundle-format.md#hash-and-determinism),
 * whatever order the files were read in: assembly keeps a row as the
 * optimizer built it only where the file's number does not change.
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { DecisionTable } from "@scn/runtime";
import { compile } from "../src/pipeline.js";
import { assembleBundle } from "../src/bundle/assemble.js";
import { completeLowering, lowerProgram } from "../src/lower/lower.js";
import { optimizeProgram } from "../src/optimize/optimize.js";

const retail = new URL("../../../examples/retail/", import.meta.url);
const files = readdirSync(retail)
  .filter((name) => name.endsWith(".scn"))
  .sort()
  .map((name) => ({ path: name, text: readFileSync(new URL(name, retail), "utf8") }));

describe("assembly's source positions", () => {
  // The checker lists the files sorted by path; naming them otherwise (as
  // `scn build` names them relative to the project) can sort them in
  // another order, so that each row's file changes its number.
  it.each([
    ["in the same order", (path: string) => `src/${path}`],
    ["in reverse order", (path: string) => `src/${String(100 - files.findIndex((f) => f.path === path)).padStart(3, "0")}-${path}`],
  ])("name each row's file by its place in the sorted sources, names sorting %s", (_, rename) => {
    const compilation = compile(files, { analyze: false });
    const program = compilation.program;
    const lowered = lowerProgram(program, {}).value;
    const optimized = optimizeProgram(completeLowering(lowered)!);
    const names = program.files.map((path) => rename(path));
    const bundle = assembleBundle(program, optimized, { sources: names }).bundle;
    expect(bundle.sources).toEqual([...names].sort());
    let rows = 0;
    for (const table of Object.values(bundle.decisions) as DecisionTable[]) {
      for (const row of table.rows) {
        rows++;
        const [file, line] = row.src;
        const named = names.indexOf(bundle.sources[file]!);
        // The row's line is in the file it names: a pathway or variation of a scenario declared there.
        expect(files.find((f) => f.path === program.files[named])!.text.split("\n")[line - 1]).toMatch(/\b(pathway|variation)\b/);
      }
    }
    expect(rows).toBeGreaterThan(0);
  });
});
