/**
 * The JS module's compact tables (src/emit/js-table-data.ts): the decoder
 * the module runs at import gives back the bundle's encoding field for
 * field, for the tables of random programs and of every example, so the
 * module's walker walks exactly what the JSON runtime walks.
 */
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { encodeDecision, type Bundle, type EncodedTable } from "@scn/runtime";
import { readBundle } from "@scn/runtime";
import { compactTable, TABLE_DECODER_SOURCE } from "../src/emit/js-table-data.js";
import { arbitraryProgram } from "./arbitrary/index.js";
import { compiledProgram } from "./support/compile.js";
import { EXAMPLE_PROJECTS, exampleBundleAndVectors } from "./support/examples.js";

const decode = runInNewContext(`${TABLE_DECODER_SOURCE}\n$table`) as (table: unknown) => Omit<EncodedTable, "src">;

/** Compacts, writes and parses (as the module does), decodes, and compares with the table. */
function expectRoundTrip(bundle: Bundle): void {
  for (const name of Object.keys(bundle.decisions)) {
    const { src: _src, ...encoded } = encodeDecision(bundle.decisions[name]!);
    const compact = compactTable(encoded);
    const decoded = decode(JSON.parse(JSON.stringify(compact)));
    expect(JSON.parse(JSON.stringify(decoded))).toEqual(JSON.parse(JSON.stringify(encoded)));
  }
}

describe("the module's compact tables", () => {
  it("decode to the bundle's encoding for random programs", () => {
    fc.assert(
      fc.property(arbitraryProgram(), (program) => expectRoundTrip(compiledProgram(program).bundle)),
      { numRuns: 60 },
    );
  });

  it.each(EXAMPLE_PROJECTS)("decode to the bundle's encoding for examples/%s, and are smaller", (project) => {
    const bundle = readBundle(exampleBundleAndVectors(project).bundleJson).value!;
    expectRoundTrip(bundle);
    for (const table of Object.values(bundle.decisions)) {
      const { src: _src, ...encoded } = encodeDecision(table);
      expect(JSON.stringify(compactTable(encoded)).length).toBeLessThan(JSON.stringify(encoded).length);
    }
  });

  it("write children as distances back and leaf rows as differences", () => {
    // Node 0: a leaf of rows 1 and 4; node 1: a leaf of row 2; node 2: a union of both; root 2.
    const table = { literals: [], tests: [], lists: [], rows: [0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 2, 0, 0], rowTests: [], nodes: [0, 2, 1, 4, 0, 1, 2, 4, 2, 0, 1], root: 2 };
    const compact = compactTable(table);
    expect(compact.nodes).toEqual([0, 2, 1, 3, 0, 1, 2, 4, 2, 2, 1]);
    expect(compact.rows).toEqual([0, 0, 0, 0, 1, 0, 0, 0, 1, 0]);
    expect(decode(JSON.parse(JSON.stringify(compact)))).toEqual(table);
  });
});
