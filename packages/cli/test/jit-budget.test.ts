/**
 * The inlining budget the compiling commands give V8 (src/jit-budget.ts):
 * set unless node was given the flag itself, on its command line or in
 * NODE_OPTIONS, so that V8's default can still be measured against.
 */
import { describe, expect, it } from "vitest";
import { INLINING_BUDGET, inliningFlag } from "../src/jit-budget.js";

describe("the inlining budget", () => {
  it("is set when node was given no budget of its own", () => {
    expect(inliningFlag([], undefined)).toBe(`--max-inlined-bytecode-size-cumulative=${INLINING_BUDGET}`);
    expect(inliningFlag(["--enable-source-maps"], "--max-old-space-size=4096")).toBe(`--max-inlined-bytecode-size-cumulative=${INLINING_BUDGET}`);
  });

  it("leaves a budget given to node alone, however it is spelled", () => {
    expect(inliningFlag(["--max-inlined-bytecode-size-cumulative=920"], undefined)).toBeNull();
    expect(inliningFlag([], "--max_inlined_bytecode_size_cumulative=920")).toBeNull();
    expect(inliningFlag([], " --enable-source-maps  --max-inlined-bytecode-size-cumulative=500 ")).toBeNull();
  });
});
