/**
 * A hand-written JavaScript function for the same decision, the way a good
 * engineer would write it without scn: scenarios checked in priority order
 * as plain if/else, the category-specific ones behind one `switch` on the
 * category (they are disjoint, so that is safe), fields read straight off the
 * context, and one constant answer per rule. It assumes a well-formed
 * context, as such code usually does. It is generated from the checked
 * program (typing 100 scenarios by hand would measure patience, not speed),
 * and it is checked against scn's answers like every other engine.
 */
import type { CheckedCondition, CheckedProgram, CheckedScenario, UnaryTest } from "@scn/language";
import type { Label } from "./answer-label.js";

export function access(path: string): string {
  return "ctx." + path.split(".").join(".");
}

export function lit(value: unknown): string {
  return JSON.stringify(value);
}

/**
 * How generated code reads a context path: `access` gives the expression
 * of its value, and `members` the expression of an enum path's Set of
 * members when reads do not check them (checked-reads.ts), else null.
 * `checked` says the value may be absent whatever the program's types say.
 */
export interface Reads {
  readonly access: (path: string) => string;
  readonly members: (path: string) => string | null;
  readonly checked: boolean;
}

/** Straight property reads, a well-typed context assumed: the code as such code is usually written. */
export const PLAIN_READS: Reads = { access, members: () => null, checked: false };

function atom(path: string, test: UnaryTest, reads: Reads): string {
  const x = reads.access(path);
  const set = reads.members(path);
  // A present value, and for an enum one of its members when reads leave that to the test.
  const present = set === null ? `${x} !== undefined` : `(${x} !== undefined && ${set}.has(${x}))`;
  if ("eq" in test) return `${x} === ${lit(test.eq)}`;
  if ("in" in test) return `(${test.in.map((v) => `${x} === ${lit(v)}`).join(" || ")})`;
  if ("notIn" in test) return `(${present} && ${test.notIn.map((v) => `${x} !== ${lit(v)}`).join(" && ")})`;
  if ("bool" in test) return `${x} === ${test.bool}`;
  if ("contains" in test) return reads.checked ? `(${x} !== undefined && ${x}.includes(${lit(test.contains)}))` : `${x}.includes(${lit(test.contains)})`;
  if ("notContains" in test) return reads.checked ? `(${x} !== undefined && !${x}.includes(${lit(test.notContains)}))` : `!${x}.includes(${lit(test.notContains)})`;
  if ("present" in test) return test.present ? present : set === null ? `${x} === undefined` : `!${present}`;
  return `(${test.range
    .map(([low, high, lowIncl, highIncl]) => {
      const parts: string[] = [];
      if (low !== null) parts.push(`${x} ${lowIncl ? ">=" : ">"} ${low}`);
      if (high !== null) parts.push(`${x} ${highIncl ? "<=" : "<"} ${high}`);
      return parts.length > 0 ? parts.join(" && ") : `typeof ${x} === "number"`;
    })
    .join(" || ")})`;
}

export function condition(c: CheckedCondition, reads: Reads = PLAIN_READS): string {
  const sub = (operand: CheckedCondition) => condition(operand, reads);
  switch (c.kind) {
    case "true":
      return "true";
    case "false":
      return "false";
    case "and":
      return c.operands.length === 0 ? "true" : `(${c.operands.map(sub).join(" && ")})`;
    case "or":
      return c.operands.length === 0 ? "false" : `(${c.operands.map(sub).join(" || ")})`;
    case "not":
      return `!${sub(c.operand)}`;
    case "test":
      return atom(c.path, c.test, reads);
  }
}

/** The category a situation starts with (`order.category == "cX" and …`), if any. */
function categoryOf(s: CheckedScenario): string | null {
  const first = s.situation.kind === "and" ? s.situation.operands[0] : s.situation;
  if (first?.kind === "test" && first.path === "order.category" && "eq" in first.test && typeof first.test.eq === "string") return first.test.eq;
  return null;
}

function scenarioBody(s: CheckedScenario, gates: string, indent: string): string[] {
  const lines: string[] = [];
  for (const pathway of s.pathways) {
    const inner: string[] = [];
    for (const variation of pathway.variations) {
      inner.push(`${indent}    if (consent && ${condition(variation.condition)}) return ${lit(`${s.name}/${pathway.name}/${variation.name}`)};`);
    }
    inner.push(`${indent}    return ${lit(`${s.name}/${pathway.name}`)};`);
    if (pathway.when === null) lines.push(`${indent}  {`, ...inner, `${indent}  }`);
    else lines.push(`${indent}  if (${condition(pathway.when)}) {`, ...inner, `${indent}  }`);
    if (pathway.when === null) break;
  }
  void gates;
  return lines;
}

/** JavaScript source of `export function decide(ctx)` returning a rule id or `(default)`/`(none)`. */
export function handwrittenSource(program: CheckedProgram, decision: string): string {
  const candidates = program.scenarios
    .map((s, order) => ({ s, order }))
    .filter(({ s }) => s.decision === decision && s.status === "active")
    .sort((a, b) => b.s.priority - a.s.priority || a.order - b.order)
    .map(({ s }) => s);
  const declared = program.decisions.find((d) => d.name === decision);
  const fallback = declared?.default ? "(default)" : "(none)";
  const gates = program.consents.map((g) => `${access(g.path)} === true`).join(" && ") || "true";
  const lines = [`export function decide(ctx) {`, `  const consent = ${gates};`];
  const broad = candidates.filter((s) => categoryOf(s) === null);
  const byCategory = candidates.filter((s) => categoryOf(s) !== null);
  // Broad scenarios outrank every category scenario in the generated
  // programs; check that assumption rather than silently reorder.
  const lowestBroad = Math.min(...broad.map((s) => s.priority));
  const safeToGroup = byCategory.every((s) => s.priority < lowestBroad) || broad.length === 0;
  const ordered = safeToGroup ? broad : candidates;
  for (const s of ordered) {
    lines.push(`  if (${condition(s.situation)}) {`, ...scenarioBody(s, gates, "  "), `  }`);
  }
  if (safeToGroup && byCategory.length > 0) {
    lines.push(`  switch (ctx.order.category) {`);
    const groups = new Map<string, CheckedScenario[]>();
    for (const s of byCategory) groups.set(categoryOf(s)!, [...(groups.get(categoryOf(s)!) ?? []), s]);
    for (const [category, scenarios] of groups) {
      lines.push(`    case ${lit(category)}:`);
      for (const s of scenarios) lines.push(`      if (${condition(s.situation)}) {`, ...scenarioBody(s, gates, "      "), `      }`);
      lines.push(`      break;`);
    }
    lines.push(`  }`);
  }
  lines.push(`  return ${lit(fallback)};`, `}`);
  return lines.join("\n") + "\n";
}

export interface HandwrittenPeer {
  decide(context: unknown): Label;
}

export async function handwrittenPeer(program: CheckedProgram, decision: string): Promise<HandwrittenPeer> {
  const source = handwrittenSource(program, decision);
  const module = (await import(`data:text/javascript;base64,${Buffer.from(source).toString("base64")}`)) as { decide: (c: unknown) => Label };
  return { decide: module.decide };
}
