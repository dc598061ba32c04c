/**
 * The fields a finding depends on (docs/analysis.md#how-witnesses-are-built-and-verified): the context
 * paths that the conditions of the finding's decision read — situations,
 * pathway and variation conditions (segments inlined), the consent gates
 * and the units of the experiments its variations run. Every other field of
 * a witness only completes it into a valid context and can take any value
 * without changing the finding, so the witness lists these first, and
 * `scn check` shows only them unless asked for `--witness full`.
 */
import type { CheckedCondition, CheckedProgram } from "@scn/language";

function collect(condition: CheckedCondition | null, into: Set<string>): void {
  if (condition === null) return;
  const stack: CheckedCondition[] = [condition];
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (next.kind === "test") into.add(next.path);
    else if (next.kind === "and" || next.kind === "or") stack.push(...next.operands);
    else if (next.kind === "not") stack.push(next.operand);
  }
}

/** The paths the decision's rules read, in the order the context declares them. */
export function decisionFields(program: CheckedProgram, decision: string): string[] {
  const read = new Set<string>();
  const experiments = new Map((program.experiments ?? []).map((experiment) => [experiment.name, experiment.unit]));
  let personal = false;
  for (const scenario of program.scenarios) {
    if (scenario.decision !== decision) continue;
    collect(scenario.situation, read);
    for (const pathway of scenario.pathways) {
      collect(pathway.when, read);
      for (const variation of pathway.variations) {
        personal = true;
        collect(variation.condition, read);
        const unit = variation.split ? experiments.get(variation.split.experiment) : undefined;
        if (unit !== undefined) read.add(unit);
      }
    }
  }
  // Consent gates decide whether any variation applies at all.
  if (personal) for (const consent of program.consents) read.add(consent.path);
  const ordered: string[] = [];
  const visit = (fields: CheckedProgram["context"], prefix: string): void => {
    for (const field of fields) {
      const path = prefix === "" ? field.name : `${prefix}.${field.name}`;
      if (read.has(path)) ordered.push(path);
      if (field.type.kind === "record") visit(field.type.fields, path);
    }
  };
  visit(program.context, "");
  for (const path of read) if (!ordered.includes(path)) ordered.push(path);
  return ordered;
}

type Json = unknown;

/**
 * `witness` with the records along `fields` first: at every level, the keys
 * on the way to a field the finding depends on come before the others, each
 * group in its original order. The witness is the same context.
 */
export function orderWitness(witness: Json, fields: readonly string[]): Json {
  const reorder = (value: Json, prefix: string): Json => {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
    const entries = Object.entries(value as Record<string, Json>);
    const relevant = (key: string): boolean => {
      const path = prefix === "" ? key : `${prefix}.${key}`;
      return fields.some((field) => field === path || field.startsWith(`${path}.`) || path.startsWith(`${field}.`));
    };
    const first = entries.filter(([key]) => relevant(key));
    const rest = entries.filter(([key]) => !relevant(key));
    return Object.fromEntries([...first, ...rest].map(([key, inner]) => [key, reorder(inner, prefix === "" ? key : `${prefix}.${key}`)]));
  };
  return reorder(witness, "");
}
