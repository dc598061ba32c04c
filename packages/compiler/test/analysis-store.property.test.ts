/**
 * The store of scenario findings the language server keeps between analyses
 * (src/analysis/scenario-findings.ts) never changes what the analysis
 * reports: a random program and versions of it edited the ways an editor
 * edits (a priority changed, a scenario's pathways reordered, everything
 * moved down by inserted lines, a segment's condition replaced) are
 * analyzed one after another with one store, and each gives exactly the
 * findings of an analysis without it.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CheckedProgram, CheckedScenario, Span } from "@scn/language";
import { analyzeProgramInSteps, lowerProgram, ScenarioFindingsStore, type AnalysisOptions } from "../src/index.js";
import { analysisFindings } from "./support/compile.js";
import { arbitraryProgram } from "./arbitrary/index.js";

function isSpan(value: object): value is Span {
  return "file" in value && "start" in value && "end" in value;
}

/** A copy of `value` with every span moved down by `lines` lines of `width` characters. */
function movedDown<T>(value: T, lines: number, width: number): T {
  const visit = (item: unknown): unknown => {
    if (item === null || typeof item !== "object") return item;
    if (Array.isArray(item)) return item.map(visit);
    if (isSpan(item)) {
      const move = (p: Span["start"]) => ({ offset: p.offset + lines * width, line: p.line + lines, column: p.column });
      return { file: item.file, start: move(item.start), end: move(item.end) };
    }
    return Object.fromEntries(Object.entries(item).map(([key, inner]) => [key, visit(inner)]));
  };
  return visit(value) as T;
}

function withScenario(program: CheckedProgram, index: number, change: (scenario: CheckedScenario) => CheckedScenario): CheckedProgram {
  if (program.scenarios.length === 0) return program;
  const at = index % program.scenarios.length;
  return { ...program, scenarios: program.scenarios.map((s, i) => (i === at ? change(s) : s)) };
}

type Edit = (program: CheckedProgram) => CheckedProgram;

const arbitraryEdit: fc.Arbitrary<Edit> = fc.oneof(
  fc.tuple(fc.nat(), fc.integer({ min: 0, max: 3 })).map(([i, priority]): Edit => (p) => withScenario(p, i, (s) => ({ ...s, priority }))),
  fc.nat().map((i): Edit => (p) => withScenario(p, i, (s) => ({ ...s, pathways: [...s.pathways].reverse() }))),
  fc.integer({ min: 1, max: 5 }).map((lines): Edit => (p) => movedDown(p, lines, 17)),
  fc.nat().map((i): Edit => (p) => {
    if (p.segments.length === 0) return p;
    const at = i % p.segments.length;
    return { ...p, segments: p.segments.map((g, k) => (k === at ? { ...g, condition: { kind: "false" } } : g)) };
  }),
);

/** The analysis's findings with the store, run step by step as the language server runs it. */
function storedFindings(program: CheckedProgram, store: ScenarioFindingsStore): readonly unknown[] {
  const lowering = lowerProgram(program);
  const options: AnalysisOptions = { store };
  const steps = analyzeProgramInSteps(program, lowering.value, options);
  for (;;) {
    const step = steps.next();
    if (step.done) {
      store.sweep();
      return [...lowering.diagnostics, ...step.value.diagnostics];
    }
  }
}

describe("the store of scenario findings", () => {
  it("gives the findings of an analysis without it, over a sequence of edited versions", () => {
    let reused = 0;
    fc.assert(
      fc.property(arbitraryProgram(), fc.array(arbitraryEdit, { minLength: 1, maxLength: 4 }), (program, edits) => {
        const store = new ScenarioFindingsStore();
        let version = program;
        for (const edit of [(p: CheckedProgram) => p, ...edits]) {
          version = edit(version);
          const sorted = (findings: readonly unknown[]) => JSON.stringify([...findings].map((d) => JSON.stringify(d)).sort());
          expect(sorted(storedFindings(version, store))).toBe(sorted(analysisFindings(version)));
        }
        reused += store.counts.reused;
      }),
      { numRuns: 60 },
    );
    // The property is only meaningful if findings were in fact taken from the store.
    expect(reused).toBeGreaterThan(0);
  });
});
