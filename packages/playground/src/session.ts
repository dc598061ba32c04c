/**
 * One compilation of the playground's program, exactly as `scn build` does
 * it: the driver (`compile` from @scn/compiler, every stage, analysis
 * included) emits the JSON bundle, and the runtime loads it to answer and
 * explain decisions, as `scn eval --explain` does. Nothing here touches the
 * page, so the tests and the benchmark can run it as it runs in the browser.
 */
import { compile } from "@scn/compiler";
import { renderPretty, type Diagnostic } from "@scn/language";
import { loadBundle, type Explanation, type Runtime } from "@scn/runtime";

/** The file name the playground's one buffer has in diagnostics and traces. */
export const FILE = "playground.scn";

export interface Compiled {
  readonly diagnostics: readonly Diagnostic[];
  /** The diagnostics as `scn check` prints them: code frames with carets under the exact text. */
  readonly report: string;
  /** The program's decisions, in declaration order (also with errors, as far as the checker got). */
  readonly decisions: readonly string[];
  /** The loaded bundle; null when the program has errors. */
  readonly runtime: Runtime | null;
  /** Wall-clock milliseconds the compilation took. */
  readonly millis: number;
}

export function compileSource(source: string, today: string): Compiled {
  const start = performance.now();
  const compilation = compile([{ path: FILE, text: source }], { today, targets: ["json"] });
  const json = compilation.artifacts.find((a) => a.target === "json");
  const runtime = compilation.ok && json !== undefined ? loadBundle(json.text) : null;
  const millis = performance.now() - start;
  const report = compilation.diagnostics.length === 0 ? "" : renderPretty(compilation.diagnostics, () => source, 1, { color: false });
  return { diagnostics: compilation.diagnostics, report, decisions: compilation.program.decisions.map((d) => d.name), runtime, millis };
}

export type Evaluation =
  | { readonly kind: "answer"; readonly explanation: Explanation; readonly text: string }
  | { readonly kind: "problem"; readonly message: string };

/** Answers `decision` for the context given as JSON text, with the trace in words. */
export function evaluate(compiled: Compiled, decision: string, contextText: string): Evaluation {
  if (compiled.runtime === null) return { kind: "problem", message: "Fix the errors in the program to see answers." };
  let context: unknown;
  try {
    context = JSON.parse(contextText);
  } catch (error) {
    return { kind: "problem", message: `The context is not valid JSON: ${(error as Error).message}` };
  }
  if (!compiled.runtime.decisions.includes(decision)) return { kind: "problem", message: `Choose a decision: ${compiled.runtime.decisions.join(", ")}.` };
  const explanation = compiled.runtime.explain(decision, context);
  const problems = compiled.runtime.validateContext(context);
  return { kind: "answer", explanation, text: explanationText(explanation, problems.map((p) => `${p.path || "(the context)"}: ${p.message}`)) };
}

/** The trace in words: the rows tried in first-hit order, why each failed, and the one that answered. */
export function explanationText(explanation: Explanation, problems: readonly string[]): string {
  const lines: string[] = [];
  const verdict =
    explanation.reason === "scenario" ? `rule ${explanation.rule}` : explanation.reason === "default" ? "the decision's default (no scenario applies)" : "no answer (no scenario applies and there is no default)";
  lines.push(`Answer: ${verdict}`);
  for (const trial of explanation.trace.tried) {
    const where = `${trial.source.file}:${trial.source.line}`;
    if (trial.matched) lines.push(`  ✓ ${trial.rule}  (${where}) every test holds`);
    else if (trial.failed !== null) lines.push(`  ✗ ${trial.rule}  (${where}) ${trial.failed.column} is ${trial.failed.actual}`);
  }
  if (Object.keys(explanation.consent).length > 0) {
    lines.push(`Consent: ${Object.entries(explanation.consent).map(([gate, given]) => `${gate} ${given ? "given" : "not given"}`).join(", ")}`);
  }
  if (problems.length > 0) lines.push("Strict mode would reject this context:", ...problems.map((p) => `  ${p}`));
  return lines.join("\n");
}
