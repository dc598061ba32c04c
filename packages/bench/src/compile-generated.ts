/**
 * Compiles a generated program in memory through the same stages `scn build`
 * runs, timing each: parse + check, exact analysis, and compilation (lower,
 * prune, optimize, index) plus emission.
 */
import { checkSources, hasErrors, type CheckedProgram } from "@scn/language";
import { analyzeProgram, compileProgram, emitJs, emitJson, type CompiledProgram } from "@scn/compiler";
import { generateProgram } from "./generate-program.js";

export interface CompiledGenerated {
  readonly program: CheckedProgram;
  readonly compiled: CompiledProgram;
  readonly json: string;
  readonly js: string;
  readonly millis: { readonly check: number; readonly analysis: number | null; readonly compile: number; readonly emit: number };
}

function since(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export function compileGenerated(scenarios: number, options: { analyze: boolean }): CompiledGenerated {
  const source = generateProgram(scenarios);
  let start = process.hrtime.bigint();
  const front = checkSources([{ path: `generated-${scenarios}.scn`, text: source }]);
  const check = since(start);
  if (hasErrors(front.diagnostics)) {
    const first = front.diagnostics.find((d) => d.severity === "error");
    throw new Error(`the generated program of ${scenarios} scenarios has errors: ${first?.code} ${first?.message}`);
  }
  let analysis: number | null = null;
  if (options.analyze) {
    start = process.hrtime.bigint();
    const findings = analyzeProgram(front.value);
    analysis = since(start);
    const error = findings.find((d) => d.severity === "error");
    if (error) throw new Error(`the generated program of ${scenarios} scenarios has an analysis error: ${error.code} ${error.message}`);
  }
  start = process.hrtime.bigint();
  const compiled = compileProgram(front.value, { sources: [`generated-${scenarios}.scn`] });
  const compile = since(start);
  start = process.hrtime.bigint();
  const json = emitJson(compiled.bundle);
  const js = emitJs(compiled.bundle);
  const emit = since(start);
  return { program: front.value, compiled, json, js, millis: { check, analysis, compile, emit } };
}
