/**
 * Code lenses: above each `test` block, its result (run through the
 * reference interpreter, docs/language.md); above each decision, how many
 * rules it has and how many of them the tests reach, and "evaluate…", which
 * asks for a context JSON file from the program's folder and shows the
 * answer and the rule that gave it.
 *
 * Lenses need a program free of errors; while there are errors, tests and
 * decisions say so instead.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { interpret } from "@scn/compiler";
import type { CheckedExpectation, CheckedProgram, JsonValue } from "@scn/language";
import type { CodeLens, Connection } from "vscode-languageserver";
import type { FileContext } from "./context.js";
import { spanToRange } from "./positions.js";
import { uriToPath } from "./uris.js";
import type { Workspace } from "./workspace.js";

export const EVALUATE_COMMAND = "scn.evaluate";

/** Deep partial match: every field the expectation names has the expected value. */
function matchesPartially(expected: JsonValue, actual: unknown): boolean {
  if (expected !== null && typeof expected === "object" && !Array.isArray(expected)) {
    if (actual === null || typeof actual !== "object" || Array.isArray(actual)) return false;
    return Object.entries(expected).every(([key, value]) => Object.hasOwn(actual, key) && matchesPartially(value, (actual as Record<string, unknown>)[key]));
  }
  return JSON.stringify(expected) === JSON.stringify(actual);
}

type Answer = ReturnType<typeof interpret>;

function describeAnswer(answer: Answer): string {
  return answer.reason === "scenario" ? `rule ${answer.rule}` : answer.reason === "default" ? "the default" : "no answer (none)";
}

/** Why an expectation fails, or "" when it holds. */
export function judge(expectation: CheckedExpectation, answer: Answer): string {
  switch (expectation.kind) {
    case "rule":
      return answer.reason === "scenario" && answer.rule === expectation.rule ? "" : `expected rule ${expectation.rule}, got ${describeAnswer(answer)}`;
    case "default":
      return answer.reason === "default" ? "" : `expected the default, got ${describeAnswer(answer)}`;
    case "none":
      return answer.reason === "none" ? "" : `expected no answer, got ${describeAnswer(answer)}`;
    case "output":
      return matchesPartially(expectation.output, answer.output) ? "" : `expected the output to include ${JSON.stringify(expectation.output)}, got ${JSON.stringify(answer.output)}`;
    case "arm":
      return (answer.experiment?.arm ?? null) === expectation.arm ? "" : `expected ${expectation.arm === null ? "no experiment" : `the arm ${expectation.arm}`}, got ${answer.experiment ? `the arm ${answer.experiment.arm} of ${answer.experiment.name}` : "no experiment"}`;
  }
}

/** The rule ids of a decision's active scenarios: pathways, and pathway/variation pairs. */
function rulesOf(program: CheckedProgram, decision: string): string[] {
  const rules: string[] = [];
  for (const scenario of program.scenarios) {
    if (scenario.decision !== decision || scenario.status !== "active") continue;
    for (const pathway of scenario.pathways) {
      rules.push(`${scenario.name}/${pathway.name}`);
      for (const variation of pathway.variations) rules.push(`${scenario.name}/${pathway.name}/${variation.name}`);
    }
  }
  return rules;
}

export async function codeLenses(context: FileContext): Promise<CodeLens[]> {
  const tree = context.state.model.parsed(context.path)?.value;
  if (!tree) return [];
  const check = context.state.model.check();
  const program = check.checked.value;
  const lenses: CodeLens[] = [];
  const reached = new Map<string, Set<string>>();
  if (check.analyzable) {
    for (const test of program.tests) {
      for (const expectation of test.expectations) {
        const answer = interpret(program, expectation.decision, test.given);
        if (answer.rule) {
          const set = reached.get(expectation.decision) ?? new Set<string>();
          set.add(answer.rule);
          reached.set(expectation.decision, set);
        }
      }
    }
  }
  for (const declaration of tree.declarations) {
    const range = spanToRange({ file: declaration.span.file, start: declaration.span.start, end: declaration.span.start });
    if (declaration.kind === "TestDeclaration") {
      if (!check.analyzable) {
        lenses.push({ range, command: { title: "run: fix the errors first", command: "" } });
        continue;
      }
      const test = program.tests.find((t) => t.span.file === context.path && t.span.start.offset === declaration.span.start.offset);
      if (!test) continue;
      const problems = test.expectations.map((expectation) => judge(expectation, interpret(program, expectation.decision, test.given))).filter((p) => p !== "");
      const title = problems.length === 0 ? `run: ✓ passes (${test.expectations.length} expectation${test.expectations.length === 1 ? "" : "s"})` : `run: ✗ ${problems.join("; ")}`;
      lenses.push({ range, command: { title, command: "" } });
    } else if (declaration.kind === "DecisionDeclaration") {
      const name = declaration.name.name;
      if (!check.analyzable) {
        lenses.push({ range, command: { title: "rules · coverage: fix the errors first", command: "" } });
        continue;
      }
      const rules = rulesOf(program, name);
      const covered = rules.filter((rule) => reached.get(name)?.has(rule)).length;
      const percent = rules.length === 0 ? 100 : Math.round((covered / rules.length) * 100);
      lenses.push({ range, command: { title: `${rules.length} rule${rules.length === 1 ? "" : "s"} · ${covered} reached by tests (${percent}%)`, command: "" } });
      lenses.push({ range, command: { title: "evaluate…", command: EVALUATE_COMMAND, arguments: [context.uri, name] } });
    }
  }
  return lenses;
}

/** JSON files under the program's root (not in dependencies or build output), nearest first. */
export function contextFiles(root: string): string[] {
  const found: string[] = [];
  const walk = (directory: string, depth: number): void => {
    if (depth > 4 || found.length >= 50) return;
    let entries;
    try {
      entries = readdirSync(directory, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.isDirectory() && !["node_modules", ".git", "dist", "out"].includes(entry.name)) walk(join(directory, entry.name), depth + 1);
      else if (entry.isFile() && entry.name.endsWith(".json") && entry.name !== "scn.config.json" && !entry.name.endsWith(".scn.json") && entry.name !== "package.json") found.push(join(directory, entry.name));
    }
  };
  walk(root, 0);
  return found;
}

/** Evaluates a decision for a context file: `[uri, decision, contextFile?]`; asks for the file when not given. */
export async function executeEvaluate(connection: Connection, workspace: Workspace, args: readonly unknown[]): Promise<string | null> {
  const [uri, decision, given] = args;
  if (typeof uri !== "string" || typeof decision !== "string") return null;
  const path = uriToPath(uri);
  if (path === null) return null;
  const state = workspace.programOf(path);
  const check = state.model.check();
  if (!check.analyzable) {
    void connection.window.showWarningMessage("evaluate: the program has errors; fix them first");
    return null;
  }
  let file = typeof given === "string" ? (given.startsWith("file:") ? (uriToPath(given) ?? given) : given) : undefined;
  if (file === undefined) {
    const candidates = contextFiles(state.model.root);
    if (candidates.length === 0) {
      void connection.window.showWarningMessage(`evaluate: no context JSON file under ${state.model.root}`);
      return null;
    }
    const choice = await connection.window.showInformationMessage(`evaluate \`${decision}\` with which context?`, ...candidates.slice(0, 20).map((c) => ({ title: relative(state.model.root, c) })));
    if (!choice) return null;
    file = join(state.model.root, choice.title);
  }
  let context: unknown;
  try {
    context = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    void connection.window.showWarningMessage(`evaluate: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
  const answer = interpret(check.checked.value, decision, context);
  const summary = `${decision} → ${describeAnswer(answer)}: ${JSON.stringify(answer.output)}`;
  void connection.window.showInformationMessage(summary);
  return summary;
}
