/**
 * The playground's compilation, in two steps so that a keystroke costs
 * little however large the program (docs/report.md#the-playground):
 *
 * - `check`, after every keystroke: the declaration the edit touched is
 *   parsed again (the others keep their trees) and the program is checked,
 *   which gives the syntax, name, type and hygiene diagnostics; when there
 *   is no error, answers come from the reference interpreter, which the
 *   compiled tables are proved to agree with.
 * - `complete`, once typing pauses: the rest of the driver, exactly as
 *   `scn build` runs it (lowering, the exact analysis, optimization, the JSON
 *   bundle), and the runtime loads the bundle to answer and explain
 *   decisions as `scn eval --explain` does.
 *
 * Nothing here touches the page, so the tests and the benchmark run it as
 * it runs in the browser.
 */
import { compileChecked, interpret } from "@scn/compiler";
import { checkProgram, hasErrors, parseFile, renderPretty, reparseIncrementally, sortDiagnostics, type CheckedProgram, type Diagnostic, type PreviousParse, type SourceFile } from "@scn/language";
import { loadBundle, type Answer, type Explanation, type Runtime } from "@scn/runtime";

/** The file name the playground's one buffer has in diagnostics and traces. */
export const FILE = "playground.scn";

export interface Compiled {
  readonly source: string;
  readonly diagnostics: readonly Diagnostic[];
  /** The diagnostics as `scn check` prints them: code frames with carets under the exact text. */
  readonly report: string;
  /** The program's decisions, in declaration order (also with errors, as far as the checker got). */
  readonly decisions: readonly string[];
  /** The checked program when it has no error (answers come from the interpreter until the bundle is loaded), else null. */
  readonly program: CheckedProgram | null;
  /** The loaded bundle; null when the program has errors or the compilation is not complete yet. */
  readonly runtime: Runtime | null;
  /** True once the whole driver ran: the analysis findings are in `diagnostics` and the bundle (if no error) in `runtime`. */
  readonly complete: boolean;
  /** Wall-clock milliseconds this step took. */
  readonly millis: number;
}

export class Session {
  /** The last parse without a diagnostic: what the next edit may be parsed against. */
  private previous: PreviousParse | undefined;

  constructor(private readonly today: string) {}

  /** Parses what changed and checks the program: the keystroke's step. */
  check(source: string): Compiled {
    const start = performance.now();
    const reused = this.previous ? reparseIncrementally(this.previous, source) : undefined;
    const parsed: { value: SourceFile; diagnostics: readonly Diagnostic[] } = reused ? { value: reused.tree, diagnostics: [] } : parseFile(source, FILE);
    if (parsed.diagnostics.length === 0) this.previous = { text: source, tree: parsed.value };
    const checked = checkProgram({ files: [parsed.value] }, { today: this.today });
    // As the driver does: on a tree with syntax errors the checker's findings would mostly echo them.
    const front = sortDiagnostics([...parsed.diagnostics, ...(hasErrors(parsed.diagnostics) ? [] : checked.diagnostics)]);
    const ok = !hasErrors(front);
    return finish(source, front, checked.value, ok ? checked.value : null, null, false, start);
  }

  /** The rest of the driver on a program `check` accepted; a program with errors is complete as it is. */
  complete(checked: Compiled): Compiled {
    if (checked.complete || checked.program === null) return { ...checked, complete: true };
    const start = performance.now();
    const compilation = compileChecked(checked.program, { today: this.today, targets: ["json"] }, checked.diagnostics);
    const json = compilation.artifacts.find((a) => a.target === "json");
    const runtime = compilation.ok && json !== undefined ? loadBundle(json.text) : null;
    return finish(checked.source, compilation.diagnostics, checked.program, compilation.ok ? checked.program : null, runtime, true, start);
  }
}

function finish(source: string, diagnostics: readonly Diagnostic[], program: CheckedProgram, answering: CheckedProgram | null, runtime: Runtime | null, complete: boolean, start: number): Compiled {
  const report = diagnostics.length === 0 ? "" : renderPretty(diagnostics, () => source, 1, { color: false });
  const decisions = program.decisions.map((d) => d.name);
  return { source, diagnostics, report, decisions, program: answering, runtime, complete, millis: performance.now() - start };
}

/** Both steps at once: what loading an example or a share link does. */
export function compileSource(source: string, today: string): Compiled {
  const session = new Session(today);
  const checked = session.check(source);
  const complete = session.complete(checked);
  return { ...complete, millis: checked.millis + complete.millis };
}

export type Evaluation =
  | { readonly kind: "answer"; readonly answer: Answer; readonly explanation: Explanation | null; readonly text: string }
  | { readonly kind: "problem"; readonly message: string };

/** Answers `decision` for the context given as JSON text, with the trace in words once the bundle is loaded. */
export function evaluate(compiled: Compiled, decision: string, contextText: string): Evaluation {
  if (compiled.program === null) return { kind: "problem", message: "Fix the errors in the program to see answers." };
  let context: unknown;
  try {
    context = JSON.parse(contextText);
  } catch (error) {
    return { kind: "problem", message: `The context is not valid JSON: ${(error as Error).message}` };
  }
  if (!compiled.decisions.includes(decision)) return { kind: "problem", message: `Choose a decision: ${compiled.decisions.join(", ")}.` };
  if (compiled.runtime === null) {
    const answer = interpret(compiled.program, decision, context);
    const lines = [verdictLine(answer), ...consentLines(answer), "(The rows tried appear once typing pauses and the program is compiled.)"];
    return { kind: "answer", answer, explanation: null, text: lines.join("\n") };
  }
  const explanation = compiled.runtime.explain(decision, context);
  const problems = compiled.runtime.validateContext(context);
  const { trace: _trace, ...answer } = explanation;
  return { kind: "answer", answer, explanation, text: explanationText(explanation, problems.map((p) => `${p.path || "(the context)"}: ${p.message}`)) };
}

function verdictLine(answer: Answer): string {
  const verdict = answer.reason === "scenario" ? `rule ${answer.rule}` : answer.reason === "default" ? "the decision's default (no scenario applies)" : "no answer (no scenario applies and there is no default)";
  return `Answer: ${verdict}`;
}

function consentLines(answer: Answer): string[] {
  const gates = Object.entries(answer.consent);
  return gates.length === 0 ? [] : [`Consent: ${gates.map(([gate, given]) => `${gate} ${given ? "given" : "not given"}`).join(", ")}`];
}

/** The trace in words: the rows tried in first-hit order, why each failed, and the one that answered. */
export function explanationText(explanation: Explanation, problems: readonly string[]): string {
  const lines: string[] = [verdictLine(explanation)];
  for (const trial of explanation.trace.tried) {
    const where = `${trial.source.file}:${trial.source.line}`;
    if (trial.matched) lines.push(`  ✓ ${trial.rule}  (${where}) every test holds`);
    else if (trial.failed !== null) lines.push(`  ✗ ${trial.rule}  (${where}) ${trial.failed.column} is ${trial.failed.actual}`);
  }
  lines.push(...consentLines(explanation));
  if (problems.length > 0) lines.push("Strict mode would reject this context:", ...problems.map((p) => `  ${p}`));
  return lines.join("\n");
}
