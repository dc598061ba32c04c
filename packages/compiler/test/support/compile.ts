/**
 * The tests' ways into the driver (src/pipeline.ts), so that every test
 * compiles the way `scn build` does: a checked program (from a property
 * test's generator, say) compiled without the analysis the generator does
 * not need, its lowering, or its analysis findings.
 */
import type { CheckedProgram, Diagnostic } from "@scn/language";
import { compileChecked, completeLowering, lowerProgram, type AnalysisOptions, type CompiledProgram, type LoweredDecision, type LoweringLimits } from "../../src/index.js";

/** Compiles a checked program; fails the test when it cannot be compiled. */
export function compiledProgram(program: CheckedProgram): CompiledProgram {
  const compilation = compileChecked(program, { analyze: false });
  if (compilation.compiled === null) throw new Error(`the program cannot be compiled: ${compilation.diagnostics.map((d) => `${d.code} ${d.message}`).join("; ")}`);
  return compilation.compiled;
}

/** Every decision's rows, as lowered; fails the test when some decision cannot be lowered. */
export function loweredDecisions(program: CheckedProgram, limits: LoweringLimits = {}): readonly LoweredDecision[] {
  const lowering = lowerProgram(program, limits);
  const complete = completeLowering(lowering.value);
  if (complete === null) throw new Error(`the program cannot be lowered: ${lowering.diagnostics.map((d) => d.message).join("; ")}`);
  return complete.decisions;
}

/** What lowering and analysis report on a checked program, sorted by place. */
export function analysisFindings(program: CheckedProgram, limits: LoweringLimits & AnalysisOptions = {}): readonly Diagnostic[] {
  return compileChecked(program, { stopAfter: "analyze", limits }).diagnostics;
}
