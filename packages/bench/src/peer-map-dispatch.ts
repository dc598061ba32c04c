/**
 * The hand-written baseline a competent engineer would write for a large
 * program, generated from the checked program at every size: the scenarios
 * in priority order, each a small function, reached through a Map from the
 * dispatch field (the category) to the scenarios naming that category. The
 * scenarios naming no category are dispatched the same way on the field most
 * of them test for equality (the best-case program's broad scenarios name an
 * app version), as anyone with a thousand such scenarios would; the three
 * lists are walked merged in priority order, so a decision tries a few
 * scenarios instead of all of them. It returns the same full answer as scn
 * (rule, output, metrics, consent record), with the outputs as constants.
 * It assumes well-typed contexts, as such code usually does, and it is
 * checked against scn's answers like every other engine.
 */
import type { CheckedCondition, CheckedProgram, CheckedScenario } from "@scn/language";
import type { Answer, DecisionTable } from "@scn/runtime";
import { CheckedReads } from "./checked-reads.js";
import { condition, lit, PLAIN_READS, type Reads } from "./peer-handwritten.js";

type Key = string | number;

function isKey(value: unknown): value is Key {
  return typeof value === "string" || typeof value === "number";
}

/** The values of `path` a situation requires (`path == v` or `path in [...]` as one of its top-level `and` operands), or null. */
function keysOf(situation: CheckedCondition, path: string): Key[] | null {
  const operands = situation.kind === "and" ? situation.operands : [situation];
  for (const operand of operands) {
    if (operand.kind !== "test" || operand.path !== path) continue;
    if ("eq" in operand.test && isKey(operand.test.eq)) return [operand.test.eq];
    if ("in" in operand.test) return operand.test.in.filter(isKey);
  }
  return null;
}

/** The paths a situation requires to equal one of a few values, as its top-level `and` operands. */
function equalityPaths(situation: CheckedCondition): string[] {
  const operands = situation.kind === "and" ? situation.operands : [situation];
  const paths: string[] = [];
  for (const operand of operands) {
    if (operand.kind !== "test") continue;
    if (("eq" in operand.test && isKey(operand.test.eq)) || "in" in operand.test) paths.push(operand.path);
  }
  return paths;
}

/** The path most of `scenarios` test for equality, when at least two do: the second dispatch field. */
function secondaryPath(scenarios: readonly CheckedScenario[]): string | null {
  const counts = new Map<string, number>();
  for (const s of scenarios) for (const path of new Set(equalityPaths(s.situation))) counts.set(path, (counts.get(path) ?? 0) + 1);
  let best: string | null = null;
  let bestCount = 1;
  for (const [path, count] of [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (count > bestCount) [best, bestCount] = [path, count];
  }
  return best;
}

function dispatchMap(name: string, byKey: Map<Key, number[]>): string {
  return `const ${name} = new Map([\n${[...byKey].map(([key, list]) => `[${lit(key)}, [${list.join(", ")}]]`).join(",\n")}\n]);`;
}

/** Adds scenario `i` under each of its keys of `path`; false when it names none. */
function file(byKey: Map<Key, number[]>, s: CheckedScenario, i: number, path: string): boolean {
  const keys = keysOf(s.situation, path);
  if (keys === null) return false;
  for (const key of keys) byKey.set(key, [...(byKey.get(key) ?? []), i]);
  return true;
}

function scenarioFunction(s: CheckedScenario, index: number, answerOf: (rule: string) => number, reads: Reads): string {
  const lines = [`function s${index}(ctx, consent) {`, `  if (!${condition(s.situation, reads)}) return -1;`];
  for (const pathway of s.pathways) {
    const body: string[] = [];
    for (const variation of pathway.variations) {
      body.push(`    if (consent && ${condition(variation.condition, reads)}) return ${answerOf(`${s.name}/${pathway.name}/${variation.name}`)};`);
    }
    body.push(`    return ${answerOf(`${s.name}/${pathway.name}`)};`);
    if (pathway.when === null) {
      lines.push("  {", ...body, "  }");
      break;
    }
    lines.push(`  if (${condition(pathway.when, reads)}) {`, ...body, "  }");
  }
  lines.push("  return -1;", "}");
  return lines.join("\n");
}

/**
 * How the hand-written function reads the context: `plain`, straight
 * property reads assuming a well-typed context, as such code is usually
 * written (the baseline of the targets); `checked`, every read keeping
 * scn's runtime contract (checked-reads.ts), the floor of any evaluator
 * that keeps it.
 */
export type ReadStyle = "plain" | "checked";

/** JavaScript source of `export function decide(ctx)` returning scn's full answer. */
export function mapDispatchSource(program: CheckedProgram, table: DecisionTable, decision: string, path: string, style: ReadStyle = "plain"): string {
  const checked = style === "checked" ? new CheckedReads(table.columns) : null;
  const reads: Reads = checked === null ? PLAIN_READS : { access: checked.access, members: checked.members, checked: true };
  const access = reads.access;
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
  const functions = scenarios.map((s, i) => scenarioFunction(s, i, answerOf, reads));
  const byKey = new Map<Key, number[]>();
  const unkeyed: number[] = [];
  scenarios.forEach((s, i) => {
    if (!file(byKey, s, i, path)) unkeyed.push(i);
  });
  const second = secondaryPath(unkeyed.map((i) => scenarios[i]!));
  const bySecond = new Map<Key, number[]>();
  const everywhere = second === null ? unkeyed : unkeyed.filter((i) => !file(bySecond, scenarios[i]!, i, second));
  const gates = program.consents.map((g) => `${access(g.path)} === true`).join(" && ") || "true";
  const consentRecord = `{ ${program.consents.map((g) => `${JSON.stringify(g.name)}: consent`).join(", ")} }`;
  const fallback = table.default
    ? `{ decision: ${lit(decision)}, reason: "default", rule: null, scenario: null, pathway: null, variation: null, output: DEFAULT, metrics: [], consent: ${consentRecord}, experiment: null }`
    : `{ decision: ${lit(decision)}, reason: "none", rule: null, scenario: null, pathway: null, variation: null, output: null, metrics: [], consent: ${consentRecord}, experiment: null }`;
  const decideLines = [
    `export function decide(ctx) {`,
    ...(checked === null ? [] : ["  $begin(ctx);"]),
    `  const consent = ${gates};`,
    `  const key = ${access(path)};`,
    `  const own = BY_KEY.get(key) ?? NONE;`,
    second === null ? `  const near = NONE;` : `  const near = BY_SECOND.get(${access(second)}) ?? NONE;`,
  ];
  return [
    // The readers last: every path the code above reads is registered by now.
    ...functions,
    `const ANSWERS = [\n${answers.join(",\n")}\n];`,
    `const DEFAULT = ${JSON.stringify(table.default ?? null)};`,
    `const F = [${functions.map((_, i) => `s${i}`).join(", ")}];`,
    dispatchMap("BY_KEY", byKey),
    dispatchMap("BY_SECOND", bySecond),
    `const NONE = [];`,
    `const OTHER = [${everywhere.join(", ")}];`,
    `function answer(k, consent) {`,
    `  const a = ANSWERS[k];`,
    `  return { decision: ${lit(decision)}, reason: "scenario", rule: a.rule, scenario: a.scenario, pathway: a.pathway, variation: a.variation, output: a.output, metrics: a.metrics, consent: ${consentRecord}, experiment: a.experiment ?? null };`,
    `}`,
    ...decideLines,
    `  // The three lists are in priority order: walk them merged.`,
    `  let i = 0, j = 0, m = 0;`,
    `  for (;;) {`,
    `    const a = i < own.length ? own[i] : Infinity, b = m < near.length ? near[m] : Infinity, c = j < OTHER.length ? OTHER[j] : Infinity;`,
    `    let s;`,
    `    if (a <= b && a <= c) { if (a === Infinity) break; s = a; i++; } else if (b <= c) { s = b; m++; } else { s = c; j++; }`,
    `    const k = F[s](ctx, consent);`,
    `    if (k >= 0) return answer(k, consent);`,
    `  }`,
    `  return ${fallback};`,
    `}`,
    ...(checked === null ? [] : [checked.source()]),
  ].join("\n") + "\n";
}

export interface MapDispatchPeer {
  decide(context: unknown): Answer;
}

export async function mapDispatchPeer(program: CheckedProgram, table: DecisionTable, decision: string, path: string, style: ReadStyle = "plain"): Promise<MapDispatchPeer> {
  const source = mapDispatchSource(program, table, decision, path, style);
  const module = (await import(`data:text/javascript;base64,${Buffer.from(source).toString("base64")}`)) as MapDispatchPeer;
  return { decide: module.decide };
}
