/**
 * The hand-written baseline a competent engineer would write for a large
 * program, generated from the checked program at every size: the scenarios
 * in priority order, each a small function, reached through a Map from the
 * dispatch field (the category) to the scenarios naming that category, and
 * walked in priority order together with the scenarios naming none, so a
 * decision tries a few scenarios instead of all of them. It returns the same full answer as scn
 * (rule, output, metrics, consent record), with the outputs as constants.
 * It assumes well-typed contexts, as such code usually does, and it is
 * checked against scn's answers like every other engine.
 */
import type { CheckedCondition, CheckedProgram, CheckedScenario } from "@scn/language";
import type { Answer, DecisionTable } from "@scn/runtime";
import { access, condition, lit } from "./peer-handwritten.js";

/** The values of `path` a situation requires (`path == v` or `path in [...]` as one of its top-level `and` operands), or null. */
function keysOf(situation: CheckedCondition, path: string): string[] | null {
  const operands = situation.kind === "and" ? situation.operands : [situation];
  for (const operand of operands) {
    if (operand.kind !== "test" || operand.path !== path) continue;
    if ("eq" in operand.test && typeof operand.test.eq === "string") return [operand.test.eq];
    if ("in" in operand.test) return operand.test.in.filter((v): v is string => typeof v === "string");
  }
  return null;
}

function scenarioFunction(s: CheckedScenario, index: number, answerOf: (rule: string) => number): string {
  const lines = [`function s${index}(ctx, consent) {`, `  if (!${condition(s.situation)}) return -1;`];
  for (const pathway of s.pathways) {
    const body: string[] = [];
    for (const variation of pathway.variations) {
      body.push(`    if (consent && ${condition(variation.condition)}) return ${answerOf(`${s.name}/${pathway.name}/${variation.name}`)};`);
    }
    body.push(`    return ${answerOf(`${s.name}/${pathway.name}`)};`);
    if (pathway.when === null) {
      lines.push("  {", ...body, "  }");
      break;
    }
    lines.push(`  if (${condition(pathway.when)}) {`, ...body, "  }");
  }
  lines.push("  return -1;", "}");
  return lines.join("\n");
}

/** JavaScript source of `export function decide(ctx)` returning scn's full answer. */
export function mapDispatchSource(program: CheckedProgram, table: DecisionTable, decision: string, path: string): string {
  const scenarios = program.scenarios
    .map((s, order) => ({ s, order }))
    .filter(({ s }) => s.decision === decision && s.status === "active")
    .sort((a, b) => b.s.priority - a.s.priority || a.order - b.order)
    .map(({ s }) => s);
  const outcomes = new Map(table.outcomes.map((o) => [o.rule, o]));
  const answers: string[] = [];
  const answerOf = (rule: string): number => {
    const outcome = outcomes.get(rule);
    const [scenario, pathway, variation] = rule.split("/");
    // A rule the compiler pruned is never chosen; its answer is never built.
    answers.push(
      `{ rule: ${lit(rule)}, scenario: ${lit(scenario)}, pathway: ${lit(pathway)}, variation: ${lit(variation ?? null)}, output: ${JSON.stringify(outcome?.output ?? null)}, metrics: ${JSON.stringify(outcome?.metrics ?? [])} }`,
    );
    return answers.length - 1;
  };
  const functions = scenarios.map((s, i) => scenarioFunction(s, i, answerOf));
  const byKey = new Map<string, number[]>();
  const everywhere: number[] = [];
  scenarios.forEach((s, i) => {
    const keys = keysOf(s.situation, path);
    if (keys === null) everywhere.push(i);
    else for (const key of keys) byKey.set(key, [...(byKey.get(key) ?? []), i]);
  });
  const gates = program.consents.map((g) => `${access(g.path)} === true`).join(" && ") || "true";
  const consentRecord = `{ ${program.consents.map((g) => `${JSON.stringify(g.name)}: consent`).join(", ")} }`;
  const fallback = table.default
    ? `{ decision: ${lit(decision)}, reason: "default", rule: null, scenario: null, pathway: null, variation: null, output: DEFAULT, metrics: [], consent: ${consentRecord}, experiment: null }`
    : `{ decision: ${lit(decision)}, reason: "none", rule: null, scenario: null, pathway: null, variation: null, output: null, metrics: [], consent: ${consentRecord}, experiment: null }`;
  return [
    ...functions,
    `const ANSWERS = [\n${answers.join(",\n")}\n];`,
    `const DEFAULT = ${JSON.stringify(table.default ?? null)};`,
    `const F = [${functions.map((_, i) => `s${i}`).join(", ")}];`,
    `const BY_KEY = new Map([\n${[...byKey].map(([key, list]) => `[${lit(key)}, [${list.join(", ")}]]`).join(",\n")}\n]);`,
    `const NONE = [];`,
    `const OTHER = [${everywhere.join(", ")}];`,
    `function answer(k, consent) {`,
    `  const a = ANSWERS[k];`,
    `  return { decision: ${lit(decision)}, reason: "scenario", rule: a.rule, scenario: a.scenario, pathway: a.pathway, variation: a.variation, output: a.output, metrics: a.metrics, consent: ${consentRecord}, experiment: a.experiment ?? null };`,
    `}`,
    `export function decide(ctx) {`,
    `  const consent = ${gates};`,
    `  const key = ${access(path)};`,
    `  const own = (typeof key === "string" ? BY_KEY.get(key) : undefined) ?? NONE;`,
    `  // Both lists are in priority order: walk them merged.`,
    `  let i = 0, j = 0;`,
    `  while (i < own.length || j < OTHER.length) {`,
    `    const s = j >= OTHER.length || (i < own.length && own[i] < OTHER[j]) ? own[i++] : OTHER[j++];`,
    `    const k = F[s](ctx, consent);`,
    `    if (k >= 0) return answer(k, consent);`,
    `  }`,
    `  return ${fallback};`,
    `}`,
  ].join("\n") + "\n";
}

export interface MapDispatchPeer {
  decide(context: unknown): Answer;
}

export async function mapDispatchPeer(program: CheckedProgram, table: DecisionTable, decision: string, path: string): Promise<MapDispatchPeer> {
  const source = mapDispatchSource(program, table, decision, path);
  const module = (await import(`data:text/javascript;base64,${Buffer.from(source).toString("base64")}`)) as MapDispatchPeer;
  return { decide: module.decide };
}
