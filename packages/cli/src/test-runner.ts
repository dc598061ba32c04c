/**
 * Runs a program's `test` blocks against its compiled bundle, through both
 * the JSON runtime and the generated JS module (imported from a data: URL,
 * so nothing is written to disk). An expectation passes only when both
 * runtimes agree and match it; a disagreement between runtimes is reported
 * as a failure too, since it would be a compiler bug users must not ship.
 */
import { isDeepStrictEqual } from "node:util";
import type { CheckedExpectation, CheckedProgram, CheckedTest, JsonValue } from "@scn/language";
import { emitJs, type CompiledProgram } from "@scn/compiler";
import { loadBundle, type Answer, type Explanation, type Runtime } from "@scn/runtime";

export interface ExpectationResult {
  readonly expectation: CheckedExpectation;
  readonly passed: boolean;
  readonly json: Answer;
  readonly js: Answer;
  /** Why it failed, in one line; empty when it passed. */
  readonly problem: string;
  readonly explanation: Explanation;
}

export interface TestResult {
  readonly test: CheckedTest;
  readonly expectations: readonly ExpectationResult[];
  readonly passed: boolean;
}

export interface TestRun {
  readonly results: readonly TestResult[];
  /** Per decision, the indexes of rows some test's context reached. */
  readonly exercised: ReadonlyMap<string, ReadonlySet<number>>;
  readonly runtime: Runtime;
}

interface JsModule {
  decide(decision: string, context: unknown): Answer;
}

/** Deep partial match: every field the expectation names has the expected value. */
export function matchesPartially(expected: JsonValue, actual: unknown): boolean {
  if (expected !== null && typeof expected === "object" && !Array.isArray(expected)) {
    if (actual === null || typeof actual !== "object" || Array.isArray(actual)) return false;
    return Object.entries(expected).every(([key, value]) => Object.hasOwn(actual, key) && matchesPartially(value, (actual as Record<string, unknown>)[key]));
  }
  return isDeepStrictEqual(expected, actual);
}

function describeAnswer(answer: Answer): string {
  if (answer.reason === "scenario") return `rule ${answer.rule}`;
  return answer.reason === "default" ? "the default" : "no answer (none)";
}

function judge(expectation: CheckedExpectation, answer: Answer): string {
  switch (expectation.kind) {
    case "rule":
      return answer.reason === "scenario" && answer.rule === expectation.rule ? "" : `expected rule ${expectation.rule}, got ${describeAnswer(answer)}`;
    case "default":
      return answer.reason === "default" ? "" : `expected the default, got ${describeAnswer(answer)}`;
    case "none":
      return answer.reason === "none" ? "" : `expected no answer (none), got ${describeAnswer(answer)}`;
    case "output":
      return matchesPartially(expectation.output, answer.output)
        ? ""
        : `expected the output to include ${JSON.stringify(expectation.output)}, got ${JSON.stringify(answer.output)} (${describeAnswer(answer)})`;
    case "arm":
      return (answer.experiment?.arm ?? null) === expectation.arm
        ? ""
        : `expected ${expectation.arm === null ? "no experiment" : `the arm ${expectation.arm}`}, got ${answer.experiment ? `the arm ${answer.experiment.arm} of ${answer.experiment.name}` : "no experiment"} (${describeAnswer(answer)})`;
  }
}

/**
 * Imports the program's JS module. A module that cannot be imported, or
 * that lacks `decide`, is a bug in the compiler: it throws, so `scn test`
 * fails loudly (exit 3) instead of reporting tests it never ran.
 */
export async function loadJsModule(compiled: CompiledProgram): Promise<JsModule> {
  const source = emitJs(compiled.bundle);
  let module: unknown;
  try {
    module = await import(`data:text/javascript;base64,${Buffer.from(source).toString("base64")}`);
  } catch (error) {
    throw new Error(`the generated JS module could not be imported: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof (module as Partial<JsModule>).decide !== "function") throw new Error("the generated JS module does not export `decide`");
  return module as JsModule;
}

export async function runTests(program: CheckedProgram, compiled: CompiledProgram): Promise<TestRun> {
  const runtime = loadBundle(compiled.bundle);
  const module = await loadJsModule(compiled);
  const exercised = new Map<string, Set<number>>(runtime.decisions.map((d) => [d, new Set<number>()]));
  const results: TestResult[] = [];
  for (const test of program.tests) {
    const expectations: ExpectationResult[] = [];
    for (const expectation of test.expectations) {
      const explanation = runtime.explain(expectation.decision, test.given);
      const json = runtime.decide(expectation.decision, test.given);
      const js = module.decide(expectation.decision, test.given);
      if (explanation.trace.row !== null) exercised.get(expectation.decision)?.add(explanation.trace.row);
      let problem = judge(expectation, json);
      if (problem === "" && !isDeepStrictEqual(json, js)) {
        problem = `the JS module answered differently from the JSON runtime: ${JSON.stringify(js)}`;
      }
      expectations.push({ expectation, passed: problem === "", json, js, problem, explanation });
    }
    results.push({ test, expectations, passed: expectations.every((e) => e.passed) });
  }
  return { results, exercised, runtime };
}
