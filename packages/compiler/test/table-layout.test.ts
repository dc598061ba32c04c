/**
 * The table layout (packages/runtime/src/table-layout.ts): the file's form
 * of a table, as `fileTable` writes it, is laid out by `$walkerTable` into
 * exactly the encoding `encodeTable` gives (node numbers and absolute rows,
 * which the runtime's checks read), for random programs and every example;
 * and the file's form is the smaller.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { $walkerTable, encodeTable, fileTable, type Bundle, type LaidOutTable } from "@scn/runtime";
import { readBundle } from "@scn/runtime";
import { arbitraryProgram } from "./arbitrary/index.js";
import { compiledProgram } from "./support/compile.js";
import { EXAMPLE_PROJECTS, exampleBundleAndVectors } from "./support/examples.js";

const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

/** Writes each table in the file's form, parses it (as a reader does), lays it out, and compares with `encodeTable`'s encoding. */
function expectRoundTrip(bundle: Bundle): void {
  for (const name of Object.keys(bundle.decisions)) {
    const table = bundle.decisions[name]!;
    const walker = encodeTable(table);
    const { src: _src, ...file } = plain(fileTable(walker, table.rows.flatMap((row) => row.src))) as LaidOutTable & { src: number[] };
    expect(plain($walkerTable(file))).toEqual(plain(walker));
  }
}

describe("the table layout", () => {
  it("gives encodeTable's encoding back for random programs", () => {
    fc.assert(
      fc.property(arbitraryProgram(), (program) => expectRoundTrip(compiledProgram(program).bundle)),
      { numRuns: 60 },
    );
  });

  it.each(EXAMPLE_PROJECTS)("gives encodeTable's encoding back for examples/%s, from a smaller file form", (project) => {
    const bundle = readBundle(exampleBundleAndVectors(project).bundleJson).value!;
    expectRoundTrip(bundle);
    for (const table of Object.values(bundle.decisions)) {
      const walker = encodeTable(table);
      const { src: _src, ...file } = fileTable(walker, table.rows.flatMap((row) => row.src));
      expect(JSON.stringify(file).length).toBeLessThan(JSON.stringify(walker).length);
    }
  });

  it("leaves a node it cannot measure, and every node after it, as the file wrote it, for the checks to report", () => {
    const table = (nodes: number[]) => ({ literals: [], tests: [], lists: [], rows: [], rowTests: [], nodes, root: 0 });
    // Node 0, a leaf of rows 2 and 3 (written 2, 1), then a switch or a union whose count is negative, an unknown kind, a test running past the end.
    for (const rest of [[1, 0, 7, 7, -1, 0, 1, 1], [4, -1, 5, 6, 0, 1, 1], [4, -3, 5, 0, 1, 1], [9, 1, 1, 0, 1, 1], [3, 0, 1]]) {
      expect($walkerTable(table([0, 2, 2, 1, ...rest])).nodes).toEqual([0, 2, 2, 3, ...rest]);
    }
  });

  it("writes children as distances back, leaf rows as differences, rows as outcome differences and test counts, lines as differences", () => {
    // Node 0: a leaf of rows 1 and 4; node 1: a leaf of row 2; node 2: a union of both; root 2.
    const walker = { literals: [], tests: [], lists: [], rows: [0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 2, 0, 0], rowTests: [], nodes: [0, 2, 1, 4, 0, 1, 2, 4, 2, 0, 1], root: 2 };
    const file = fileTable(walker, [0, 10, 3, 0, 12, 3, 0, 9, 5, 0, 40, 5, 0, 41, 5]);
    expect(file.nodes).toEqual([0, 2, 1, 3, 0, 1, 2, 4, 2, 2, 1]);
    expect(file.rows).toEqual([0, 0, 0, 0, 1, 0, 0, 0, 1, 0]);
    expect(file.src).toEqual([0, 10, 3, 0, 2, 3, 0, -3, 5, 0, 31, 5, 0, 1, 5]);
    expect($walkerTable(file)).toEqual(walker);
  });
});
