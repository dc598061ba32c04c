/**
 * The inlining budget the compiling commands give V8 (src/jit-budget.ts):
 * set unless node was given the flag itself, on its command line or in
 * NODE_OPTIONS, so that V8's default can still be measured against.
 */
import { describe, expect, it } from "vitest";
import { INLINING_BUDGET, inliningFlag, TIERING_BUDGET, TIERING_SOURCES, tieringFlag } from "../src/jit-budget.js";

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

describe("the tiering budget", () => {
  it("is set for programs up to TIERING_SOURCES characters and left at V8's default past them", () => {
    expect(tieringFlag(0, [], undefined)).toBe(`--interrupt-budget=${TIERING_BUDGET}`);
    expect(tieringFlag(TIERING_SOURCES, [], undefined)).toBe(`--interrupt-budget=${TIERING_BUDGET}`);
    expect(tieringFlag(TIERING_SOURCES + 1, [], undefined)).toBeNull();
  });

  it("leaves a budget given to node alone, however it is spelled, and only that flag", () => {
    expect(tieringFlag(1000, ["--interrupt-budget=67584"], undefined)).toBeNull();
    expect(tieringFlag(1000, ["--interrupt-budget", "67584"], undefined)).toBeNull();
    expect(tieringFlag(1000, [], "--interrupt_budget=67584")).toBeNull();
    // A different flag that begins with the same words is not a budget.
    expect(tieringFlag(1000, ["--interrupt-budget-for-feedback-allocation=940"], undefined)).toBe(`--interrupt-budget=${TIERING_BUDGET}`);
  });
});
